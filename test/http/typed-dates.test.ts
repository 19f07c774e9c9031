import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registryRow, writeRows } from "../../src/registry/registry.test-support";
import { type Client, createTestApp, type TestApp } from "../support/app";

// Dates as a clerk types them from a card or as a resident says them: 和暦 with an initial or in full,
// full-width digits and dashes. Both registry searches read them through the one parser.

let t: TestApp;
let client: Client;
let visitId = "";

const versionOf = (html: string) => html.match(/name="version" value="(\d+)"/)?.[1] ?? "0";

async function post(path: string, fields: Record<string, string | string[]>) {
  const token = await client.csrf("/visits");
  const body = new URLSearchParams({ _csrf: token });
  for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) body.append(k, x);
  return client.request(path, {
    method: "POST",
    body,
    headers: { "content-type": "application/x-www-form-urlencoded" },
  });
}

beforeAll(async () => {
  t = await createTestApp();
  client = await t.signIn(await t.addUser("dates-counter", "counter"));
  await writeRows(t.database.db, "kumamoto", [
    registryRow({
      residentNo: "D1",
      householdNo: "DH1",
      name: "和暦\u3000昭子",
      kana: "ワレキ\u3000アキコ",
      birthDate: "1980-04-02",
      sex: "female",
    }),
  ]);
  // A visit at its household step: reception → identity (a driving licence) → household.
  const started = await post("/visits", {});
  visitId = (started.headers.get("location") ?? "").split("/").pop() ?? "";
  let html = await (await client.request(`/visits/${visitId}`)).text();
  await post(`/visits/${visitId}/move`, { version: versionOf(html), to: "identity" });
  html = await (await client.request(`/visits/${visitId}`)).text();
  const identified = await post(`/visits/${visitId}/identity`, {
    version: versionOf(html),
    documents: ["drivers-licence"],
  });
  expect(identified.status).toBe(303);
});
afterAll(() => t.close());

const typed = ["S55.4.2", "S55-04-02", "昭和55年4月2日", "１９８０－０４－０２", "1980-04-02", "s55/4/2"];

describe("a birth date typed as people write it", () => {
  it.each(typed)("finds the resident in the household search inside a visit (%s)", async (birthDate) => {
    const res = await client.request(`/visits/${visitId}?birthDate=${encodeURIComponent(birthDate)}`);
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toContain("和暦\u3000昭子");
    expect(html).toContain("昭和55年4月2日（1980年4月2日）と読みました");
  });

  it.each(typed)("finds the resident in the registry search page (%s)", async (birthDate) => {
    const res = await client.request(`/registry/search?birthDate=${encodeURIComponent(birthDate)}`);
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toContain("和暦\u3000昭子");
    expect(html).toContain("昭和55年4月2日（1980年4月2日）と読みました");
  });

  it("finds the resident by the card's attributes with the date in 和暦", async () => {
    const query = new URLSearchParams({
      name: "和暦　昭子",
      birthDate: "昭和55年4月2日",
      sex: "female",
      address: "熊本市中央区水前寺六丁目12番3号",
    });
    const res = await client.request(`/registry/card?${query}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("和暦\u3000昭子");
  });

  it.each([
    ["2026-02-30", "存在しない日付"],
    ["S65.1.1", "昭和"],
    ["昭和", "読み取れません"],
  ])(
    "is a field error linked from the error summary, never a 500, in the visit's search (%s)",
    async (birthDate, says) => {
      const res = await client.request(`/visits/${visitId}?birthDate=${encodeURIComponent(birthDate)}`);
      const html = await res.text();
      expect(res.status).toBe(422);
      expect(html).toContain('href="#birthDate"');
      expect(html).toContain('aria-invalid="true"');
      expect(html).toContain(says);
    },
  );

  it.each([
    ["2026-02-30", "存在しない日付"],
    ["S65.1.1", "昭和"],
  ])("is a field error on the registry search page (%s)", async (birthDate, says) => {
    const res = await client.request(`/registry/search?birthDate=${encodeURIComponent(birthDate)}`);
    const html = await res.text();
    expect(res.status).toBe(422);
    expect(html).toContain('href="#birthDate"');
    expect(html).toContain(says);
  });

  it("shows the hint of the forms people may type", async () => {
    const html = await (await client.request(`/visits/${visitId}`)).text();
    expect(html).toContain("例: S55.4.2、昭和55年4月2日、1980-04-02");
    expect(html).not.toMatch(/id="birthDate"[^>]*type="date"/);
  });
});

describe("the KPI period typed in 和暦", () => {
  it("is read through the one parser and shown back with what was read, in Japanese and English", async () => {
    const supervisor = await t.signIn(await t.addUser("dates-supervisor", "supervisor"));
    const res = await supervisor.request(`/kpi?from=R8.4.1&to=${encodeURIComponent("令和８年６月３０日")}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("令和8年4月1日（2026年4月1日）と読みました");
    expect(html).toContain("令和8年6月30日（2026年6月30日）と読みました");
    expect(html).toContain('value="R8.4.1"');
    expect(html).not.toContain('type="date"');
    await supervisor.request("/lang?to=en");
    const en = await (await supervisor.request("/kpi?from=R8.4.1&to=R8.6.30")).text();
    expect(en).toContain('Read as 1 April 2026 (<span lang="ja">令和8年4月1日</span>)');
  });

  it("refuses a day that does not exist as the field's error", async () => {
    const supervisor = await t.signIn(await t.addUser("dates-supervisor-2", "supervisor"));
    const html = await (await supervisor.request("/kpi?from=R8.2.30")).text();
    expect(html).toContain('href="#from"');
    expect(html).toContain("開始日は存在しない日付です。");
  });
});
