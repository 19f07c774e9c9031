import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import { lockDataDir } from "./data-dir-lock";
import * as schema from "./schema";

export type Schema = typeof schema;
/** The one typed database handle the repositories use, whichever engine is underneath. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A handle or an open transaction: repositories accept either. */
export type DbOrTx = Db | Parameters<Parameters<Db["transaction"]>[0]>[0];

export type DatabaseKind = "pglite" | "postgres";

export interface Database {
  readonly kind: DatabaseKind;
  readonly db: Db;
  /** Runs the migrations in src/db/migrations; safe to call from several processes at once on PostgreSQL. */
  migrate(): Promise<void>;
  /** Throws when the database does not answer. */
  ping(): Promise<void>;
  close(): Promise<void>;
  /** The PostgreSQL pool, for LISTEN/NOTIFY and job claiming; absent on PGlite. */
  readonly pool?: pg.Pool;
  /** The PGlite instance; absent on PostgreSQL. */
  readonly pglite?: PGlite;
}

export const migrationsFolder = resolve(fileURLToPath(new URL(".", import.meta.url)), "migrations");

export type OpenDatabaseOptions =
  | { kind: "pglite"; dataDir?: string }
  | { kind: "postgres"; url: string; max?: number };

export class DatabaseUnavailableError extends Error {
  readonly code = "DATABASE_UNAVAILABLE";
  constructor(where: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(
      `データベース (${where}) に接続できません: ${reason}\nCannot connect to the database (${where}): ${reason}`,
    );
  }
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "DATABASE_URL";
  }
}

/**
 * Opens PGlite (in memory when no dataDir, else on disk behind a lock file) or a PostgreSQL pool.
 * On PostgreSQL the first connection is tried at once so that a database that is down is reported at
 * start, with the address, rather than on the first request.
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  if (options.kind === "pglite") {
    const release = options.dataDir ? lockDataDir(options.dataDir) : () => {};
    let client: PGlite;
    try {
      client = options.dataDir ? await PGlite.create(resolve(options.dataDir)) : await PGlite.create();
    } catch (error) {
      release();
      throw error;
    }
    const db = drizzlePglite({ client, schema }) as unknown as Db;
    return {
      kind: "pglite",
      db,
      pglite: client,
      migrate: () => migratePglite(db as never, { migrationsFolder }),
      ping: async () => {
        await client.query("select 1");
      },
      close: async () => {
        try {
          await client.close();
        } finally {
          release();
        }
      },
    };
  }
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.max ?? 10,
    connectionTimeoutMillis: 5_000,
  });
  // An idle client losing its server (a restart) must not crash the process; the next query reconnects.
  pool.on("error", () => {});
  // Nor one checked out between two statements of a transaction: its next query fails instead, and
  // the pool drops it when it is released.
  pool.on("connect", (client) => client.on("error", () => {}));
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => {});
    throw new DatabaseUnavailableError(redact(options.url), error);
  }
  const db = drizzlePg({ client: pool, schema }) as unknown as Db;
  return {
    kind: "postgres",
    db,
    pool,
    migrate: async () => {
      // Several processes may start together: one migrates, the others wait on the advisory lock.
      const client = await pool.connect();
      try {
        await client.query("select pg_advisory_lock(7355608)");
        await migratePg(drizzlePg({ client, schema }), { migrationsFolder });
      } finally {
        await client.query("select pg_advisory_unlock(7355608)").catch(() => {});
        client.release();
      }
    },
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    close: () => pool.end(),
  };
}
