import type { Problem } from "../../shared/errors";
import { ErrorSummary, problemFor, TextArea } from "../../web/components/fields";
import { CsrfField, type PageContext } from "../../web/layout";
import { ManualStyles, MarkdownBody } from "./components";

export interface ManualEditView {
  action: string;
  heading: string;
  source: string;
  note: string;
  problems: Problem[];
  /** The parts as they would read, after "Preview" (nothing is saved). */
  preview: Array<{ section: string; html: string; lang: string }> | null;
  cancelHref: string;
}

/** Edit an entry's file (front matter and Markdown) with a preview; saving asks a second person to approve. */
export function ManualEditPage({ ctx, view }: { ctx: PageContext; view: ManualEditView }) {
  const { t, lang } = ctx;
  return (
    <>
      <ManualStyles />
      <p>
        <a class="back-link" href={view.cancelHref}>
          {t("manual.backToManual")}
        </a>
      </p>
      <h1>{view.heading}</h1>
      <p class="lead">{t("manual.editLead")}</p>
      <ErrorSummary problems={view.problems} t={t} />
      {view.preview ? (
        <section class="manual-preview" aria-labelledby="preview">
          <h2 id="preview">{t("manual.previewHeading")}</h2>
          {view.preview.map((p) => (
            <section aria-label={p.section}>
              <h3 lang="en">{p.section}</h3>
              <MarkdownBody html={p.html} lang={p.lang === lang ? undefined : p.lang} />
            </section>
          ))}
        </section>
      ) : null}
      <form method="post" action={view.action}>
        <CsrfField token={ctx.csrfToken} />
        <TextArea
          id="source"
          label={t("manual.sourceLabel")}
          hint={t("manual.sourceHint")}
          value={view.source}
          rows={30}
          maxlength={200000}
          error={problemFor(view.problems, "source", t)}
          class="manual-source"
        />
        <TextArea id="note" label={t("manual.noteLabel")} value={view.note} rows={2} maxlength={1000} />
        <button class="button button--secondary" type="submit" name="intent" value="preview">
          {t("manual.preview")}
        </button>{" "}
        <button class="button" type="submit" name="intent" value="submit">
          {t("manual.submit")}
        </button>
      </form>
    </>
  );
}
