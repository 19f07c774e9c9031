import type { MunicipalitySettings } from "../../catalog/municipality.schema";
import type { Plan } from "../../guidance/engine";
import type { GuidanceDraft } from "../../guidance/guidance-form";
import { GuidanceSheet } from "../../guidance/pages/guidance-sheet";
import { SelectField } from "../../web/components/fields";
import { LANGUAGES } from "../../web/i18n";
import type { PageContext } from "../../web/layout";

export interface VisitSheetView {
  visitId: string;
  plan: Plan;
  draft: GuidanceDraft;
  settings: MunicipalitySettings;
  today: string;
  /** The language the sheet is printed in (the resident's), and those the municipality offers. */
  lang: string;
  languages: readonly string[];
  /** The office the visit is at (the tenancy's code): its departments are where the resident goes. */
  officeCode?: string | undefined;
  /** The satisfaction survey's link (one per visit, the same on every reprint) and its QR code as SVG. */
  survey: { url: string; qrSvg: string };
}

/**
 * The guidance sheet the resident takes home: what was done here today and what remains, and where.
 * Staff choose the resident's language above it (a plain GET form: it works without JavaScript and is
 * not printed); the sheet itself is in that language, the page around it in the staff member's.
 */
export function VisitSheetPage({ ctx, view }: { ctx: PageContext; view: VisitSheetView }) {
  const { t } = ctx;
  const offered = LANGUAGES.filter((l) => view.languages.includes(l.code));
  return (
    <>
      <form method="get" action={`/visits/${view.visitId}/sheet`} class="no-print sheet-language">
        <SelectField
          id="sheet-lang"
          name="lang"
          label={t("guidance.form.sheetLang")}
          // Each language in its own name, marked as such, so the resident can point at theirs.
          options={offered.map((l) => ({ value: l.code, label: l.name, lang: l.code }))}
          value={view.lang}
        />
        <button class="button button--secondary" type="submit">
          {t("guidance.showSheetIn")}
        </button>
      </form>
      <GuidanceSheet
        plan={view.plan}
        draft={view.draft}
        settings={view.settings}
        lang={view.lang}
        today={view.today}
        officeCode={view.officeCode}
        survey={view.survey}
      />
    </>
  );
}
