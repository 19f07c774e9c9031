import { sql } from "drizzle-orm";
import type { Db } from "../db/database";
import { callNext } from "../queue/call-next";
import { finishService } from "../queue/finish-service";
import { hashTicketToken, issueTicket } from "../queue/issue-ticket";
import { markAbsent } from "../queue/mark-absent";
import { QueueRefusal } from "../queue/queue.errors";
import { recallTicket } from "../queue/recall-ticket";
import { setCounterOpen } from "../queue/set-counter-open";
import { startService } from "../queue/start-service";
import type { StaffAtCounter } from "../queue/ticket-change";
import { transferTicket } from "../queue/transfer-ticket";
import { todayInJapan } from "../shared/dates";
import { answerSurvey } from "./answer-survey";
import { kpiDemoRepository } from "./demo.repository";
import { refuse } from "./kpi.errors";
import { refreshKpiRollups } from "./kpi-rollups.repository";
import { driveDemoVisit } from "./simulate-visit";
import { surveyRepository } from "./survey.repository";

export interface SimulateDemoOptions {
  municipalityId: string;
  /** Days of history up to yesterday (Japan time). */
  days: number;
  /** Tickets per ward office on an ordinary day, before the March–April and Monday peaks. */
  perDay: number;
  seed: number;
  now: Date;
  progress?: (line: string) => void;
  /**
   * Share (0–1) of the one-stop visits taken through acceptance; the rest are cancelled after the
   * interview. Default 1: every resident who stays to the end signs and is accepted.
   */
  acceptShare?: number;
}

export interface SimulateDemoResult {
  tickets: number;
  days: number;
  surveyAnswers: number;
  /** One-stop visits accepted (applications and measures stored, then closed) and cancelled. */
  visitsAccepted: number;
  visitsCancelled: number;
}

/** A small seeded generator (mulberry32): the same seed gives the same history. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = (mean: number, sd: number) => {
    const u = Math.max(1e-9, next());
    const v = next();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
  return { next, normal };
}

// Purpose mix and service minutes (mean, spread) by purpose: a move takes long, a certificate little.
const mix: Record<string, { share: number; minutes: [number, number] }> = {
  move: { share: 0.35, minutes: [40, 12] },
  bereavement: { share: 0.08, minutes: [60, 15] },
  moveout: { share: 0.2, minutes: [10, 3] },
  certificate: { share: 0.37, minutes: [5, 2] },
};

/** 17:15, when the simulated counters close. */
const CLOSING_MINUTE = 1035;
const at = (day: string, minutes: number) =>
  new Date(new Date(`${day}T00:00:00+09:00`).getTime() + Math.round(minutes * 60) * 1000);

interface Waiting {
  ticketId: string;
  purposeId: string;
  since: number;
  token: string;
  targetCounterId: string | null;
}

/**
 * Fills the demo tenant with `days` of counter history through the real queue use cases — issue,
 * call, recall, start, transfer, finish, absent — at simulated instants: arrivals peak at 9:00 and in
 * March–April, service times follow the purpose, and a share of residents answer the survey. Closed
 * days and hours are skipped as the kiosk would refuse them. Every ticket is recorded as demo data
 * (`kpi_demo_tickets`) for `demo clear`. Calls to one-stop counters open visits through the visits
 * module's seam, as at a real counter, and the simulated staff member takes each through the visit use
 * cases to acceptance (about 5% of residents leave first: cancelled) — see simulate-visit.ts.
 */
