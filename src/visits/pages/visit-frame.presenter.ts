import type { DbOrTx } from "../../db/database";
import { visitTicketsRepository } from "../../queue/visit-tickets.repository";
import type { LocaleMap } from "../../shared/locale";
import { STAFF_LOCALES, translator } from "../../web/i18n";
import type { VisitRow } from "../visit.repository";
import {
  presentFrame,
  presentVisitList,
  type UnnamedMemberLabel,
  type VisitFrameView,
  type VisitListItemView,
} from "../visits.presenters";

/** The frame of one visit, with the number of the ticket it was opened from (the queue's own data). */
export async function presentVisitFrame(db: DbOrTx, visit: VisitRow): Promise<VisitFrameView> {
  if (!visit.ticketId) return presentFrame(visit);
  const tickets = await visitTicketsRepository(db).find(visit.municipalityId, [visit.ticketId]);
  return presentFrame(visit, tickets.get(visit.ticketId));
}

/** The open visits of an office, each with whom it is for, its ticket number and what it is about. */
export async function presentOpenVisits(
  db: DbOrTx,
  municipalityId: string,
  rows: VisitRow[],
): Promise<VisitListItemView[]> {
  const ids = rows.flatMap((v) => (v.ticketId ? [v.ticketId] : []));
  const tickets = await visitTicketsRepository(db).find(municipalityId, ids);
  return presentVisitList(rows, tickets);
}

/** "1人目の方" / "Person 1" in each staff language: how a choice names a member with no name yet. */
export const unnamedMemberLabel: UnnamedMemberLabel = (ordinal) => {
  const label: Record<string, string> = {};
  for (const lang of STAFF_LOCALES) label[lang] = translator(lang)("visits.memberOrdinal", { n: ordinal });
  return label as LocaleMap;
};
