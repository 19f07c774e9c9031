import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/support/database";
import { addStaff } from "../auth/add-staff";
import type { Db } from "../db/database";
import { callNext } from "../queue/call-next";
import { finishService } from "../queue/finish-service";
import { issueTicket } from "../queue/issue-ticket";
import { markAbsent } from "../queue/mark-absent";
import { alwaysOpen, kumamotoQueueSeed, seedQueue } from "../queue/queue.seed";
import { queuePurposes } from "../queue/queue.table";
import { recallTicket } from "../queue/recall-ticket";
import { startService } from "../queue/start-service";
import type { StaffAtCounter } from "../queue/ticket-change";
import { transferTicket } from "../queue/transfer-ticket";
import type { OneStopTicketCalledHook } from "../queue/visit-seam";
import { kumamotoSeed } from "../tenancy/kumamoto.seed";
import { seedMunicipality } from "../tenancy/municipality-seed";
import { counters, offices } from "../tenancy/tenancy.table";
import { visits } from "../visits/visits.table";
import { figuresOf } from "./kpi";
import { type KpiFilter, kpiRepository } from "./kpi.repository";
import { kpiTicketFacts } from "./kpi.table";
import { refreshTicketFacts } from "./refresh-ticket-facts";

// Each definition on timelines built by hand through the real queue use cases, at chosen instants:
// transfers, recalls, a no-show, a visit across midnight and one across the fiscal-year boundary.
let database: TestDatabase;
let db: Db;
let chuo: string;
let higashi: string;
let staffId: string;
const purpose: Record<string, string> = {};
// Counters by number at 中央区, and by "h" + number at 東区.
const counter: Record<string, string> = {};

const jst = (local: string) => new Date(`${local}+09:00`);
let eventForNextCall: string | null = null;

/** Opens a visit row for the call when a test names an event, so the ticket carries an event type. */
const hook: OneStopTicketCalledHook = async (tx, call) => {
  if (!eventForNextCall) return call.visitId;
  if (call.visitId) return call.visitId;
  const [visit] = await tx
    .insert(visits)
    .values({
      municipalityId: call.municipalityId,
      officeId: call.officeId,
      state: "reception",
      household: { event: { type: eventForNextCall, date: "2026-04-06" }, members: [] },
      createdBy: call.staffId,
    })
    .returning({ id: visits.id });
  return visit?.id ?? null;
};

const at = (number: number, officeId = chuo): StaffAtCounter => ({
  municipalityId: "kumamoto",
  officeId,
  staffId,
  counterId: counter[`${officeId === chuo ? "" : "h"}${number}`] ?? null,
});

async function issue(code: string, when: Date, officeId = chuo) {
  const p = officeId === chuo ? purpose[code] : purpose[`h:${code}`];
  const { ticket } = await issueTicket(db, {
    municipalityId: "kumamoto",
    officeId,
    purposeId: p ?? "",
    now: when,
  });
  return ticket.id;
}
async function call(number: number, when: Date, officeId = chuo) {
  const { ticket } = await callNext(db, { ...at(number, officeId), now: when, onOneStopTicketCalled: hook });
  return ticket.id;
}

const seconds = (a: string, b: string) => (jst(b).getTime() - jst(a).getTime()) / 1000;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  await seedMunicipality(db, kumamotoSeed);
  await seedQueue(db, "kumamoto", {
    officeCodes: ["chuo", "higashi"],
    seed: { ...kumamotoQueueSeed, hours: alwaysOpen },
  });
  const officeRows = await db.select().from(offices).where(eq(offices.municipalityId, "kumamoto"));
  chuo = officeRows.find((o) => o.code === "chuo")?.id ?? "";
  higashi = officeRows.find((o) => o.code === "higashi")?.id ?? "";
  for (const p of await db.select().from(queuePurposes)) {
    purpose[p.officeId === chuo ? p.code : `h:${p.code}`] = p.id;
  }
  for (const c of await db.select().from(counters)) {
    if (c.officeId === chuo) counter[c.number] = c.id;
    if (c.officeId === higashi) counter[`h${c.number}`] = c.id;
  }
  const { staff } = await addStaff(db, {
    municipalityId: "kumamoto",
    username: "kpi-counter",
    displayName: "窓口 職員",
    role: "counter",
    officeCode: "chuo",
  });
  staffId = staff.id;
});

