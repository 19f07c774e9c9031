import fc from "fast-check";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoSignatureDataUrl } from "../../src/kpi/demo-signature";
import { demoAnswers, demoHousehold, driveDemoVisit } from "../../src/kpi/simulate-visit";
import { alwaysOpen, kumamotoQueueSeed, seedQueue } from "../../src/queue/queue.seed";
import { rareKanjiHouseholds, writeRows } from "../../src/registry/registry.test-support";
import { todayInJapan } from "../../src/shared/dates";
import { tenancyRepository } from "../../src/tenancy/tenancy.repository";
import { moveVisit } from "../../src/visits/move-visit";
import { saveAnswers } from "../../src/visits/save-answers";
import { setHousehold } from "../../src/visits/set-household";
import { signVisit } from "../../src/visits/sign-visit";
import { startVisit } from "../../src/visits/start-visit";
import { verifyIdentity } from "../../src/visits/verify-identity";
import { type Client, createTestApp, type TestApp, type TestUser } from "../support/app";

// No input gives a 500. Every route the app has (read from Hono's `app.routes`, so a new route is
// covered without touching this file) gets arbitrary strings — control characters, NUL, U+FFFD, lone
// surrogates, malformed percent-escapes, very long text, SQL and HTML, 和暦 dates — in its path
// parameters, its query string and its form fields, and must answer 2xx, 3xx or 4xx. Field names come
// from the forms and links of the app's own pages (a crawl, signed in and as a resident), plus a fixed
// list; half the time a field keeps the value its form gave, so a run reaches past the first check.
// Bounded and seeded: FUZZ_RUNS (default 8) runs per route, the seed from the route's name (plus
// FUZZ_SEED), at most 3 s a route.

const RUNS = Number(process.env.FUZZ_RUNS ?? 8);
/** Another set of inputs, for a longer search by hand: FUZZ_SEED=1 FUZZ_RUNS=200. */
const SEED_OFFSET = Number(process.env.FUZZ_SEED ?? 0);
const CRAWL_LIMIT = 220;
const ORIGIN = "http://localhost";

let t: TestApp;
/** A visit at its household step (the registry search inside a visit). */
let householdVisit = "";
let admin: TestUser;
let staff: Client;
let resident: Client;
/** What the server logged for the request that failed, for the failure's message. */
const logged: string[] = [];

// ── What the app's pages offer: links (concrete paths and query names) and forms ──────────────────

interface SeenForm {
  /** The page the form was read on, to read it again for a fresh version and CSRF token. */
  page: string;
  who: "staff" | "resident";
  method: "get" | "post";
  action: string;
  /** A submission as the page would send it: hidden and filled fields, checked boxes, a button. */
  baseline: Array<[string, string]>;
}
const seenPaths = new Set<string>();
const seenQueries = new Map<string, Map<string, Set<string>>>();
const seenForms: SeenForm[] = [];

const decode = (s: string) =>
  s
    .replaceAll("&quot;", '"')
    .replaceAll("&#39;", "'")
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&amp;", "&");
const attrsOf = (tag: string): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([a-zA-Z_:][-\w:.]*)(?:=(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g))
    out[(m[1] as string).toLowerCase()] = decode(m[2] ?? m[3] ?? m[4] ?? "");
  return out;
};
const local = (href: string, base: string): URL | undefined => {
  try {
    const url = new URL(href, `${ORIGIN}${base}`);
    return url.hostname === "localhost" ? url : undefined;
  } catch {
    return undefined;
  }
};
function noteUrl(url: URL) {
  seenPaths.add(url.pathname);
  const names = seenQueries.get(url.pathname) ?? new Map<string, Set<string>>();
  seenQueries.set(url.pathname, names);
  for (const [k, v] of url.searchParams) {
    if (!names.has(k)) names.set(k, new Set());
    names.get(k)?.add(v);
  }
}

