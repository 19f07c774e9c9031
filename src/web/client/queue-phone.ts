// The phone page's island: the ticket's place and estimated wait, live by Server-Sent Events, with a
// vibration when the turn is near and when called. Without JavaScript the page reloads itself.
import type { PhonePayload } from "../../queue/queue.presenters";
import { fillWait, type WaitTemplates } from "../../queue/wait-estimate";

const card = document.querySelector<HTMLElement>(".phone__card[data-events]");
if (card) startPhone(card);

function stateOf(p: PhonePayload): string {
  if (p.status === "waiting") return p.nearly ? "nearly" : "waiting";
  return p.status;
}

function startPhone(card: HTMLElement): void {
  const url = card.dataset.events ?? "";
  const lang = card.dataset.lang ?? "ja";
  let current = card.querySelector<HTMLElement>("[data-state]:not([hidden])")?.dataset.state ?? "";
  let failures = 0;
  let lastId = "";
  let waitTexts = {} as WaitTemplates;
  try {
    waitTexts = JSON.parse(card.dataset.waitTexts ?? "{}") as WaitTemplates;
  } catch {}

  const fill = (field: string, value: string) => {
    for (const el of card.querySelectorAll<HTMLElement>(`[data-field="${field}"]`)) el.textContent = value;
  };

  /** "Please go to {counter}": the counter's name in the page's language, else in Japanese, marked so. */
  const calledText = (labels: PhonePayload["counterLabels"]) => {
    const [before = "", after = ""] = (card.dataset.textCalled ?? "").split("{counter}");
    const own = labels?.[lang] ?? (lang.startsWith("ja") ? labels?.ja : undefined);
    let counter: Node = document.createTextNode(own ?? labels?.ja ?? "");
    if (!own && labels) {
      const span = document.createElement("span");
      span.lang = "ja";
      span.textContent = labels.ja;
      counter = span;
    }
    for (const el of card.querySelectorAll<HTMLElement>('[data-field="called-text"]'))
      el.replaceChildren(before, counter.cloneNode(true), after);
  };

  const render = (p: PhonePayload) => {
    const state = stateOf(p);
    const ahead = p.ahead ?? 0;
    fill(
      "ahead-text",
      ahead > 0
        ? (card.dataset.textAhead ?? "").replace("{count}", String(ahead))
        : (card.dataset.textAheadNone ?? ""),
    );
    fill("range", p.wait ? fillWait(waitTexts, p.wait) : "");
    calledText(p.counterLabels);
    for (const section of card.querySelectorAll<HTMLElement>("[data-state]"))
      section.hidden = section.dataset.state !== state;
    if (state !== current && (state === "nearly" || state === "called")) navigator.vibrate?.([200, 100, 200]);
    current = state;
  };

  const connect = () => {
    const source = new EventSource(lastId ? `${url}?lastEventId=${encodeURIComponent(lastId)}` : url);
    source.addEventListener("ticket", (event) => {
      failures = 0;
      const message = event as MessageEvent<string>;
      if (message.lastEventId) lastId = message.lastEventId;
      const payload = JSON.parse(message.data) as PhonePayload;
      render(payload);
      // Nothing more will happen to a finished ticket.
      if (payload.status === "done" || payload.status === "absent" || payload.status === "expired")
        source.close();
    });
    source.addEventListener("error", () => {
      if (source.readyState !== EventSource.CLOSED) return;
      failures++;
      // A forged or expired token keeps failing: stop after a few tries.
      if (failures <= 6) window.setTimeout(connect, Math.min(30_000, 1_000 * 2 ** failures));
    });
  };
  connect();
}
