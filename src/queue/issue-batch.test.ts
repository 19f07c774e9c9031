import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/support/database";
import type { Db } from "../db/database";
import { kumamotoSeed } from "../tenancy/kumamoto.seed";
import { seedMunicipality } from "../tenancy/municipality-seed";
import { offices } from "../tenancy/tenancy.table";
import { createKioskIssuer, type KioskIssue } from "./issue-batch";
import { hashTicketToken, type IssuedTicket } from "./issue-ticket";
import { loadBoard } from "./load-board";
import { isQueueRefusal } from "./queue.errors";
import { type IssueContext, queueRepository } from "./queue.repository";
import { alwaysOpen, kumamotoQueueSeed, seedQueue } from "./queue.seed";
import { queueDailyNumbers, queueTicketEvents, queueTickets } from "./queue.table";

// Monday 2 March 2026, 10:00 in Kumamoto.
const monday = new Date("2026-03-02T10:00:00+09:00");

let database: TestDatabase;
let db: Db;
let officeId: string;
let context: IssueContext;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  await seedMunicipality(db, kumamotoSeed);
  await seedQueue(db, "kumamoto", {
    officeCodes: ["chuo"],
    seed: { ...kumamotoQueueSeed, hours: alwaysOpen },
  });
  const [office] = await db
    .select({ id: offices.id })
    .from(offices)
    .where(and(eq(offices.municipalityId, "kumamoto"), eq(offices.code, "chuo")));
  officeId = office?.id ?? "";
  const move = (await queueRepository(db).listPurposes("kumamoto", officeId)).find((p) => p.code === "move");
  const found = await queueRepository(db).kioskContext(officeId, move?.id ?? "");
  if (!found?.purpose) throw new Error("no move purpose");
  context = { office: found.office, purpose: found.purpose };
});

afterAll(async () => {
  await database?.destroy();
});

beforeEach(async () => {
  await db.delete(queueTicketEvents);
  await db.delete(queueTickets);
  await db.delete(queueDailyNumbers);
});

const settle = (n: number, request = (): KioskIssue => ({ context, lang: "ja", now: monday })) => {
  const issuer = createKioskIssuer(db);
  return Promise.allSettled(Array.from({ length: n }, () => issuer.issue(request())));
};
const fulfilled = (results: PromiseSettledResult<IssuedTicket>[]) =>
  results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));

describe("the kiosks' grouped issue", () => {
  it("30 kiosks at once: gap-free numbers, one event each in order, and each ticket's own place", async () => {
    const issued = fulfilled(await settle(30));
    expect(issued).toHaveLength(30);
    const band = context.purpose.bandStart;
    expect(issued.map((i) => i.ticket.number).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 30 }, (_, i) => band + i),
    );
    // Everyone waits from the same instant: the people ahead are those with a lower number.
    for (const i of issued) expect(i.place.ahead).toBe(i.ticket.number - band);
    // The place printed is the board's.
    const board = await loadBoard(db, { municipalityId: "kumamoto", officeId, now: monday });
    for (const i of issued) expect(board?.tickets.get(i.ticket.id)?.ahead).toBe(i.place.ahead);
    // One "issued" event per ticket, with the office's event numbers in the order of the numbers.
    const events = await db.select().from(queueTicketEvents);
    expect(events).toHaveLength(30);
    const seqOf = new Map(events.map((e) => [e.ticketId, e.seq]));
    const bySeq = [...issued].sort((a, b) => a.seq - b.seq);
    expect(bySeq.map((i) => i.ticket.number)).toEqual(
      issued.map((i) => i.ticket.number).sort((a, b) => a - b),
    );
    for (const i of issued) expect(seqOf.get(i.ticket.id)).toBe(i.seq);
    // Every token opens its own ticket, and only its hash is stored.
    for (const i of issued) {
      const row = await queueRepository(db).findTicketByTokenHash(hashTicketToken(i.token));
      expect(row?.id).toBe(i.ticket.id);
      expect(row).toEqual(i.ticket);
    }
  });

  it("keeps each resident's language on their own ticket", async () => {
    const langs = ["ja", "en", "vi", "ko", "zh", "ja-x-easy"] as const;
    let n = 0;
    const issued = fulfilled(await settle(6, () => ({ context, lang: langs[n++ % 6] ?? "ja", now: monday })));
    const rows = await db.select().from(queueTickets);
    for (const i of issued) expect(rows.find((r) => r.id === i.ticket.id)?.lang).toBe(i.ticket.lang);
    expect(new Set(rows.map((r) => r.lang))).toEqual(new Set(langs));
  });

  it("with five numbers left in the band, five of eight are issued and three refused, nothing skipped", async () => {
    const { bandEnd } = context.purpose;
    await db.insert(queueDailyNumbers).values({
      municipalityId: "kumamoto",
      officeId,
      purposeId: context.purpose.id,
      serviceDate: "2026-03-02",
      lastNumber: bandEnd - 5,
    });
    const results = await settle(8);
    const issued = fulfilled(results);
    expect(issued.map((i) => i.ticket.number).sort((a, b) => a - b)).toEqual([
      bandEnd - 4,
      bandEnd - 3,
      bandEnd - 2,
      bandEnd - 1,
      bandEnd,
    ]);
    const refused = results.flatMap((r) => (r.status === "rejected" ? [r.reason] : []));
    expect(refused).toHaveLength(3);
    for (const r of refused) expect(isQueueRefusal(r) && r.problems[0]?.code).toBe("queue.bandExhausted");
    expect(await db.select().from(queueTickets)).toHaveLength(5);
  });

  it("a run whose statement fails answers every kiosk in it with the error and writes nothing", async () => {
    const gone = { ...context, purpose: { ...context.purpose, id: randomUUID() } };
    const results = await settle(5, () => ({ context: gone, lang: "ja", now: monday }));
    expect(results.every((r) => r.status === "rejected")).toBe(true);
    expect(await db.select().from(queueTickets)).toHaveLength(0);
    expect(await db.select().from(queueTicketEvents)).toHaveLength(0);
  });

  it("refuses outside the office's hours before taking a number", async () => {
    const { hours } = kumamotoQueueSeed;
    const closed = {
      ...context,
      office: {
        ...context.office,
        ...hours,
        openWeekdays: [...hours.openWeekdays],
        closedDates: [...hours.closedDates],
      },
    };
    const results = await settle(3, () => ({
      context: closed,
      lang: "ja",
      now: new Date("2026-03-01T10:00:00+09:00"),
    }));
    for (const r of results) expect(r.status === "rejected" && isQueueRefusal(r.reason)).toBe(true);
    expect(await db.select().from(queueDailyNumbers)).toHaveLength(0);
  });
});
