import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, rowsOf, type TestDatabase } from "../../test/support/database";
import { seedMunicipality } from "../tenancy/municipality-seed";
import { auditRepository } from "./audit.repository";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  for (const id of ["alpha", "beta"]) {
    await seedMunicipality(database.db, {
      id,
      code: id === "alpha" ? "000001" : "000002",
      nameJa: id,
      nameEn: id,
      departments: [],
      offices: [],
    });
  }
});
afterAll(async () => {
  await database?.destroy();
});

/** The error and its causes: drizzle wraps the engine's error, which carries the SQLSTATE. */
function chain(error: unknown): Array<{ message?: string; code?: string }> {
  const out: Array<{ message?: string; code?: string }> = [];
  let current = error as { message?: string; code?: string; cause?: unknown } | undefined;
  while (current && out.length < 5) {
    out.push({ message: current.message, code: current.code });
    current = current.cause as typeof current;
  }
  return out;
}

async function refusal(
  statement: ReturnType<typeof sql>,
): Promise<Array<{ message?: string; code?: string }>> {
  const error = await database.db.execute(statement).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, "the statement should have been refused").toBeDefined();
  return chain(error);
}

describe("auditRepository", () => {
  it("records an entry with its defaults and lists it for its municipality only", async () => {
    const audit = auditRepository(database.db);
    await audit.record({ municipalityId: "alpha", action: "test.one", actorUsername: "someone" });
    await audit.record({ municipalityId: "beta", action: "test.one", actorUsername: "other" });
    const alpha = await audit.list("alpha", { action: "test.one" });
    expect(alpha).toHaveLength(1);
    expect(alpha[0]).toMatchObject({
      municipalityId: "alpha",
      action: "test.one",
      outcome: "success",
      actorUsername: "someone",
      detail: {},
    });
    expect(alpha[0]?.occurredAt).toBeInstanceOf(Date);
  });

  it("lists the newest entry first and honours the limit", async () => {
    const audit = auditRepository(database.db);
    for (const n of [1, 2, 3])
      await audit.record({ municipalityId: "alpha", action: "test.order", detail: { n } });
    const entries = await audit.list("alpha", { action: "test.order", limit: 2 });
    expect(entries.map((e) => e.detail)).toEqual([{ n: 3 }, { n: 2 }]);
  });
});

describe("the audit_log table", () => {
  it("refuses UPDATE of a written row", async () => {
    await auditRepository(database.db).record({ municipalityId: "alpha", action: "test.keep" });
    const errors = await refusal(
      sql`update audit_log set action = 'test.changed' where action = 'test.keep'`,
    );
    expect(errors.some((e) => e.message?.includes("audit_log is append-only: UPDATE refused"))).toBe(true);
    expect(errors.some((e) => e.code === "42501")).toBe(true);
  });

  it("refuses DELETE of a written row", async () => {
    const errors = await refusal(sql`delete from audit_log where action = 'test.keep'`);
    expect(errors.some((e) => e.message?.includes("audit_log is append-only: DELETE refused"))).toBe(true);
  });

  it("refuses TRUNCATE", async () => {
    const errors = await refusal(sql`truncate audit_log`);
    expect(errors.some((e) => e.message?.includes("audit_log is append-only: TRUNCATE refused"))).toBe(true);
  });

  it("still holds every row after the refused changes", async () => {
    const rows = await rowsOf(
      database.db,
      sql`select action from audit_log where action in ('test.keep', 'test.changed')`,
    );
    expect(rows).toEqual([{ action: "test.keep" }]);
    expect(await rowsOf(database.db, sql`select count(*)::int as n from audit_log`)).toEqual([{ n: 6 }]);
  });
});
