import { z } from "zod";
import { dateProblem, parseDateInput } from "../shared/dates";
import type { Problem } from "../shared/errors";
import {
  type Dimension,
  dimensions,
  fiscalYearOf,
  type Granularity,
  granularities,
  type KpiId,
  kpiIds,
} from "./kpi";
import { problem } from "./kpi.errors";

/** The dashboard's and the exports' query string: every field optional, each checked at the edge. */
export const kpiQuerySchema = z.object({
  office: z.string().max(40).optional(),
  from: z.string().max(40).optional(),
  to: z.string().max(40).optional(),
  kpi: z.string().max(40).optional(),
  by: z.string().max(20).optional(),
  granularity: z.string().max(20).optional(),
  encoding: z.string().max(20).optional(),
  fy: z.string().max(8).optional(),
  group: z.string().max(20).optional(),
});

export interface KpiQuery {
  officeCode: string;
  /** The period as ISO dates (the typed text where it could not be read, with a problem). */
  from: string;
  to: string;
  /** The dates as typed (R8.4.1, 令和8年4月1日 …), shown again in the filters; absent when defaulted. */
  typed: { from?: string; to?: string };
  kpi: KpiId;
  by: Dimension;
  granularity: Granularity;
  /** Excel's UTF-8 with a byte-order mark, or plain UTF-8. */
  bom: boolean;
}

export type ParsedQuery = { ok: true; query: KpiQuery } | { ok: false; query: KpiQuery; problems: Problem[] };

const MAX_DAYS = 6 * 366;

/**
 * Reads the filters, filling in the current fiscal year to date where nothing is given. Impossible
 * filters (an end before the start, an unknown office, a date that does not exist) come back as
 * problems (message codes), never as an exception.
 */
export function parseKpiQuery(
  raw: Record<string, string>,
  today: string,
  officeCodes: readonly string[],
): ParsedQuery {
  const input = kpiQuerySchema.safeParse(raw);
  const q = input.success ? input.data : {};
  const problems: Problem[] = [];
  if (!input.success) problems.push(problem("filterTooLong"));
  const fyStart = `${fiscalYearOf(today)}-04-01`;
  // Each end of the period as people write it (2026-04-01, R8.4.1, 令和8年4月1日) through the one parser.
  const typed = { from: q.from?.trim() || undefined, to: q.to?.trim() || undefined };
  const fromRead = typed.from ? parseDateInput(typed.from) : { ok: true as const, iso: fyStart };
  const toRead = typed.to ? parseDateInput(typed.to) : { ok: true as const, iso: today };
  const from = fromRead.ok ? fromRead.iso : (typed.from ?? "");
  const to = toRead.ok ? toRead.iso : (typed.to ?? "");
  const query: KpiQuery = {
    officeCode: q.office ?? "",
    from,
    to,
    typed: {
      ...(typed.from ? { from: typed.from } : {}),
      ...(typed.to ? { to: typed.to } : {}),
    },
    kpi: kpiIds.find((k) => k === q.kpi) ?? "stay",
    by: dimensions.find((d) => d === q.by) ?? "office",
    granularity: granularities.find((g) => g === q.granularity) ?? "month",
    bom: q.encoding !== "utf8",
  };
  if (!fromRead.ok) problems.push(dateProblem("from", fromRead.code, "from"));
  if (!toRead.ok) problems.push(dateProblem("to", toRead.code, "to"));
  if (fromRead.ok && toRead.ok) {
    if (to < from) problems.push(problem("toBeforeFrom", "to"));
    else if ((Date.parse(to) - Date.parse(from)) / 86_400_000 > MAX_DAYS)
      problems.push(problem("periodTooLong", "to"));
  }
  if (query.officeCode && !officeCodes.includes(query.officeCode))
    problems.push(problem("unknownOffice", "office"));
  for (const [field, value, list] of [
    ["kpi", q.kpi, kpiIds],
    ["by", q.by, dimensions],
    ["granularity", q.granularity, granularities],
  ] as const) {
    if (value && !(list as readonly string[]).includes(value)) problems.push(problem("notAChoice", field));
  }
  return problems.length > 0 ? { ok: false, query, problems } : { ok: true, query };
}
