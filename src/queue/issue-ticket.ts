import { createHash, randomBytes } from "node:crypto";
import type { Db } from "../db/database";
import { AppError } from "../shared/errors";
import { DEFAULT_LOCALE, type Locale, type MessageParams } from "../shared/locale";
import { type ClosedReason, formatMinute, issueWindow, japanTime, type OfficeHours } from "./calendar";
import { refuse } from "./queue.errors";
import { type PurposeRow, queueRepository, type TicketRow } from "./queue.repository";
import type { TicketKind } from "./queue.table";
import { publishQueueEvent } from "./queue-events";

export interface IssueTicketOptions {
  municipalityId: string;
  officeId: string;
  purposeId: string;
  /** Reservations and priority cases are issued by staff; the kiosk issues normal tickets. */
  kind?: TicketKind;
  staffId?: string | null;
  /** The language the resident chose at the kiosk: the ticket and its phone page speak it. */
  lang?: Locale;
  now: Date;
}

export interface IssuedTicket {
  ticket: TicketRow;
  purpose: PurposeRow;
  /** The phone page's token, shown once in the QR code: only its hash is stored. */
  token: string;
  seq: number;
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

/**
 * Issues the next ticket of a purpose, atomically: the office row and the day's number row are taken
 * in the ticket's own transaction, so concurrent kiosks never share or skip a number. Outside opening
 * hours, on a closed day or with the band used up, it refuses and nothing changes.
 */
export async function issueTicket(db: Db, options: IssueTicketOptions): Promise<IssuedTicket> {
  const { municipalityId, officeId, now } = options;
  return db.transaction(async (tx) => {
    const repo = queueRepository(tx);
    const office = await repo.lockOffice(municipalityId, officeId);
    if (!office) throw new AppError("NOT_FOUND");
    const closed = closedRefusal(now, office);
    if (closed) throw closed;
    const purpose = await repo.findPurpose(municipalityId, officeId, options.purposeId);
    if (!purpose) throw new AppError("NOT_FOUND");
    const serviceDate = japanTime(now).date;
    const number = await repo.takeNumber({
      municipalityId,
      officeId,
      purposeId: purpose.id,
      serviceDate,
      bandStart: purpose.bandStart,
      bandEnd: purpose.bandEnd,
    });
    if (number === undefined) throw refuse("bandExhausted", { purpose: purpose.labels });
    const token = randomBytes(24).toString("base64url");
    const ticket = await repo.insertTicket({
      municipalityId,
      officeId,
      purposeId: purpose.id,
      serviceDate,
      number,
      kind: options.kind ?? "normal",
      status: "waiting",
      tokenHash: hashTicketToken(token),
      waitingSince: now,
      issuedAt: now,
      issuedByStaffId: options.staffId ?? null,
      lang: options.lang ?? DEFAULT_LOCALE,
    });
    await repo.insertEvent({
      municipalityId,
      officeId,
      ticketId: ticket.id,
      purposeId: purpose.id,
      seq: office.eventSeq,
      kind: "issued",
      at: now,
      staffId: options.staffId ?? null,
      lane: "purpose",
      detail: { kind: ticket.kind },
    });
    await publishQueueEvent(tx, {
      type: "ticket.issued",
      municipalityId,
      officeId,
      seq: office.eventSeq,
      ticketId: ticket.id,
    });
    return { ticket, purpose, token, seq: office.eventSeq };
  });
}
