import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../test/support/app";
import { httpRegistry, RegistryUnavailableError } from "./http-registry";
import type { HouseholdRecord, ResidentRecord } from "./resident";

const TOKEN = "core-system-test-token";

const head: ResidentRecord = {
  id: "c0000000-0000-4000-8000-000000000001",
  residentNo: "9000000001",
  householdId: "c0000000-0000-4000-8000-0000000000aa",
  relation: "head",
  name: "髙橋\u3000葛\u{E0100}男",
  kana: "タカハシ\u3000カツオ",
  birthDate: "1970-01-02",
  sex: "male",
  insurance: "kokuho",
  pension: "cat1",
  pensionRecipient: false,
  myNumberCard: true,
  careLevel: null,
  disabilityCertificate: false,
  sealRegistered: true,
  pregnant: false,
  needsDaycare: false,
  publicServant: false,
  benefits: [],
  owns: ["realEstate"],
  nationality: "JP",
  honseki: "熊本県熊本市南区近見二丁目3番",
  hittousha: "髙橋\u3000葛\u{E0100}男",
  residenceStatus: null,
  residenceCardNumber: null,
  residencePeriodEnd: null,
  version: 4,
};
const household: HouseholdRecord = {
  id: head.householdId,
  householdNo: "8000000001",
  ward: "南区",
  address: "近見二丁目3番4号",
  postalCode: "861-4101",
  members: [head],
};

/** A core system as a test double: the endpoints http-registry.ts documents, over in-memory data. */
interface Double {
  url: string;
  requests: Array<{ method: string; path: string; auth: string | undefined; body: unknown }>;
  mode: "normal" | "garbage" | "error";
  server: Server;
}

function startDouble(): Promise<Double> {
  const double: Double = { url: "", requests: [], mode: "normal", server: undefined as unknown as Server };
  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  };
  const handler = async (req: IncomingMessage, res: ServerResponse) => {
    let raw = "";
    for await (const chunk of req) raw += chunk;
    const url = new URL(req.url ?? "/", "http://double");
    const body = raw ? JSON.parse(raw) : undefined;
    double.requests.push({
      method: req.method ?? "",
      path: url.pathname + url.search,
      auth: req.headers.authorization,
      body,
    });
    if (req.headers.authorization !== `Bearer ${TOKEN}`) return json(res, 401, { error: "unauthorised" });
    if (double.mode === "error") return json(res, 500, { error: "down" });
    if (double.mode === "garbage") return json(res, 200, { residents: "not a list" });
    const m = /^\/api\/municipalities\/([^/]+)(\/.*)$/.exec(url.pathname);
    if (m?.[1] !== "kumamoto") return json(res, 404, {});
    const rest = m[2] as string;
    const summary = {
      id: head.id,
      householdId: household.id,
      name: head.name,
      kana: head.kana,
      birthDate: head.birthDate,
      sex: head.sex,
      ward: household.ward,
      address: household.address,
    };
    if (req.method === "POST" && rest === "/residents/search")
      return json(res, 200, { residents: [summary], more: false });
    if (req.method === "POST" && rest === "/residents/card-lookup") {
      return json(res, 200, { residents: [{ ...summary, addressMatches: true }], more: false });
    }
    if (req.method === "GET" && rest === `/households/${household.id}`) return json(res, 200, household);
    if (req.method === "GET" && rest === `/households/${household.id}/changes`) {
      return json(res, 200, {
        changes: [
          {
            occurredAt: "2026-04-01T00:00:00Z",
            residentId: head.id,
            residentName: head.name,
            field: "insurance",
            oldValue: "employee",
            newValue: "kokuho",
            source: "core-system",
            actorUsername: null,
            reason: null,
          },
        ],
      });
    }
    if (req.method === "GET" && rest === `/residents/${head.id}`) return json(res, 200, head);
    if (req.method === "PATCH" && rest === `/residents/${head.id}`) {
      if (body.expectedVersion !== head.version) return json(res, 409, { error: "stale" });
      return json(res, 200, { ...head, ...body.facts, version: head.version + 1 });
    }
    return json(res, 404, {});
  };
  return new Promise((resolve) => {
    const server = createServer((req, res) => {
      handler(req, res).catch(() => json(res, 500, {}));
    });
    server.listen(0, "127.0.0.1", () => {
      double.server = server;
      double.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
      resolve(double);
    });
  });
}

let double: Double;

beforeAll(async () => {
  double = await startDouble();
});

afterAll(async () => {
  double.server.closeAllConnections();
  await new Promise<void>((resolve) => double.server.close(() => resolve()));
});

