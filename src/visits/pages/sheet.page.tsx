import type { MunicipalitySettings } from "../../catalog/municipality.schema";
import type { Plan } from "../../guidance/engine";
import type { GuidanceDraft } from "../../guidance/guidance-form";
import { GuidanceSheet } from "../../guidance/pages/guidance-sheet";
import type { PageContext } from "../../web/layout";

export interface VisitSheetView {
  plan: Plan;
  draft: GuidanceDraft;
  settings: MunicipalitySettings;
  today: string;
  /** The satisfaction survey's link (one per visit, the same on every reprint) and its QR code as SVG. */
  survey: { url: string; qrSvg: string };
}

/** The guidance sheet the resident takes home: what was done here today and what remains, and where. */
export function VisitSheetPage({ ctx, view }: { ctx: PageContext; view: VisitSheetView }) {
  return (
    <GuidanceSheet
      plan={view.plan}
      draft={view.draft}
      settings={view.settings}
      lang={ctx.lang}
      today={view.today}
      survey={view.survey}
    />
  );
}
