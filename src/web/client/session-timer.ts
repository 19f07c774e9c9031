// Warns before a staff session ends. The page already says when it ends and offers an "extend" form;
// this only makes the warning visible (and announced) in time, without reloading anything.
const bar = document.querySelector<HTMLElement>("[data-session-expires-at]");
if (bar) {
  const expiresAt = Date.parse(bar.dataset.sessionExpiresAt ?? "");
  const warnMs = Number(bar.dataset.sessionWarningMinutes ?? "5") * 60_000;
  const warning = bar.querySelector<HTMLElement>("[data-session-warning]");
  const tick = (): void => {
    const left = expiresAt - Date.now();
    if (warning && left <= warnMs && warning.hidden) {
      warning.hidden = false;
      bar.classList.add("session-bar--warning");
    }
    if (left <= 0) {
      window.location.assign(`/signin?expired=1&next=${encodeURIComponent(window.location.pathname)}`);
      return;
    }
    window.setTimeout(tick, Math.min(30_000, Math.max(1_000, left - warnMs)));
  };
  if (!Number.isNaN(expiresAt)) tick();
}