function readPage(html: string, page: string, who: "staff" | "resident"): URL[] {
  const links: URL[] = [];
  const found = [
    ...[...html.matchAll(/\s(?:href|src|action)="([^"]*)"/g)].map((m) => decode(m[1] as string)),
    // Addresses printed as text (the sheet's survey link under its QR code).
    ...[...html.matchAll(/https?:\/\/localhost[^\s"<>]*/g)].map((m) => decode(m[0])),
  ];
  for (const href of found) {
    const url = local(href, page);
    if (url) {
      noteUrl(url);
      links.push(url);
    }
  }
  for (const f of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const attrs = attrsOf(f[1] as string);
    const url = local(attrs.action ?? page, page);
    if (!url) continue;
    const body = f[2] as string;
    const baseline: Array<[string, string]> = [];
    let button = false;
    for (const m of body.matchAll(/<(input|button|textarea)\b([^>]*)>/g)) {
      const a = attrsOf(m[2] as string);
      if (!a.name) continue;
      const type = (a.type ?? (m[1] === "button" ? "submit" : "text")).toLowerCase();
      if (type === "submit" || m[1] === "button") {
        if (!button) baseline.push([a.name, a.value ?? ""]);
        button = true;
      } else if (type === "checkbox" || type === "radio") {
        if ("checked" in a) baseline.push([a.name, a.value ?? "on"]);
      } else baseline.push([a.name, a.value ?? ""]);
    }
    for (const m of body.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
      const a = attrsOf(m[1] as string);
      if (!a.name) continue;
      const options = [...(m[2] as string).matchAll(/<option\b([^>]*)>/g)].map((o) =>
        attrsOf(o[1] as string),
      );
      const chosen = options.find((o) => "selected" in o) ?? options[0];
      if (chosen) baseline.push([a.name, chosen.value ?? ""]);
    }
    const method = (attrs.method ?? "get").toLowerCase() === "post" ? "post" : "get";
    noteUrl(url);
    seenForms.push({ page, who, method, action: url.pathname, baseline });
  }
  return links;
}

// ── The routes, from the app itself ───────────────────────────────────────────────────────────────

interface Route {
  method: string;
  path: string;
  params: string[];
  pattern: RegExp;
}
function routesOf(app: TestApp["app"]): Route[] {
  const seen = new Map<string, Route>();
  for (const r of app.routes) {
    if (r.method === "ALL" || seen.has(`${r.method} ${r.path}`)) continue;
    const params: string[] = [];
    const source = r.path
      .split("/")
      .map((part) => {
        if (part === "*") {
          params.push("*");
          return "(.*)";
        }
        if (part.startsWith(":")) {
          params.push(
            part
              .slice(1)
              .replace(/\{.*\}$/, "")
              .replace(/\?$/, ""),
          );
          return "([^/]+)";
        }
        return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      })
      .join("/");
    seen.set(`${r.method} ${r.path}`, {
      method: r.method,
      path: r.path,
      params,
      pattern: new RegExp(`^${source}$`),
    });
  }
  return [...seen.values()];
}

/** Streams (SSE) are opened and closed at once: only their status is looked at. */
const isStream = (path: string) => /\/events$/.test(path);

async function crawl(routes: Route[], seeds: Array<[Client, "staff" | "resident", string]>) {
  const getRoutes = routes.filter((r) => r.method === "GET");
  const queue = [...seeds];
  const done = new Set<string>();
  let fetched = 0;
  while (queue.length > 0 && fetched < CRAWL_LIMIT) {
    const [client, who, path] = queue.shift() as [Client, "staff" | "resident", string];
    const url = new URL(path, ORIGIN);
    const key = `${who} ${url.pathname}${url.search}`;
    if (done.has(key)) continue;
    done.add(key);
    if (url.pathname.startsWith("/static/") || isStream(url.pathname) || url.pathname === "/lang") continue;
    if (!getRoutes.some((r) => r.pattern.test(url.pathname))) continue;
    fetched++;
    const res = await client.request(`${url.pathname}${url.search}`);
    const location = local(res.headers.get("location") ?? "", url.pathname);
    if (location) {
      noteUrl(location);
      queue.push([client, who, `${location.pathname}${location.search}`]);
    }
    if (!(res.headers.get("content-type") ?? "").includes("text/html")) {
      await res.body?.cancel();
      continue;
    }
    for (const link of readPage(await res.text(), `${url.pathname}${url.search}`, who))
      queue.push([client, who, `${link.pathname}${link.search}`]);
  }
}

// ── Arbitrary input ───────────────────────────────────────────────────────────────────────────────

/** A value sent as is in a query or body: a malformed percent-escape, a lone surrogate's UTF-8, a '+'. */
type Raw = { raw: string };
type Value = string | Raw;

const nasty = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\uFFFD",
  "\uD800",
  "\uDFFF",
  "x\uDBFF",
  "\u202E\u200B\uFEFF",
  "\r\n\t\u0007\u001B[31m",
  "'; drop table visits; --",
  "' or '1'='1",
  "\\",
  "$1",
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "{{7*7}}",
  "../../../etc/passwd",
  "%00",
  "null",
  "undefined",
  "[]",
  "{}",
  "true",
  "0",
  "-1",
  "1e308",
  "NaN",
  "99999999999999999999",
  "2147483648",
  "3.5",
  "00000000-0000-0000-0000-000000000000",
  "S55.4.2",
  "S55-04-02",
  "昭和55年4月2日",
  "１９８０－０４－０２",
  "2026-02-30",
  "H32.1.1",
  "R8.4.1",
  "0000-00-00",
  "9999-12-31",
  "-0001-01-01",
  "123456789012",
  "𠮷田\u3000葛\u{E0100}子",
  "🙂👨‍👩‍👧",
  "x".repeat(5000),
  "あ".repeat(3000),
  "data:image/png;base64,AAAA",
  "data:image/png;base64,",
  "javascript:alert(1)",
  "//evil.example",
  "https://evil.example/",
];
const raws: Raw[] = ["%", "%zz", "%E3%81", "%ED%A0%80", "%FF%FE", "+", "%2B", "a&b=c", "%C0%AF", "%00"].map(
  (raw) => ({ raw }),
);
/** Characters added to a good value: NUL, a lone surrogate, LIKE and quoting characters, bidi controls. */
const poison: Value[] = [
  "\u0000",
  "\uD800",
  "\uFFFD",
  "'",
  "\\",
  "%",
  "_",
  "\u3000",
  "\u202E",
  "<",
  "\n",
  "\r\n",
  "\u0085",
  "\u2028",
  "𠮷",
  "\u{E0100}",
  { raw: "%00" },
  { raw: "%ED%A0%80" },
  { raw: "%" },
];
const codeUnit = fc.oneof(
  fc.integer({ min: 0, max: 0x7f }).map((c) => String.fromCharCode(c)),
  fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
  fc.constantFrom("\u0000", "\uFFFD", "\uD800", "\uDC00", "年", "月", "日", "-", ".", "/", "%", "&", "="),
);
const arbitraryText: fc.Arbitrary<Value> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom<Value>(...nasty, ...raws) },
  { weight: 2, arbitrary: fc.string({ unit: codeUnit, maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 20 }) },
  { weight: 1, arbitrary: fc.integer().map(String) },
  { weight: 1, arbitrary: fc.double().map(String) },
);

