import pino from "pino";
import { addStaff } from "../../src/auth/add-staff";
import type { StaffRole } from "../../src/auth/auth.table";
import { staffRepository } from "../../src/auth/staff.repository";
import { currentTotp } from "../../src/auth/totp";
import { type Config, defaultConfig } from "../../src/config/config";
import { kumamotoSeed } from "../../src/tenancy/kumamoto.seed";
import { type MunicipalitySeed, seedMunicipality } from "../../src/tenancy/municipality-seed";
import { createApp } from "../../src/web/app";
import type { AppDeps } from "../../src/web/context";
import { createTestDatabase, type TestDatabase } from "./database";

/** A second tenant that exists only in tests, to prove that one municipality never sees another's data. */
export const yatsushiroSeed: MunicipalitySeed = {
  id: "yatsushiro",
  code: "432024",
  nameJa: "八代市",
  nameEn: "Yatsushiro City",
  departments: [{ code: "resident", labelJa: "市民課", labelEn: "Citizens Division" }],
  offices: [
    {
      code: "honcho",
      kind: "ward",
      nameJa: "八代市役所本庁",
      nameEn: "Yatsushiro City Hall",
      oneStop: true,
      counters: [
        { number: 1, labelJa: "窓口 1番", labelEn: "Counter 1", department: "resident", oneStop: true },
      ],
    },
  ],
};

export const TEST_PASSWORD = "correct horse battery staple";

export interface TestApp {
  app: ReturnType<typeof createApp>;
  database: TestDatabase;
  deps: AppDeps;
  /** Creates a staff account with TEST_PASSWORD (and TOTP enrolled for supervisors and admins). */
  addUser(username: string, role: StaffRole, municipality?: "kumamoto" | "yatsushiro"): Promise<TestUser>;
  /** Signs in through the real pages (password, then TOTP when needed) and returns a cookie-carrying client. */
  signIn(user: TestUser): Promise<Client>;
  /** A client without a session (it still keeps cookies, such as the anonymous CSRF cookie). */
  anonymous(): Client;
  close(): Promise<void>;
}

export interface TestUser {
  id: string;
  username: string;
  role: StaffRole;
  municipalityId: string;
  totpSecret: string | null;
}

export interface Client {
  cookies: Map<string, string>;
  request(path: string, init?: RequestInit): Promise<Response>;
  /** GETs a page and returns the CSRF token of its first form. */
  csrf(path?: string): Promise<string>;
  postForm(
    path: string,
    fields: Record<string, string>,
    options?: { csrf?: string | false },
  ): Promise<Response>;
}

export async function createTestApp(overrides: Partial<Config> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  await seedMunicipality(database.db, kumamotoSeed);
  await seedMunicipality(database.db, yatsushiroSeed);
  const config = defaultConfig({ DEMO_SEED: false, PUBLIC_URL: "http://localhost", ...overrides });
  const deps: AppDeps = { database, config, logger: pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" }) };
  const app = createApp(deps);

  const makeClient = (): Client => {
    const cookies = new Map<string, string>();
    const request = async (path: string, init: RequestInit = {}) => {
      const headers = new Headers(init.headers);
      if (cookies.size > 0) headers.set("cookie", [...cookies].map(([k, v]) => `${k}=${v}`).join("; "));
      headers.set("host", "localhost");
      // A browser names the page's origin on every request that changes something (Chromium does so
      // for forms and fetch alike); a test that means "no Origin" (a program) passes origin: "".
      const method = (init.method ?? "GET").toUpperCase();
      if (headers.get("origin") === "") headers.delete("origin");
      else if (!headers.has("origin") && method !== "GET" && method !== "HEAD")
        headers.set("origin", "http://localhost");
      const res = await app.request(`http://localhost${path}`, { ...init, headers });
      for (const line of res.headers.getSetCookie()) {
        const [pair = "", ...attrs] = line.split(";");
        const eq = pair.indexOf("=");
        const key = pair.slice(0, eq).trim();
        const value = pair.slice(eq + 1).trim();
        const expired = attrs.some((a) => /max-age=0\b/i.test(a.trim()));
        if (expired || value === "") cookies.delete(key);
        else cookies.set(key, value);
      }
      return res;
    };
    const csrf = async (path = "/signin") => {
      const html = await (await request(path)).text();
      const match = html.match(/name="_csrf" value="([^"]+)"/);
      if (!match?.[1]) throw new Error(`no CSRF token on ${path}`);
      return match[1];
    };
    return {
      cookies,
      request,
      csrf,
      postForm: async (path, fields, options = {}) => {
        const token =
          options.csrf === false
            ? undefined
            : (options.csrf ?? (await csrf(path.startsWith("/signin") ? "/signin" : "/")));
        const body = new URLSearchParams({ ...fields, ...(token ? { _csrf: token } : {}) });
        return request(path, {
          method: "POST",
          body,
          headers: { "content-type": "application/x-www-form-urlencoded" },
        });
      },
    };
  };

  return {
    app,
    database,
    deps,
    async addUser(username, role, municipality = "kumamoto") {
      const officeCode = municipality === "kumamoto" ? "chuo" : "honcho";
      const { staff } = await addStaff(database.db, {
        municipalityId: municipality,
        username,
        displayName: username,
        role,
        officeCode,
        password: TEST_PASSWORD,
      });
      let totpSecret: string | null = null;
      if (role !== "counter") {
        totpSecret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
        const repo = staffRepository(database.db);
        await repo.setTotpSecret(municipality, staff.id, totpSecret);
        await repo.enableTotp(municipality, staff.id);
      }
      return { id: staff.id, username, role, municipalityId: municipality, totpSecret };
    },
    async signIn(user) {
      const client = makeClient();
      const res = await client.postForm("/signin", { username: user.username, password: TEST_PASSWORD });
      if (res.status !== 303) throw new Error(`sign-in failed for ${user.username}: ${res.status}`);
      if (user.totpSecret) {
        // A code is good once (issue 17); re-enrolling the same key stands for a new period of the app.
        await staffRepository(database.db).setTotpSecret(user.municipalityId, user.id, user.totpSecret);
        await staffRepository(database.db).enableTotp(user.municipalityId, user.id);
        const token = await client.csrf("/signin/totp");
        const body = new URLSearchParams({ code: currentTotp(user.totpSecret), _csrf: token });
        const r = await client.request("/signin/totp", {
          method: "POST",
          body,
          headers: { "content-type": "application/x-www-form-urlencoded" },
        });
        if (r.status !== 303) throw new Error(`TOTP failed for ${user.username}: ${r.status}`);
      }
      return client;
    },
    anonymous: makeClient,
    close: () => database.destroy(),
  };
}
