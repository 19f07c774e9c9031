import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/support/database";
import { addStaff } from "../auth/add-staff";
import { seedQueue } from "../queue/queue.seed";
import { kumamotoSeed } from "../tenancy/kumamoto.seed";
import { seedMunicipality } from "../tenancy/municipality-seed";
import { clearDemo } from "./clear-demo";
import { figuresOf } from "./kpi";
import { kpiRepository } from "./kpi.repository";
import { simulateDemo } from "./simulate-demo";

// The simulator through the real use cases, then every ticket's stay, wait and service time
// recomputed here from the raw events alone and compared with what the dashboard reads.
let database: TestDatabase;
const rows = async <T>(statement: ReturnType<typeof sql>) =>
  ((await database.db.execute(statement)) as unknown as { rows: T[] }).rows;
// Thursday 2 April 2026 at noon: the week before is March–April, across the fiscal-year boundary.
const now = new Date("2026-04-02T12:00:00+09:00");
let simulated: Awaited<ReturnType<typeof simulateDemo>>;
let history: string[];

/** Every ticket's office, day, number, outcome and timestamps, and every visit's state: what a seed fixes. */
async function fingerprint(db: TestDatabase): Promise<string[]> {
  const result = (await db.db.execute(sql`
    select concat_ws(' ', o.code, t.service_date::text, t.number, t.status, t.issued_at, t.first_called_at,
      t.finished_at, v.state, v.accepted_at) as line
    from queue_tickets t join offices o on o.id = t.office_id left join visits v on v.id = t.visit_id
    order by o.code, t.service_date, t.number`)) as unknown as { rows: Array<{ line: string }> };
  return result.rows.map((r) => r.line);
}

async function seededTenant(db: TestDatabase): Promise<void> {
  await seedMunicipality(db.db, kumamotoSeed);
  await seedQueue(db.db, "kumamoto", { officeCodes: ["chuo", "higashi"] });
  await addStaff(db.db, {
    municipalityId: "kumamoto",
    username: "kumamoto-counter",
    displayName: "窓口 一郎",
    role: "counter",
    officeCode: "chuo",
  });
}

beforeAll(async () => {
  database = await createTestDatabase();
  await seededTenant(database);
});
afterAll(async () => {
  await database?.destroy();
});

interface EventRow {
  ticket_id: string;
  kind: string;
  at: Date;
}

