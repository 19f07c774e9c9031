// "印刷する" buttons: printing needs a script, so without JavaScript the browser's own print is used.
for (const button of document.querySelectorAll<HTMLButtonElement>("[data-print]")) {
  button.addEventListener("click", () => window.print());
}
