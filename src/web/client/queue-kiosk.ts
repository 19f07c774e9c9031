// The kiosk receipt's island: back to the kiosk's start page after a quiet minute, so the next person
// finds it ready. Any touch or key restarts the minute; the "back" link works with or without script.
const receipt = document.querySelector<HTMLElement>("[data-return-url]");
if (receipt) {
  const url = receipt.dataset.returnUrl ?? "";
  const seconds = Number(receipt.dataset.returnSeconds ?? "60");
  let timer = window.setTimeout(() => window.location.assign(url), seconds * 1_000);
  const restart = () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => window.location.assign(url), seconds * 1_000);
  };
  for (const type of ["pointerdown", "keydown"]) document.addEventListener(type, restart);
}
