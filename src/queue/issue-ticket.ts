import { createHash, randomBytes } from "node:crypto";
import type { Db, DbOrTx } from "../db/database";
import { AppError } from "../shared/errors";
import { DEFAULT_LOCALE, type Locale, type MessageParams } from "../shared/locale";
import { type ClosedReason, formatMinute, issueWindow, japanTime, type OfficeHours } from "./calendar";
import { HEAD_START_MINUTES } from "./call-order";
import { SAMPLE_WINDOW_DAYS, SAMPLES_PER_PURPOSE } from "./load-board";
import { refuse } from "./queue.errors";
import { type IssueContext, type PurposeRow, queueRepository, type TicketRow } from "./queue.repository";
import type { TicketKind } from "./queue.table";
import { QUEUE_CHANNEL } from "./queue-events";
import { estimateWait, type WaitEstimate } from "./wait-estimate";

export interface IssueTicketOptions {
  municipalityId: string;
  officeId: string;
  purposeId: string;
  /** Reservations and priority cases are issued by staff; the kiosk issues normal tickets. */
  kind?: TicketKind;
  staffId?: string | null;
  /** The language the resident chose at the kiosk: the ticket and its phone page speak it. */
  lang?: Locale;
  /**
   * When the ticket's wait counts from, if not from `now`: a checked-in reservation waits from its
   * slot's start (src/reservations), so its place is counted with it at issue.
   */
  waitingSince?: Date;
  /** The office and purpose when the caller has just read them (the kiosk's one query); else read here. */
  context?: IssueContext;
  now: Date;
}

export interface IssuedTicket {
  ticket: TicketRow;
  purpose: PurposeRow;
  /** The phone page's token, shown once in the QR code: only its hash is stored. */
  token: string;
  seq: number;
  /** Its place on its lane just after issue (people ahead, the wait estimate). */
  place: TicketPlace;
}

export const hashTicketToken = (token: string): string => createHash("sha256").update(token).digest("hex");

/** The refusal's parameters: `why` is a select key each catalogue words; a holiday keeps its name in each language. */
function closedParams(reason: ClosedReason): MessageParams {
  switch (reason.kind) {
    case "holiday":
      return { why: "holiday", name: { ja: reason.nameJa, en: reason.nameEn } };
    case "year-end":
      return { why: "yearEnd" };
    case "weekday":
      return { why: "weekday" };
    case "local":
      return { why: "local" };
  }
}

/** Why an office issues no tickets at this instant (closed day, outside hours), or undefined when it does. */
export function closedRefusal(now: Date, hours: OfficeHours): AppError | undefined {
  const window = issueWindow(now, hours);
  if (window.open) return undefined;
  if (window.reason.kind === "before-hours" || window.reason.kind === "after-hours")
    return refuse("outsideHours", {
      opens: formatMinute(hours.opensAtMinute),
      closes: formatMinute(hours.closesAtMinute),
    });
  return refuse("closedDay", closedParams(window.reason));
}

/** Where a ticket stands on its own lane just after issue: what the receipt prints. */
export interface TicketPlace {
  /** People the call order puts before it. */
  ahead: number;
  estimate: WaitEstimate;
}

/** What the database counted on a ticket's lane: the people ahead, the open and free counters, recent service times. */
export interface LaneCount {
  ahead: number;
  open: number;
  free: number;
  samples: number[];
}

/**
 * A waiting ticket's lane, counted by the database (not by recomputing the office's board): the cost
 * does not grow with the day's finished tickets.
 */
export async function countLane(
  db: DbOrTx,
  ticket: Pick<
    TicketRow,
    "id" | "municipalityId" | "officeId" | "purposeId" | "serviceDate" | "number" | "kind" | "waitingSince"
  >,
  now: Date,
): Promise<LaneCount> {
  return queueRepository(db).lanePlace({
    municipalityId: ticket.municipalityId,
    officeId: ticket.officeId,
    purposeId: ticket.purposeId,
    serviceDate: ticket.serviceDate,
    ticket,
    headStartMinutes: HEAD_START_MINUTES,
    samplesSince: new Date(now.getTime() - SAMPLE_WINDOW_DAYS * 86_400_000),
    samplesPerPurpose: SAMPLES_PER_PURPOSE,
  });
}

