// The counter's side of the My Number card: the identity step's card check, the identity record by
// card + PIN, and the registry match the four attributes lead to. The agent and the card itself are
// tested in src/card (APDU level and through pcscd).
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rareKanjiHouseholds, writeRows } from "../../src/registry/registry.test-support";
import { type Client, createTestApp, type TestApp } from "../support/app";
import { rowsOf } from "../support/database";

let t: TestApp;
let client: Client;

beforeAll(async () => {
  t = await createTestApp();
  client = await t.signIn(await t.addUser("card-counter", "counter"));
  await writeRows(t.database.db, "kumamoto", rareKanjiHouseholds());
});
afterAll(() => t.close());

const idOf = (res: Response) =>
  (res.headers.get("location") ?? "").match(/\/visits\/([0-9a-f-]{36})/)?.[1] ?? "";
const versionOf = (html: string) => html.match(/name="version" value="(\d+)"/)?.[1] ?? "0";

async function post(path: string, fields: Record<string, string>) {
  const body = new URLSearchParams({ _csrf: await client.csrf("/visits") });
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  return client.request(path, {
    method: "POST",
    body,
    headers: { "content-type": "application/x-www-form-urlencoded" },
  });
}

/** A new visit at its identity step, with the identity page's HTML. */
async function visitAtIdentity() {
  const id = idOf(await post("/visits", {}));
  const reception = await (await client.request(`/visits/${id}`)).text();
  await post(`/visits/${id}/move`, { version: versionOf(reception), to: "identity" });
  const html = await (await client.request(`/visits/${id}`)).text();
  return { id, html, version: versionOf(html) };
}

const katsuko = {
  // The card writes 高 where the registry keeps 髙, and no IVS on 葛: the match must still hold.
  name: "高橋\u3000葛子",
  address: "熊本県熊本市中央区水前寺六丁目12番3号",
  birthDate: "1982-02-01",
  sex: "female",
  privateUse: "false",
};

describe("the My Number card at the counter", () => {
  it("offers the card check on the identity step, hidden until the agent answers, with a PIN field that is never posted", async () => {
    const { html } = await visitAtIdentity();
    expect(html).toContain('data-card-check="/card/agent"');
    expect(html).toMatch(/<section[^>]*id="card-check"[^>]*hidden/);
    const pin = html.match(/<input[^>]*id="card-pin"[^>]*>/)?.[0] ?? "";
    expect(pin).toContain('type="password"');
    expect(pin).not.toContain("name=");
    expect(html).toContain("マイナンバーカードで確認");
  });

  it("tells the counter page where the agent listens and lets the page's CSP reach it", async () => {
    const res = await client.request("/card/agent", { headers: { accept: "application/json" } });
    expect(await res.json()).toEqual({ url: "http://127.0.0.1:47110" });
    expect(res.headers.get("content-security-policy")).toContain("connect-src 'self' http://127.0.0.1:47110");
    const anonymous = await t.anonymous().request("/card/agent", { headers: { accept: "application/json" } });
    expect(anonymous.status).toBe(401);
  });

  it("records the identity check as the card with its PIN — who and when, no attribute — and finds the household despite 外字 variants", async () => {
    const { id, version } = await visitAtIdentity();
    const res = await post(`/visits/${id}/identity/card`, { version, ...katsuko });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("本人確認を「マイナンバーカード（暗証番号による読み取り）」として記録しました。");
    expect(html).toContain("髙橋\u3000葛\u{E0100}子");
    expect(html).toContain("一致");
    expect(html).toContain('name="householdId"');
    const [row] = await rowsOf<{ state: string; identity: Record<string, unknown> }>(
      t.database.db,
      sql`select state, identity from visits where id = ${id}`,
    );
    expect(row?.state).toBe("household");
    expect(row?.identity).toMatchObject({ documents: ["mynumber-card"], rule: "photo", method: "card-pin" });
    expect(row?.identity.verifiedBy).toBeTruthy();
    const stored = JSON.stringify(row?.identity);
    for (const value of ["葛子", "水前寺", "1982"]) expect(stored).not.toContain(value);
    const audits = await rowsOf<{ detail: unknown }>(
      t.database.db,
      sql`select detail from audit_log where action = 'registry.card-search' order by occurred_at desc limit 1`,
    );
    expect(JSON.stringify(audits[0]?.detail)).not.toContain("葛子");
  });

  it("shows the card's address beside the registry's when they differ", async () => {
    const { id, version } = await visitAtIdentity();
    const html = await (
      await post(`/visits/${id}/identity/card`, {
        version,
        ...katsuko,
        address: "熊本県熊本市東区健軍三丁目1番2号",
      })
    ).text();
    expect(html).toContain("カードの住所と住民記録の住所が異なります");
    expect(html).toContain("健軍三丁目1番2号");
    expect(html).toContain("中央区水前寺六丁目12番3号");
  });

  it("starts a move-in household with the card's attributes when the registry has no one", async () => {
    const { id, version } = await visitAtIdentity();
    const card = {
      name: "阿蘇\u3000五岳",
      address: "福岡県福岡市中央区天神一丁目1番1号",
      birthDate: "1991-09-09",
      sex: "male",
      privateUse: "false",
    };
    const html = await (await post(`/visits/${id}/identity/card`, { version, ...card })).text();
    expect(html).toContain("住民記録に該当する方が見つかりませんでした");
    const fields = Object.fromEntries(
      [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1], m[2]]),
    );
    expect(fields["m0.name"]).toBe("阿蘇\u3000五岳");
    expect(fields["m0.flags"]).toBe("myNumberCard");
    const form = await post(`/visits/${id}/household`, {
      ...Object.fromEntries(Object.entries(fields).filter(([k]) => k !== "_csrf")),
      action: "unlock:0",
    } as Record<string, string>);
    expect(form.status).toBe(200);
    const household = await form.text();
    expect(household).toContain("阿蘇");
    expect(household).toContain("福岡県福岡市中央区天神一丁目1番1号");
    expect(household).toContain("1991-09-09");
  });

  it("refuses attributes that are not what the agent answers, and records nothing", async () => {
    const { id, version } = await visitAtIdentity();
    const res = await post(`/visits/${id}/identity/card`, { version, ...katsuko, birthDate: "1982-02-30" });
    expect(res.status).toBe(422);
    const [row] = await rowsOf<{ state: string }>(
      t.database.db,
      sql`select state from visits where id = ${id}`,
    );
    expect(row?.state).toBe("identity");
  });

  it("fills the registry's card search from the card when an agent is there", async () => {
    const html = await (await client.request("/registry/card")).text();
    expect(html).toContain('data-card-action="fill"');
  });
});
