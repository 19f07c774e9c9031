import { randomBytes } from "node:crypto";
import type { SQL } from "drizzle-orm";
import pg from "pg";
import { type Database, type DbOrTx, openDatabase } from "../../src/db/database";

export interface TestDatabase extends Database {
  /** Closes the handle and, on PostgreSQL, drops the database made for this test file. */
  destroy(): Promise<void>;
}

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or a new database on the
 * PostgreSQL server named by DATABASE_URL (dropped afterwards), so the same suite runs on both engines.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const database = await openDatabase({ kind: "pglite" });
    await database.migrate();
    return Object.assign(database, { destroy: () => database.close() });
  }
  const name = `mg_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const testUrl = new URL(url);
  testUrl.pathname = `/${name}`;
  const database = await openDatabase({ kind: "postgres", url: testUrl.toString(), max: 5 });
  await database.migrate();
  return Object.assign(database, {
    destroy: async () => {
      await database.close();
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  });
}

export const testDatabaseUrl = (): string | undefined => process.env.DATABASE_URL;

/** The rows of a raw query: both engines answer with `{ rows }`. */
export async function rowsOf<T>(db: DbOrTx, statement: SQL): Promise<T[]> {
  return ((await db.execute(statement)) as unknown as { rows: T[] }).rows;
}