describe("the HTTP JSON client for a core system", () => {
  const client = () => httpRegistry({ baseUrl: `${double.url}/`, token: TOKEN, timeoutMs: 2_000 });

  it("searches with the query in the request body and the bearer token, and reads the answer", async () => {
    double.mode = "normal";
    const result = await client().search("kumamoto", { name: "高橋", match: "prefix" });
    expect(result.residents.map((r) => r.name)).toEqual(["髙橋\u3000葛\u{E0100}男"]);
    const request = double.requests.at(-1);
    expect(request).toMatchObject({
      method: "POST",
      path: "/api/municipalities/kumamoto/residents/search",
      auth: `Bearer ${TOKEN}`,
    });
    expect(request?.body).toEqual({ name: "高橋", match: "prefix" });
    const card = await client().findByCard("kumamoto", {
      name: "高橋 葛男",
      birthDate: "1970-01-02",
      sex: "male",
      address: "近見2-3-4",
    });
    expect(card.residents[0]?.addressMatches).toBe(true);
  });

  it("reads a household, a resident and the history, names kept byte for byte", async () => {
    const read = await client().household("kumamoto", household.id);
    expect(Buffer.from(read?.members[0]?.name ?? "")).toEqual(Buffer.from(head.name));
    expect(await client().resident("kumamoto", head.id)).toEqual(head);
    const history = await client().history("kumamoto", household.id);
    expect(history[0]).toMatchObject({
      field: "insurance",
      source: "core-system",
      occurredAt: new Date("2026-04-01T00:00:00Z"),
    });
  });

  it("treats a 404 as not found, for another municipality too", async () => {
    expect(await client().household("kumamoto", "c0000000-0000-4000-8000-0000000000ff")).toBeUndefined();
    expect(await client().household("yatsushiro", household.id)).toBeUndefined();
    await expect(
      client().updateFacts("kumamoto", {
        residentId: "nobody",
        expectedVersion: 1,
        facts: head,
        reason: "x",
        author: { staffId: null, username: "u" },
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("sends a change with the version it started from, and turns a 409 into a conflict", async () => {
    const change = {
      residentId: head.id,
      facts: { ...head, myNumberCard: false },
      reason: "カード返納",
      author: { staffId: null, username: "counter" },
    };
    const updated = await client().updateFacts("kumamoto", { ...change, expectedVersion: 4 });
    expect(updated).toMatchObject({ myNumberCard: false, version: 5 });
    expect(double.requests.at(-1)?.body).toMatchObject({
      expectedVersion: 4,
      reason: "カード返納",
      facts: { myNumberCard: false },
    });
    await expect(client().updateFacts("kumamoto", { ...change, expectedVersion: 3 })).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });

  it("reports a core system that fails, answers nonsense, refuses the token or cannot be reached as unavailable", async () => {
    double.mode = "error";
    await expect(client().search("kumamoto", { name: "x" })).rejects.toBeInstanceOf(RegistryUnavailableError);
    double.mode = "garbage";
    await expect(client().search("kumamoto", { name: "x" })).rejects.toThrow(/unexpected answer/);
    double.mode = "normal";
    const wrongToken = httpRegistry({ baseUrl: double.url, token: "wrong" });
    await expect(wrongToken.search("kumamoto", { name: "x" })).rejects.toThrow(/HTTP 401/);
    const nowhere = httpRegistry({ baseUrl: "http://127.0.0.1:9/api", token: TOKEN, timeoutMs: 1_000 });
    await expect(nowhere.search("kumamoto", { name: "x" })).rejects.toMatchObject({
      code: "DATABASE_UNAVAILABLE",
    });
  });
});

describe("the staff pages with REGISTRY_ADAPTER=http", () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({
      REGISTRY_ADAPTER: "http",
      REGISTRY_HTTP_URL: double.url,
      REGISTRY_HTTP_TOKEN: TOKEN,
    });
  });

  afterAll(async () => {
    await t?.close();
  });

  it("search, open and show a household from the core system, the opening audited here", async () => {
    double.mode = "normal";
    const client = await t.signIn(await t.addUser("http.counter", "counter"));
    const search = await client.request(`/registry/search?name=${encodeURIComponent("たかはし")}`);
    expect(await search.text()).toContain("髙橋\u3000葛\u{E0100}男");
    const opened = await client.postForm(`/registry/households/${household.id}/open`, {
      reason: "move-out",
      detail: "",
    });
    expect(opened.status).toBe(303);
    const view = await client.request(`/registry/households/${household.id}`);
    expect(view.status).toBe(200);
    const html = await view.text();
    expect(html).toContain("近見二丁目3番4号");
    expect(html).toContain("基幹システム");
    double.mode = "error";
    const down = await client.request(`/registry/search?name=${encodeURIComponent("たかはし")}`);
    expect(down.status).toBe(503);
    double.mode = "normal";
  });
});
