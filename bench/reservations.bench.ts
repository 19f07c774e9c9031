import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import { type Database, openDatabase } from "../src/db/database";
import { alwaysOpen, type PurposeSeed, seedQueue } from "../src/queue/queue.seed";
import { bookReservation } from "../src/reservations/book-reservation";
import { listSlots } from "../src/reservations/list-slots";
import { reservationRepository } from "../src/reservations/reservation.repository";
import { seedReservationRules } from "../src/reservations/reservation.seed";
import { defaultSlotRules, type SlotRules } from "../src/reservations/slot-rules";
import { addDaysIso, computeSlots } from "../src/reservations/slots";
import { kumamotoSeed } from "../src/tenancy/kumamoto.seed";
import { seedMunicipality } from "../src/tenancy/municipality-seed";
import { scratchDatabase } from "./support";

const OFFICES = 13;
const PURPOSES = 10;
const DAYS = 30;
const BOOKINGS = 500;
const SEATS = 50;

const purposes: PurposeSeed[] = Array.from({ length: PURPOSES }, (_, i) => ({
  code: `p${i}`,
  labels: { ja: `用件 ${i}`, en: `Purpose ${i}` },
  bandStart: 100 + i * 100,
  bandEnd: 199 + i * 100,
  defaultServiceMinutes: 15,
  counters: [1],
}));

const rules: SlotRules = {
  ...defaultSlotRules,
  capacityByWeekday: [0, 2, 2, 2, 2, 2, 0],
  horizonDays: 60,
  leadMinutes: 0,
};

const japanToday = () => new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Tokyo" }).format(new Date());

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await run();
  return { ms: performance.now() - t0, value };
}

async function open(url: string | undefined): Promise<Database> {
  const database = url
    ? await openDatabase({ kind: "postgres", url, max: 20 })
    : await openDatabase({ kind: "pglite" });
  await database.migrate();
  await seedMunicipality(database.db, kumamotoSeed);
  const codes = kumamotoSeed.offices.map((o) => o.code).slice(0, OFFICES);
  await seedQueue(database.db, kumamotoSeed.id, {
    officeCodes: codes,
    seed: {
      hours: { ...alwaysOpen, openWeekdays: [1, 2, 3, 4, 5], observeNationalHolidays: true },
      purposes,
    },
  });
  const byCode = Object.fromEntries(purposes.map((p) => [p.code, rules]));
  await seedReservationRules(database.db, kumamotoSeed.id, byCode);
  return database;
}

async function slotListing(database: Database): Promise<void> {
  const db = database.db;
  const from = addDaysIso(japanToday(), 1);
  const now = new Date();
  const offices = await reservationRepository(db).listOffices(kumamotoSeed.id);
  // Some bookings so that the seats taken are really counted: one per office and purpose.
  for (const o of offices)
    for (const p of purposes) {
      const [slot] = await listSlots(db, {
        municipalityId: kumamotoSeed.id,
        officeCode: o.code,
        purposeCode: p.code,
        from,
        days: 7,
        now,
      });
      if (slot)
        await bookReservation(db, {
          municipalityId: kumamotoSeed.id,
          officeCode: o.code,
          purposeCode: p.code,
          start: slot.start,
          person: { name: "負荷 試験" },
          now,
        });
    }
  let slots = 0;
  const listing = await timed(async () => {
    for (const o of offices)
      for (const p of purposes)
        slots += (
          await listSlots(db, {
            municipalityId: kumamotoSeed.id,
            officeCode: o.code,
            purposeCode: p.code,
            from,
            days: DAYS,
            now,
          })
        ).length;
  });
  const pure = await timed(async () => {
    let n = 0;
    for (let i = 0; i < offices.length * PURPOSES; i++)
      n += computeSlots({
        rules,
        hours: offices[0]?.hours ?? alwaysOpen,
        from,
        days: DAYS,
        now,
        taken: new Map(),
      }).length;
    return n;
  });
  // Baseline: the same number of slot instants made by a bare loop (no rules, no calendar, no database).
  const bare = await timed(async () => {
    const out: number[] = [];
    const t = Date.now();
    for (let i = 0; i < slots; i++) out.push(t + i * 60_000);
    return out.length;
  });
  const roundTrip = await timed(async () => {
    for (let i = 0; i < offices.length * PURPOSES; i++) await db.execute(sql`select 1`);
  });
  const per = (ms: number) => (ms / (offices.length * PURPOSES)).toFixed(3);
  console.log(
    `slot listing: ${offices.length} offices × ${PURPOSES} purposes × ${DAYS} days = ${slots} slots (${database.kind})`,
  );
  console.log(
    `  listSlots (rules + closed days + seats taken, DB): ${listing.ms.toFixed(1)} ms total, ${per(listing.ms)} ms per listing`,
  );
  console.log(
    `  computeSlots alone (pure):                         ${pure.ms.toFixed(1)} ms total, ${per(pure.ms)} ms per listing`,
  );
  console.log(
    `  baseline: ${offices.length * PURPOSES} bare round trips ${roundTrip.ms.toFixed(1)} ms (${per(roundTrip.ms)} ms each); bare loop of ${bare.value} instants ${bare.ms.toFixed(2)} ms`,
  );
  console.log(`  ratio listSlots / bare round trip: ${(listing.ms / roundTrip.ms).toFixed(1)}×`);
}

