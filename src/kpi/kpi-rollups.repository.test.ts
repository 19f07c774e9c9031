import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/support/database";
import { addStaff } from "../auth/add-staff";
import type { Db } from "../db/database";
import { seedQueue } from "../queue/queue.seed";
import { kumamotoSeed } from "../tenancy/kumamoto.seed";
import { seedMunicipality } from "../tenancy/municipality-seed";
import { type GroupBy, type KpiFigures, type KpiId, kpiIds } from "./kpi";
import { type KpiFilter, kpiRepository, rowsOf } from "./kpi.repository";
import { bucketedKpis, percentileErrorBound } from "./kpi-histogram";
import {
  kpiRollupsRepository,
  refreshAllKpiRollups,
  refreshKpiRollups,
  segmentsOf,
} from "./kpi-rollups.repository";

// The rollups against the exact figures computed from the same rows, for every KPI, grouping and a
// spread of periods (whole months read from month rows, partial months and the current month from day
// rows), and after the sources change. Deterministic rows written with SQL over four and a half months.
let database: TestDatabase;
let db: Db;
let chuo: string;
let higashi: string;
const jst = (local: string) => new Date(`${local}+09:00`);
const now = jst("2026-05-21T12:00:00");

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  await seedMunicipality(db, kumamotoSeed);
  await seedQueue(db, "kumamoto", { officeCodes: ["chuo", "higashi"] });
  const { staff } = await addStaff(db, {
    municipalityId: "kumamoto",
    username: "rollup-counter",
    displayName: "窓口 職員",
    role: "counter",
    officeCode: "chuo",
  });
  const offices = rowsOf<{ id: string; code: string }>(
    await db.execute(sql`select id, code from offices where code in ('chuo', 'higashi')`),
  );
  chuo = offices.find((o) => o.code === "chuo")?.id ?? "";
  higashi = offices.find((o) => o.code === "higashi")?.id ?? "";
  // 900 ended tickets from 15 January to 20 May 2026 at two offices, three purposes, three event types,
  // waits and stays spread over every bucket width (up to about 3 h 40 min), a no-show in 17.
  await db.execute(sql`
    with p as (select id, office_id, row_number() over (partition by office_id order by code) - 1 as k from queue_purposes)
    insert into kpi_ticket_facts (ticket_id, municipality_id, office_id, purpose_id, event_type, service_date, outcome,
      issued_at, wait_seconds, stay_seconds, service_seconds, transfers, recalls, last_event_id)
    select gen_random_uuid(), 'kumamoto', p.office_id, p.id,
      (array[null, 'move-in', 'death', 'move-in', null])[1 + i % 5],
      '2026-01-15'::date + (i % 126), case when i % 17 = 0 then 'absent' else 'done' end,
      now(), (i * 7919) % 4000,
      case when i % 17 = 0 then null else (i * 7919) % 4000 + 300 + (i * 104729) % 9000 end,
      case when i % 17 = 0 then '{}'::int[] when i % 4 = 0 then array[(i * 31) % 1700, 60 + (i * 13) % 5000]
        else array[(i * 37) % 2500] end,
      0, 0, i
    from generate_series(1, 900) i
    join p on p.office_id = case when i % 2 = 0 then ${chuo}::uuid else ${higashi}::uuid end and p.k = i % 3`);
  // 240 accepted visits with their measures, one application each, and a delivery per application in
  // every state; a third answered the survey.
  await db.execute(sql`
    insert into visits (municipality_id, office_id, state, household, measures, created_by, accepted_at)
    select 'kumamoto', case when i % 3 = 0 then ${higashi}::uuid else ${chuo}::uuid end, 'accepted',
      jsonb_build_object('event', jsonb_build_object('type', (array['move-in', 'death', 'move-out'])[1 + i % 3]),
        'members', '[]'::jsonb),
      jsonb_build_object('formsProduced', 2 + i % 9, 'fieldsFilledBySystem', 40 + (i * 7) % 150,
        'questionsAsked', i % 23, 'namesWrittenByResident', 0, 'signatures', 1),
      ${staff.id}::uuid, (('2026-01-15'::date + (i * 11) % 126)::timestamp + interval '15 hours' * (i % 2))
        at time zone 'Asia/Tokyo'
    from generate_series(1, 240) i`);
  await db.execute(sql`
    insert into applications (municipality_id, visit_id, procedure_id, members, data, form_pdf, content_hash, created_at)
    select v.municipality_id, v.id, 'juminhyo-tennyu', '[]'::jsonb, jsonb_build_object('event', v.household->'event'),
      '\\x00'::bytea, 'x', v.accepted_at
    from visits v`);
  await db.execute(sql`
    insert into handoff_deliveries (municipality_id, office_id, application_id, destination, idempotency_key, state,
      attempts, next_attempt_at, created_at, done_at)
    select a.municipality_id, v.office_id, a.id, 'juki', a.id::text || ':juki',
      (array['done', 'done', 'done', 'dead', 'pending', 'retrying'])[1 + n % 6], 1, a.created_at, a.created_at,
      case when n % 6 < 3 then a.created_at + ((n * 97) % 7200) * interval '1 second' end
    from (select a.*, row_number() over (order by a.created_at, a.id) as n from applications a) a
    join visits v on v.id = a.visit_id`);
  await db.execute(sql`
    insert into kpi_survey_answers (municipality_id, office_id, visit_id, event_type, score, lang, channel, answered_on,
      answered_at)
    select v.municipality_id, v.office_id, v.id, v.household->'event'->>'type', 1 + (n * 7) % 5, 'ja', 'qr',
      (v.accepted_at at time zone 'Asia/Tokyo')::date, v.accepted_at
    from (select v.*, row_number() over (order by v.accepted_at, v.id) as n from visits v) v where n % 3 = 0`);
});