/** application/x-www-form-urlencoded of text as UTF-8 (a lone surrogate as U+FFFD, as a browser sends it). */
const utf8 = new TextEncoder();
const percent = (value: Value): string =>
  typeof value === "string"
    ? [...utf8.encode(value)]
        .map((b) =>
          /[A-Za-z0-9\-_.~]/.test(String.fromCharCode(b))
            ? String.fromCharCode(b)
            : `%${b.toString(16).toUpperCase().padStart(2, "0")}`,
        )
        .join("")
    : value.raw;
const text = (value: Value): string => (typeof value === "string" ? value : value.raw);
const encodePairs = (pairs: Array<[string, Value]>) =>
  pairs.map(([k, v]) => `${percent(k)}=${percent(v)}`).join("&");

/** Names every form of the app uses somewhere, beside those read from the pages. */
const knownNames = [
  "q",
  "birthDate",
  "name",
  "kana",
  "match",
  "sex",
  "address",
  "household",
  "householdId",
  "residentId",
  "resident",
  "event",
  "subject",
  "reason",
  "detail",
  "from",
  "to",
  "kpi",
  "by",
  "granularity",
  "office",
  "encoding",
  "fy",
  "group",
  "lang",
  "back",
  "next",
  "version",
  "action",
  "documents",
  "memberCount",
  "event.type",
  "event.date",
  "m0.birthDate",
  "m0.name",
  "m0.relation",
  "m9.birthDate",
  "signature",
  "proceed",
  "purposeId",
  "kind",
  "counterId",
  "open",
  "score",
  "comment",
  "username",
  "password",
  "code",
  "procedureId",
  "memberId",
  "expired",
  "done",
  "n",
  "page",
  "limit",
  "__proto__",
  "constructor",
];