describe("demo simulate", () => {
  it("writes a week of tickets on open days only, marked as demo data", async () => {
    const result = await simulateDemo(database.db, {
      municipalityId: "kumamoto",
      days: 7,
      perDay: 4,
      seed: 7,
      now,
    });
    simulated = result;
    expect(result.tickets).toBeGreaterThan(20);
    // 26–27 March and 30 March–1 April are working days; the weekend of 28–29 March is closed.
    expect(result.days).toBe(5);
    const days = await rows<{ d: string }>(
      sql`select distinct service_date::text as d from queue_tickets order by 1`,
    );
    expect(days.map((r) => r.d)).toEqual([
      "2026-03-26",
      "2026-03-27",
      "2026-03-30",
      "2026-03-31",
      "2026-04-01",
    ]);
    const [marked] = await rows<{ n: number }>(sql`
      select count(*)::int as n from queue_tickets t join kpi_demo_tickets d on d.ticket_id = t.id`);
    expect(marked?.n).toBe(result.tickets);
    history = await fingerprint(database);
  });

  it("gives figures that match an independent recomputation from the raw events", async () => {
    const events = await rows<EventRow>(sql`
      select e.ticket_id, e.kind, e.at from queue_ticket_events e order by e.id`);
    const byTicket = new Map<string, EventRow[]>();
    for (const e of events) byTicket.set(e.ticket_id, [...(byTicket.get(e.ticket_id) ?? []), e]);
    const stay: number[] = [];
    const wait: number[] = [];
    const service: number[] = [];
    for (const list of byTicket.values()) {
      const time = (e: EventRow | undefined) => new Date(e?.at ?? 0).getTime() / 1000;
      const issued = list.find((e) => e.kind === "issued");
      const ended = list.some((e) => e.kind === "finished" || e.kind === "absent");
      if (!ended) continue;
      const firstCall = list.find((e) => e.kind === "called");
      if (firstCall) wait.push(Math.round(time(firstCall) - time(issued)));
      const finishes = list.filter((e) => e.kind === "finished");
      if (finishes.length > 0) stay.push(Math.round(time(finishes[finishes.length - 1]) - time(issued)));
      let callAt: number | null = null;
      for (const e of list) {
        if (e.kind === "called" && callAt === null) callAt = time(e);
        if ((e.kind === "finished" || e.kind === "transferred") && callAt !== null) {
          service.push(Math.round(time(e) - callAt));
          callAt = null;
        }
        if (e.kind === "transferred") callAt = null;
      }
    }
    const filter = { municipalityId: "kumamoto", from: "2026-03-01", to: "2026-04-30", now };
    const repo = kpiRepository(database.db);
    const close = (a: ReturnType<typeof figuresOf>, b: ReturnType<typeof figuresOf> | undefined) => {
      expect(b?.count).toBe(a.count);
      expect(b?.sum).toBe(a.sum);
      expect(b?.median).toBeCloseTo(a.median ?? 0, 6);
      expect(b?.p90).toBeCloseTo(a.p90 ?? 0, 6);
    };
    close(figuresOf("all", stay), (await repo.figures("stay", filter, "none"))[0]);
    close(figuresOf("all", wait), (await repo.figures("wait", filter, "none"))[0]);
    close(figuresOf("all", service), (await repo.figures("service", filter, "none"))[0]);
    // Split at the fiscal-year boundary: March in FY2025, April in FY2026.
    const byYear = await repo.figures("stay", filter, "fy");
    expect(byYear.map((r) => r.key)).toEqual(["2025", "2026"]);
    expect(byYear.reduce((s, r) => s + r.count, 0)).toBe(stay.length);
  });

  it("takes every one-stop visit it opened to acceptance or cancellation, never leaving one open", async () => {
    const states = await rows<{ state: string; n: number }>(sql`
      select state, count(*)::int as n from visits group by state order by state`);
    // The staff's list of open visits (/visits) shows every state but closed and cancelled.
    expect(states.filter((r) => !["closed", "cancelled"].includes(r.state))).toEqual([]);
    const count = (state: string) => states.find((r) => r.state === state)?.n ?? 0;
    expect(count("closed")).toBe(simulated.visitsAccepted);
    // Cancelled: those the simulated residents left, and those of no-shows (mark-absent cancels them).
    const [absent] = await rows<{ n: number }>(sql`
      select count(*)::int as n from visits v join queue_tickets t on t.id = v.ticket_id
      where v.state = 'cancelled' and t.status = 'absent'`);
    expect(count("cancelled")).toBe(simulated.visitsCancelled + (absent?.n ?? 0));
    expect(simulated.visitsAccepted).toBeGreaterThan(5);
    // Every visit belongs to a demo ticket called to a one-stop counter.
    const [orphans] = await rows<{ n: number }>(sql`
      select count(*)::int as n from visits v
      where not exists (select 1 from kpi_demo_tickets d join queue_tickets t on t.id = d.ticket_id
        where t.id = v.ticket_id and t.visit_id = v.id)`);
    expect(orphans?.n).toBe(0);
    // Accepted (then closed) visits carry their measures, a signature, applications and their hand-off deliveries.
    const accepted = await rows<{
      forms: number;
      names: number;
      signatures: number;
      applications: number;
      signed: number;
      deliveries: number;
      event: string;
    }>(sql`
      select (v.measures->>'formsProduced')::int as forms, (v.measures->>'namesWrittenByResident')::int as names,
        (v.measures->>'signatures')::int as signatures, v.household->'event'->>'type' as event,
        (select count(*)::int from applications a where a.visit_id = v.id) as applications,
        (select count(*)::int from signatures s where s.visit_id = v.id) as signed,
        (select count(*)::int from handoff_deliveries d join applications a on a.id = d.application_id
          where a.visit_id = v.id) as deliveries
      from visits v where v.state = 'closed' and v.accepted_at is not null`);
    expect(accepted).toHaveLength(simulated.visitsAccepted);
    for (const v of accepted) {
      expect(v.forms).toBeGreaterThan(0);
      expect(v.applications).toBe(v.forms);
      expect(v.names).toBe(0);
      expect(v.signatures).toBe(1);
      expect(v.signed).toBe(1);
      expect(v.deliveries).toBeGreaterThanOrEqual(v.applications);
      expect(["move-in", "move-within", "move-out", "death"]).toContain(v.event);
    }
  });

  it("gives a one-stop use count equal to the accepted visits counted from the visits table", async () => {
    const filter = { municipalityId: "kumamoto", from: "2026-03-01", to: "2026-04-30", now };
    const [independent] = await rows<{ n: number }>(sql`
      select count(*)::int as n from visits
      where municipality_id = 'kumamoto' and state in ('accepted', 'closed')
        and (accepted_at at time zone 'Asia/Tokyo')::date between '2026-03-01' and '2026-04-30'`);
    expect(independent?.n).toBe(simulated.visitsAccepted);
    const repo = kpiRepository(database.db);
    expect((await repo.figures("oneStop", filter, "none"))[0]?.count).toBe(independent?.n);
    const names = (await repo.figures("namesWritten", filter, "none"))[0];
    expect([names?.count, names?.sum]).toEqual([independent?.n, 0]);
    expect((await repo.figures("formsPerVisit", filter, "none"))[0]?.count).toBe(independent?.n);
  });

  it("hands off as a real day would: enqueued at acceptance, most delivered within minutes, a few late", async () => {
    const deliveries = await rows<{ created: Date; accepted: Date; done: Date | null; state: string }>(sql`
      select d.created_at as created, v.accepted_at as accepted, d.done_at as done, d.state
      from handoff_deliveries d join applications a on a.id = d.application_id join visits v on v.id = a.visit_id`);
    expect(deliveries.length).toBeGreaterThan(10);
    for (const d of deliveries) {
      expect(new Date(d.created).getTime()).toBe(new Date(d.accepted).getTime());
      expect(d.state).toBe("done");
      const minutes = (new Date(d.done ?? 0).getTime() - new Date(d.created).getTime()) / 60_000;
      expect(minutes).toBeGreaterThan(0);
      expect(minutes).toBeLessThan(6 * 60);
    }
    const late = deliveries.filter(
      (d) => new Date(d.done ?? 0).getTime() - new Date(d.created).getTime() > 3_600_000,
    ).length;
    expect(late).toBeGreaterThan(0);
    expect(late).toBeLessThan(deliveries.length * 0.2);
    // The dashboard's lateness is exactly that count, as docs/kpi.md defines it.
    const figures = await kpiRepository(database.db).figures(
      "deliveriesLate",
      { municipalityId: "kumamoto", from: "2026-03-01", to: "2026-04-30", now },
      "none",
    );
    expect([figures[0]?.count, figures[0]?.sum]).toEqual([deliveries.length, late]);
  });

  it("closes its counters at the end of each day: today shows none open", async () => {
    const [open] = await rows<{ n: number }>(
      sql`select count(*)::int as n from queue_counter_states where open`,
    );
    expect(open?.n).toBe(0);
    const live = await kpiRepository(database.db).live("kumamoto", "2026-04-01");
    expect(live.countersOpen).toBe(0);
  });

  it("removes everything it made with demo clear", async () => {
    const [before] = await rows<{ n: number }>(sql`select count(*)::int as n from queue_tickets`);
    expect(await clearDemo(database.db, { municipalityId: "kumamoto" })).toBe(before?.n);
    for (const table of [
      "queue_tickets",
      "queue_ticket_events",
      "kpi_ticket_facts",
      "kpi_survey_answers",
      "handoff_deliveries",
      "applications",
      "signatures",
      "visit_transitions",
      "visits",
      "kpi_demo_tickets",
      "queue_daily_numbers",
    ]) {
      const [left] = await rows<{ n: number }>(sql`select count(*)::int as n from ${sql.raw(table)}`);
      expect([table, left?.n]).toEqual([table, 0]);
    }
  });

  it("gives the same history for the same seed in another database (ids differ, the history does not)", async () => {
    const other = await createTestDatabase();
    try {
      await seededTenant(other);
      const again = await simulateDemo(other.db, {
        municipalityId: "kumamoto",
        days: 7,
        perDay: 4,
        seed: 7,
        now,
      });
      expect(again).toEqual(simulated);
      expect(await fingerprint(other)).toEqual(history);
    } finally {
      await other.destroy();
    }
  });
});