afterAll(async () => {
  await database?.destroy();
});

const filter = (from: string, to: string, extra: Partial<KpiFilter> = {}): KpiFilter => ({
  municipalityId: "kumamoto",
  from,
  to,
  now,
  ...extra,
});

/** Each duration KPI's values per group, read straight from the facts: the bound of the bucketed percentiles. */
async function durationsByGroup(kpi: KpiId, f: KpiFilter, groupBy: GroupBy): Promise<Map<string, number[]>> {
  const rows = rowsOf<{
    d: string;
    office: string;
    purpose: string;
    event: string | null;
    outcome: string;
    wait: number | null;
    stay: number | null;
    service: number[];
  }>(
    await db.execute(sql`
      select to_char(service_date, 'YYYY-MM-DD') as d, office_id as office, purpose_id as purpose, event_type as event,
        outcome, wait_seconds as wait, stay_seconds as stay, service_seconds as service
      from kpi_ticket_facts
      where municipality_id = 'kumamoto' and service_date between ${f.from}::date and ${f.to}::date
        ${f.officeId ? sql`and office_id = ${f.officeId}` : sql``}
        ${f.eventType ? sql`and event_type = ${f.eventType}` : sql``}`),
  );
  const keyOf = (r: (typeof rows)[number]): string => {
    const monday = new Date(`${r.d}T00:00:00Z`);
    monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7));
    const year = Number(r.d.slice(0, 4));
    return {
      none: "all",
      office: r.office,
      purpose: r.purpose,
      event: r.event ?? "",
      day: r.d,
      week: monday.toISOString().slice(0, 10),
      month: r.d.slice(0, 7),
      fy: String(Number(r.d.slice(5, 7)) >= 4 ? year : year - 1),
    }[groupBy];
  };
  const out = new Map<string, number[]>();
  for (const r of rows) {
    const values =
      kpi === "service" ? r.service : kpi === "wait" ? [r.wait] : r.outcome === "done" ? [r.stay] : [];
    const list = out.get(keyOf(r)) ?? [];
    for (const v of values) if (v !== null) list.push(Number(v));
    out.set(keyOf(r), list);
  }
  for (const list of out.values()) list.sort((a, b) => a - b);
  return out;
}

async function expectSame(
  kpi: KpiId,
  f: KpiFilter,
  groupBy: GroupBy,
  fromRollups: KpiFigures[],
): Promise<void> {
  const exact = await kpiRepository(db).figures(kpi, f, groupBy);
  expect(fromRollups.map((x) => x.key)).toEqual(exact.map((x) => x.key).sort());
  const raw = bucketedKpis.has(kpi) ? await durationsByGroup(kpi, f, groupBy) : undefined;
  for (const r of fromRollups) {
    const e = exact.find((x) => x.key === r.key) as KpiFigures;
    expect(r.count, `${kpi} ${r.key} count`).toBe(e.count);
    expect(r.sum, `${kpi} ${r.key} sum`).toBeCloseTo(e.sum, 6);
    expect(r.mean ?? 0, `${kpi} ${r.key} mean`).toBeCloseTo(e.mean ?? 0, 9);
    for (const [p, q] of [
      ["median", 0.5],
      ["p90", 0.9],
    ] as const) {
      const exactValue = e[p] as number;
      const value = r[p] as number;
      if (raw) {
        const values = raw.get(r.key) ?? [];
        expect(values.length, `${kpi} ${r.key} raw values`).toBe(e.count);
        expect(Math.abs(value - exactValue), `${kpi} ${r.key} ${p}`).toBeLessThanOrEqual(
          percentileErrorBound(values, q),
        );
      } else {
        expect(value, `${kpi} ${r.key} ${p}`).toBeCloseTo(exactValue, 9);
      }
    }
  }
}

