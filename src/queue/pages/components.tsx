import type { Problem } from "../../shared/errors";
import { type Locale, type LocaleMap, pickLabel } from "../../shared/locale";
import type { Translate } from "../../web/i18n";
import type { PageContext } from "../../web/layout";
import { fillWait, type WaitShown, type WaitTemplates } from "../wait-estimate";

/** The queue's refusals on a resident page (closed kiosk, used-up band): large, announced at once. */
export function QueueAlert({ problems, t }: { problems: readonly Problem[]; t: Translate }) {
  if (problems.length === 0) return null;
  return (
    <div class="queue-alert" role="alert">
      {problems.map((p) => (
        <p>{t.message(p)}</p>
      ))}
    </div>
  );
}

/**
 * A data label in one caption language under the Japanese of the display board: shown only where the
 * data has that language (a Japanese fallback would repeat the line above).
 */
export function Caption({ map, lang, class: className }: { map: LocaleMap; lang: Locale; class?: string }) {
  const text = map[lang];
  if (!text) return null;
  return (
    <span lang={lang} class={className ?? "display__caption"}>
      {text}
    </span>
  );
}

/** The wait sentences in the page's language, with `{min}` and `{max}` kept for the values. */
export function waitTemplates(t: Translate): WaitTemplates {
  const slot = (name: string) => `{${name}}`;
  return {
    range: t("queue.waitRange", { min: slot("min"), max: slot("max") }),
    upTo: t("queue.waitUpTo", { max: slot("max") }),
    soon: t("queue.waitSoon"),
    noSamples: t("queue.waitNoSamples"),
    noOpenCounter: t("queue.waitNoCounter"),
  };
}

/** An estimate as a sentence: "about 10–25 min", "within about 20 min", "soon", or why there is none. */
export const waitText = (t: Translate, w: WaitShown): string => fillWait(waitTemplates(t), w);

/** "3 ahead of you", or "nobody is ahead of you". */
export const aheadText = (t: Translate, ahead: number): string =>
  ahead > 0 ? t("queue.ahead", { count: String(ahead) }) : t("queue.aheadNone");

/** An option's text in the reader's language, marked when it falls back to Japanese. */
export function LocalOption(props: { value: string; map: LocaleMap; ctx: PageContext; selected?: boolean }) {
  const { value, map, ctx } = props;
  const { text, lang } = pickLabel(map, ctx.lang);
  return (
    <option value={value} lang={lang !== ctx.lang ? lang : undefined} selected={props.selected}>
      {text}
    </option>
  );
}
