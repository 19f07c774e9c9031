import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, rowsOf, type TestDatabase } from "../../test/support/database";
import { DataDirLockedError } from "./data-dir-lock";
import { type Database, DatabaseUnavailableError, openDatabase } from "./database";

/** A TCP port on which nothing listens: a PostgreSQL server that is down. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === "string") throw new Error("no port");
  return address.port;
}

describe("openDatabase on PGlite in a data directory", () => {
  let dir: string;
  let first: Database | undefined;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "mg-pglite-"));
  });
  afterAll(async () => {
    await first?.close().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  });

  it("keeps a lock file while open and refuses a second open of the same directory", async () => {
    first = await openDatabase({ kind: "pglite", dataDir: dir });
    await first.migrate();
    expect(existsSync(join(dir, "madoguchi.lock"))).toBe(true);
    await expect(openDatabase({ kind: "pglite", dataDir: dir })).rejects.toBeInstanceOf(DataDirLockedError);
    // The refused open left the first one working.
    await first.ping();
  });

  it("releases the lock on close, and a later open finds the data written before", async () => {
    if (!first) throw new Error("the previous test did not open the database");
    await first.db.execute(
      sql`insert into municipalities (id, code, names) values ('t', '000001', '{"ja":"テスト市","en":"Test City"}')`,
    );
    await first.close();
    first = undefined;
    expect(existsSync(join(dir, "madoguchi.lock"))).toBe(false);

    const again = await openDatabase({ kind: "pglite", dataDir: dir });
    try {
      await again.migrate();
      const rows = await rowsOf(
        again.db,
        sql`select names->>'en' as name_en from municipalities where id = 't'`,
      );
      expect(rows).toEqual([{ name_en: "Test City" }]);
    } finally {
      await again.close();
    }
  });
});

describe("openDatabase on PostgreSQL", () => {
  it("reports a server that is down at start with its address, and without the password", async () => {
    const url = `postgres://madoguchi:s3cret-pw@127.0.0.1:${await closedPort()}/madoguchi`;
    const error = await openDatabase({ kind: "postgres", url }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseUnavailableError);
    const message = (error as Error).message;
    expect(message).toContain("データベース");
    expect(message).toContain("Cannot connect to the database");
    expect(message).toContain("127.0.0.1");
    expect(message).not.toContain("s3cret-pw");
  });
});

describe("a migrated test database", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.destroy();
  });

  it("answers a ping and accepts the migrations again without change", async () => {
    await database.ping();
    await database.migrate();
    const rows = await rowsOf(
      database.db,
      sql`select count(*)::int as n from information_schema.tables where table_name in ('municipalities', 'offices', 'departments', 'counters', 'staff', 'sessions', 'audit_log')`,
    );
    expect(rows).toEqual([{ n: 7 }]);
  });

  it("is of the engine the environment asks for", () => {
    expect(database.kind).toBe(process.env.DATABASE_URL ? "postgres" : "pglite");
  });
});
