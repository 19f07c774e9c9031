// Issue 8 figures: the KPI dashboard over five years of a 730,000-person city's tickets (about two
// million by default; KPI_BENCH_TICKETS scales it), on PostgreSQL (DATABASE_URL's server, default
// postgres://postgres@127.0.0.1:5432/postgres, in a fresh database dropped afterwards) and on PGlite.
// History is written straight with SQL (generate_series): tickets, their issued/called/served/finished
// events, accepted visits for the one-stop tickets and survey answers; then the facts are built once
// from the events (timed), and each dashboard view is timed (p50/p95) beside a plain count(*) over the
// same tickets in the same run. Target: every dashboard view ≤ 200 ms on PostgreSQL.
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import pg from "pg";
import { type Database, openDatabase } from "../src/db/database";
import { translator } from "../src/i18n/translate";
import { exportKpiCsv } from "../src/kpi/export-kpis";
import { refreshKpiRollups } from "../src/kpi/kpi-rollups.repository";
import { loadDashboard } from "../src/kpi/load-dashboard";
import { labelText } from "../src/kpi/pages/components";
import { refreshTicketFacts } from "../src/kpi/refresh-ticket-facts";
import { seedQueue } from "../src/queue/queue.seed";
import { todayInJapan } from "../src/shared/dates";
import { kumamotoSeed } from "../src/tenancy/kumamoto.seed";
import { seedMunicipality } from "../src/tenancy/municipality-seed";
import { fmt } from "./support";

const TICKETS = Number(process.env.KPI_BENCH_TICKETS ?? "2000000");
const PGLITE_TICKETS = Number(process.env.KPI_BENCH_PGLITE_TICKETS ?? String(TICKETS));
const RUNS = Number(process.env.KPI_BENCH_RUNS ?? "20");
// Tickets per office and working day by purpose, before scaling: 326 a day at each of the 5 wards.
const PER_DAY = { move: 120, bereavement: 30, moveout: 76, certificate: 100 } as const;
const SERVICE_MINUTES = { move: 40, bereavement: 60, moveout: 10, certificate: 5 } as const;

const ms = (start: number) => performance.now() - start;
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)] ?? Number.NaN;
};

async function timed(fn: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await fn();
    times.push(ms(start));
  }
  return { p50: pct(times, 0.5), p95: pct(times, 0.95) };
}