/** Compares with the bucketed percentiles (exactUpTo 0), which these few hundred values would otherwise skip. */
async function compareAll(f: KpiFilter, groupings: readonly GroupBy[]): Promise<void> {
  const rollups = kpiRollupsRepository(db);
  for (const groupBy of groupings) {
    const all = await rollups.figures(kpiIds, f, groupBy, 0);
    for (const kpi of kpiIds) await expectSame(kpi, f, groupBy, all.get(kpi) ?? []);
  }
}

describe("the rollup rows a period reads", () => {
  const seg = (grain: string, start: string, end: string) => ({ grain, start, end });
  it.each([
    // Whole months that are over, then today's month by day.
    [
      "2026-01-01",
      "2026-05-31",
      "2026-05-21",
      "fy",
      [seg("month", "2026-01-01", "2026-05-01"), seg("day", "2026-05-01", "2026-06-01")],
    ],
    // Partial first and last months by day.
    [
      "2026-01-15",
      "2026-04-29",
      "2026-05-21",
      "fy",
      [
        seg("day", "2026-01-15", "2026-02-01"),
        seg("month", "2026-02-01", "2026-04-01"),
        seg("day", "2026-04-01", "2026-04-30"),
      ],
    ],
    // A month is read whole only once it is over.
    ["2026-02-01", "2026-02-28", "2026-02-28", "fy", [seg("day", "2026-02-01", "2026-03-01")]],
    ["2026-02-01", "2026-02-28", "2026-03-01", "fy", [seg("month", "2026-02-01", "2026-03-01")]],
    // Whole fiscal years that are over, then months, then days.
    [
      "2021-04-01",
      "2026-12-04",
      "2026-12-04",
      "fy",
      [
        seg("fy", "2021-04-01", "2026-04-01"),
        seg("month", "2026-04-01", "2026-12-01"),
        seg("day", "2026-12-01", "2026-12-05"),
      ],
    ],
    // ... but months for a grouping by month, and days for one by day or week.
    ["2024-04-01", "2025-03-31", "2026-12-04", "month", [seg("month", "2024-04-01", "2025-04-01")]],
    ["2024-04-01", "2025-03-31", "2026-12-04", "fy", [seg("fy", "2024-04-01", "2025-04-01")]],
    ["2026-01-20", "2026-02-10", "2026-05-21", "day", [seg("day", "2026-01-20", "2026-02-11")]],
    // A period ending in the future reads no whole month it has not finished.
    ["2026-12-01", "2027-01-31", "2026-12-04", "fy", [seg("day", "2026-12-01", "2027-02-01")]],
  ] as const)("%s … %s on %s, up to %s rows", (from, to, today, coarsest, expected) => {
    expect(segmentsOf(from, to, today, coarsest)).toEqual(expected);
  });
});