export async function simulateDemo(db: Db, options: SimulateDemoOptions): Promise<SimulateDemoResult> {
  if (!Number.isInteger(options.days) || options.days < 1 || options.days > 731)
    throw refuse("demoDaysInvalid", undefined, "days");
  const demo = kpiDemoRepository(db);
  const setup = await demo.queueSetup(options.municipalityId);
  if (setup.offices.length === 0 || !setup.staffId) throw refuse("demoNotSeeded");
  const staffId = setup.staffId;
  const rnd = random(options.seed);
  const today = todayInJapan(options.now);
  let tickets = 0;
  let answers = 0;
  let daysDone = 0;
  let visitsAccepted = 0;
  let visitsCancelled = 0;
  const acceptShare = options.acceptShare ?? 1;
  for (let back = options.days; back >= 1; back--) {
    const date = new Date(`${today}T00:00:00Z`);
    date.setUTCDate(date.getUTCDate() - back);
    const day = date.toISOString().slice(0, 10);
    const month = date.getUTCMonth() + 1;
    const season = month === 3 || month === 4 ? 1.8 : 1;
    const monday = date.getUTCDay() === 1 ? 1.2 : 1;
    let issuedToday = 0;
    for (const office of setup.offices) {
      const n = Math.max(1, Math.round(options.perDay * season * monday * (0.8 + rnd.next() * 0.4)));
      // Arrival minutes after midnight from 8:30: a crowd at the opening (around 9:00), the rest through the day.
      const arrivals = Array.from(
        { length: n },
        () => 510 + (rnd.next() < 0.4 ? Math.min(460, Math.abs(rnd.normal(30, 20))) : rnd.next() * 460),
      ).sort((a, b) => a - b);
      const counters = office.counters.map((c) => ({ ...c, freeAt: 0 }));
      const waiting: Waiting[] = [];
      let next = 0;
      const serves = (c: (typeof counters)[number], w: Waiting) =>
        w.targetCounterId ? w.targetCounterId === c.id : c.purposeIds.includes(w.purposeId);
      for (;;) {
        const arrival = arrivals[next];
        let call: { counter: (typeof counters)[number]; time: number } | undefined;
        for (const c of counters) {
          const first = waiting.filter((w) => serves(c, w)).sort((a, b) => a.since - b.since)[0];
          if (!first) continue;
          const time = Math.max(c.freeAt, first.since);
          if (!call || time < call.time) call = { counter: c, time };
        }
        if (arrival === undefined && !call) break;
        if (arrival !== undefined && (!call || arrival <= call.time)) {
          next++;
          const purpose = pickPurpose(rnd.next(), office.purposes);
          if (!purpose) continue;
          try {
            const issued = await issueTicket(db, {
              municipalityId: options.municipalityId,
              officeId: office.id,
              purposeId: purpose.id,
              now: at(day, arrival),
            });
            await demo.markTicket(options.municipalityId, issued.ticket.id);
            waiting.push({
              ticketId: issued.ticket.id,
              purposeId: purpose.id,
              since: arrival,
              token: issued.token,
              targetCounterId: null,
            });
            tickets++;
            issuedToday++;
          } catch (error) {
            // A closed day or hour (holidays, 12/29–1/3): the kiosk refuses, and so does the simulation.
            if (error instanceof QueueRefusal) {
              next = arrivals.length;
              continue;
            }
            throw error;
          }
          continue;
        }
        if (!call) break;
        const { counter } = call;
        const staff: StaffAtCounter = {
          municipalityId: options.municipalityId,
          officeId: office.id,
          staffId,
          counterId: counter.id,
        };
        const t0 = call.time;
        let called: Awaited<ReturnType<typeof callNext>>;
        try {
          called = await callNext(db, { ...staff, now: at(day, t0) });
        } catch (error) {
          if (!(error instanceof QueueRefusal)) throw error;
          counter.freeAt = t0 + 1;
          waiting.splice(0, waiting.length, ...waiting.filter((w) => !serves(counter, w)));
          continue;
        }
        const ticketId = called.ticket.id;
        const index = waiting.findIndex((w) => w.ticketId === ticketId);
        const entry = waiting[index];
        if (index >= 0) waiting.splice(index, 1);
        const purposeCode =
          office.purposes.find((p) => p.id === called.ticket.purposeId)?.code ?? "certificate";
        const noShow = rnd.next() < 0.03;
        if (noShow) {
          await recallTicket(db, { ...staff, ticketId, now: at(day, t0 + 2) });
          await markAbsent(db, { ...staff, ticketId, now: at(day, t0 + 4) });
          counter.freeAt = t0 + 4;
          continue;
        }
        const [mean, sd] = mix[purposeCode]?.minutes ?? [10, 3];
        const minutes = Math.max(2, rnd.normal(mean, sd));
        await startService(db, { ...staff, ticketId, now: at(day, t0 + 1) });
        const end = t0 + 1 + minutes;
        // The call to a one-stop counter opened a visit at reception: the staff member takes it
        // through identity, household, interview, signature and acceptance during the service, as at
        // a real counter, so the visit KPIs fill and no visit is left open in the staff's list.
        if (called.ticket.visitId) {
          const outcome = await driveDemoVisit(db, {
            scope: { municipalityId: options.municipalityId, officeId: office.id, staffId },
            visitId: called.ticket.visitId,
            purposeCode,
            day,
            from: at(day, t0 + 1),
            to: at(day, end),
            rnd,
            accept: acceptShare >= 1 || rnd.next() < acceptShare,
          });
          if (outcome === "accepted") {
            visitsAccepted++;
            // Its deliveries, as the worker would have made them that day: most within minutes, about
            // one in twenty after retries past the hour (the lateness KPI, docs/kpi.md).
            const late = rnd.next() < 0.05;
            const minutes = late ? 65 + rnd.next() * 175 : 0.5 + rnd.next() * 14;
            await demo.settleDeliveries(options.municipalityId, called.ticket.visitId, minutes, late ? 3 : 1);
          } else visitsCancelled++;
        }
        // A move-in often goes on to the welfare or children's counter after the one-stop counter.
        const onward =
          !entry?.targetCounterId && purposeCode === "move" && rnd.next() < 0.25
            ? office.transferCounters[Math.floor(rnd.next() * office.transferCounters.length)]
            : undefined;
        if (onward) {
          await transferTicket(db, { ...staff, ticketId, to: { counterId: onward }, now: at(day, end) });
          waiting.push({
            ticketId,
            purposeId: called.ticket.purposeId,
            since: end,
            token: entry?.token ?? "",
            targetCounterId: onward,
          });
        } else {
          await finishService(db, { ...staff, ticketId, now: at(day, end) });
          if (entry?.token && rnd.next() < 0.3) {
            const subject = await surveyRepository(db).subjectByTicketToken(hashTicketToken(entry.token));
            if (subject) {
              const score = Math.max(1, Math.min(5, Math.round(rnd.normal(4.1, 0.9))));
              const lang = rnd.next() < 0.85 ? "ja" : rnd.next() < 0.5 ? "easy" : "en";
              const outcome = await answerSurvey(db, {
                subject,
                score,
                comment: null,
                lang,
                channel: "qr",
                now: at(day, end + 5),
              });
              if (outcome === "recorded") answers++;
            }
          }
        }
        counter.freeAt = end;
      }
      // End of the day: each counter that worked is closed, as its staff member does.
      for (const c of counters) {
        if (c.freeAt === 0) continue;
        await setCounterOpen(db, {
          municipalityId: options.municipalityId,
          officeId: office.id,
          staffId,
          counterId: c.id,
          open: false,
          reason: "終業",
          now: at(day, Math.max(CLOSING_MINUTE, Math.ceil(c.freeAt) + 1)),
        });
      }
    }
    if (issuedToday > 0) daysDone++;
    options.progress?.(`${day}: ${issuedToday}`);
  }
  // The facts and the dashboard's rollups are built now, not on the first look at the dashboard.
  await refreshKpiRollups(db, options.municipalityId, options.now);
  await db.execute(sql`analyze kpi_ticket_facts`);
  return { tickets, days: daysDone, surveyAnswers: answers, visitsAccepted, visitsCancelled };
}

function pickPurpose<T extends { code: string }>(r: number, purposes: readonly T[]): T | undefined {
  let acc = 0;
  for (const p of purposes) {
    acc += mix[p.code]?.share ?? 0;
    if (r < acc) return p;
  }
  return purposes[purposes.length - 1];
}
