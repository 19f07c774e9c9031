import type { Problem } from "../../shared/errors";
import type { Locale, LocaleMap } from "../../shared/locale";
import type { Translate } from "../../web/i18n";

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
