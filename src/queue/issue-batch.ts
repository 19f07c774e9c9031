import type { Db } from "../db/database";
import type { Locale } from "../shared/locale";
import { japanTime } from "./calendar";
import {
  closedRefusal,
  countLane,
  type IssuedTicket,
  issuedRow,
  issueTicket,
  newTicketToken,
  placeFrom,
} from "./issue-ticket";
import { type IssueContext, queueRepository } from "./queue.repository";
import { QUEUE_CHANNEL } from "./queue-events";

/** A kiosk's request for a normal ticket of the purpose in `context`. */
export interface KioskIssue {
  context: IssueContext;
  lang: Locale;
  now: Date;
}

export interface KioskIssuer {
  issue(request: KioskIssue): Promise<IssuedTicket>;
}

interface Pending {
  request: KioskIssue;
  resolve: (issued: IssuedTicket) => void;
  reject: (error: unknown) => void;
}

/** At most this many tickets in one statement. */
const MAX_BATCH = 64;

/**
 * The kiosks' ticket issue, grouped per purpose in this process ("group commit"). The first request
 * of a purpose runs at once, alone; requests that arrive while a statement of that purpose is running
 * wait for it and then go together, in ONE statement (`issueMany`): one number row update for the
 * whole run, one commit, and one count of the lane: the tickets of a run wait from the same instant,
 * so each has the run's first ticket's people ahead plus the ones of the run before it.
 *
 * Numbering stays atomic and gap-free: a run is one statement (all or nothing) and takes consecutive
 * numbers. When the band has no room for the whole run, the run is issued one by one instead, so the
 * band fills exactly and the rest are refused as a single issue would refuse them. A failing
 * statement rejects every request of its run; none is answered before its ticket is committed.
 */
export function createKioskIssuer(db: Db): KioskIssuer {
  const lanes = new Map<string, Pending[]>();

  const drain = async (key: string, pending: Pending[]) => {
    try {
      while (pending.length > 0) await issueRun(db, pending.splice(0, MAX_BATCH));
    } finally {
      lanes.delete(key);
    }
  };

  return {
    issue(request) {
      const closed = closedRefusal(request.now, request.context.office);
      if (closed) return Promise.reject(closed);
      const key = `${request.context.purpose.id}/${japanTime(request.now).date}`;
      return new Promise<IssuedTicket>((resolve, reject) => {
        const waiting = lanes.get(key);
        if (waiting) {
          waiting.push({ request, resolve, reject });
          return;
        }
        const pending: Pending[] = [{ request, resolve, reject }];
        lanes.set(key, pending);
        void drain(key, pending);
      });
    },
  };
}

/** Issues one run; settles every request in it and never throws. */
async function issueRun(db: Db, run: Pending[]): Promise<void> {
  try {
    if (run.length === 1) {
      const [only] = run as [Pending];
      only.resolve(await issueOne(db, only.request));
      return;
    }
    const issued = await issueTogether(db, run);
    if (issued) {
      for (const [i, p] of run.entries()) p.resolve(issued[i] as IssuedTicket);
      return;
    }
    // No room in the band for the whole run: one by one, so that it fills exactly.
    for (const p of run) await issueOne(db, p.request).then(p.resolve, p.reject);
  } catch (error) {
    for (const p of run) p.reject(error);
  }
}

const issueOne = (db: Db, { context, lang, now }: KioskIssue) =>
  issueTicket(db, {
    municipalityId: context.office.municipalityId,
    officeId: context.office.officeId,
    purposeId: context.purpose.id,
    context,
    lang,
    now,
  });

/** A run of two or more in one statement; undefined when the band has no room for all of it. */
async function issueTogether(db: Db, run: Pending[]): Promise<IssuedTicket[] | undefined> {
  const { office, purpose } = (run[0] as Pending).request.context;
  // Every ticket of the run waits from the latest arrival's instant: the run is issued after it.
  const now = new Date(Math.max(...run.map((p) => p.request.now.getTime())));
  const serviceDate = japanTime(now).date;
  const tokens = run.map(() => newTicketToken());
  const rows = await queueRepository(db).issueMany({
    municipalityId: office.municipalityId,
    officeId: office.officeId,
    purposeId: purpose.id,
    serviceDate,
    bandStart: purpose.bandStart,
    bandEnd: purpose.bandEnd,
    tokenHashes: tokens.map((t) => t.tokenHash),
    langs: run.map((p) => p.request.lang),
    now,
    channel: QUEUE_CHANNEL,
  });
  if (rows.length !== run.length) return undefined;
  const tickets = rows.map((row, i) =>
    issuedRow({
      ...row,
      municipalityId: office.municipalityId,
      officeId: office.officeId,
      purposeId: purpose.id,
      serviceDate,
      kind: "normal",
      tokenHash: (tokens[i] as { tokenHash: string }).tokenHash,
      waitingSince: now,
      issuedAt: now,
      staffId: null,
      lang: (run[i] as Pending).request.lang,
    }),
  );
  // Counted once, for the run's first ticket: the others tie with it on waiting time and follow it by number.
  const lane = await countLane(db, tickets[0] as (typeof tickets)[0], now);
  return tickets.map((ticket, i) => ({
    ticket,
    purpose,
    token: (tokens[i] as { token: string }).token,
    seq: (rows[i] as { seq: number }).seq,
    place: placeFrom(lane, lane.ahead + i),
  }));
}
