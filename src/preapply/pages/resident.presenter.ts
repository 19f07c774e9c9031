import type { MunicipalitySettings } from "../../catalog/municipality.schema";
import type { EventType } from "../../catalog/vocabulary";
import { eventTypeDescriptions } from "../../catalog/vocabulary-labels";
import type { Plan } from "../../guidance/engine";
import { draftFromHousehold, type GuidanceDraft } from "../../guidance/guidance-form";
import type { Household } from "../../guidance/household.schema";
import { presentSheet, type SheetView } from "../../guidance/pages/sheet.presenter";
import { todayInJapan } from "../../shared/dates";
import type { LocaleMap } from "../../shared/locale";
import { effectiveState, groupCode, type PreApplicationState, shortCodeOf } from "../pre-application";
import type { PreApplicationRow } from "../pre-application.repository";

/** The plan as a resident reads it before coming: the guidance sheet's own view (places, due, what to bring). */
export interface ResidentPlanView {
  sheet: SheetView;
  members: { name: string; position: number }[];
  /** Each procedure's due date (ISO, null when the law sets none): the sheet's "here" items carry none. */
  due: Record<string, string | null>;
}

export function presentResidentPlan(
  plan: Plan,
  household: Household,
  settings: MunicipalitySettings,
): ResidentPlanView {
  const draft: GuidanceDraft = draftFromHousehold(household as never, household.event.date);
  return {
    sheet: presentSheet(plan, draft, settings),
    members: draft.members.map((m, i) => ({ name: m.name.trim(), position: i + 1 })),
    due: Object.fromEntries(plan.procedures.map((p) => [p.id, p.due ?? null])),
  };
}

/** What the resident's own page (its QR's URL) shows: never the hashes, never another resident. */
export interface ResidentEntryView {
  state: PreApplicationState;
  /** 「7K3QX-9MRTD」, recomputed from the token in the URL. */
  code: string;
  event: LocaleMap;
  /** ISO date of the last day it can be used (Japan). */
  lastDay: string;
  url: string;
  qrSvg: string;
  pngPath: string;
  summaryPath: string;
  withdrawPath: string;
  /** While submitted: the plan again. */
  plan?: ResidentPlanView | undefined;
}

export function presentResidentEntry(
  row: PreApplicationRow,
  token: string,
  extra: { url: string; qrSvg: string; now: Date; plan?: ResidentPlanView | undefined },
): ResidentEntryView {
  const base = `/pre-apply/t/${token}`;
  return {
    state: effectiveState(row, extra.now),
    code: groupCode(shortCodeOf(token)),
    event: eventTypeDescriptions[row.eventType as EventType] ?? { ja: row.eventType },
    lastDay: todayInJapan(row.expiresAt),
    url: extra.url,
    qrSvg: extra.qrSvg,
    pngPath: `${base}/qr.png`,
    summaryPath: `${base}/summary`,
    withdrawPath: `${base}/withdraw`,
    plan: extra.plan,
  };
}
