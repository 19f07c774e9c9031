// The display board's island: live updates by Server-Sent Events, a chime and a spoken call in
// Japanese for each new call, and each call announced to screen readers as a sentence in Japanese and
// in the captions' languages. Without JavaScript the page reloads itself (<noscript> refresh).
import type { Announcement, DisplayPayload } from "../../queue/queue.presenters";
import { fillWait, type WaitTemplates } from "../../queue/wait-estimate";
import type { LocaleMap } from "../../shared/locale";

/** The page's texts per language (Japanese first): see displayTexts in src/queue/pages/display.page.tsx. */
type Texts = Record<string, { waiting: string; wait: WaitTemplates; call: string }>;

const root = document.querySelector<HTMLElement>(".display__board[data-events]");
if (root) startDisplay(root);

function startDisplay(root: HTMLElement): void {
  const url = root.dataset.events ?? "";
  let lastId = root.dataset.seq ?? "";
  let failures = 0;
  let audio: AudioContext | undefined;
  const soundButton = root.querySelector<HTMLButtonElement>("[data-sound]");
  const soundOn = root.querySelector<HTMLElement>("[data-sound-on]");
  const live = root.querySelector<HTMLElement>("[data-display-live]");
  const captions = (root.dataset.captions ?? "").split(" ").filter(Boolean);
  let texts: Texts = {};
  try {
    texts = JSON.parse(root.dataset.texts ?? "{}") as Texts;
  } catch {}

  // Browsers start audio only after a gesture: one touch on the TV (or a kiosk-mode flag) enables it.
  const enableSound = () => {
    try {
      audio ??= new AudioContext();
      void audio.resume();
    } catch {}
    // An empty utterance unlocks speech synthesis within the gesture.
    try {
      speechSynthesis.speak(new SpeechSynthesisUtterance(""));
    } catch {}
    localStorage.setItem("mg-display-sound", "1");
    if (soundButton) soundButton.hidden = true;
    if (soundOn) soundOn.hidden = false;
  };
  if (soundButton) {
    soundButton.hidden = false;
    soundButton.addEventListener("click", enableSound);
  }
  // Where the device allows sound without a gesture (Chromium started with
  // --autoplay-policy=no-user-gesture-required, as docs/operations.md sets up a display in kiosk
  // mode), the board speaks from the start and shows no button; elsewhere one touch enables it.
  try {
    audio = new AudioContext();
    if (audio.state === "running") {
      root.dataset.sound = "auto";
      if (soundButton) soundButton.hidden = true;
      if (soundOn) soundOn.hidden = false;
    } else if (localStorage.getItem("mg-display-sound") === "1") {
      void audio.resume();
    }
  } catch {}

  const chime = (at: number) => {
    if (audio?.state !== "running") return;
    for (const [i, freq] of [880, 659].entries()) {
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.type = "sine";
      osc.frequency.value = freq;
      const start = at + i * 0.45;
      gain.gain.setValueAtTime(0.0001, start);
      gain.gain.exponentialRampToValueAtTime(0.4, start + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.8);
      osc.connect(gain).connect(audio.destination);
      osc.start(start);
      osc.stop(start + 0.85);
    }
  };

  const text = (tag: string, value: string, className?: string, lang?: string) => {
    const el = document.createElement(tag);
    el.textContent = value;
    if (className) el.className = className;
    if (lang) el.lang = lang;
    return el;
  };

  /** "受付番号 100番の方、…へお越しください。" in one language, the counter's name marked if it is in another. */
  const sentence = (lang: string, call: Announcement): HTMLElement | undefined => {
    const template = texts[lang]?.call;
    if (!template) return undefined;
    const own = call.counterLabels[lang];
    const counter = own ?? call.counterLabels.ja;
    const [before = "", after = ""] = template.replace("{number}", String(call.number)).split("{counter}");
    const span = document.createElement("span");
    if (lang !== "ja") span.lang = lang;
    span.append(before);
    span.append(!own && lang.split("-")[0] !== "ja" ? text("span", counter, undefined, "ja") : counter);
    span.append(after);
    return span;
  };

  const announce = (calls: Announcement[]) => {
    if (calls.length === 0) return;
    if (live) {
      // One sentence per call and language: a screen reader says the call, not "100 arrow …".
      live.replaceChildren(
        ...calls.map((c) => {
          const p = document.createElement("p");
          for (const lang of ["ja", ...captions]) {
            const s = sentence(lang, c);
            if (!s) continue;
            if (p.childNodes.length > 0) p.append(" ");
            p.append(s);
          }
          return p;
        }),
      );
    }
    const base = audio?.currentTime ?? 0;
    calls.forEach((c, i) => {
      chime(base + i * 6);
      window.setTimeout(
        () => {
          try {
            const u = new SpeechSynthesisUtterance(c.textJa);
            u.lang = "ja-JP";
            u.rate = 0.95;
            speechSynthesis.speak(u);
          } catch {}
        },
        1_000 + i * 6_000,
      );
    });
  };

  const counterName = (labels: LocaleMap) => {
    const counter = text("span", labels.ja, "display__counter");
    for (const lang of captions) {
      const own = labels[lang];
      if (own) counter.append(text("span", own, "display__en", lang));
    }
    return counter;
  };

  const renderCalls = (board: DisplayPayload) => {
    const region = root.querySelector<HTMLElement>("[data-display-calls-region]");
    if (!region) return;
    if (board.calls.length === 0) return;
    const list = document.createElement("ol");
    list.className = "display__calls";
    list.dataset.displayCalls = "";
    for (const c of board.calls) {
      const li = document.createElement("li");
      li.className = c.active ? "display__call display__call--active" : "display__call";
      li.append(text("span", String(c.number), "display__number"));
      const arrow = text("span", "→", "display__arrow");
      arrow.setAttribute("aria-hidden", "true");
      li.append(arrow);
      li.append(counterName(c.counterLabels));
      list.append(li);
    }
    region.replaceChildren(list);
  };

  const renderWaits = (board: DisplayPayload) => {
    for (const w of board.waits) {
      const row = root.querySelector<HTMLElement>(`[data-purpose="${CSS.escape(w.code)}"]`);
      if (!row) continue;
      for (const span of row.querySelectorAll<HTMLElement>('[data-field="waiting"] [data-lang]')) {
        const template = texts[span.dataset.lang ?? ""]?.waiting;
        if (template) span.textContent = template.replace("{count}", String(w.waiting));
      }
      for (const span of row.querySelectorAll<HTMLElement>('[data-field="range"] [data-lang]')) {
        const templates = texts[span.dataset.lang ?? ""]?.wait;
        if (templates) span.textContent = fillWait(templates, w.wait);
      }
    }
  };

  const connect = () => {
    const source = new EventSource(lastId ? `${url}?lastEventId=${encodeURIComponent(lastId)}` : url);
    // For people and tests alike: whether the board is live now.
    source.addEventListener("open", () => {
      root.dataset.live = "open";
    });
    source.addEventListener("board", (event) => {
      failures = 0;
      const message = event as MessageEvent<string>;
      if (message.lastEventId) lastId = message.lastEventId;
      const board = JSON.parse(message.data) as DisplayPayload;
      root.dataset.seq = String(board.seq);
      renderCalls(board);
      renderWaits(board);
      announce(board.announce);
    });
    source.addEventListener("error", () => {
      root.dataset.live = "reconnecting";
      // EventSource reconnects by itself (sending Last-Event-ID) unless the server refused: then we do.
      if (source.readyState !== EventSource.CLOSED) return;
      failures++;
      window.setTimeout(connect, Math.min(30_000, 1_000 * 2 ** Math.min(failures, 5)));
    });
  };
  connect();
}