/** Five years of history up to yesterday, written with SQL; returns the number of tickets. */
export async function buildHistory(database: Database, tickets: number, now: Date): Promise<number> {
  const db = database.db;
  await seedMunicipality(db, kumamotoSeed);
  await seedQueue(db, "kumamoto");
  const today = todayInJapan(now);
  const end = new Date(`${today}T00:00:00Z`);
  end.setUTCDate(end.getUTCDate() - 1);
  const start = new Date(end);
  start.setUTCFullYear(start.getUTCFullYear() - 5);
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  // Working days and offices fix the tickets per day; the scale factor brings the total to `tickets`.
  const [shape] = (
    (await db.execute(sql`
      select (select count(*)::int from generate_series(${iso(start)}::date, ${iso(end)}::date, interval '1 day') d
              where extract(isodow from d) < 6) as days,
             (select count(distinct office_id)::int from queue_purposes where municipality_id = 'kumamoto') as offices`)) as unknown as {
      rows: Array<{ days: number; offices: number }>;
    }
  ).rows;
  const perDay = Object.values(PER_DAY).reduce((a, b) => a + b, 0);
  const scale = tickets / ((shape?.days ?? 1) * (shape?.offices ?? 1) * perDay);
  const count = (code: keyof typeof PER_DAY) => Math.max(1, Math.round(PER_DAY[code] * scale));
  const perPurpose = sql.raw(
    `case p.code ${Object.keys(PER_DAY)
      .map((c) => `when '${c}' then ${count(c as keyof typeof PER_DAY)}`)
      .join(" ")} end`,
  );
  const serviceMinutes = sql.raw(
    `case p.code ${Object.entries(SERVICE_MINUTES)
      .map(([c, m]) => `when '${c}' then ${m}`)
      .join(" ")} end`,
  );
  // Arrivals peak at 9:00 (a triangle around the opening) and in March–April (more tickets issued).
  await db.execute(sql`
    insert into queue_tickets (municipality_id, office_id, purpose_id, service_date, number, kind, status,
      token_hash, waiting_since, issued_at, first_called_at, finished_at, segment_seconds)
    select 'kumamoto', r.office_id, r.purpose_id, r.day, r.band_start + r.i, 'normal',
      case when r.absent then 'absent' else 'done' end,
      md5(r.purpose_id::text || r.day::text || r.i::text),
      r.issued, r.issued, r.issued + r.wait * interval '1 second',
      r.issued + (r.wait + case when r.absent then 60 else r.service end) * interval '1 second',
      case when r.absent then 0 else r.service end
    from (
      select p.id as purpose_id, p.office_id, p.band_start, d.day, g.i,
        ((d.day::timestamp + interval '8 hours 30 minutes'
          + (least(500, abs(random() * 120 - 60) + random() * random() * 440)) * interval '1 minute')
          at time zone 'Asia/Tokyo') as issued,
        (180 + random() * 2400)::int as wait,
        greatest(60, (${serviceMinutes} * 60 * (0.4 + random() * 1.2))::int) as service,
        random() < 0.03 as absent
      from (select day::date as day from generate_series(${iso(start)}::date, ${iso(end)}::date, interval '1 day') day
            where extract(isodow from day) < 6) d
      cross join queue_purposes p
      cross join lateral generate_series(0, least(p.band_end - p.band_start,
        (${perPurpose} * case when extract(month from d.day) in (3, 4) then 1.3 else 0.95 end)::int - 1)) g(i)
      where p.municipality_id = 'kumamoto'
    ) r`);
  await db.execute(sql`
    insert into queue_ticket_events (municipality_id, office_id, ticket_id, purpose_id, seq, kind, at, lane, service_seconds)
    select t.municipality_id, t.office_id, t.id, t.purpose_id, 0, k.kind, k.at, 'purpose', k.seconds
    from queue_tickets t
    cross join lateral (values
      (1, 'issued', t.issued_at, null::int),
      (2, 'called', t.first_called_at, null::int),
      (3, case when t.status = 'absent' then 'absent' else 'served' end, t.first_called_at + interval '30 seconds', null::int),
      (4, case when t.status = 'done' then 'finished' end, t.finished_at, t.segment_seconds)
    ) k(n, kind, at, seconds)
    where k.kind is not null
    order by t.service_date, t.issued_at, k.n`);
  // One-stop tickets (move, bereavement) opened a visit, accepted with its measures; a third answered the survey.
  const [staffRow] = (
    (await db.execute(sql`
      insert into staff (municipality_id, username, display_name, role, office_id, password_hash)
      select 'kumamoto', 'bench-kpi', 'bench', 'counter', id, '-' from offices where code = 'chuo'
      returning id`)) as unknown as { rows: Array<{ id: string }> }
  ).rows;
  await db.execute(sql`
    insert into visits (municipality_id, office_id, ticket_id, state, household, measures, created_by, created_at,
      updated_at, accepted_at)
    select t.municipality_id, t.office_id, t.id, 'accepted',
      jsonb_build_object('event', jsonb_build_object('type',
        case when p.code = 'bereavement' then 'death' when t.number % 3 = 0 then 'move-within' else 'move-in' end,
        'date', t.service_date::text), 'members', '[]'::jsonb),
      jsonb_build_object('formsProduced', 3 + t.number % 9, 'fieldsFilledBySystem', 40 + t.number % 120,
        'questionsAsked', 5 + t.number % 20, 'namesWrittenByResident', 0, 'signatures', 1),
      ${staffRow?.id ?? ""}::uuid, t.first_called_at, t.finished_at, t.finished_at
    from queue_tickets t join queue_purposes p on p.id = t.purpose_id
    where p.code in ('move', 'bereavement') and t.status = 'done'`);
  await db.execute(sql`update queue_tickets t set visit_id = v.id from visits v where v.ticket_id = t.id`);
  await db.execute(sql`
    insert into kpi_survey_answers (municipality_id, office_id, visit_id, ticket_id, event_type, score, lang, channel,
      answered_on, answered_at)
    select v.municipality_id, v.office_id, v.id, v.ticket_id, v.household->'event'->>'type',
      least(5, 2 + (v.measures->>'formsProduced')::int % 4 + (random() < 0.5)::int), 'ja', 'qr',
      (v.accepted_at at time zone 'Asia/Tokyo')::date, v.accepted_at
    from visits v where random() < 0.33`);
  await db.execute(sql`analyze`);
  const [n] = (
    (await db.execute(sql`select count(*)::int as n from queue_tickets`)) as unknown as {
      rows: Array<{ n: number }>;
    }
  ).rows;
  return n?.n ?? 0;
}

