import { readFileSync } from "node:fs";
import { eq, sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/support/database";
import { addStaff } from "../auth/add-staff";
import { getMunicipalitySettings } from "../catalog/municipalities";
import { migrationsFolder } from "../db/database";
import { translator } from "../i18n/translate";
import type { Message } from "../shared/locale";
import { kumamotoSeed } from "../tenancy/kumamoto.seed";
import { seedMunicipality } from "../tenancy/municipality-seed";
import { offices } from "../tenancy/tenancy.table";
import { visits } from "../visits/visits.table";
import { type Plan, planGuidance } from "./engine";
import { validHousehold } from "./household.arbitrary";
import { reasonText } from "./pages/guidance.presenter";
import { parseHousehold } from "./validate";

// Migration 0009 on rows in the shape plans had before reasons were codes: every sentence the engine
// wrote comes back as the code the engine writes now; anything else is kept, word for word, as legacy.
let database: TestDatabase;
let officeId: string;
let staffId: string;

const ja = translator("ja");

/** Runs 0009's statements again (the test database is already migrated, so this is the second run). */
async function runMigration(): Promise<void> {
  const text = readFileSync(`${migrationsFolder}/0009_plan_codes.sql`, "utf8");
  for (const statement of text.split("--> statement-breakpoint")) {
    if (statement.trim()) await database.db.execute(sql.raw(statement));
  }
}

function household(raw: unknown) {
  const parsed = parseHousehold(raw);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.household;
}

/**
 * A reason as the engine wrote it then: a member without a name was called by the id ("m3"), as
 * pages no longer do (they say "3人目の方").
 */
function asWrittenThen(reason: Message): Message {
  if (!reason.params) return reason;
  const params = { ...reason.params };
  for (const [key, value] of Object.entries(reason.params)) {
    const i = /^member(\d+)$/.exec(key)?.[1];
    if (i !== undefined && typeof value === "string" && !params[`name${i}`]) params[`name${i}`] = value;
  }
  return { ...reason, params };
}

/** The plan as it was stored before this change: the same items, reasons as Japanese sentences. */
const oldShape = (plan: Plan) => ({
  procedures: plan.procedures.map((p) => ({
    ...p,
    reasons: p.reasons.map((r) => reasonText(ja, asWrittenThen(r))),
  })),
});

async function storeVisit(householdJson: unknown, plan: unknown): Promise<string> {
  const [row] = await database.db
    .insert(visits)
    .values({
      municipalityId: "kumamoto",
      officeId,
      state: "plan",
      household: householdJson,
      plan,
      createdBy: staffId,
    })
    .returning({ id: visits.id });
  return row?.id ?? "";
}

const planOf = async (id: string) =>
  (await database.db.select({ plan: visits.plan }).from(visits).where(eq(visits.id, id)))[0]?.plan as {
    procedures: { id: string; reasons: Message[] }[];
  };

const death = {
  event: { type: "death", date: "2026-02-03", subject: "m1", funeralHost: "m2", deathRegistered: false },
  members: [
    {
      id: "m1",
      relation: "head",
      name: "髙橋 一郎",
      birthDate: "1948-07-01",
      insurance: "kouki",
      careLevel: "care1",
      pensionRecipient: true,
      myNumberCard: true,
      sealRegistered: true,
      benefits: ["childAllowance"],
      owns: ["realEstate", "lightVehicle", "moped"],
    },
    { id: "m2", relation: "spouse", name: "髙橋 和子", birthDate: "1950-03-03", insurance: "kouki" },
    { id: "m3", relation: "child", birthDate: "2015-06-01", insurance: "employee" },
  ],
};
const moveIn = {
  event: { type: "move-in", date: "2026-04-06", origin: "abroad", crossPrefecture: true },
  members: [
    {
      id: "m1",
      relation: "head",
      name: "熊本 太郎",
      birthDate: "1985-05-05",
      insurance: "kokuho",
      pension: "cat1",
    },
    { id: "m2", relation: "spouse", birthDate: "1987-08-08", insurance: "kokuho", pregnant: true },
    {
      id: "m3",
      relation: "child",
      name: "熊本 陽",
      birthDate: "2025-01-20",
      insurance: "kokuho",
      needsDaycare: true,
    },
  ],
  requests: ["residenceCertificate"],
};

beforeAll(async () => {
  database = await createTestDatabase();
  await seedMunicipality(database.db, kumamotoSeed);
  const [office] = await database.db.select({ id: offices.id }).from(offices).limit(1);
  officeId = office?.id ?? "";
  const { staff } = await addStaff(database.db, {
    municipalityId: "kumamoto",
    username: "plan-codes",
    displayName: "移行 確認",
    role: "counter",
    officeCode: "chuo",
  });
  staffId = staff.id;
});

afterAll(async () => {
  await database?.destroy();
});

describe("migration 0009 (reasons as codes in stored plans)", () => {
  it("turns every sentence the engine wrote back into the code and data the engine writes now", async () => {
    const settings = getMunicipalitySettings("kumamoto");
    for (const raw of [death, moveIn]) {
      const plan = planGuidance(household(raw), settings);
      expect(plan.procedures.length).toBeGreaterThan(3);
      const id = await storeVisit(raw, oldShape(plan));
      await runMigration();
      expect(await planOf(id)).toEqual(JSON.parse(JSON.stringify(plan)));
    }
  });

  it("does so for random households of every municipality, members found by name or by id", async () => {
    // Two members may share a name: the sentence cannot tell which, so the reason must read the same.
    const read = (plan: { procedures: { reasons: Message[] }[] }) =>
      plan.procedures.map((p) =>
        p.reasons.map((r) => [r.code, reasonText(ja, r), reasonText(translator("en"), r), r.params?.facts]),
      );
    const stored: { id: string; plan: Plan }[] = [];
    // Plans stored before reasons were codes were all of phase 1: births, marriages and divorces came later.
    // Nor did members carry their pension before the move, which new reasons name.
    const phase1 = validHousehold
      .filter((h) => !["birth", "marriage", "divorce"].includes(h.event.type))
      .map((h) => ({ ...h, members: h.members.map(({ previousPension: _, ...m }) => m) }));
    for (const [i, raw] of fc.sample(phase1, { seed: 9, numRuns: 120 }).entries()) {
      const plan = planGuidance(
        household(raw),
        getMunicipalitySettings(["national", "kumamoto", "yatsushiro"][i % 3] ?? ""),
      );
      stored.push({ id: await storeVisit(raw, oldShape(plan)), plan });
    }
    await runMigration();
    for (const { id, plan } of stored) expect(read(await planOf(id))).toEqual(read(plan));
  });

  it("keeps a sentence it cannot read as a legacy reason that reads as before, in any language", async () => {
    const id = await storeVisit(death, {
      procedures: [
        {
          id: "koseki.death",
          name: "死亡届",
          department: "resident",
          handling: "one-stop",
          members: ["m1"],
          deadline: "2026-02-09",
          reasons: [
            "窓口で相談済みのため",
            "鈴木 次郎さんが亡くなり、国民健康保険に加入中だったため",
            "髙橋 一郎さんが亡くなり、空を飛べるため",
            { code: "guidance.reason.deathNotRegistered" },
          ],
        },
      ],
    });
    await runMigration();
    const reasons = (await planOf(id)).procedures[0]?.reasons ?? [];
    expect(reasons).toEqual([
      { code: "guidance.reason.legacy", params: { text: "窓口で相談済みのため" } },
      // 鈴木 次郎 is not in the household, and 空を飛べる is no fact of the catalogue.
      {
        code: "guidance.reason.legacy",
        params: { text: "鈴木 次郎さんが亡くなり、国民健康保険に加入中だったため" },
      },
      { code: "guidance.reason.legacy", params: { text: "髙橋 一郎さんが亡くなり、空を飛べるため" } },
      { code: "guidance.reason.deathNotRegistered" },
    ]);
    expect(reasonText(translator("en"), reasons[0] as Message)).toBe("窓口で相談済みのため");
    expect(reasonText(translator("en"), reasons[3] as Message)).toBe("The death has not been registered yet");
  });

  it("leaves plans already in codes, and visits without a plan, as they are", async () => {
    const plan = planGuidance(household(moveIn), getMunicipalitySettings("kumamoto"));
    const coded = await storeVisit(moveIn, plan);
    const none = await storeVisit(null, null);
    await runMigration();
    expect(await planOf(coded)).toEqual(JSON.parse(JSON.stringify(plan)));
    expect(await planOf(none)).toBeNull();
  });

  it("leaves no helper table or function behind", async () => {
    const rows = (await database.db.execute(
      sql`select count(*)::int as n from pg_proc where proname like 'plan_reason%'`,
    )) as unknown as { rows: { n: number }[] };
    expect(rows.rows[0]?.n).toBe(0);
    const tables = (await database.db.execute(
      sql`select count(*)::int as n from pg_tables where tablename = 'plan_reason_phrases_0009'`,
    )) as unknown as { rows: { n: number }[] };
    expect(tables.rows[0]?.n).toBe(0);
  });
});