/** The place a receipt prints, from a lane's count and the people ahead on it. */
export const placeFrom = (lane: LaneCount, ahead = lane.ahead): TicketPlace => ({
  ahead,
  estimate: estimateWait({ ahead, servers: lane.open, free: lane.free, samplesMinutes: lane.samples }),
});

/** A waiting ticket's place on its own lane, counted by the database. */
export async function placeOnLane(
  db: DbOrTx,
  ticket: Parameters<typeof countLane>[1],
  now: Date,
): Promise<TicketPlace> {
  return placeFrom(await countLane(db, ticket, now));
}

/** A new phone-page token: the token goes in the QR code once, only its hash is stored. */
export function newTicketToken(): { token: string; tokenHash: string } {
  const token = randomBytes(24).toString("base64url");
  return { token, tokenHash: hashTicketToken(token) };
}

/** The row of a ticket just issued, as the database holds it. */
export function issuedRow(p: {
  id: string;
  number: number;
  municipalityId: string;
  officeId: string;
  purposeId: string;
  serviceDate: string;
  kind: TicketKind;
  tokenHash: string;
  waitingSince: Date;
  issuedAt: Date;
  staffId: string | null;
  lang: string;
}): TicketRow {
  return {
    id: p.id,
    municipalityId: p.municipalityId,
    officeId: p.officeId,
    purposeId: p.purposeId,
    serviceDate: p.serviceDate,
    number: p.number,
    kind: p.kind,
    status: "waiting",
    tokenHash: p.tokenHash,
    targetCounterId: null,
    targetDepartmentId: null,
    counterId: null,
    waitingSince: p.waitingSince,
    issuedAt: p.issuedAt,
    firstCalledAt: null,
    finishedAt: null,
    segmentStartedAt: null,
    segmentSeconds: 0,
    pauseReason: null,
    visitId: null,
    issuedByStaffId: p.staffId,
    lang: p.lang,
  };
}

/**
 * Issues the next ticket of a purpose. The office's settings and the purpose are read first without a
 * lock (hours, band); then ONE statement takes the number, writes the ticket and its event and notifies
 * the displays (repository `issueOne`), so the office row is held only while that statement runs.
 * Concurrent kiosks never share or skip a number. Outside opening hours, on a closed day or with the
 * band used up, it refuses and nothing changes. The ticket's place is then counted on its own lane.
 */
export async function issueTicket(db: Db, options: IssueTicketOptions): Promise<IssuedTicket> {
  const { municipalityId, officeId, now } = options;
  const repo = queueRepository(db);
  const found = options.context ?? (await repo.issueContext(municipalityId, officeId, options.purposeId));
  if (!found) throw new AppError("NOT_FOUND");
  const { office, purpose } = found;
  const closed = closedRefusal(now, office);
  if (closed) throw closed;
  const serviceDate = japanTime(now).date;
  const { token, tokenHash } = newTicketToken();
  const kind = options.kind ?? "normal";
  const lang = options.lang ?? DEFAULT_LOCALE;
  const staffId = options.staffId ?? null;
  const waitingSince = options.waitingSince ?? now;
  const issued = await repo.issueOne({
    municipalityId,
    officeId,
    purposeId: purpose.id,
    serviceDate,
    bandStart: purpose.bandStart,
    bandEnd: purpose.bandEnd,
    kind,
    tokenHash,
    now,
    waitingSince,
    staffId,
    lang,
    channel: QUEUE_CHANNEL,
  });
  if (!issued) throw refuse("bandExhausted", { purpose: purpose.labels });
  const ticket = issuedRow({
    ...issued,
    municipalityId,
    officeId,
    purposeId: purpose.id,
    serviceDate,
    kind,
    tokenHash,
    waitingSince,
    issuedAt: now,
    staffId,
    lang,
  });
  const place = await placeOnLane(db, ticket, now);
  return { ticket, purpose, token, seq: issued.seq, place };
}