async function existingTickets(database: Database): Promise<number> {
  const result = (await database.db.execute(
    sql`select count(*)::int as n from queue_tickets`,
  )) as unknown as {
    rows: Array<{ n: number }>;
  };
  return result.rows[0]?.n ?? 0;
}

async function figures(label: string, database: Database, tickets: number): Promise<void> {
  const now = new Date();
  const db = database.db;
  let start = performance.now();
  const kept = await existingTickets(database);
  if (kept > 0) {
    console.log(
      `${label}: ${fmt(kept)} tickets kept from an earlier run (KPI_BENCH_KEEP_DB): history not rewritten`,
    );
  } else {
    const built = await buildHistory(database, tickets, now);
    console.log(`${label}: ${fmt(built)} tickets of 5 years written in ${fmt(ms(start) / 1000, 1)} s`);
  }
  start = performance.now();
  const facts = await refreshTicketFacts(db, { municipalityId: "kumamoto" });
  await db.execute(sql`analyze kpi_ticket_facts`);
  console.log(
    `${label}: facts for ${fmt(facts)} ended tickets built from the events in ${fmt(ms(start) / 1000, 1)} s (once)`,
  );
  start = performance.now();
  const rolled = await refreshKpiRollups(db, "kumamoto", now);
  await db.execute(sql`analyze kpi_rollups`);
  console.log(
    `${label}: rollups of ${fmt(rolled.days)} days, ${fmt(rolled.months)} months and ${fmt(rolled.years)} fiscal years built in ${fmt(ms(start) / 1000, 1)} s (once; then a day's changes per page)`,
  );
  const today = todayInJapan(now);
  const fy = Number(today.slice(5, 7)) >= 4 ? Number(today.slice(0, 4)) : Number(today.slice(0, 4)) - 1;
  const [chuo] = (
    (await db.execute(sql`select id from offices where code = 'chuo'`)) as unknown as {
      rows: Array<{ id: string }>;
    }
  ).rows;
  const lastFy = { from: `${fy - 1}-04-01`, to: `${fy}-03-31` };
  const yesterday = todayInJapan(new Date(now.getTime() - 86_400_000));
  const fiveYears = { from: `${fy - 5}-04-01`, to: today };
  const baseline = await timed(() =>
    db.execute(sql`select count(*) from queue_tickets where municipality_id = 'kumamoto'`),
  );
  console.log(
    `${label}: baseline select count(*) over the tickets          p50 ${fmt(baseline.p50, 1)} ms  p95 ${fmt(baseline.p95, 1)} ms`,
  );
  const views: Array<[string, () => Promise<unknown>]> = [
    [
      "dashboard, last fiscal year, all offices",
      () =>
        loadDashboard(db, {
          municipalityId: "kumamoto",
          ...lastFy,
          kpi: "stay",
          by: "office",
          granularity: "month",
          now,
        }),
    ],
    [
      "dashboard, last fiscal year, 中央区",
      () =>
        loadDashboard(db, {
          municipalityId: "kumamoto",
          ...lastFy,
          officeId: chuo?.id,
          kpi: "wait",
          by: "purpose",
          granularity: "week",
          now,
        }),
    ],
    [
      "dashboard, current fiscal year to date, by day",
      () =>
        loadDashboard(db, {
          municipalityId: "kumamoto",
          from: `${fy}-04-01`,
          to: today,
          kpi: "service",
          by: "event",
          granularity: "day",
          now,
        }),
    ],
    [
      "dashboard, five years, by fiscal year",
      () =>
        loadDashboard(db, {
          municipalityId: "kumamoto",
          ...fiveYears,
          kpi: "stay",
          by: "event",
          granularity: "fy",
          now,
        }),
    ],
    [
      "dashboard, this FY, after a change (day rebuilt)",
      async () => {
        // A source change marks its day stale: the page first rebuilds that day's rollups (and the month's).
        await db.execute(sql`insert into kpi_rollup_stale (municipality_id, grain, period)
          values ('kumamoto', 'day', ${yesterday}::date)`);
        return loadDashboard(db, {
          municipalityId: "kumamoto",
          from: `${fy}-04-01`,
          to: today,
          kpi: "wait",
          by: "office",
          granularity: "month",
          now,
        });
      },
    ],
    [
      "CSV export, stay by month, last fiscal year",
      () =>
        exportKpiCsv(db, {
          municipalityId: "kumamoto",
          kpi: "stay",
          ...lastFy,
          officeCode: "",
          groupBy: "month",
          bom: true,
          say: (l) => labelText(l, translator("ja")),
          now,
        }),
    ],
  ];
  // The figures timed must be the real ones: the five-year view's count of waits against the facts.
  const five = await loadDashboard(db, {
    municipalityId: "kumamoto",
    ...fiveYears,
    kpi: "wait",
    by: "office",
    granularity: "fy",
    now,
  });
  const shown = five.summary.find((r) => r.definition.id === "wait")?.figures.count ?? 0;
  const [counted] = (
    (await db.execute(sql`
      select count(*)::int as n from kpi_ticket_facts
      where municipality_id = 'kumamoto' and wait_seconds is not null
        and service_date between ${fiveYears.from}::date and ${fiveYears.to}::date`)) as unknown as {
      rows: Array<{ n: number }>;
    }
  ).rows;
  if (shown !== counted?.n)
    throw new Error(`five-year wait count ${shown} on the dashboard, ${counted?.n} in the facts`);
  console.log(`${label}: check: the five-year view counts ${fmt(shown)} waits, as the facts do`);
  for (const [name, fn] of views) {
    const t = await timed(fn);
    console.log(
      `${label}: ${name.padEnd(48)} p50 ${fmt(t.p50, 1)} ms  p95 ${fmt(t.p95, 1)} ms  (${fmt(t.p95 / baseline.p95, 1)}× count(*) p95)`,
    );
  }
}

