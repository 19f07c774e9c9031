// Issue #18: a question that only an earlier answer reveals (the 筆頭者 of the register a divorced
// spouse returns to, asked once 「もとの戸籍にもどる」 is chosen) is shown and taken at the counter.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, createTestApp, type TestApp } from "../support/app";
import { signatureDataUrl } from "../support/png";

let t: TestApp;
let client: Client;

beforeAll(async () => {
  t = await createTestApp();
  client = await t.signIn(await t.addUser("followup-counter", "counter"));
});
afterAll(() => t.close());

const idOf = (res: Response) =>
  (res.headers.get("location") ?? "").match(/\/visits\/([0-9a-f-]{36})/)?.[1] ?? "";
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
const page = async (id: string) => (await client.request(`/visits/${id}`)).text();

/** test/fixtures/examples/divorce-mother-keeps-children.json, as the household step posts it. */
const divorce = {
  memberCount: "3",
  "event.type": "divorce",
  "event.date": "2027-03-05",
  "event.partners": ["m1", "m2"],
  "event.custodian": "m2",
  "event.leaving": "m1",
  "event.surnameChanges": "m2",
  "m0.name": "天草 誠",
  "m0.kana": "アマクサ マコト",
  "m0.relation": "head",
  "m0.birthDate": "1985-11-11",
  "m0.sex": "male",
  "m0.insurance": "employee",
  "m0.pension": "cat2",
  "m0.benefits": "childAllowance",
  "m1.name": "天草 由美",
  "m1.kana": "アマクサ ユミ",
  "m1.relation": "spouse",
  "m1.birthDate": "1987-12-12",
  "m1.sex": "female",
  "m1.insurance": "kokuho",
  "m1.previousInsurance": "employee",
  "m1.pension": "cat1",
  "m1.previousPension": "cat3",
  "m2.name": "天草 悠",
  "m2.kana": "アマクサ ハルカ",
  "m2.relation": "child",
  "m2.birthDate": "2016-02-02",
  "m2.insurance": "kokuho",
  "m2.previousInsurance": "employee",
  "m2.benefits": "childMedical",
};

/** Every field of the interview page (a.<key>, a.<key>.<member>) with its current value. */
function fieldsOf(html: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of html.matchAll(/<input\b[^>]*>/g)) {
    const name = m[0].match(/\sname="(a\.[^"]+)"/)?.[1];
    if (name) out.set(name, m[0].match(/\svalue="([^"]*)"/)?.[1] ?? "");
  }
  for (const m of html.matchAll(/<select\b[^>]*\sname="(a\.[^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) {
    const options = [...(m[2] ?? "").matchAll(/<option value="([^"]*)"([^>]*)>/g)];
    const chosen = options.find((o) => /\sselected/.test(o[2] ?? ""))?.[1];
    out.set(m[1] as string, chosen ?? options.find((o) => o[1] !== "")?.[1] ?? "");
  }
  return out;
}

function sampleAnswer(key: string): string {
  if (/pensionNumber/i.test(key)) return "1234567890";
  if (/postal/i.test(key)) return "8600001";
  if (/phone/i.test(key)) return "0963281111";
  if (/date/i.test(key)) return "2027-03-05";
  if (/honseki/i.test(key)) return "熊本県熊本市中央区手取本町1番";
  if (/hittousha|head/i.test(key)) return "大津 一郎";
  if (/kana/i.test(key)) return "アマクサ";
  if (/parentRelation/i.test(key)) return "長女";
  if (/name/i.test(key)) return "天草 一郎";
  if (/account/i.test(key)) return "1234567";
  if (/bank/i.test(key)) return "0001";
  if (/branch/i.test(key)) return "001";
  return "熊本市中央区手取本町1-1";
}

/** The page's fields, each filled: what it shows, else the first option, else a sample answer. */
function filled(html: string, overrides: Record<string, string> = {}): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of fieldsOf(html)) out[name] = value || sampleAnswer(name.split(".")[1] ?? "");
  return { ...out, ...overrides };
}

