// "印刷する" buttons: printing needs a script, so they stay hidden until this runs; without JavaScript
// the browser's own print command is used.
for (const button of document.querySelectorAll<HTMLButtonElement>("[data-print]")) {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
}