describe("KPI rollups", () => {
  it("are built for the stale days, and month (and fiscal-year) rows only for those that are over", async () => {
    const result = await refreshKpiRollups(db, "kumamoto", now);
    expect(result.days).toBeGreaterThan(100);
    expect(result.months).toBe(4);
    const months = rowsOf<{ period: string }>(
      await db.execute(sql`
        select distinct to_char(period, 'YYYY-MM-DD') as period from kpi_rollups where grain = 'month' order by 1`),
    );
    expect(months.map((m) => m.period)).toEqual(["2026-01-01", "2026-02-01", "2026-03-01", "2026-04-01"]);
    expect(result.years).toBe(1);
    expect(await refreshKpiRollups(db, "kumamoto", now)).toEqual({ facts: 0, days: 0, months: 0, years: 0 });
  });

  it("give every KPI's figures as the exact computation does, for every grouping", async () => {
    await compareAll(filter("2026-01-01", "2026-05-31"), [
      "none",
      "office",
      "purpose",
      "event",
      "day",
      "week",
      "month",
      "fy",
    ]);
  });

  it("agree over partial months, whole months and today's month, with office and event filters", async () => {
    await compareAll(filter("2026-01-20", "2026-03-10"), ["none", "month"]);
    await compareAll(filter("2026-02-01", "2026-04-30", { officeId: chuo }), ["none", "event"]);
    await compareAll(filter("2026-04-15", "2026-05-21", { eventType: "move-in" }), ["none", "office"]);
    await compareAll(filter("2026-07-01", "2026-07-31"), ["none"]);
  });

  it("follow changes to their sources, in an old month as in today's", async () => {
    await db.execute(sql`delete from kpi_survey_answers where answered_on < '2026-02-15'`);
    await db.execute(sql`update handoff_deliveries set state = 'done', done_at = created_at + interval '2 hours'
      where state = 'dead' and created_at < '2026-03-01'`);
    await db.execute(sql`update visits set measures = measures || '{"formsProduced": 40}'::jsonb
      where accepted_at >= '2026-05-01'`);
    await db.execute(sql`
      insert into kpi_ticket_facts (ticket_id, municipality_id, office_id, purpose_id, event_type, service_date, outcome,
        issued_at, wait_seconds, stay_seconds, service_seconds, transfers, recalls, last_event_id)
      select gen_random_uuid(), municipality_id, office_id, purpose_id, 'death', '2026-02-10', 'done', now(), 12345,
        23456, array[99], 0, 0, 100000
      from kpi_ticket_facts limit 3`);
    const result = await refreshKpiRollups(db, "kumamoto", now);
    expect(result.days).toBeGreaterThan(0);
    expect(result.months).toBeGreaterThan(0);
    await compareAll(filter("2026-01-01", "2026-05-31"), ["none", "month", "event"]);
  });

  it("merge a fiscal year that is over into one row per group, and read it for whole years", async () => {
    const later = jst("2027-06-01T09:00:00");
    const result = await refreshKpiRollups(db, "kumamoto", later);
    // May 2026 was today's month; now it is over, and so is fiscal year 2026 (FY2025 was over already).
    expect(result.months).toBe(1);
    expect(result.years).toBe(1);
    const years = rowsOf<{ period: string }>(
      await db.execute(
        sql`select distinct to_char(period, 'YYYY-MM-DD') as period from kpi_rollups where grain = 'fy'`,
      ),
    );
    expect(years.map((y) => y.period).sort()).toEqual(["2025-04-01", "2026-04-01"]);
    await compareAll(filter("2025-04-01", "2027-05-31", { now: later }), ["none", "fy", "office", "event"]);
    await compareAll(filter("2025-04-01", "2026-03-31", { now: later, officeId: higashi }), [
      "none",
      "purpose",
    ]);
  });

  it("give the exact median and p90 of a duration up to a number of values, and mark them approximate above", async () => {
    const f = filter("2026-01-01", "2026-05-31");
    const rollups = kpiRollupsRepository(db);
    for (const groupBy of ["none", "office", "week"] as const) {
      const exact = await kpiRepository(db).figures("stay", f, groupBy);
      const count = exact.reduce((n, e) => n + e.count, 0);
      const small = (await rollups.figures(["stay"], f, groupBy, count)).get("stay") ?? [];
      expect(
        small.map(({ key, count, median, p90, approximate }) => ({ key, count, median, p90, approximate })),
      ).toEqual(
        exact
          .map(({ key, count, median, p90 }) => ({ key, count, median, p90, approximate: undefined }))
          .sort((a, b) => (a.key < b.key ? -1 : 1)),
      );
      const large = (await rollups.figures(["stay"], f, groupBy, count - 1)).get("stay") ?? [];
      expect(large.every((x) => x.approximate === true)).toBe(true);
    }
    // Whole numbers are exact however many there are, and never marked.
    const forms = (await rollups.figures(["formsPerVisit"], f, "none", 0)).get("formsPerVisit") ?? [];
    expect(forms[0]?.approximate).toBeUndefined();
  });

  it("are refreshed for every municipality at once, as the server does every few minutes", async () => {
    await db.execute(sql`delete from kpi_survey_answers where answered_on = '2026-05-20'`);
    const all = await refreshAllKpiRollups(db, now);
    expect(all.get("kumamoto")?.days).toBe(1);
    expect([...all.values()].every((r) => r.facts === 0)).toBe(true);
    expect((await refreshAllKpiRollups(db, now)).get("kumamoto")?.days).toBe(0);
  });

  it("read deliveries not yet settled live: one turns late as the clock passes its first hour", async () => {
    const [recent] = rowsOf<{ id: string; created: string }>(
      await db.execute(sql`
        update handoff_deliveries set state = 'pending', done_at = null, created_at = ${jst("2026-05-21T11:30:00")}
        where id = (select id from handoff_deliveries where state = 'done' order by created_at desc limit 1)
        returning id`),
    );
    expect(recent).toBeDefined();
    await refreshKpiRollups(db, "kumamoto", now);
    const rollups = kpiRollupsRepository(db);
    const late = async (at: Date) =>
      (
        await rollups.figures(["deliveriesLate"], filter("2026-05-21", "2026-05-21", { now: at }), "none")
      ).get("deliveriesLate")?.[0]?.sum ?? 0;
    const before = await late(jst("2026-05-21T12:00:00"));
    const after = await late(jst("2026-05-21T12:31:00"));
    expect(after).toBe(before + 1);
    for (const at of [jst("2026-05-21T12:00:00"), jst("2026-05-21T12:31:00")]) {
      const f = filter("2026-05-01", "2026-05-21", { now: at });
      await expectSame(
        "deliveriesLate",
        f,
        "day",
        (await rollups.figures(["deliveriesLate"], f, "day")).get("deliveriesLate") ?? [],
      );
    }
  });
});