// ── Setup: a municipality with a queue, a registry, visits at several steps, a ticket ────────────

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  // The server's log of a failure (the error and its stack) goes into the failure's message.
  const sink = pino({ level: "error" }, { write: (line: string) => void logged.push(line) });
  (t.deps.logger as unknown as { child: (b: object) => unknown }).child = (b: object) => sink.child(b);

  await seedQueue(db, "kumamoto", { seed: { ...kumamotoQueueSeed, hours: alwaysOpen } });
  await writeRows(db, "kumamoto", rareKanjiHouseholds());
  admin = await t.addUser("fuzz-admin", "admin");
  staff = await t.signIn(admin);
  resident = t.anonymous();
  const repo = tenancyRepository(db);
  const chuo = await repo.findOfficeByCode("kumamoto", "chuo");
  const [counter] = (await repo.listCounters("kumamoto", chuo?.id as string)).filter((c) => c.oneStop);
  await staff.postForm("/session/counter", { counterId: counter?.id ?? "" });

  // Visits at reception, at the household step, at the interview and accepted, so that each step's
  // forms are on some page the crawl reads.
  const post = async (path: string, fields: Record<string, string | string[]>) => {
    const body = new URLSearchParams({ _csrf: await staff.csrf("/visits") });
    for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) body.append(k, x);
    return staff.request(path, {
      method: "POST",
      body,
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
  };
  const version = async (id: string) =>
    (await (await staff.request(`/visits/${id}`)).text()).match(/name="version" value="(\d+)"/)?.[1] ?? "0";
  const start = async () =>
    ((await post("/visits", {})).headers.get("location") ?? "").split("/").pop() ?? "";
  const toHousehold = async (id: string) => {
    await post(`/visits/${id}/move`, { version: await version(id), to: "identity" });
    await post(`/visits/${id}/identity`, { version: await version(id), documents: ["drivers-licence"] });
  };
  await start();
  const household = await start();
  await toHousehold(household);
  householdVisit = household;
  const interview = await start();
  await toHousehold(interview);
  await post(`/visits/${interview}/household`, {
    version: await version(interview),
    action: "plan",
    memberCount: "1",
    "event.type": "move-in",
    "event.date": todayInJapan(),
    "event.origin": "other-municipality",
    "m0.name": "熊本 太郎",
    "m0.kana": "クマモト タロウ",
    "m0.relation": "head",
    "m0.birthDate": "1990-05-01",
    "m0.sex": "male",
    "m0.insurance": "kokuho",
    "m0.pension": "cat1",
    "m0.moving": "on",
  });
  await post(`/visits/${interview}/move`, { version: await version(interview), to: "interview" });
  const scope = { municipalityId: "kumamoto", staffId: admin.id, officeId: chuo?.id as string };
  let seed = 7;
  const rnd = {
    next: () => {
      seed = (seed * 48271) % 2147483647;
      return (seed - 1) / 2147483646;
    },
  };
  const identity = await start();
  await post(`/visits/${identity}/move`, { version: await version(identity), to: "identity" });
  // At the plan, at the review and at the signature, through the use cases the demo uses.
  const stepped: string[] = [identity];
  for (const until of ["plan", "review", "signature"] as const) {
    const now = new Date();
    let visit = await startVisit(db, { scope, counterId: counter?.id ?? null, now });
    stepped.push(visit.id);
    try {
      const at = { scope, visitId: visit.id, now };
      visit = await verifyIdentity(db, {
        ...at,
        version: visit.version,
        check: {
          documents: ["mynumber-card"],
          agent: false,
          agentSameHousehold: false,
          powerOfAttorney: false,
        },
      });
      const household = demoHousehold("moving", todayInJapan(now), rnd);
      visit = await setHousehold(db, { ...at, version: visit.version, household, source: "entered" });
      if (until === "plan") continue;
      visit = await moveVisit(db, { ...at, version: visit.version, to: "interview" });
      const answers = demoAnswers(visit, rnd);
      visit = await saveAnswers(db, { ...at, version: visit.version, answers, proceed: true });
      if (until === "review") continue;
      await signVisit(db, { ...at, version: visit.version, signature: demoSignatureDataUrl(0.5) });
    } catch {
      // A step the demo cannot take (the catalogue moved on): the visit stays where it got to.
    }
  }
  for (let i = 0; i < 2; i++) {
    const now = new Date();
    const visit = await startVisit(db, { scope, counterId: counter?.id ?? null, now });
    await driveDemoVisit(db, {
      scope,
      visitId: visit.id,
      purposeCode: i === 0 ? "moving" : "bereavement",
      day: todayInJapan(now),
      from: now,
      to: new Date(now.getTime() + 1_000),
      rnd,
      accept: true,
    }).catch(() => undefined);
  }

  // A ticket taken at the kiosk: its receipt links the phone page (and so its survey).
  const kiosk = `/queue/offices/${chuo?.id}/kiosk`;
  const kioskHtml = await (await resident.request(kiosk)).text();
  const purposeId = kioskHtml.match(/name="purposeId" value="([^"]+)"/)?.[1] ?? "";
  const receipt = await resident.request(kiosk, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ _csrf: resident.cookies.get("mg_csrf") ?? "", purposeId }),
  });
  const receiptLinks = readPage(await receipt.text(), kiosk, "resident");

  const routes = routesOf(t.app);
  const seeds: Array<[Client, "staff" | "resident", string]> = [
    ...routes
      .filter((r) => r.method === "GET" && r.params.length === 0)
      .flatMap(
        (r): Array<[Client, "staff" | "resident", string]> => [
          [staff, "staff", r.path],
          [resident, "resident", r.path],
        ],
      ),
    ...[household, interview, ...stepped].map((id): [Client, "staff", string] => [
      staff,
      "staff",
      `/visits/${id}`,
    ]),
    [staff, "staff", `/visits/${household}?q=${encodeURIComponent("タカハシ")}`],
    [staff, "staff", `/registry/search?name=${encodeURIComponent("タカハシ")}`],
    [resident, "resident", kiosk],
    ...receiptLinks.map((u): [Client, "resident", string] => [
      resident,
      "resident",
      `${u.pathname}${u.search}`,
    ]),
  ];
  await crawl(routes, seeds);
  // A registry household opened with a reason (as the search's link leads to): its page, its members'
  // edit forms.
  const open = seenForms.find(
    (f) => f.method === "post" && /^\/registry\/households\/[^/]+\/open$/.test(f.action),
  );
  if (open) {
    const fields = new URLSearchParams(open.baseline);
    fields.set("reason", fields.get("reason") || "move-within");
    const opened = await staff.postForm(open.action, Object.fromEntries(fields), {
      csrf: await staff.csrf("/"),
    });
    const location = opened.headers.get("location");
    if (location) await crawl(routes, [[staff, "staff", location]]);
  }
  // A visit's forms are read again as it moves on, so stale copies of the first reading are dropped.
}, 120_000);