afterAll(async () => {
  await database?.destroy();
});

const filter = (from: string, to: string, extra: Partial<KpiFilter> = {}): KpiFilter => ({
  municipalityId: "kumamoto",
  from,
  to,
  now: jst("2027-05-01T12:00:00"),
  ...extra,
});

describe("ticket facts from hand-built timelines", () => {
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    // 1. Plain: issued 09:00, called 09:10, started 09:12, finished 09:30.
    ids.plain = await issue("move", jst("2026-06-01T09:00:00"));
    await call(1, jst("2026-06-01T09:10:00"));
    await startService(db, { ...at(1), ticketId: ids.plain, now: jst("2026-06-01T09:12:00") });
    await finishService(db, { ...at(1), ticketId: ids.plain, now: jst("2026-06-01T09:30:00") });

    // 2. Transfer: counter 1 from 10:05 to 10:20, then counter 21 from 10:30 to 10:50.
    eventForNextCall = "move-in";
    ids.transfer = await issue("move", jst("2026-06-01T10:00:00"));
    await call(1, jst("2026-06-01T10:05:00"));
    eventForNextCall = null;
    await startService(db, { ...at(1), ticketId: ids.transfer, now: jst("2026-06-01T10:06:00") });
    await transferTicket(db, {
      ...at(1),
      ticketId: ids.transfer,
      to: { counterId: counter[21] ?? "" },
      now: jst("2026-06-01T10:20:00"),
    });
    await call(21, jst("2026-06-01T10:30:00"));
    await startService(db, { ...at(21), ticketId: ids.transfer, now: jst("2026-06-01T10:31:00") });
    await finishService(db, { ...at(21), ticketId: ids.transfer, now: jst("2026-06-01T10:50:00") });

    // 3. Recall: called 11:05, recalled 11:08, served 11:09–11:20.
    ids.recall = await issue("move", jst("2026-06-01T11:00:00"));
    await call(2, jst("2026-06-01T11:05:00"));
    await recallTicket(db, { ...at(2), ticketId: ids.recall, now: jst("2026-06-01T11:08:00") });
    await startService(db, { ...at(2), ticketId: ids.recall, now: jst("2026-06-01T11:09:00") });
    await finishService(db, { ...at(2), ticketId: ids.recall, now: jst("2026-06-01T11:20:00") });

    // 4. No-show: called 12:10, recalled 12:15, absent 12:20.
    ids.noShow = await issue("move", jst("2026-06-01T12:00:00"));
    await call(3, jst("2026-06-01T12:10:00"));
    await recallTicket(db, { ...at(3), ticketId: ids.noShow, now: jst("2026-06-01T12:15:00") });
    await markAbsent(db, { ...at(3), ticketId: ids.noShow, now: jst("2026-06-01T12:20:00") });

    // 5. Across midnight and the fiscal-year boundary: issued 31 March 2027 23:30, called 23:50,
    // finished after midnight on 1 April (the first day of the next fiscal year).
    ids.midnight = await issue("move", jst("2027-03-31T23:30:00"));
    await call(1, jst("2027-03-31T23:50:00"));
    await startService(db, { ...at(1), ticketId: ids.midnight, now: jst("2027-03-31T23:51:00") });
    await finishService(db, { ...at(1), ticketId: ids.midnight, now: jst("2027-04-01T00:10:00") });

    // 6. At 東区, still waiting: no fact until it ends.
    ids.waiting = await issue("move", jst("2026-06-01T09:00:00"), higashi);
  });

  it("writes one fact per ended ticket, and each only once", async () => {
    expect(await refreshTicketFacts(db, { municipalityId: "kumamoto" })).toBe(5);
    expect(await refreshTicketFacts(db, { municipalityId: "kumamoto" })).toBe(0);
  });

  it("measures stay, wait and service time exactly from the timestamps", async () => {
    const rows = await db.select().from(kpiTicketFacts);
    const fact = (id: string | undefined) => rows.find((r) => r.ticketId === id);
    expect(fact(ids.plain)).toMatchObject({
      outcome: "done",
      waitSeconds: 600,
      staySeconds: 1800,
      serviceSeconds: [1200],
      transfers: 0,
      recalls: 0,
      serviceDate: "2026-06-01",
    });
    expect(fact(ids.transfer)).toMatchObject({
      eventType: "move-in",
      waitSeconds: 300,
      staySeconds: seconds("2026-06-01T10:00:00", "2026-06-01T10:50:00"),
      serviceSeconds: [900, 1200],
      transfers: 1,
    });
    expect(fact(ids.recall)).toMatchObject({ waitSeconds: 300, serviceSeconds: [900], recalls: 1 });
    expect(fact(ids.noShow)).toMatchObject({
      outcome: "absent",
      waitSeconds: 600,
      staySeconds: null,
      serviceSeconds: [],
      recalls: 1,
    });
    expect(fact(ids.midnight)).toMatchObject({
      serviceDate: "2027-03-31",
      waitSeconds: 1200,
      staySeconds: 2400,
      serviceSeconds: [1200],
    });
    expect(fact(ids.waiting)).toBeUndefined();
  });

  it("aggregates count, mean, median and p90 as recomputed from the raw values", async () => {
    const repo = kpiRepository(db);
    const stay = await repo.figures("stay", filter("2026-04-01", "2027-03-31"), "none");
    expect(stay).toEqual([figuresOf("all", [1800, 3000, 1200, 2400])]);
    const service = await repo.figures("service", filter("2026-04-01", "2027-03-31"), "none");
    expect(service).toEqual([figuresOf("all", [1200, 900, 1200, 900, 1200])]);
    const noShow = await repo.figures("noShow", filter("2026-04-01", "2027-03-31"), "none");
    expect(noShow[0]).toMatchObject({ count: 5, sum: 1, mean: 0.2 });
  });

  it("counts a visit across midnight on the day and fiscal year its ticket was issued", async () => {
    const repo = kpiRepository(db);
    const byYear = await repo.figures("stay", filter("2026-01-01", "2027-12-31"), "fy");
    expect(byYear.map((r) => [r.key, r.count])).toEqual([["2026", 4]]);
    const april = await repo.figures("stay", filter("2027-04-01", "2027-04-30"), "none");
    expect(april).toEqual([]);
    const byDay = await repo.figures("wait", filter("2026-06-01", "2027-03-31"), "day");
    expect(byDay.map((r) => r.key)).toEqual(["2026-06-01", "2027-03-31"]);
  });

  it("groups by office, purpose and event type and filters by office", async () => {
    const repo = kpiRepository(db);
    const byEvent = await repo.figures("stay", filter("2026-04-01", "2027-03-31"), "event");
    expect(byEvent.map((r) => [r.key, r.count])).toEqual([
      ["", 3],
      ["move-in", 1],
    ]);
    const moveIn = await repo.figures(
      "wait",
      filter("2026-04-01", "2027-03-31", { eventType: "move-in", officeId: chuo }),
      "none",
    );
    expect(moveIn).toEqual([figuresOf("all", [300])]);
    const atHigashi = await repo.figures(
      "wait",
      filter("2026-04-01", "2027-03-31", { officeId: higashi }),
      "office",
    );
    expect(atHigashi).toEqual([]);
    const byPurpose = await repo.figures("wait", filter("2026-04-01", "2027-03-31"), "purpose");
    expect(byPurpose.map((r) => [r.key, r.count])).toEqual([[purpose.move, 5]]);
  });
});
