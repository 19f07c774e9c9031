import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import pino from "pino";
import { addStaff } from "../../src/auth/add-staff";
import type { StaffRole } from "../../src/auth/auth.table";
import { staffRepository } from "../../src/auth/staff.repository";
import { createTotpSecret } from "../../src/auth/totp";
import { type Config, defaultConfig } from "../../src/config/config";
import { kumamotoSeed } from "../../src/tenancy/kumamoto.seed";
import { seedMunicipality } from "../../src/tenancy/municipality-seed";
import { createApp } from "../../src/web/app";
import { createTestDatabase, type TestDatabase } from "../../test/support/database";

/** Every browser-test account signs in with this password; TOTP codes come from the user's secret. */
export const E2E_PASSWORD = "e2e correct horse battery staple";

export interface E2eUser {
  id: string;
  username: string;
  role: StaffRole;
  /** The enrolled TOTP secret, or null for counter staff and for supervisors who have not enrolled yet. */
  totpSecret: string | null;
}

export interface AddUserOptions {
  /** Enrol a TOTP secret (the default for supervisors and admins); false leaves them at the enrolment step. */
  totp?: boolean;
  /** An office code of the Kumamoto demo tenant; 中央区役所 by default. */
  officeCode?: string;
}

export interface E2eServer {
  /** The base address, such as http://127.0.0.1:41234, with no trailing slash. */
  url: string;
  database: TestDatabase;
  config: Config;
  addUser(username: string, role: StaffRole, options?: AddUserOptions): Promise<E2eUser>;
  /** Moves the server's clock forward (sessions expire on it); the browser's clock is the test's to move. */
  advanceClock(ms: number): void;
  close(): Promise<void>;
}

/**
 * The real server in this process on a free port, over a fresh database (in-memory PGlite, or a new
 * database on the PostgreSQL named by DATABASE_URL) seeded with the Kumamoto demo tenant.
 */
export async function startE2eServer(overrides: Partial<Config> = {}): Promise<E2eServer> {
  const database = await createTestDatabase();
  try {
    await seedMunicipality(database.db, kumamotoSeed);
  } catch (error) {
    await database.destroy();
    throw error;
  }
  const config = defaultConfig({ DEMO_SEED: false, HOST: "127.0.0.1", PORT: 0, ...overrides });
  let clockOffsetMs = 0;
  const app = createApp({
    database,
    config,
    logger: pino({ level: "silent" }),
    now: () => new Date(Date.now() + clockOffsetMs),
  });
  const server = await new Promise<Server>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s as Server));
    s.once("error", reject);
  });
  const { port } = server.address() as AddressInfo;
  // Residents' links (ticket QR, sheet QR) point at the port the server really got.
  if (!overrides.PUBLIC_URL) config.PUBLIC_URL = `http://127.0.0.1:${port}`;

  return {
    url: `http://127.0.0.1:${port}`,
    database,
    config,
    async addUser(username, role, options = {}) {
      const { staff } = await addStaff(database.db, {
        municipalityId: kumamotoSeed.id,
        username,
        displayName: `${username} (E2E)`,
        role,
        officeCode: options.officeCode ?? "chuo",
        password: E2E_PASSWORD,
      });
      let totpSecret: string | null = null;
      if (role !== "counter" && options.totp !== false) {
        totpSecret = createTotpSecret();
        const repo = staffRepository(database.db);
        await repo.setTotpSecret(kumamotoSeed.id, staff.id, totpSecret);
        await repo.enableTotp(kumamotoSeed.id, staff.id);
      }
      return { id: staff.id, username, role, totpSecret };
    },
    advanceClock(ms) {
      clockOffsetMs += ms;
    },
    async close() {
      // Keep-alive connections from the browser would otherwise hold close() open.
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await database.destroy();
    },
  };
}
