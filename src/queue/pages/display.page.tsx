import { DEFAULT_LOCALE, type Locale, type LocaleMap } from "../../shared/locale";
import { type PublicContext, PublicLayout } from "../../web/components/public-layout";
import { type MessageKey, type Translate, translator } from "../../web/i18n";
import type { DisplayPayload } from "../queue.presenters";
import { fillWait, type WaitTemplates } from "../wait-estimate";
import { Caption, waitTemplates } from "./components";

export interface DisplayView {
  officeId: string;
  officeName: LocaleMap;
  /** The languages shown under the Japanese, as the office set them. */
  captions: readonly Locale[];
  board: DisplayPayload;
}

/** The texts the display's script fills in as the board changes, per language (Japanese first). */
export type DisplayTexts = Record<Locale, { waiting: string; wait: WaitTemplates; call: string }>;

export function displayTexts(captions: readonly Locale[]): DisplayTexts {
  const texts: DisplayTexts = {};
  for (const lang of [DEFAULT_LOCALE, ...captions]) {
    const t = translator(lang);
    texts[lang] = {
      waiting: t("queue.waitingCount", { count: "{count}" }),
      // Short words on the board: a row must stay one or two lines at 5 m.
      wait: {
        ...waitTemplates(t),
        noSamples: t("queue.waitNoSamplesShort"),
        noOpenCounter: t("queue.waitNoCounterShort"),
      },
      call: t("queue.displayAnnouncement", { number: "{number}", counter: "{counter}" }),
    };
  }
  return texts;
}

/** A catalogue text in Japanese with the same text in each caption language under it. */
function Captioned(props: { captions: readonly Locale[]; render: (t: Translate) => string; class?: string }) {
  return (
    <>
      {props.render(translator(DEFAULT_LOCALE))}
      {props.captions.map((lang) => (
        <>
          {" "}
          <span lang={lang} class={props.class ?? "display__caption"}>
            {props.render(translator(lang))}
          </span>
        </>
      ))}
    </>
  );
}

const say = (key: MessageKey) => (t: Translate) => t(key);

export function DisplayCalls({ board, captions }: { board: DisplayPayload; captions: readonly Locale[] }) {
  if (board.calls.length === 0)
    return (
      <p class="display__empty" data-display-empty>
        <Captioned captions={captions} render={say("queue.noCalls")} />
      </p>
    );
  return (
    <ol class="display__calls" data-display-calls>
      {board.calls.map((c) => (
        <li class={c.active ? "display__call display__call--active" : "display__call"}>
          <span class="display__number">{c.number}</span>
          <span class="display__arrow" aria-hidden="true">
            →
          </span>
          <span class="display__counter">
            {c.counterLabels.ja}
            {captions.map((lang) => (
              <Caption map={c.counterLabels} lang={lang} class="display__en" />
            ))}
          </span>
        </li>
      ))}
    </ol>
  );
}

/** A waits cell: the Japanese and each caption, each a span the script rewrites. */
function WaitCell(props: {
  field: "waiting" | "range";
  texts: DisplayTexts;
  captions: readonly Locale[];
  fill: (texts: DisplayTexts[Locale]) => string;
}) {
  const text = (lang: Locale) => {
    const texts = props.texts[lang];
    return texts ? props.fill(texts) : "";
  };
  return (
    <td data-field={props.field}>
      <span data-lang={DEFAULT_LOCALE}>{text(DEFAULT_LOCALE)}</span>
      {props.captions.map((lang) => (
        <span lang={lang} data-lang={lang} class="display__caption">
          {text(lang)}
        </span>
      ))}
    </td>
  );
}

export function DisplayWaits(props: {
  board: DisplayPayload;
  captions: readonly Locale[];
  texts: DisplayTexts;
}) {
  const { captions, texts } = props;
  return (
    <table class="display__waits" data-display-waits>
      <thead>
        <tr>
          <th scope="col">
            <Captioned captions={captions} render={say("queue.purpose")} />
          </th>
          <th scope="col">
            <Captioned captions={captions} render={say("queue.waiting")} />
          </th>
          <th scope="col">
            <Captioned captions={captions} render={say("queue.estimateShort")} />
          </th>
        </tr>
      </thead>
      <tbody>
        {props.board.waits.map((w) => (
          <tr data-purpose={w.code}>
            <th scope="row">
              {w.labels.ja}
              {captions.map((lang) => (
                <Caption map={w.labels} lang={lang} />
              ))}
            </th>
            <WaitCell
              field="waiting"
              texts={texts}
              captions={captions}
              fill={(x) => x.waiting.replace("{count}", String(w.waiting))}
            />
            <WaitCell
              field="range"
              texts={texts}
              captions={captions}
              fill={(x) => fillWait(x.wait, w.wait)}
            />
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * The display board: Japanese, with the captions the office chose under each line. Calls are
 * announced in a live region as sentences in Japanese and each caption language (the arrow of the
 * visual list is hidden from screen readers), chimed and spoken in Japanese.
 */
export function displayPage(ctx: PublicContext, v: DisplayView) {
  const ja = ctx.t;
  const texts = displayTexts(v.captions);
  return (
    <PublicLayout
      ctx={ctx}
      title={`${ja("queue.displayTitle")} ${v.officeName.ja}`}
      bodyClass="queue display"
      styles={["queue"]}
      scripts={["queue-display"]}
      noscriptRefreshSeconds={10}
    >
      <div
        class="display__board"
        data-events={`/queue/offices/${v.officeId}/display/events`}
        data-seq={String(v.board.seq)}
        data-captions={v.captions.join(" ")}
        data-texts={JSON.stringify(texts)}
      >
        <header class="display__header">
          <h1>
            {v.officeName.ja} {ja("queue.displayTitle")}
            {v.captions.map((lang) => {
              const office = v.officeName[lang];
              const title = translator(lang)("queue.displayTitle");
              return (
                <span lang={lang} class="display__title-en">
                  {office ? `${office} — ${title}` : title}
                </span>
              );
            })}
          </h1>
          <button type="button" class="button display__sound" data-sound hidden>
            <Captioned
              captions={v.captions}
              render={say("queue.enableSound")}
              class="display__sound-caption"
            />
          </button>
          <p class="display__sound-on" data-sound-on hidden>
            <Captioned captions={v.captions} render={say("queue.soundOn")} class="display__sound-caption" />
          </p>
        </header>
        <section class="display__now" aria-labelledby="display-now">
          <h2 id="display-now">
            <Captioned captions={v.captions} render={say("queue.nowCalling")} />
          </h2>
          <div data-display-calls-region>
            <DisplayCalls board={v.board} captions={v.captions} />
          </div>
        </section>
        <section class="display__wait" aria-labelledby="display-waits">
          <h2 id="display-waits">
            <Captioned captions={v.captions} render={say("queue.currentWaits")} />
          </h2>
          <DisplayWaits board={v.board} captions={v.captions} texts={texts} />
        </section>
        <div class="visually-hidden" aria-live="polite" data-display-live />
      </div>
    </PublicLayout>
  );
}
