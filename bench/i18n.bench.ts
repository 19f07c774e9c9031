// Issue 15 figures: what text from catalogues costs.
// - message lookup: the catalogue translator (ICU through @formatjs/intl) beside the former dictionary
//   lookup (an object read and replaceAll for each parameter), re-created here as the baseline;
// - page render: the kiosk and a visit's plan page through the app in-process, each in Japanese and in
//   another language, beside /healthz (no page) in the same run;
// - what is sent to the browser: catalogue bytes inside the client scripts (pages are rendered on the
//   server, so none is expected).
// `npm run bench -- i18n`; I18N_BENCH_ROUNDS sets the number of requests per page (default 300).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { moveInFamily } from "../src/forms/fixtures/households";
import { OWN_CATALOGUES } from "../src/i18n/catalogues";
import { LOCALES_DIR } from "../src/i18n/locales";
import { translator } from "../src/i18n/translate";
import { alwaysOpen, kumamotoQueueSeed, seedQueue } from "../src/queue/queue.seed";
import { setHousehold } from "../src/visits/set-household";
import { startVisit } from "../src/visits/start-visit";
import { verifyIdentity } from "../src/visits/verify-identity";
import { createTestApp } from "../test/support/app";
import { fmt } from "./support";

const ROUNDS = Number(process.env.I18N_BENCH_ROUNDS ?? 300);

const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? Number.NaN;

function lookups() {
  const N = 200_000;
  const t = translator("en");
  const dict: Record<string, string> = { ...(OWN_CATALOGUES.en ?? {}) };
  const legacy = (key: string, params?: Record<string, string>) => {
    let text = dict[key] as string;
    if (params)
      for (const [name, value] of Object.entries(params)) text = text.replaceAll(`{${name}}`, value);
    return text;
  };
  const time = (f: () => void) => {
    for (let i = 0; i < 10_000; i++) f();
    const t0 = performance.now();
    for (let i = 0; i < N; i++) f();
    return ((performance.now() - t0) * 1e6) / N;
  };
  const plainNew = time(() => t("common.backToHome"));
  const plainOld = time(() => legacy("common.backToHome"));
  const paramNew = time(() => t("common.requiredField", { field: "Username" }));
  const paramOld = time(() => legacy("common.requiredField", { field: "Username" }));
  console.log(`message lookup, no parameter: ${fmt(plainNew)} ns (dictionary baseline ${fmt(plainOld)} ns)`);
  console.log(`message lookup, one parameter: ${fmt(paramNew)} ns (dictionary baseline ${fmt(paramOld)} ns)`);
  return paramNew;
}

function catalogueBytesInClientScripts() {
  const dir = join(import.meta.dirname, "../src/web/client");
  const scripts = readdirSync(dir).filter((f) => f.endsWith(".ts"));
  const messages = Object.values(OWN_CATALOGUES)
    .flatMap((c) => Object.values(c))
    .filter((m) => m.length >= 12);
  let found = 0;
  let bytes = 0;
  for (const file of scripts) {
    const text = readFileSync(join(dir, file), "utf8");
    bytes += text.length;
    for (const m of messages) if (text.includes(m)) found += m.length;
  }
  const catalogueBytes = readdirSync(LOCALES_DIR, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith(".json"))
    .reduce((sum, f) => sum + statSync(join(LOCALES_DIR, f)).size, 0);
  console.log(
    `catalogue text in client scripts: ${found} bytes of ${bytes} (catalogues on the server: ${fmt(catalogueBytes / 1024, 1)} KiB)`,
  );
}

export default async function run() {
  lookups();
  catalogueBytesInClientScripts();

  const test = await createTestApp();
  try {
    await seedQueue(test.database.db, "kumamoto", { seed: { ...kumamotoQueueSeed, hours: alwaysOpen } });
    const user = await test.addUser("bench.i18n", "counter");
    const client = await test.signIn(user);
    const office = (await test.database.db.query.offices.findFirst({
      where: (o, { and, eq }) => and(eq(o.municipalityId, "kumamoto"), eq(o.code, "chuo")),
    })) as { id: string };
    const scope = { municipalityId: "kumamoto", staffId: user.id, officeId: office.id };
    const now = new Date();
    let v = await startVisit(test.database.db, { scope, now });
    v = await verifyIdentity(test.database.db, {
      scope,
      visitId: v.id,
      version: v.version,
      check: {
        documents: ["mynumber-card"],
        agent: false,
        agentSameHousehold: false,
        powerOfAttorney: false,
      },
      now,
    });
    v = await setHousehold(test.database.db, {
      scope,
      visitId: v.id,
      version: v.version,
      household: moveInFamily,
      source: "entered",
      now,
    });
    const anonymous = test.anonymous();
    const page = async (label: string, request: () => Response | Promise<Response>) => {
      for (let i = 0; i < 20; i++) await (await request()).text();
      const ms: number[] = [];
      for (let i = 0; i < ROUNDS; i++) {
        const t0 = performance.now();
        const res = await request();
        await res.text();
        if (!res.ok) throw new Error(`${label}: ${res.status}`);
        ms.push(performance.now() - t0);
      }
      console.log(`${label}: p50 ${fmt(percentile(ms, 0.5), 2)} ms, p95 ${fmt(percentile(ms, 0.95), 2)} ms`);
    };
    await page("baseline /healthz", () => anonymous.request("/healthz"));
    // The kiosk is rate-limited per client address: each request comes from its own loopback address.
    let n = 0;
    const kiosk = (cookie: string) => () => {
      n++;
      const remoteAddress = `127.1.${(n >> 8) & 255}.${n & 255}`;
      return test.app.request(
        `http://localhost/queue/offices/${office.id}/kiosk`,
        { headers: { host: "localhost", cookie } },
        { incoming: { socket: { remoteAddress } } },
      );
    };
    await page("kiosk, Japanese", kiosk(""));
    await page("kiosk, Vietnamese", kiosk("mg_lang=vi"));
    await page("visit plan page, Japanese", () => client.request(`/visits/${v.id}`));
    client.cookies.set("mg_lang", "en");
    await page("visit plan page, English", () => client.request(`/visits/${v.id}`));
  } finally {
    await test.close();
  }
}
