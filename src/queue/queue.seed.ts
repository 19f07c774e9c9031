import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../db/database";
import type { LocaleMap } from "../shared/locale";
import { counters, offices } from "../tenancy/tenancy.table";
import type { OfficeHours } from "./calendar";
import { checkBands } from "./numbering";
import { queueOffices, queuePurposeCounters, queuePurposes } from "./queue.table";

export interface PurposeSeed {
  code: string;
  /** The purpose's name in each language it has; Japanese required. */
  labels: LocaleMap;
  bandStart: number;
  bandEnd: number;
  defaultServiceMinutes: number;
  /** Counter numbers of the office that call this purpose. */
  counters: number[];
}

export interface QueueSeed {
  hours: OfficeHours;
  nearlyCalledAhead?: number;
  purposes: PurposeSeed[];
}

/** Kumamoto's ward offices: 8:30–17:15 on weekdays; the one-stop counter's bands from the city's plan. */
export const kumamotoQueueSeed: QueueSeed = {
  hours: {
    opensAtMinute: 8 * 60 + 30,
    closesAtMinute: 17 * 60 + 15,
    openWeekdays: [1, 2, 3, 4, 5],
    observeNationalHolidays: true,
    observeYearEnd: true,
    closedDates: [],
  },
  purposes: [
    {
      code: "move",
      labels: {
        ja: "ワンストップ（引越し）",
        "ja-x-easy": "ひっこし の てつづき",
        en: "One-stop: moving house",
        "zh-Hans": "一站式服务：搬家",
        ko: "원스톱: 이사",
        vi: "Một cửa: chuyển nhà",
      },
      bandStart: 100,
      bandEnd: 399,
      defaultServiceMinutes: 40,
      counters: [1, 2, 3],
    },
    {
      code: "bereavement",
      labels: {
        ja: "ワンストップ（おくやみ）",
        "ja-x-easy": "かぞく が なくなった とき の てつづき",
        en: "One-stop: after a death",
        "zh-Hans": "一站式服务：家人去世后",
        ko: "원스톱: 사망 후 절차",
        vi: "Một cửa: thủ tục khi có người mất",
      },
      bandStart: 400,
      bandEnd: 499,
      defaultServiceMinutes: 60,
      counters: [3],
    },
    {
      code: "moveout",
      labels: {
        ja: "転出のみ",
        "ja-x-easy": "ほか の まち へ ひっこす てつづき だけ",
        en: "Moving out only",
        "zh-Hans": "仅办理迁出",
        ko: "전출만",
        vi: "Chỉ chuyển đi nơi khác",
      },
      bandStart: 500,
      bandEnd: 699,
      defaultServiceMinutes: 10,
      counters: [11],
    },
    {
      code: "certificate",
      labels: {
        ja: "証明書",
        "ja-x-easy": "しょうめいしょ（じゅうみんひょう など）",
        en: "Certificates",
        "zh-Hans": "证明书（住民票等）",
        ko: "증명서(주민표 등)",
        vi: "Giấy chứng nhận (phiếu cư trú, v.v.)",
      },
      bandStart: 700,
      bandEnd: 899,
      defaultServiceMinutes: 5,
      counters: [11],
    },
  ],
};

/** Open every minute of every day, holidays included: for tests and demos run at any hour. */
export const alwaysOpen: OfficeHours = {
  opensAtMinute: 0,
  closesAtMinute: 24 * 60,
  openWeekdays: [0, 1, 2, 3, 4, 5, 6],
  observeNationalHolidays: false,
  observeYearEnd: false,
  closedDates: [],
};

export interface SeedQueueOptions {
  /** Office codes to configure; by default every ward office (kind "ward") of the municipality. */
  officeCodes?: string[];
  seed?: QueueSeed;
}

/**
 * Writes the queue configuration of a municipality's offices; offices already configured are left as
 * they are. Returns the number of offices configured now.
 */
export async function seedQueue(
  db: DbOrTx,
  municipalityId: string,
  options: SeedQueueOptions = {},
): Promise<number> {
  const seed = options.seed ?? kumamotoQueueSeed;
  const problems = checkBands(seed.purposes);
  if (problems.length > 0) throw new Error(`queue seed has bad bands: ${JSON.stringify(problems)}`);
  const targets = await db
    .select({ id: offices.id, code: offices.code, kind: offices.kind })
    .from(offices)
    .where(
      and(
        eq(offices.municipalityId, municipalityId),
        options.officeCodes ? inArray(offices.code, options.officeCodes) : eq(offices.kind, "ward"),
      ),
    );
  let configured = 0;
  for (const office of targets) {
    const inserted = await db
      .insert(queueOffices)
      .values({
        officeId: office.id,
        municipalityId,
        opensAtMinute: seed.hours.opensAtMinute,
        closesAtMinute: seed.hours.closesAtMinute,
        openWeekdays: [...seed.hours.openWeekdays],
        observeNationalHolidays: seed.hours.observeNationalHolidays,
        observeYearEnd: seed.hours.observeYearEnd,
        closedDates: [...seed.hours.closedDates],
        nearlyCalledAhead: seed.nearlyCalledAhead ?? 3,
      })
      .onConflictDoNothing()
      .returning({ id: queueOffices.officeId });
    if (inserted.length === 0) continue;
    configured++;
    const officeCounters = await db
      .select({ id: counters.id, number: counters.number })
      .from(counters)
      .where(and(eq(counters.municipalityId, municipalityId), eq(counters.officeId, office.id)));
    for (const [i, p] of seed.purposes.entries()) {
      const [purpose] = await db
        .insert(queuePurposes)
        .values({
          municipalityId,
          officeId: office.id,
          code: p.code,
          labels: p.labels,
          bandStart: p.bandStart,
          bandEnd: p.bandEnd,
          defaultServiceMinutes: p.defaultServiceMinutes,
          sortOrder: i,
        })
        .returning({ id: queuePurposes.id });
      if (!purpose) continue;
      const links = officeCounters
        .filter((c) => p.counters.includes(c.number))
        .map((c) => ({ municipalityId, purposeId: purpose.id, counterId: c.id }));
      if (links.length > 0) await db.insert(queuePurposeCounters).values(links);
    }
  }
  return configured;
}

/** The demo tenant's queue, on the first start only: later starts cost one indexed query. */
export async function seedDemoQueue(db: DbOrTx, municipalityId: string): Promise<number> {
  const [any] = await db
    .select({ id: queueOffices.officeId })
    .from(queueOffices)
    .where(eq(queueOffices.municipalityId, municipalityId))
    .limit(1);
  if (any) return 0;
  return seedQueue(db, municipalityId);
}