export default async function bench(): Promise<void> {
  const adminUrl = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const admin = new pg.Client({ connectionString: adminUrl });
  const reachable = await admin.connect().then(
    () => true,
    (error: Error) => {
      console.log(`PostgreSQL not reachable (${error.message}): the PostgreSQL figures are skipped`);
      return false;
    },
  );
  if (reachable && process.env.KPI_BENCH_SKIP_POSTGRES !== "1") {
    // KPI_BENCH_KEEP_DB=name keeps the database (and its history) for the next run instead of dropping it:
    // writing two million tickets takes minutes.
    const kept = process.env.KPI_BENCH_KEEP_DB;
    if (kept !== undefined && !/^[a-z_][a-z0-9_]*$/.test(kept))
      throw new Error("KPI_BENCH_KEEP_DB: a lower-case identifier");
    const name = kept ?? `mg_bench_kpi_${randomBytes(4).toString("hex")}`;
    const exists = await admin.query("select 1 from pg_database where datname = $1", [name]);
    if (exists.rowCount === 0) await admin.query(`create database ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const postgres = await openDatabase({ kind: "postgres", url: url.toString(), max: 4 });
    try {
      await postgres.migrate();
      await figures("PostgreSQL", postgres, TICKETS);
    } finally {
      await postgres.close();
      if (kept === undefined) await admin.query(`drop database if exists ${name} with (force)`);
    }
  }
  if (reachable) await admin.end();
  if (process.env.KPI_BENCH_SKIP_PGLITE !== "1") {
    const pglite = await openDatabase({ kind: "pglite" });
    try {
      await pglite.migrate();
      await figures("PGlite", pglite, PGLITE_TICKETS);
    } finally {
      await pglite.close();
    }
  }
}
