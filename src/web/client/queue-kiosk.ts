// The kiosk receipt's island. With a printer set on the kiosk (its start URL carries `printer=1`), the
// ticket prints as soon as it is shown (Chromium's --kiosk-printing prints without a dialog). A kiosk
// receipt returns to the start after a quiet while so that the next person finds it ready, but first
// warns, with a button to keep the ticket on screen (WCAG 2.2.1): any touch or key restarts the wait.
const receipt = document.querySelector<HTMLElement>(".receipt");
if (receipt?.dataset.autoPrint !== undefined) window.setTimeout(() => window.print(), 300);
if (receipt?.dataset.returnUrl) {
  const url = receipt.dataset.returnUrl;
  const total = Number(receipt.dataset.returnSeconds ?? "90");
  const warn = Math.min(total, Number(receipt.dataset.warnSeconds ?? "20"));
  const warning = document.querySelector<HTMLElement>("[data-return-warning]");
  const warningText = document.querySelector<HTMLElement>("[data-return-warning-text]");
  const extend = document.querySelector<HTMLButtonElement>("[data-return-extend]");
  let left = total;
  const tick = () => {
    left--;
    if (left <= 0) {
      window.location.assign(url);
      return;
    }
    if (left <= warn && warning && warningText) {
      if (warning.hidden) {
        warning.hidden = false;
        extend?.focus();
      }
      warningText.textContent = (warningText.dataset.template ?? "").replace("{seconds}", String(left));
    }
  };
  let timer = window.setInterval(tick, 1_000);
  const restart = () => {
    window.clearInterval(timer);
    left = total;
    if (warning) warning.hidden = true;
    timer = window.setInterval(tick, 1_000);
  };
  extend?.addEventListener("click", restart);
  for (const type of ["pointerdown", "keydown"]) document.addEventListener(type, restart);
}
