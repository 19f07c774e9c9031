// Warns before a staff session ends. The page already says when it ends and offers an "extend" form;
// this only makes the warning visible (and announced) in time, and goes to sign-in once it has ended.
//
// The time left is the server's count (data-session-remaining-seconds, taken when the page was made)
// less the time since this script started, measured by performance.now(). The browser's own clock is
// never compared with the server's: a tablet whose clock runs an hour ahead would otherwise find
// every fresh page already expired and reload sign-in over and over.
const bar = document.querySelector<HTMLElement>("[data-session-remaining-seconds]");
// A second of grace, so the server has surely ended the session when the page goes to sign-in.
const GRACE_MS = 1_000;
if (bar) {
  const remainingMs = Number(bar.dataset.sessionRemainingSeconds) * 1000;
  const warnMs = Number(bar.dataset.sessionWarningMinutes ?? "5") * 60_000;
  const warning = bar.querySelector<HTMLElement>("[data-session-warning]");
  const started = performance.now();
  const tick = (): void => {
    const left = remainingMs - (performance.now() - started);
    if (warning && left <= warnMs && warning.hidden) {
      warning.hidden = false;
      bar.classList.add("session-bar--warning");
    }
    if (left + GRACE_MS <= 0) {
      // Never from sign-in itself: that page is where an ended session lands.
      if (window.location.pathname !== "/signin")
        window.location.assign(`/signin?expired=1&next=${encodeURIComponent(window.location.pathname)}`);
      return;
    }
    window.setTimeout(
      tick,
      Math.min(30_000, Math.max(1_000, left > warnMs ? left - warnMs : left + GRACE_MS)),
    );
  };
  if (Number.isFinite(remainingMs)) tick();
}
