import type { MunicipalitySettings } from "../../catalog/municipality.schema";
import { Local } from "../../web/components/lang";
import { type Lang, translator } from "../../web/i18n";
import type { Plan } from "../engine";
import type { GuidanceDraft } from "../guidance-form";
import { Deadline, type GuidanceContext, MemberNames } from "./components";
import { presentSheet, type SheetRow } from "./guidance.presenter";

function Rows({ rows, showPlace, ctx }: { rows: SheetRow[]; showPlace: boolean; ctx: GuidanceContext }) {
  const { t } = ctx;
  if (rows.length === 0) return <p>{t("guidance.sheet.none")}</p>;
  return (
    <table class="sheet-table">
      <thead>
        <tr>
          <th scope="col">{t("guidance.col.procedure")}</th>
          <th scope="col">{t("guidance.col.for")}</th>
          {showPlace ? <th scope="col">{t("guidance.col.where")}</th> : null}
          <th scope="col">{t("guidance.col.deadline")}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr data-procedure={row.id}>
            <td>
              <Local map={row.name} ctx={ctx} />
            </td>
            <td>
              <MemberNames members={row.members} ctx={ctx} />
            </td>
            {showPlace ? (
              <td>
                <Local map={row.place} ctx={ctx} />
              </td>
            ) : null}
            <td>
              <Deadline iso={row.deadline} ctx={ctx} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * The guidance sheet the resident takes home, in the page's language (any of the six): procedure
 * names and places from the catalogue's labels, Japanese runs (names, 和暦) marked lang="ja".
 */
export function GuidanceSheet({
  plan,
  draft,
  settings,
  lang,
  today,
  survey,
}: {
  plan: Plan;
  draft: GuidanceDraft;
  settings: MunicipalitySettings;
  lang: Lang;
  today: string;
  /** The satisfaction survey's link and its QR code (an SVG text), on a visit's sheet. */
  survey?: { url: string; qrSvg: string } | undefined;
}) {
  const ctx: GuidanceContext = { lang, t: translator(lang) };
  const { t } = ctx;
  const view = presentSheet(plan, draft, settings);
  return (
    // The sheet may be in another language than the staff page around it (the resident's own).
    <article class="sheet" aria-labelledby="sheet-title" lang={lang}>
      <h1 id="sheet-title">{t("guidance.sheet.title")}</h1>
      <p>
        <Local map={view.municipality} ctx={ctx} /> ・ <Local map={view.event} ctx={ctx} /> ・{" "}
        {view.eventDate ? <Deadline iso={view.eventDate} ctx={ctx} /> : null}
      </p>
      <p class="sheet-issued">
        {t("guidance.sheet.issued")}: <Deadline iso={today} ctx={ctx} />
      </p>
      <h2>{t("guidance.sheet.hereTitle")}</h2>
      <Rows rows={view.here} showPlace={false} ctx={ctx} />
      <h2>{t("guidance.sheet.elsewhereTitle")}</h2>
      <Rows rows={view.elsewhere} showPlace={true} ctx={ctx} />
      <p class="sheet-note">{t("guidance.sheet.note")}</p>
      {survey ? (
        <section class="sheet-survey" aria-labelledby="sheet-survey-title" data-testid="sheet-survey">
          <div
            class="sheet-survey-qr"
            role="img"
            aria-label={t("guidance.sheet.surveyQr")}
            // The SVG text comes from the qrcode package, not from any input.
            dangerouslySetInnerHTML={{ __html: survey.qrSvg }}
          />
          <div>
            <h2 id="sheet-survey-title">{t("guidance.sheet.surveyTitle")}</h2>
            <p>{t("guidance.sheet.surveyText")}</p>
            <p class="sheet-survey-url">{survey.url}</p>
          </div>
        </section>
      ) : null}
      <p class="no-print">
        <button class="button" type="button" data-print hidden>
          {t("guidance.sheet.print")}
        </button>{" "}
        <a href="/guidance">{t("guidance.sheet.newGuidance")}</a>
      </p>
    </article>
  );
}
