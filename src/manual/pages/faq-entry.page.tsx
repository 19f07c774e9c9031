import type { PublicContext } from "../../web/components/public-layout";
import { PublicLayout } from "../../web/components/public-layout";
import { CsrfField } from "../../web/layout";
import { langIf, ManualStyles, MarkdownBody } from "./components";
import type { PublicEntryView } from "./manual.presenter";

export interface FaqEntryPageOptions {
  back: string;
  feedbackAction: string;
  csrfToken: string;
  languages: readonly string[];
}

/** One public entry in the reader's language (Japanese, said so, when it has none), with "was this helpful?". */
export function FaqEntryPage({
  ctx,
  view,
  options,
}: {
  ctx: PublicContext;
  view: PublicEntryView;
  options: FaqEntryPageOptions;
}) {
  const { t, lang } = ctx;
  return (
    <PublicLayout ctx={ctx} title={view.title.text} bodyClass="public-page" languages={options.languages}>
      <ManualStyles />
      <p>
        <a class="back-link" href={options.back}>
          {t("manual.faqBack")}
        </a>
      </p>
      <h1 lang={langIf(view.title.lang, lang)}>{view.title.text}</h1>
      {view.inJapanese ? <p class="manual-notice">{t("manual.faqInJapanese")}</p> : null}
      {view.underReview ? <p class="manual-notice">{t("manual.faqUnderReview")}</p> : null}
      {view.body ? <MarkdownBody html={view.body.html} lang={langIf(view.body.lang, lang)} /> : null}
      {view.related.length > 0 ? (
        <section aria-labelledby="related">
          <h2 id="related">{t("manual.faqRelated")}</h2>
          <ul>
            {view.related.map((r) => (
              <li lang={langIf(r.lang, lang)}>{r.href ? <a href={r.href}>{r.text}</a> : r.text}</li>
            ))}
          </ul>
        </section>
      ) : null}
      <p>{t("manual.faqLastReviewed", { date: view.lastReviewed })}</p>
      {view.feedbackSent ? (
        <p class="manual-notice" role="status">
          {t("manual.faqHelpfulThanks")}
        </p>
      ) : (
        <form method="post" action={options.feedbackAction}>
          <CsrfField token={options.csrfToken} />
          <input type="hidden" name="lang" value={lang} />
          <fieldset class="manual-feedback">
            <legend>{t("manual.faqHelpfulQuestion")}</legend>
            <button class="button button--secondary" type="submit" name="helpful" value="yes">
              {t("manual.faqHelpfulYes")}
            </button>
            <button class="button button--secondary" type="submit" name="helpful" value="no">
              {t("manual.faqHelpfulNo")}
            </button>
          </fieldset>
        </form>
      )}
    </PublicLayout>
  );
}