afterAll(async () => {
  await t?.close();
});

/** The server's log line of a failure, short: the error, its message and where in our code it was thrown. */
function summary(line: string): string {
  try {
    const { err } = JSON.parse(line) as { err?: { type?: string; message?: string; stack?: string } };
    const at = (err?.stack ?? "").split("\n").find((l) => l.includes("/src/")) ?? "";
    return `server: ${err?.type}: ${(err?.message ?? "").replace(/\s+/g, " ").slice(0, 300)} ${at.trim()}`;
  } catch {
    return line.slice(0, 500);
  }
}

// ── The property, one test per route ──────────────────────────────────────────────────────────────

/** A stable seed per route, so a route added later does not change the inputs of the others. */
const seedOf = (name: string) => [...name].reduce((h, c) => (Math.imul(h, 31) + c.charCodeAt(0)) | 0, 17);

const publicPath = (path: string) =>
  /^\/(queue\/offices\/[^/]+\/(kiosk|display)|queue\/t\/|survey\/|signin|lang|healthz|static\/|api\/openapi|api\/reference)/.test(
    path,
  );

let replacements = 0;
/** Staff's session ends on some routes (sign-out, a bad second factor): sign in again for the next run. */
async function ensureSignedIn(again = false) {
  const res = await staff.request("/");
  await res.body?.cancel();
  if (again || res.status !== 200) {
    // A run may have locked the account (wrong second factors): then a new administrator takes over.
    staff = await t.signIn(admin).catch(async () => {
      admin = await t.addUser(`fuzz-admin-${++replacements}`, "admin");
      return t.signIn(admin);
    });
    const chuo = await tenancyRepository(t.database.db).findOfficeByCode("kumamoto", "chuo");
    const [counter] = (
      await tenancyRepository(t.database.db).listCounters("kumamoto", chuo?.id as string)
    ).filter((c) => c.oneStop);
    await staff.postForm("/session/counter", { counterId: counter?.id ?? "" });
  }
}

/** The staff page's CSRF token; a session that ended meanwhile is signed in again. */
async function staffToken(): Promise<string> {
  try {
    return await staff.csrf("/");
  } catch {
    await ensureSignedIn(true);
    return staff.csrf("/");
  }
}

const routeList = await (async () => {
  // The routes are the app's; a throwaway app (no database work) lists them at collection time.
  const { createApp } = await import("../../src/web/app");
  const { defaultConfig } = await import("../../src/config/config");
  const stub = createApp({
    database: { kind: "pglite", pglite: {}, db: {} } as never,
    config: defaultConfig({ DEMO_SEED: false }),
    logger: pino({ level: "silent" }),
  });
  return routesOf(stub);
})();

