import type { MessageKey } from "../web/i18n";
import type { DestinationConfig } from "./destination.schema";
import type { DeliveryRow, LatestRow, SummaryRow } from "./handoff.repository";
import { type DeliveryState, deliveryStates } from "./handoff.table";

/** What the pages show of deliveries: plain values, never rows. */
export const stateKey: Record<DeliveryState, MessageKey> = {
  pending: "handoffStatePending",
  retrying: "handoffStateRetrying",
  dead: "handoffStateDead",
  done: "handoffStateDone",
};

/** The application's own status, which the deliveries drive (accepted → delivered, or failed). */
export const applicationStatusKey: Record<"accepted" | "delivered" | "failed", MessageKey> = {
  accepted: "applicationStatusAccepted",
  delivered: "applicationStatusDelivered",
  failed: "applicationStatusFailed",
};

export interface Labelled {
  ja: string;
  en: string;
}

export interface DeliveryStatusView {
  destination: string;
  label: Labelled | undefined;
  state: DeliveryState;
  attempts: number;
  lastError: string | null;
}

export interface CountsRowView {
  destination: string;
  label: Labelled | undefined;
  office: Labelled;
  counts: Record<DeliveryState, number>;
}

export interface LatestRowView {
  id: string;
  key: string;
  visitId: string;
  applicationName: string;
  destination: string;
  label: Labelled | undefined;
  office: Labelled;
  state: DeliveryState;
  inFlight: boolean;
  attempts: number;
  nextAttemptAt: Date | null;
  lastError: string | null;
  updatedAt: Date;
  retryable: boolean;
}

type OfficeNames = Map<string, { nameJa: string; nameEn: string }>;

const labelOf = (destinations: DestinationConfig[], id: string): Labelled | undefined =>
  destinations.find((d) => d.id === id)?.label;

const officeOf = (offices: OfficeNames, id: string): Labelled => {
  const o = offices.get(id);
  return o ? { ja: o.nameJa, en: o.nameEn } : { ja: id, en: id };
};

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
    applicationName: r.applicationName,
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
