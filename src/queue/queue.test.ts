import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { yatsushiroSeed } from "../../test/support/app";
import { createTestDatabase, type TestDatabase } from "../../test/support/database";
import { addStaff } from "../auth/add-staff";
import { auditLog } from "../auth/auth.table";
import { type Db, openDatabase } from "../db/database";
import { OWN_CATALOGUES } from "../i18n/catalogues";
import { translator } from "../i18n/translate";
import { AppError } from "../shared/errors";
import { kumamotoSeed } from "../tenancy/kumamoto.seed";
import { seedMunicipality } from "../tenancy/municipality-seed";
import { counters, departments, offices } from "../tenancy/tenancy.table";
import { visits } from "../visits/visits.table";
import { callNext } from "./call-next";
import { finishService } from "./finish-service";
import { issueTicket } from "./issue-ticket";
import { loadBoard } from "./load-board";
import { markAbsent } from "./mark-absent";
import { pauseService } from "./pause-service";
import { isQueueRefusal, queueRefusalCodes } from "./queue.errors";
import { queueRepository } from "./queue.repository";
import { alwaysOpen, kumamotoQueueSeed, seedQueue } from "./queue.seed";
import {
  queueCounterStates,
  queueDailyNumbers,
  queueOffices,
  queuePurposes,
  queueTicketEvents,
  queueTickets,
} from "./queue.table";
import { recallTicket } from "./recall-ticket";
import { resumeService } from "./resume-service";
import { setCounterOpen } from "./set-counter-open";
import { startService } from "./start-service";
import type { StaffAtCounter } from "./ticket-change";
import { transferTicket } from "./transfer-ticket";
import type { OneStopTicketCall } from "./visit-seam";

// Monday 2 March 2026, 10:00 in Kumamoto: a working day inside opening hours.
const monday = new Date("2026-03-02T10:00:00+09:00");
const at = (minutes: number) => new Date(monday.getTime() + minutes * 60_000);

let database: TestDatabase;
let db: Db;
let chuo: string;
let higashi: string;
const purpose: Record<string, string> = {};
const counter: Record<number, string> = {};
let welfare: string;
let staffId: string;

const staffAt = (number: number, officeId = chuo): StaffAtCounter => ({
  municipalityId: "kumamoto",
  officeId,
  staffId,
  counterId: counter[number] ?? null,
});

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (isQueueRefusal(error)) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

/** A refusal's first problem as a Japanese or English reader reads it. */
const ja = (error: AppError) => (error.problems[0] ? translator("ja").message(error.problems[0]) : "");
const en = (error: AppError) => (error.problems[0] ? translator("en").message(error.problems[0]) : "");

/** Everything that a refused action must leave as it was. */
async function queueState() {
  const tickets = await db.select().from(queueTickets).orderBy(queueTickets.number);
  const events = await db.select().from(queueTicketEvents);
  const numbers = await db.select().from(queueDailyNumbers);
  const officeRows = await db.select().from(queueOffices);
  const states = await db.select().from(queueCounterStates);
  return {
    tickets,
    events: events.length,
    numbers,
    seqs: officeRows.map((o) => [o.officeId, o.eventSeq]),
    states,
  };
}

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  await seedMunicipality(db, kumamotoSeed);
  await seedMunicipality(db, yatsushiroSeed);
  // 中央区: Kumamoto's real hours; 東区: open around the clock for the concurrency tests.
  await seedQueue(db, "kumamoto", { officeCodes: ["chuo"] });
  await seedQueue(db, "kumamoto", {
    officeCodes: ["higashi"],
    seed: { ...kumamotoQueueSeed, hours: alwaysOpen },
  });
  await seedQueue(db, "yatsushiro", { seed: { ...kumamotoQueueSeed, hours: alwaysOpen } });
  const officeRows = await db.select().from(offices).where(eq(offices.municipalityId, "kumamoto"));
  chuo = officeRows.find((o) => o.code === "chuo")?.id ?? "";
  higashi = officeRows.find((o) => o.code === "higashi")?.id ?? "";
  for (const p of await db.select().from(queuePurposes).where(eq(queuePurposes.officeId, chuo)))
    purpose[p.code] = p.id;
  for (const c of await db.select().from(counters).where(eq(counters.officeId, chuo)))
    counter[c.number] = c.id;
  const [dep] = await db
    .select()
    .from(departments)
    .where(and(eq(departments.municipalityId, "kumamoto"), eq(departments.code, "welfare")));
  welfare = dep?.id ?? "";
  // Calls to a one-stop counter open a visit, which names the staff member who opened it.
  const { staff } = await addStaff(db, {
    municipalityId: "kumamoto",
    username: "queue-counter",
    displayName: "窓口 職員",
    role: "counter",
    officeCode: "chuo",
  });
  staffId = staff.id;
});