describe("no input gives a 500", () => {
  it("covers every route of the app, read from the app", () => {
    expect(routeList.length).toBeGreaterThan(40);
    expect(routeList.map((r) => `${r.method} ${r.path}`)).toEqual(
      expect.arrayContaining([
        "GET /visits/:id",
        "POST /visits/:id/household",
        "GET /registry/search",
        "POST /api/v1/guidance",
      ]),
    );
  });

  it.each(routeList.map((r) => [`${r.method} ${r.path}`, r] as const))(
    "%s answers arbitrary parameters and fields with 2xx, 3xx or 4xx",
    async (name, route) => {
      const values = (param: string) =>
        [...seenPaths]
          .map((p) => route.pattern.exec(p))
          .filter((m): m is RegExpExecArray => m !== null)
          .map((m) => m[route.params.indexOf(param) + 1] as string);
      const paramArb = (param: string) => {
        const real = [...new Set(values(param))];
        // Another route's id in this one (another kind of row, or the same row through another door).
        const others = [
          ...new Set([...seenPaths].flatMap((p) => p.split("/")).filter((x) => /^[0-9a-f-]{36}$/.test(x))),
        ];
        return real.length > 0 || others.length > 0
          ? fc.oneof(
              ...(real.length > 0
                ? [{ weight: 3, arbitrary: fc.constantFrom<Value>(...real.map((raw) => ({ raw }))) }]
                : []),
              ...(others.length > 0
                ? [{ weight: 1, arbitrary: fc.constantFrom<Value>(...others.map((raw) => ({ raw }))) }]
                : []),
              { weight: 1, arbitrary: arbitraryText },
            )
          : arbitraryText;
      };
      const forms = seenForms.filter(
        (f) => f.method === (route.method === "GET" ? "get" : "post") && route.pattern.test(f.action),
      );
      const queryNames = [...seenQueries.entries()]
        .filter(([p]) => route.pattern.test(p))
        .flatMap(([, names]) => [...names.keys()]);
      const formNames = forms.flatMap((f) => f.baseline.map(([k]) => k));
      const ownNames = [...new Set([...formNames, ...queryNames])].filter((n) => n !== "_csrf");
      const names = [...new Set([...ownNames, ...knownNames])];
      const seenValues = [
        ...new Set([
          ...forms.flatMap((f) => f.baseline.map(([, v]) => v)),
          ...[...seenQueries.entries()]
            .filter(([p]) => route.pattern.test(p))
            .flatMap(([, m]) => [...m.values()].flatMap((s) => [...s])),
        ]),
      ];
      const valueArb =
        seenValues.length > 0
          ? fc.oneof(
              { weight: 3, arbitrary: arbitraryText },
              { weight: 1, arbitrary: fc.constantFrom<Value>(...seenValues) },
            )
          : arbitraryText;
      const isApi = route.path.startsWith("/api/");
      if (process.env.FUZZ_DEBUG)
        console.log(
          name,
          route.params.map((p) => `${p}:${new Set(values(p)).size}`).join(","),
          `forms:${forms.length}`,
          `formNames:${new Set(formNames).size}`,
          `queryNames:${new Set(queryNames).size}`,
        );
      const input = fc.record({
        params: fc.tuple(...route.params.map(paramArb)),
        form:
          forms.length > 0 ? fc.option(fc.nat(forms.length - 1), { nil: undefined }) : fc.constant(undefined),
        // Some runs put one value into every field the route's forms have (NUL in every field finds
        // the one field that reaches the database unchecked); the others change a few fields.
        fill: fc.option(fc.record({ value: arbitraryText, append: fc.boolean() }), {
          freq: 2,
          nil: undefined,
        }),
        fields: fc.array(
          fc.tuple(
            fc.oneof(
              ...(ownNames.length > 0 ? [{ weight: 4, arbitrary: fc.constantFrom(...ownNames) }] : []),
              { weight: 1, arbitrary: fc.constantFrom(...names) },
              { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
            ),
            valueArb,
          ),
          { maxLength: 6 },
        ),
        replace: fc.boolean(),
        // A few fields changed one at a time, the others kept as the page gave them: a bad character
        // added to a good value reaches further than a bad value alone.
        mutations: fc.array(
          fc.record({
            at: fc.nat(),
            how: fc.constantFrom("replace", "append", "prepend"),
            value: fc.oneof(arbitraryText, fc.constantFrom<Value>(...poison)),
          }),
          { minLength: 1, maxLength: 3 },
        ),
        // Most runs change one field of a good submission; the others send anything anywhere.
        focused: fc.constantFrom(true, true, false),
        // Signing in is tried as a resident would (anyone): staff's own account is not locked out.
        as: fc.constantFrom<"staff" | "resident">(
          ...(route.path.startsWith("/signin")
            ? (["resident"] as const)
            : publicPath(route.path)
              ? (["resident", "staff"] as const)
              : (["staff"] as const)),
        ),
        encoding: fc.constantFrom(
          ...(isApi && route.method !== "GET"
            ? (["json", "json", "json", "text", "urlencoded"] as const)
            : (["urlencoded", "urlencoded", "urlencoded", "multipart", "text"] as const)),
        ),
        json: fc.oneof(fc.jsonValue(), fc.constantFrom("{", '{"a":', "[1,", "\u0000", "nul")),
      });

      await fc.assert(
        fc.asyncProperty(input, async (x) => {
          await ensureSignedIn();
          let client = x.as === "staff" ? staff : resident;
          let i = 0;
          const path = route.path
            .split("/")
            .map((part) => (part === "*" || part.startsWith(":") ? percent(x.params[i++] as Value) : part))
            .join("/");
          // Start from the form as its page gives it now (fresh version and token), then change fields.
          const form = x.form === undefined ? undefined : forms[x.form];
          let baseline: Array<[string, Value]> = [];
          if (form) {
            const res = await (form.who === "staff" ? staff : resident).request(form.page);
            const html = (res.headers.get("content-type") ?? "").includes("text/html")
              ? await res.text()
              : "";
            const before = seenForms.length;
            readPage(html, form.page, form.who);
            const fresh = seenForms
              .slice(before)
              .find((f) => f.method === form.method && f.action === form.action);
            seenForms.length = before;
            baseline = (fresh ?? form).baseline;
          }
          const fields = new Map<string, Value[]>();
          for (const [k, v] of baseline) fields.set(k, [...(fields.get(k) ?? []), v]);
          if (x.fill && !x.focused) {
            const { value, append } = x.fill;
            for (const k of form ? fields.keys() : ownNames)
              if (k !== "_csrf" && k !== "version")
                fields.set(
                  k,
                  (fields.get(k) ?? [""]).map((v) =>
                    append && typeof v === "string" && typeof value === "string" ? `${v}${value}` : value,
                  ),
                );
          }
          const targets = [...new Set([...fields.keys(), ...ownNames])].filter(
            (k) => k !== "_csrf" && k !== "version",
          );
          for (const m of targets.length > 0 ? x.mutations.slice(0, x.focused ? 1 : 3) : []) {
            const k = targets[m.at % targets.length] as string;
            const [first = "", ...rest] = fields.get(k) ?? [""];
            const was = text(first);
            const changed: Value =
              m.how === "replace"
                ? m.value
                : typeof m.value === "string"
                  ? m.how === "append"
                    ? `${was}${m.value}`
                    : `${m.value}${was}`
                  : {
                      raw:
                        m.how === "append"
                          ? `${percent(was)}${m.value.raw}`
                          : `${m.value.raw}${percent(was)}`,
                    };
            fields.set(k, [changed, ...rest]);
          }
          for (const [k, v] of x.focused ? [] : x.fields)
            fields.set(k, x.replace ? [v] : [...(fields.get(k) ?? []), v]);
          const pairs = [...fields.entries()].flatMap(([k, vs]) => vs.map((v): [string, Value] => [k, v]));
          const csrf =
            route.method === "GET"
              ? ""
              : x.as === "staff"
                ? await staffToken()
                : client.cookies.get("mg_csrf") || (await resident.csrf("/signin"));
          client = x.as === "staff" ? staff : resident;

          let res: Response;
          let described: string;
          if (route.method === "GET") {
            const query = encodePairs(pairs);
            described = `GET ${path}?${query}`;
            res = await client.request(`${path}${query ? `?${query}` : ""}`, {
              headers: isApi ? { accept: "application/json" } : {},
            });
          } else {
            const withToken: Array<[string, Value]> = [
              ["_csrf", csrf],
              ...pairs.filter(([k]) => k !== "_csrf"),
            ];
            let body: BodyInit;
            const headers: Record<string, string> = { "x-csrf-token": csrf };
            const encoding = x.focused ? (isApi ? "json" : "urlencoded") : x.encoding;
            if (encoding === "json") {
              body =
                typeof x.json === "string" && x.fields.length % 3 === 0
                  ? x.json
                  : JSON.stringify(
                      x.fields.length % 2
                        ? x.json
                        : Object.fromEntries(withToken.map(([k, v]) => [k, text(v)])),
                    );
              headers["content-type"] = "application/json";
            } else if (encoding === "multipart") {
              const data = new FormData();
              for (const [k, v] of withToken) data.append(k, text(v));
              body = data;
            } else if (encoding === "text") {
              body = withToken.map(([k, v]) => `${k}=${text(v)}`).join("\n");
              headers["content-type"] = "text/plain";
            } else {
              body = encodePairs(withToken);
              headers["content-type"] = "application/x-www-form-urlencoded";
            }
            described = `${route.method} ${path} (${encoding}) ${typeof body === "string" ? body : JSON.stringify(withToken)}`;
            res = await client.request(path, { method: route.method, body, headers });
          }
          if (isStream(route.path) || (res.headers.get("content-type") ?? "").includes("event-stream"))
            await res.body?.cancel();
          else await res.arrayBuffer();
          const status = res.status;
          if (process.env.FUZZ_DEBUG) console.log(status, described.slice(0, 300));
          const log = logged.splice(0).map(summary).join("\n");
          if (status >= 500) throw new Error(`${status} for ${described.slice(0, 1500)} as ${x.as}\n${log}`);
        }),
        // A slow route (a PDF, a year's open data) stops early rather than stretch the suite.
        {
          seed: seedOf(name) + SEED_OFFSET,
          numRuns: RUNS,
          endOnFailure: true,
          interruptAfterTimeLimit: 3_000,
        },
      );
    },
  );
});

describe("inputs that gave a 500 before", () => {
  const form = { "content-type": "application/x-www-form-urlencoded" };
  const post = async (path: string, body: string, headers: Record<string, string> = form) => {
    const token = await staffToken();
    // A form carries its token in the body, anything else in the header.
    const sent = headers === form ? `_csrf=${token}&${body}` : body;
    return staff.request(path, {
      method: "POST",
      body: sent,
      headers: { "x-csrf-token": token, ...headers },
    });
  };

  const cases: Array<[string, number, () => string]> = [
    [
      "a birth date in 和暦 in the visit's registry search",
      200,
      () => `/visits/${householdVisit}?birthDate=S55.4.2`,
    ],
    ["a date that does not exist there", 422, () => `/visits/${householdVisit}?birthDate=2026-02-30`],
    ["a NUL in the visit's registry search", 400, () => `/visits/${householdVisit}?q=%E3%82%BF%00`],
    ["a NUL in the registry search's name", 400, () => "/registry/search?name=a%00b"],
    ["a NUL in the registry search's address", 400, () => "/registry/search?address=%00"],
    ["a NUL in the hand-off filter", 400, () => "/handoff?destination=%00"],
    ["a NUL as the registry household of the guidance page", 400, () => "/guidance?household=%00"],
    ["a line break in the language switch's way back", 303, () => "/lang?to=ja&back=%2Fx%0D%0Ay"],
  ];
  it.each(cases)("%s answers %i", async (_, status, url) => {
    await ensureSignedIn();
    const res = await staff.request(url());
    expect(res.status).toBe(status);
    if (status === 303) expect(res.headers.get("location")).toBe("/");
  });

  it("answers a visit's step whose body is not a form, or has no version, with 400", async () => {
    await ensureSignedIn();
    const text = await post(`/visits/${householdVisit}/move`, "to=cancelled", {
      "content-type": "text/plain",
    });
    expect(text.status).toBe(400);
    expect((await post(`/visits/${householdVisit}/move`, "to=cancelled")).status).toBe(400);
    expect((await post(`/visits/${householdVisit}/move`, "to=cancelled&version=abc")).status).toBe(400);
  });

  it("answers a household with a NUL in a name with 400", async () => {
    await ensureSignedIn();
    const html = await (await staff.request(`/visits/${householdVisit}`)).text();
    const version = html.match(/name="version" value="(\d+)"/)?.[1] ?? "0";
    const body = new URLSearchParams({
      version,
      action: "plan",
      memberCount: "1",
      "event.type": "move-in",
      "event.date": todayInJapan(),
      "event.origin": "other-municipality",
      "m0.name": "熊本 a\u0000b",
      "m0.kana": "クマモト タロウ",
      "m0.relation": "head",
      "m0.birthDate": "1990-05-01",
      "m0.sex": "male",
      "m0.insurance": "kokuho",
      "m0.pension": "cat1",
      "m0.moving": "on",
    }).toString();
    expect((await post(`/visits/${householdVisit}/household`, body)).status).toBe(400);
  });

  it("answers the guidance page's form sent as plain text with 400", async () => {
    await ensureSignedIn();
    expect((await post("/guidance", "memberCount=1", { "content-type": "text/plain" })).status).toBe(400);
  });

  it("answers JSON with a NUL in a string with 400", async () => {
    await ensureSignedIn();
    const res = await post("/api/v1/guidance", JSON.stringify({ event: { type: "move-in\u0000" } }), {
      "content-type": "application/json",
    });
    expect(res.status).toBe(400);
  });

  it("leads the session extension's way back with a line break home", async () => {
    await ensureSignedIn();
    const res = await post("/session/extend", "back=%2Fx%0D%0Ay");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/");
  });
});