describe("a divorce at the counter, returning to the former register", () => {
  it("asks for the 筆頭者 once 「もとの戸籍にもどる」 is chosen, and takes the answer", async () => {
    const id = idOf(await post("/visits", {}));
    let html = await page(id);
    await post(`/visits/${id}/move`, { version: versionOf(html), to: "identity" });
    html = await page(id);
    await post(`/visits/${id}/identity`, { version: versionOf(html), documents: ["drivers-licence"] });
    html = await page(id);
    const planned = await post(`/visits/${id}/household`, {
      ...divorce,
      version: versionOf(html),
      action: "plan",
    });
    expect(planned.status).toBe(303);
    html = await page(id);
    expect(html).toContain('data-procedure="koseki.divorce"');
    await post(`/visits/${id}/move`, { version: versionOf(html), to: "interview" });
    html = await page(id);
    expect(html).toContain('name="a.divorceRegister"');
    expect(html).not.toContain('name="a.divorceHittousha"');

    // Choosing to return, and going on at once: the 筆頭者 is missing — and asked on the page shown.
    const answers = filled(html, { "a.divorceRegister": "return" });
    const refused = await post(`/visits/${id}/answers`, {
      version: versionOf(html),
      ...answers,
      proceed: "yes",
    });
    expect(refused.status).toBe(422);
    html = await refused.text();
    expect(html).toContain('href="#q-divorceHittousha"');
    expect(html).toContain('id="q-divorceHittousha"');
    expect(html).toContain('name="a.divorceHittousha"');
    expect(fieldsOf(html).get("a.divorceRegister")).toBe("return");

    // Answering it lets the visit go on to the review, be signed and be accepted.
    const res = await post(`/visits/${id}/answers`, {
      version: versionOf(html),
      ...filled(html, { "a.divorceHittousha": "大津 一郎" }),
      proceed: "yes",
    });
    const text = res.status === 303 ? "" : await res.text();
    expect(text.match(/<li><a href="#[^"]+">[^<]+/g) ?? []).toEqual([]);
    expect(res.status).toBe(303);
    html = await page(id);
    expect(html).toContain("申請内容のご確認");
    const signed = await post(`/visits/${id}/sign`, {
      version: versionOf(html),
      signature: signatureDataUrl(),
    });
    expect(signed.status).toBe(303);
    html = await page(id);
    const accepted = await post(`/visits/${id}/accept`, { version: versionOf(html) });
    const acceptedText = accepted.status === 303 ? "" : await accepted.text();
    expect(acceptedText.match(/<li><a href="#[^"]+">[^<]+/g) ?? []).toEqual([]);
    expect(accepted.status).toBe(303);
    expect(await page(id)).toContain("件の申請を受理しました");
  });

  it("asks a follow-up revealed by an answer saved for now, too", async () => {
    const id = idOf(await post("/visits", {}));
    let html = await page(id);
    await post(`/visits/${id}/move`, { version: versionOf(html), to: "identity" });
    html = await page(id);
    await post(`/visits/${id}/identity`, { version: versionOf(html), documents: ["drivers-licence"] });
    html = await page(id);
    await post(`/visits/${id}/household`, { ...divorce, version: versionOf(html), action: "plan" });
    html = await page(id);
    await post(`/visits/${id}/move`, { version: versionOf(html), to: "interview" });
    html = await page(id);
    const saved = await post(`/visits/${id}/answers`, {
      version: versionOf(html),
      "a.divorceRegister": "return",
      proceed: "no",
    });
    expect(saved.status).toBe(303);
    html = await page(id);
    expect(html).toContain('name="a.divorceHittousha"');
  });

  it("keeps asking a question its own answer settles, so a saved answer stays on the page", async () => {
    const id = idOf(await post("/visits", {}));
    let html = await page(id);
    await post(`/visits/${id}/move`, { version: versionOf(html), to: "identity" });
    html = await page(id);
    await post(`/visits/${id}/identity`, { version: versionOf(html), documents: ["drivers-licence"] });
    html = await page(id);
    await post(`/visits/${id}/household`, {
      ...divorce,
      "event.divorceType": "court",
      version: versionOf(html),
      action: "plan",
    });
    html = await page(id);
    await post(`/visits/${id}/move`, { version: versionOf(html), to: "interview" });
    html = await page(id);
    expect(html).toContain('name="a.courtDivorceKind"');
    const saved = await post(`/visits/${id}/answers`, {
      version: versionOf(html),
      "a.courtDivorceKind": "mediation",
      proceed: "no",
    });
    expect(saved.status).toBe(303);
    html = await page(id);
    // The kind chosen is shown (and can be changed); saving the page again keeps it.
    expect(fieldsOf(html).get("a.courtDivorceKind")).toBe("mediation");
    const again = await post(`/visits/${id}/answers`, {
      version: versionOf(html),
      ...filled(html, { "a.divorceRegister": "new" }),
      proceed: "yes",
    });
    const text = again.status === 303 ? "" : await again.text();
    expect(text.match(/<li><a href="#[^"]+">[^<]+/g) ?? []).toEqual([]);
    expect(again.status).toBe(303);
  });
});