afterAll(async () => {
  await database?.destroy();
});

const issue = (
  code: string,
  now = monday,
  kind: "normal" | "priority" | "reservation" = "normal",
  officeId = chuo,
) => issueTicket(db, { municipalityId: "kumamoto", officeId, purposeId: purpose[code] ?? "", kind, now });

/** Finishes whatever each counter has in hand and drops today's waiting tickets: each test starts clean. */
async function clearDay() {
  await db.delete(queueTicketEvents);
  await db.delete(queueTickets);
  await db.delete(queueDailyNumbers);
  await db.delete(queueCounterStates);
}

describe("issuing tickets", () => {
  beforeEach(clearDay);

  it("numbers start at the band of the purpose and go up by one, separately per purpose", async () => {
    const a = await issue("move");
    const b = await issue("move");
    const c = await issue("moveout");
    const d = await issue("certificate");
    expect([a.ticket.number, b.ticket.number, c.ticket.number, d.ticket.number]).toEqual([
      100, 101, 500, 700,
    ]);
    expect(a.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(a.ticket.tokenHash).not.toContain(a.token);
  });

  it("numbers restart the next day", async () => {
    await issue("move");
    await issue("move");
    const tuesday = await issue("move", new Date("2026-03-03T09:00:00+09:00"));
    expect(tuesday.ticket.number).toBe(100);
    expect(tuesday.ticket.serviceDate).toBe("2026-03-03");
  });

  it("50 kiosks issuing at once get 50 different numbers with no gap", async () => {
    const officeId = higashi;
    const purposes = await queueRepository(db).listPurposes("kumamoto", officeId);
    const move = purposes.find((p) => p.code === "move")?.id ?? "";
    // On PostgreSQL, a pool of 50 connections: the 50 transactions really run at once.
    const wide =
      database.kind === "postgres"
        ? await openDatabase({
            kind: "postgres",
            url: String(database.pool?.options.connectionString),
            max: 50,
          })
        : undefined;
    const issued = await Promise.all(
      Array.from({ length: 50 }, () =>
        issueTicket(wide?.db ?? db, { municipalityId: "kumamoto", officeId, purposeId: move, now: monday }),
      ),
    ).finally(() => wide?.close());
    const numbers = issued.map((i) => i.ticket.number).sort((x, y) => x - y);
    expect(numbers).toEqual(Array.from({ length: 50 }, (_, i) => 100 + i));
    expect(new Set(issued.map((i) => i.token)).size).toBe(50);
    // The office's event numbers follow commit order: 50 changes, 50 consecutive numbers.
    const seqs = issued.map((i) => i.seq).sort((x, y) => x - y);
    expect((seqs.at(-1) ?? 0) - (seqs[0] ?? 0)).toBe(49);
    const [row] = await db.select().from(queueDailyNumbers).where(eq(queueDailyNumbers.purposeId, move));
    expect(row?.lastNumber).toBe(149);
  });

  it("an issued ticket knows its place on its own lane, counted as the board would count it", async () => {
    await issue("move", at(0));
    await issue("certificate", at(1));
    const sent = await issue("move", at(2));
    // A ticket sent on to a department waits on another lane: not ahead of new move tickets.
    const called = await callNext(db, { ...staffAt(1), now: at(3) });
    await transferTicket(db, {
      ...staffAt(1),
      ticketId: called.ticket.id,
      to: { departmentId: welfare },
      now: at(4),
    });
    const priority = await issue("move", at(5), "priority");
    const late = await issue("move", at(6));
    const board = await loadBoard(db, { municipalityId: "kumamoto", officeId: chuo, now: at(6) });
    expect(late.place.ahead).toBe(board?.tickets.get(late.ticket.id)?.ahead);
    expect(late.place.ahead).toBe(2);
    // A priority case goes ahead of those who waited less than its head start.
    expect(priority.place.ahead).toBe(0);
    expect(sent.place.ahead).toBe(1);
  });

  it("a ticket may wait from an earlier time (a reservation's slot), and its place counts from then", async () => {
    await issue("move", at(0));
    await issue("move", at(10));
    const booked = await issueTicket(db, {
      municipalityId: "kumamoto",
      officeId: chuo,
      purposeId: purpose.move ?? "",
      kind: "reservation",
      waitingSince: at(15),
      now: at(20),
    });
    const [row] = await db.select().from(queueTickets).where(eq(queueTickets.id, booked.ticket.id));
    expect(row?.waitingSince).toEqual(at(15));
    expect(row?.issuedAt).toEqual(at(20));
    const board = await loadBoard(db, { municipalityId: "kumamoto", officeId: chuo, now: at(20) });
    expect(booked.place.ahead).toBe(board?.tickets.get(booked.ticket.id)?.ahead);
    expect(booked.place.ahead).toBe(0);
  });

  it("issuing opens no transaction: number, ticket, event and notification are one statement", async () => {
    let transactions = 0;
    const counted = new Proxy(db, {
      get(target, key, receiver) {
        if (key === "transaction") transactions++;
        return Reflect.get(target, key, receiver);
      },
    });
    const issued = await issueTicket(counted, {
      municipalityId: "kumamoto",
      officeId: chuo,
      purposeId: purpose.move ?? "",
      now: monday,
    });
    expect(transactions).toBe(0);
    const events = await queueRepository(db).eventsOfTicket("kumamoto", issued.ticket.id);
    expect(events).toMatchObject([{ kind: "issued", seq: issued.seq, lane: "purpose" }]);
    const [row] = await db.select().from(queueTickets).where(eq(queueTickets.id, issued.ticket.id));
    expect(row).toEqual(issued.ticket);
  });

  it("concurrent issues for two purposes of one office keep each band gapless", async () => {
    const purposes = await queueRepository(db).listPurposes("kumamoto", higashi);
    const id = (code: string) => purposes.find((p) => p.code === code)?.id ?? "";
    const issued = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        issueTicket(db, {
          municipalityId: "kumamoto",
          officeId: higashi,
          purposeId: id(i % 2 === 0 ? "move" : "certificate"),
          now: monday,
        }),
      ),
    );
    const byBand = (lo: number) =>
      issued
        .map((i) => i.ticket.number)
        .filter((n) => n >= lo && n < lo + 100)
        .sort((x, y) => x - y);
    expect(byBand(100)).toEqual(Array.from({ length: 20 }, (_, i) => 100 + i));
    expect(byBand(700)).toEqual(Array.from({ length: 20 }, (_, i) => 700 + i));
  });

  it.each([
    {
      when: "2026-03-02T08:29:00+09:00",
      text: "番号札の発行時間は 08:30〜17:15 です。",
      why: "before opening",
    },
    {
      when: "2026-03-02T17:15:00+09:00",
      text: "番号札の発行時間は 08:30〜17:15 です。",
      why: "at closing time",
    },
    {
      when: "2026-03-07T10:00:00+09:00",
      text: "本日は閉庁日のため、番号札の発行はお休みしています。",
      why: "on a Saturday",
    },
    {
      when: "2026-05-05T10:00:00+09:00",
      text: "本日は祝日（こどもの日）のため、番号札の発行はお休みしています。",
      why: "on a national holiday",
    },
    {
      when: "2026-12-30T10:00:00+09:00",
      text: "本日は年末年始の閉庁日（12月29日〜1月3日）のため、番号札の発行はお休みしています。",
      why: "in the year-end closure",
    },
  ])("issuing $why is refused with a clear message and changes nothing", async ({ when, text }) => {
    await issue("move");
    const before = await queueState();
    const error = await refusal(issue("move", new Date(when)));
    expect(error.code).toBe("CONFLICT");
    expect(ja(error)).toBe(text);
    expect(en(error)).toMatch(/Tickets are issued from 08:30 to 17:15\.|No tickets are issued today/);
    expect(await queueState()).toEqual(before);
  });

  it("a local closed day from the office's configuration refuses issuing", async () => {
    await db
      .update(queueOffices)
      .set({ closedDates: ["2026-03-02"] })
      .where(eq(queueOffices.officeId, chuo));
    try {
      const error = await refusal(issue("move"));
      expect(ja(error)).toBe("本日は臨時の閉庁日のため、番号札の発行はお休みしています。");
      expect(await db.select().from(queueTickets)).toHaveLength(0);
    } finally {
      await db.update(queueOffices).set({ closedDates: [] }).where(eq(queueOffices.officeId, chuo));
    }
  });

  it("when a band is used up, issuing that purpose is refused and the other purposes go on", async () => {
    await db
      .update(queuePurposes)
      .set({ bandEnd: 401 })
      .where(eq(queuePurposes.id, purpose.bereavement ?? ""));
    try {
      await issue("bereavement");
      await issue("bereavement");
      const before = await queueState();
      const error = await refusal(issue("bereavement"));
      expect(ja(error)).toBe(
        "本日の「ワンストップ（おくやみ）」の番号札はすべて発行しました。職員にお声かけください。",
      );
      // The purpose travels as its names, so each reader gets it in their language.
      expect(translator("vi").message(error.problems[0] ?? { code: "" })).toContain(
        "Một cửa: thủ tục khi có người mất",
      );
      expect(await queueState()).toEqual(before);
      expect((await issue("move")).ticket.number).toBe(100);
    } finally {
      await db
        .update(queuePurposes)
        .set({ bandEnd: 499 })
        .where(eq(queuePurposes.id, purpose.bereavement ?? ""));
    }
  });

  it("an unknown purpose or another municipality's office is not found", async () => {
    await expect(
      issueTicket(db, { municipalityId: "kumamoto", officeId: chuo, purposeId: randomUUID(), now: monday }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      issueTicket(db, {
        municipalityId: "yatsushiro",
        officeId: chuo,
        purposeId: purpose.move ?? "",
        now: monday,
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("calling", () => {
  beforeEach(clearDay);

  it("a counter calls only from the bands it serves", async () => {
    await issue("move", at(0));
    await issue("certificate", at(1));
    await issue("bereavement", at(2));
    // Counter 11 (区民課) serves move-out and certificates; counter 1 the one-stop move; counter 3 also bereavement.
    expect((await callNext(db, { ...staffAt(11), now: at(5) })).ticket.number).toBe(700);
    expect((await callNext(db, { ...staffAt(1), now: at(5) })).ticket.number).toBe(100);
    expect((await callNext(db, { ...staffAt(3), now: at(5) })).ticket.number).toBe(400);
  });

  it("reservations and priority cases are called first, but not before normal tickets that waited longer than their head start", async () => {
    await issue("move", at(0)); // 100
    await issue("move", at(20)); // 101
    await issue("move", at(30), "priority"); // 102
    await issue("move", at(31), "reservation"); // 103
    await issue("move", at(32)); // 104
    const order: number[] = [];
    for (const [i, c] of [1, 2, 3, 1, 2].entries()) {
      const called = await callNext(db, { ...staffAt(c), now: at(33 + i) });
      order.push(called.ticket.number);
      await startService(db, { ...staffAt(c), ticketId: called.ticket.id, now: at(33 + i) });
      await finishService(db, { ...staffAt(c), ticketId: called.ticket.id, now: at(33 + i) });
    }
    // Claims at minute 33: 100 waited 33 min, more than the reservation's 2 + 30 head start, so it goes first;
    // then the reservation (33 at minute 34), the priority case (5 + 20 at minute 35), then 101 and 104.
    expect(order).toEqual([100, 103, 102, 101, 104]);
  });

  it("with nothing waiting, calling is refused and nothing changes", async () => {
    const before = await queueState();
    const error = await refusal(callNext(db, { ...staffAt(1), now: at(1) }));
    expect(error.reason).toBe("queue.nothingWaiting");
    expect([ja(error), en(error)]).toEqual([
      "この窓口でお待ちの方はいません。",
      "Nobody is waiting for this counter.",
    ]);
    expect(await queueState()).toEqual(before);
  });

  it("a counter with a ticket called or in service cannot call another", async () => {
    await issue("move", at(0));
    await issue("move", at(1));
    await callNext(db, { ...staffAt(1), now: at(2) });
    const before = await queueState();
    const error = await refusal(callNext(db, { ...staffAt(1), now: at(3) }));
    expect(ja(error)).toContain("100番を呼び出し中または対応中です");
    expect(await queueState()).toEqual(before);
  });

  it("calling without a chosen counter is refused", async () => {
    await issue("move", at(0));
    const error = await refusal(callNext(db, { ...staffAt(1), counterId: null, now: at(1) }));
    expect(error.reason).toBe("queue.noCounter");
  });

  it("a call to a one-stop counter goes through the visit seam in the same transaction and keeps the visit id", async () => {
    await issue("move", at(0));
    await issue("certificate", at(0));
    const calls: OneStopTicketCall[] = [];
    const visitId = randomUUID();
    const hook = async (_tx: unknown, call: OneStopTicketCall) => {
      calls.push(call);
      return visitId;
    };
    const oneStop = await callNext(db, { ...staffAt(2), now: at(1), onOneStopTicketCalled: hook });
    expect(oneStop.ticket.visitId).toBe(visitId);
    expect(calls).toEqual([
      expect.objectContaining({ ticketId: oneStop.ticket.id, counterId: counter[2], visitId: null, staffId }),
    ]);
    // 区民課 11 is not a one-stop counter: no visit.
    const plain = await callNext(db, { ...staffAt(11), now: at(1), onOneStopTicketCalled: hook });
    expect(plain.ticket.visitId).toBeNull();
    expect(calls).toHaveLength(1);
  });

  it("by default a one-stop call opens a visit at reception; a transfer back reopens the same visit", async () => {
    await issue("move", at(0));
    const called = await callNext(db, { ...staffAt(1), now: at(1) });
    const visitId = called.ticket.visitId ?? "";
    const [visit] = await db.select().from(visits).where(eq(visits.id, visitId));
    expect(visit).toMatchObject({
      municipalityId: "kumamoto",
      officeId: chuo,
      counterId: counter[1],
      ticketId: called.ticket.id,
      state: "reception",
      createdBy: staffId,
    });
    const audited = await db.select().from(auditLog).where(eq(auditLog.targetId, visitId));
    expect(audited.map((a) => a.action)).toEqual(["visit.start"]);

    await startService(db, { ...staffAt(1), ticketId: called.ticket.id, now: at(2) });
    await transferTicket(db, {
      ...staffAt(1),
      ticketId: called.ticket.id,
      to: { counterId: counter[2] ?? "" },
      now: at(5),
    });
    const again = await callNext(db, { ...staffAt(2), now: at(6) });
    expect(again.ticket.id).toBe(called.ticket.id);
    expect(again.ticket.visitId).toBe(visitId);
    const forTicket = await db.select().from(visits).where(eq(visits.ticketId, called.ticket.id));
    expect(forTicket).toHaveLength(1);
  });

  it("a refused call opens no visit", async () => {
    const before = await db.select().from(visits);
    await expect(callNext(db, { ...staffAt(1), now: at(1) })).rejects.toBeInstanceOf(AppError);
    expect(await db.select().from(visits)).toEqual(before);
  });

  it("a failing visit hook rolls the call back", async () => {
    await issue("move", at(0));
    const before = await queueState();
    await expect(
      callNext(db, {
        ...staffAt(1),
        now: at(1),
        onOneStopTicketCalled: async () => {
          throw new Error("visits unavailable");
        },
      }),
    ).rejects.toThrow("visits unavailable");
    expect(await queueState()).toEqual(before);
  });
});

describe("serving, transfers and the event log", () => {
  beforeEach(clearDay);

  it("a transfer to a department keeps the number; that department's counter calls it next", async () => {
    await issue("move", at(0));
    await issue("move", at(1));
    const called = await callNext(db, { ...staffAt(1), now: at(2) });
    await startService(db, { ...staffAt(1), ticketId: called.ticket.id, now: at(3) });
    const moved = await transferTicket(db, {
      ...staffAt(1),
      ticketId: called.ticket.id,
      to: { departmentId: welfare },
      now: at(13),
    });
    expect(moved.ticket).toMatchObject({
      number: 100,
      status: "waiting",
      counterId: null,
      targetDepartmentId: welfare,
    });
    // Counter 1 goes on with its own queue; 福祉課 21 gets the transferred ticket, same id and number.
    expect((await callNext(db, { ...staffAt(1), now: at(14) })).ticket.number).toBe(101);
    const again = await callNext(db, { ...staffAt(21), now: at(15) });
    expect(again.ticket).toMatchObject({ id: called.ticket.id, number: 100, counterId: counter[21] });
    const events = await queueRepository(db).eventsOfTicket("kumamoto", called.ticket.id);
    expect(events.map((e) => e.kind)).toEqual(["issued", "called", "served", "transferred", "called"]);
    expect(events[3]).toMatchObject({
      serviceSeconds: 600,
      lane: "purpose",
      detail: { toDepartmentId: welfare },
    });
    expect(events[4]).toMatchObject({ lane: `department:${welfare}`, counterId: counter[21] });
  });

  it("a transfer to one counter is called only by that counter", async () => {
    await issue("move", at(0));
    const called = await callNext(db, { ...staffAt(1), now: at(1) });
    await transferTicket(db, {
      ...staffAt(1),
      ticketId: called.ticket.id,
      to: { counterId: counter[3] ?? "" },
      now: at(2),
    });
    await expect(callNext(db, { ...staffAt(2), now: at(3) })).rejects.toMatchObject({
      reason: "queue.nothingWaiting",
    });
    expect((await callNext(db, { ...staffAt(3), now: at(3) })).ticket.number).toBe(100);
  });

  it("every event is timestamped with its counter and staff member, and pauses are not service time", async () => {
    await issue("certificate", at(0));
    const called = await callNext(db, { ...staffAt(11), now: at(1) });
    const id = called.ticket.id;
    await recallTicket(db, { ...staffAt(11), ticketId: id, now: at(2) });
    await startService(db, { ...staffAt(11), ticketId: id, now: at(3) });
    await pauseService(db, { ...staffAt(11), ticketId: id, reason: "書類を取りに戻る", now: at(5) });
    await resumeService(db, { ...staffAt(11), ticketId: id, now: at(25) });
    const done = await finishService(db, { ...staffAt(11), ticketId: id, now: at(28) });
    expect(done.ticket.status).toBe("done");
    const events = await queueRepository(db).eventsOfTicket("kumamoto", id);
    expect(events.map((e) => [e.kind, e.at.toISOString()])).toEqual([
      ["issued", at(0).toISOString()],
      ["called", at(1).toISOString()],
      ["recalled", at(2).toISOString()],
      ["served", at(3).toISOString()],
      ["paused", at(5).toISOString()],
      ["resumed", at(25).toISOString()],
      ["finished", at(28).toISOString()],
    ]);
    for (const e of events.slice(1)) expect(e).toMatchObject({ counterId: counter[11], staffId });
    expect(events[4]?.detail).toEqual({ reason: "書類を取りに戻る" });
    // 2 minutes before the pause and 3 after: 5 minutes of service.
    expect(events[6]?.serviceSeconds).toBe(300);
    const seqs = events.map((e) => e.seq);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
  });

  it("a called resident who does not come is marked absent", async () => {
    await issue("move", at(0));
    const called = await callNext(db, { ...staffAt(1), now: at(1) });
    const absent = await markAbsent(db, { ...staffAt(1), ticketId: called.ticket.id, now: at(4) });
    expect(absent.ticket).toMatchObject({ status: "absent", finishedAt: at(4) });
    // The visit the call opened was never started: it is cancelled, not left open.
    const [visit] = await db
      .select()
      .from(visits)
      .where(eq(visits.id, called.ticket.visitId ?? ""));
    expect(visit?.state).toBe("cancelled");
  });

  it("acting on a finished ticket is refused with a clear message and changes nothing", async () => {
    await issue("move", at(0));
    const called = await callNext(db, { ...staffAt(1), now: at(1) });
    await startService(db, { ...staffAt(1), ticketId: called.ticket.id, now: at(2) });
    await finishService(db, { ...staffAt(1), ticketId: called.ticket.id, now: at(3) });
    const before = await queueState();
    for (const act of [
      () => recallTicket(db, { ...staffAt(1), ticketId: called.ticket.id, now: at(4) }),
      () => finishService(db, { ...staffAt(1), ticketId: called.ticket.id, now: at(4) }),
      () => markAbsent(db, { ...staffAt(1), ticketId: called.ticket.id, now: at(4) }),
      () =>
        transferTicket(db, {
          ...staffAt(1),
          ticketId: called.ticket.id,
          to: { departmentId: welfare },
          now: at(4),
        }),
    ]) {
      const error = await refusal(act());
      expect(error.problems[0]).toEqual({
        path: "",
        code: "queue.ticketFinished",
        params: { number: "100" },
      });
      expect([ja(error), en(error)]).toEqual([
        "100番の対応はすでに終了しています。",
        "Number 100 has already been finished.",
      ]);
    }
    expect(await queueState()).toEqual(before);
  });

  it("an action that does not fit the ticket's status, or from another counter, is refused", async () => {
    await issue("move", at(0));
    const called = await callNext(db, { ...staffAt(1), now: at(1) });
    const before = await queueState();
    const invalid = await refusal(
      finishService(db, { ...staffAt(1), ticketId: called.ticket.id, now: at(2) }),
    );
    expect(ja(invalid)).toBe("100番は現在「呼び出し中」のため、この操作はできません。");
    expect(en(invalid)).toBe("Number 100 is “Called”: this action does not apply.");
    expect(
      (await refusal(startService(db, { ...staffAt(2), ticketId: called.ticket.id, now: at(2) }))).reason,
    ).toBe("queue.otherCounter");
    expect(
      (
        await refusal(
          pauseService(db, { ...staffAt(1), ticketId: called.ticket.id, reason: " ", now: at(2) }),
        )
      ).reason,
    ).toBe("queue.pauseReasonRequired");
    expect(await queueState()).toEqual(before);
  });

  it("another municipality's staff cannot see or touch a ticket: not found", async () => {
    await issue("move", at(0));
    const called = await callNext(db, { ...staffAt(1), now: at(1) });
    const yatsushiroCounter = (
      await db.select().from(counters).where(eq(counters.municipalityId, "yatsushiro"))
    )[0];
    const outsider: StaffAtCounter = {
      municipalityId: "yatsushiro",
      officeId: yatsushiroCounter?.officeId ?? "",
      staffId: randomUUID(),
      counterId: yatsushiroCounter?.id ?? null,
    };
    await expect(
      recallTicket(db, { ...outsider, ticketId: called.ticket.id, now: at(2) }),
    ).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(
      callNext(db, { ...outsider, counterId: counter[1] ?? null, now: at(2) }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("the board and its estimates", () => {
  beforeEach(clearDay);

  it("shows the latest calls with their counters, the waits per purpose, and each ticket's place", async () => {
    const a = await issue("move", at(0));
    const b = await issue("move", at(1));
    const c = await issue("move", at(2));
    await callNext(db, { ...staffAt(1), now: at(3) });
    const board = await loadBoard(db, { municipalityId: "kumamoto", officeId: chuo, now: at(4) });
    expect(board?.calls).toEqual([
      expect.objectContaining({
        number: 100,
        counterNumber: 1,
        counterLabels: expect.objectContaining({ ja: "ワンストップ窓口 1番", en: "One-stop counter 1" }),
        active: true,
      }),
    ]);
    expect(board?.purposes.find((p) => p.code === "move")?.waiting).toBe(2);
    expect(board?.tickets.get(a.ticket.id)).toMatchObject({ status: "called", counter: { number: 1 } });
    expect(board?.tickets.get(b.ticket.id)).toMatchObject({ status: "waiting", ahead: 0, nearly: true });
    expect(board?.tickets.get(c.ticket.id)).toMatchObject({ status: "waiting", ahead: 1 });
  });

  it("estimates come from measured service times and the counters open now", async () => {
    // Five certificate services of 4 minutes at counter 11.
    for (let i = 0; i < 5; i++) {
      const t = await issue("certificate", at(i * 10));
      const called = await callNext(db, { ...staffAt(11), now: at(i * 10 + 1) });
      expect(called.ticket.id).toBe(t.ticket.id);
      await startService(db, { ...staffAt(11), ticketId: t.ticket.id, now: at(i * 10 + 1) });
      await finishService(db, { ...staffAt(11), ticketId: t.ticket.id, now: at(i * 10 + 5) });
    }
    for (let i = 0; i < 3; i++) await issue("certificate", at(60));
    const board = await loadBoard(db, { municipalityId: "kumamoto", officeId: chuo, now: at(61) });
    const certificates = board?.purposes.find((p) => p.code === "certificate");
    // Three waiting, counter 11 open and free (it takes the first at once), services of 4 minutes: a
    // ticket issued now waits 2 rounds, or 3 at the slow end.
    expect(certificates).toMatchObject({
      waiting: 3,
      estimate: { minMinutes: 8, maxMinutes: 12, basis: "measured", samples: 5 },
    });
    // Closing counter 11 leaves none open: no estimate, and the board says why.
    await setCounterOpen(db, { ...staffAt(11), open: false, reason: "休憩", now: at(61) });
    const closed = await loadBoard(db, { municipalityId: "kumamoto", officeId: chuo, now: at(62) });
    expect(closed?.purposes.find((p) => p.code === "certificate")?.estimate).toEqual({
      basis: "unknown",
      reason: "noOpenCounter",
    });
    expect(closed?.seq).toBeGreaterThan(board?.seq ?? 0);
  });

  it("closing a counter needs a reason", async () => {
    const error = await refusal(setCounterOpen(db, { ...staffAt(1), open: false, reason: "", now: at(0) }));
    expect(error.reason).toBe("queue.pauseReasonRequired");
  });
});

describe("refusal texts", () => {
  it("every refusal code has its text in Japanese and English, and the ones a resident sees in every language", () => {
    const resident = ["closedDay", "outsideHours", "bandExhausted", "tokenInvalid", "tokenExpired"];
    for (const code of queueRefusalCodes) {
      const languages = resident.includes(code.slice("queue.".length))
        ? ["ja", "ja-x-easy", "en", "zh-Hans", "ko", "vi"]
        : ["ja", "en"];
      for (const lang of languages)
        expect(OWN_CATALOGUES[lang]?.[code], `${lang} ${code}`).toBeTypeOf("string");
    }
  });

  it("a holiday's name is given in each reader's language where it has one", async () => {
    const error = await refusal(issue("move", new Date("2026-05-05T10:00:00+09:00")));
    expect(en(error)).toBe("No tickets are issued today: a national holiday (Children's Day).");
    expect(translator("ko").message(error.problems[0] ?? { code: "" })).toBe(
      "오늘은 공휴일(こどもの日)이므로 번호표를 발급하지 않습니다.",
    );
  });
});
