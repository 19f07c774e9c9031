import { getCatalog } from "../catalog/load-catalog";
import type { LocaleMap, Message } from "../shared/locale";
import type { DestinationConfig } from "./destination.schema";
import type { DeliveryRow, LatestRow, SummaryRow } from "./handoff.repository";
import { type DeliveryState, deliveryStates } from "./handoff.table";
import { MIN_SECRET_LENGTH } from "./signature";

// What the pages show of deliveries: plain values, never rows. Words are message codes (in
// locales/<lang>/handoff.json) or names from data in each of their languages (LocaleMap).

/** Each delivery state's message code. */
export const stateKey = {
  pending: "handoff.statePending",
  retrying: "handoff.stateRetrying",
  dead: "handoff.stateDead",
  done: "handoff.stateDone",
} as const satisfies Record<DeliveryState, `handoff.${string}`>;

/** The application's own status, which the deliveries drive (accepted → delivered, or failed). */
export const applicationStatusKey = {
  accepted: "handoff.applicationStatusAccepted",
  delivered: "handoff.applicationStatusDelivered",
  failed: "handoff.applicationStatusFailed",
} as const satisfies Record<"accepted" | "delivered" | "failed", `handoff.${string}`>;

export interface DeliveryStatusView {
  destination: string;
  label: LocaleMap | undefined;
  state: DeliveryState;
  attempts: number;
  lastError: string | null;
}

export interface CountsRowView {
  destination: string;
  label: LocaleMap | undefined;
  office: LocaleMap;
  counts: Record<DeliveryState, number>;
}

export interface LatestRowView {
  id: string;
  key: string;
  visitId: string;
  /** The procedure's name (Japanese, as the forms print it); undefined when nothing names it. */
  applicationName: string | undefined;
  destination: string;
  label: LocaleMap | undefined;
  office: LocaleMap;
  state: DeliveryState;
  inFlight: boolean;
  attempts: number;
  nextAttemptAt: Date | null;
  lastError: string | null;
  updatedAt: Date;
  retryable: boolean;
}

type OfficeNames = Map<string, { name: LocaleMap }>;

/**
 * The name an application was stored with, else the catalogue's name of its procedure: a row with
 * neither is shown without a name rather than by its procedure id.
 */
function applicationNameOf(r: Pick<LatestRow, "applicationName" | "procedureId">): string | undefined {
  if (r.applicationName && r.applicationName !== r.procedureId) return r.applicationName;
  return getCatalog().byId.get(r.procedureId)?.name.ja;
}

const labelOf = (destinations: DestinationConfig[], id: string): LocaleMap | undefined =>
  destinations.find((d) => d.id === id)?.label;

const officeOf = (offices: OfficeNames, id: string): LocaleMap => offices.get(id)?.name ?? { ja: id, en: id };

export interface OfficeView {
  code: string;
  name: LocaleMap;
}

/** The offices of the filter, each with its name in each language. */
export const presentOffices = (offices: Array<{ code: string; name: LocaleMap }>): OfficeView[] =>
  offices.map((o) => ({ code: o.code, name: o.name }));

export interface DestinationView {
  id: string;
  label: LocaleMap;
  kind: DestinationConfig["kind"];
  /** The folder or URL deliveries go to, as the worker sees it ("" before the first check). */
  target: string;
  /** The check's finding in plain words (a catalogue message), or null when it can take deliveries. */
  problem: Message | null;
  /** The technical detail, shown only when the finding has no plain message of its own. */
  detail: string | null;
}

/**
 * A destination check's finding (the operator's English, src/handoff/destinations.ts) as a message
 * people read: what is wrong and what to do; unknown findings keep their detail for the administrator.
 */
export function problemMessage(problem: string): { message: Message; detail: string | null } {
  const name = /HANDOFF_SECRETS\["([^"]+)"\]/.exec(problem)?.[1] ?? "";
  const min = String(MIN_SECRET_LENGTH);
  if (problem.startsWith("no secret"))
    return { message: { code: "handoff.problemNoSecret", params: { name, min } }, detail: null };
  if (problem.includes("is shorter than"))
    return { message: { code: "handoff.problemShortSecret", params: { name, min } }, detail: null };
  const host = /^unknown host (\S+)/.exec(problem)?.[1];
  if (host) return { message: { code: "handoff.problemUnknownHost", params: { host } }, detail: null };
  if (/folder|cannot be created/.test(problem))
    return { message: { code: "handoff.problemFolder" }, detail: problem };
  return { message: { code: "handoff.problemOther" }, detail: problem };
}

/** The configured destinations with what the last check found. */
export function presentDestinations(
  destinations: DestinationConfig[],
  health: Array<{ destination: string; target: string; problem: string | null }>,
): DestinationView[] {
  return destinations.map((d) => {
    const h = health.find((x) => x.destination === d.id);
    const found = h?.problem ? problemMessage(h.problem) : null;
    return {
      id: d.id,
      label: d.label,
      kind: d.kind,
      target: h?.target ?? "",
      problem: found?.message ?? null,
      detail: found?.detail ?? null,
    };
  });
}

export function presentStatuses(
  rows: DeliveryRow[],
  destinations: DestinationConfig[],
): DeliveryStatusView[] {
  return rows.map((r) => ({
    destination: r.destination,
    label: labelOf(destinations, r.destination),
    state: r.state,
    attempts: r.attempts,
    lastError: r.state === "done" ? null : r.lastError,
  }));
}

/** Counts per (destination, office), destinations in their configured order. */
export function presentCounts(
  rows: SummaryRow[],
  destinations: DestinationConfig[],
  offices: OfficeNames,
): CountsRowView[] {
  const byPair = new Map<string, CountsRowView>();
  for (const r of rows) {
    const pair = `${r.destination}\u0000${r.officeId}`;
    let view = byPair.get(pair);
    if (!view) {
      view = {
        destination: r.destination,
        label: labelOf(destinations, r.destination),
        office: officeOf(offices, r.officeId),
        counts: Object.fromEntries(deliveryStates.map((s) => [s, 0])) as Record<DeliveryState, number>,
      };
      byPair.set(pair, view);
    }
    view.counts[r.state] += r.count;
  }
  const order = (id: string) => {
    const i = destinations.findIndex((d) => d.id === id);
    return i < 0 ? destinations.length : i;
  };
  return [...byPair.values()].sort(
    (a, b) => order(a.destination) - order(b.destination) || a.office.ja.localeCompare(b.office.ja, "ja"),
  );
}

export function presentLatest(
  rows: LatestRow[],
  destinations: DestinationConfig[],
  offices: OfficeNames,
): LatestRowView[] {
  return rows.map((r) => ({
    id: r.id,
    key: r.key,
    visitId: r.visitId,
    applicationName: applicationNameOf(r),
    destination: r.destination,
    label: labelOf(destinations, r.destination),
    office: officeOf(offices, r.officeId),
    state: r.state,
    inFlight: r.inFlight,
    attempts: r.attempts,
    nextAttemptAt: r.state === "pending" || r.state === "retrying" ? r.nextAttemptAt : null,
    lastError: r.state === "done" ? null : r.lastError,
    updatedAt: r.updatedAt,
    retryable: (r.state === "dead" || r.state === "retrying") && !r.inFlight,
  }));
}