async function concurrentBookings(database: Database): Promise<void> {
  const db = database.db;
  const repo = reservationRepository(db);
  const [office] = await repo.listOffices(kumamotoSeed.id);
  const purpose = (await repo.listPurposes(kumamotoSeed.id, office?.officeId ?? ""))[0];
  // The rules' current version gets 50 seats per slot (a version over the seed's).
  await db.execute(sql`update reservation_rules set rules = jsonb_set(rules, '{capacityByWeekday}', '[50,50,50,50,50,50,50]'::jsonb)
    where purpose_id = ${purpose?.purposeId ?? ""}::uuid and superseded_at is null`);
  const now = new Date();
  // The last slot of the week: the listing step above booked a seat of each first slot.
  const slot = (
    await listSlots(db, {
      municipalityId: kumamotoSeed.id,
      officeCode: office?.code ?? "",
      purposeCode: purpose?.code ?? "",
      from: addDaysIso(japanToday(), 1),
      days: 7,
      now,
    })
  ).at(-1);
  if (!slot) throw new Error("no slot to book");
  // Baseline: 500 concurrent bare transactions, each one insert, on the same pool.
  await db.execute(sql`create table if not exists bench_bare (id serial primary key, n integer not null)`);
  const bare = await timed(() =>
    Promise.all(
      Array.from({ length: BOOKINGS }, (_, n) =>
        db.transaction(async (tx) => {
          await tx.execute(sql`insert into bench_bare (n) values (${n})`);
        }),
      ),
    ),
  );
  const booking = await timed(() =>
    Promise.allSettled(
      Array.from({ length: BOOKINGS }, (_, i) =>
        bookReservation(db, {
          municipalityId: kumamotoSeed.id,
          officeCode: office?.code ?? "",
          purposeCode: purpose?.code ?? "",
          start: slot.start,
          person: { name: `同時 ${i}` },
          now,
        }),
      ),
    ),
  );
  const ok = booking.value.filter((r) => r.status === "fulfilled").length;
  const full = booking.value.filter(
    (r) => r.status === "rejected" && (r.reason as { reason?: string }).reason === "reservations.slotFull",
  ).length;
  const stored = Number(
    (
      (await db.execute(
        sql`select count(*)::int as n from reservations where purpose_id = ${purpose?.purposeId ?? ""}::uuid and start = ${slot.start.toISOString()}::timestamptz`,
      )) as unknown as { rows: Array<{ n: number }> }
    ).rows[0]?.n,
  );
  console.log(`concurrent bookings: ${BOOKINGS} at once for one slot of ${SEATS} seats (${database.kind})`);
  console.log(
    `  booked ${ok}, refused as full ${full}, other failures ${BOOKINGS - ok - full}; rows stored for the slot ${stored} ${ok === SEATS && stored === SEATS ? "(exactly 50: OK)" : "(WRONG)"}`,
  );
  console.log(
    `  ${booking.ms.toFixed(0)} ms for the ${BOOKINGS} (${((BOOKINGS / booking.ms) * 1000).toFixed(0)} attempts/s)`,
  );
  console.log(
    `  baseline: ${BOOKINGS} bare insert transactions ${bare.ms.toFixed(0)} ms (${((BOOKINGS / bare.ms) * 1000).toFixed(0)}/s); ratio ${(booking.ms / bare.ms).toFixed(1)}×`,
  );
  if (ok !== SEATS || stored !== SEATS)
    throw new Error(`overbooked or underbooked: ${ok} booked, ${stored} stored`);
}

export default async function bench(): Promise<void> {
  const base = process.env.DATABASE_URL;
  const scratch = base ? await scratchDatabase(base, "mg_bench_res") : undefined;
  const url = scratch?.url;
  const database = await open(url);
  try {
    await slotListing(database);
    await concurrentBookings(database);
  } finally {
    await database.close();
    await scratch?.drop();
  }
}
