import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rareKanjiHouseholds, writeRows } from "../../src/registry/registry.test-support";
import { type Client, createTestApp, type TestApp, type TestUser } from "../support/app";
import { rowsOf } from "../support/database";
import { signatureDataUrl } from "../support/png";

let t: TestApp;
let staff: TestUser;
let other: TestUser;
let client: Client;

beforeAll(async () => {
  t = await createTestApp();
  staff = await t.addUser("visit-counter", "counter");
  other = await t.addUser("yatsushiro-counter", "counter", "yatsushiro");
  client = await t.signIn(staff);
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
async function page(id: string) {
  const res = await client.request(`/visits/${id}`);
  return { status: res.status, html: await res.text() };
}

const moveInFamily = {
  memberCount: "2",
  "event.type": "move-in",
  "event.date": "2026-04-06",
  "event.origin": "other-municipality",
  "m0.name": "𠮷田 太郎",
  "m0.kana": "ヨシダ タロウ",
  "m0.relation": "head",
  "m0.birthDate": "1990-05-01",
  "m0.sex": "male",
  "m0.insurance": "kokuho",
  "m0.pension": "cat1",
  "m0.moving": "on",
  "m1.name": "𠮷田 花",
  "m1.kana": "ヨシダ ハナ",
  "m1.relation": "child",
  "m1.birthDate": "2019-06-01",
  "m1.sex": "female",
  "m1.insurance": "kokuho",
  "m1.moving": "on",
};

describe("a move-in at the one-stop counter", () => {
  let id = "";

  it("starts at reception and records the identity check once", async () => {
    const res = await post("/visits", {});
    expect(res.status).toBe(303);
    id = idOf(res);
    let v = await page(id);
    expect(v.html).toContain("受付");
    await post(`/visits/${id}/move`, { version: versionOf(v.html), to: "identity" });
    v = await page(id);
    const refused = await post(`/visits/${id}/identity`, {
      version: versionOf(v.html),
      documents: ["bank-passbook"],
    });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain("写真付きの公的な書類を1点");
    const ok = await post(`/visits/${id}/identity`, {
      version: versionOf(v.html),
      documents: ["drivers-licence"],
    });
    expect(ok.status).toBe(303);
    const row = {
      rows: await rowsOf<Record<string, unknown>>(
        t.database.db,
        sql`select identity from visits where id = ${id}`,
      ),
    };
    const identity = (row.rows[0] as { identity: Record<string, unknown> }).identity;
    expect(identity.documents).toEqual(["drivers-licence"]);
    expect(JSON.stringify(identity)).not.toMatch(/\d{12}/);
  });

  it("prefills the household from the registry only after it was opened with a reason", async () => {
    await writeRows(t.database.db, "kumamoto", rareKanjiHouseholds());
    const [h] = await rowsOf<{ householdId: string; residentId: string }>(
      t.database.db,
      sql`select h.id as "householdId", r.id as "residentId" from registry_households h
          join registry_residents r on r.household_id = h.id
          where h.municipality_id = 'kumamoto' and h.household_no = 'H1' and r.resident_no = 'R1'`,
    );
    const query = `household=${h?.householdId}&event=move-within`;
    // Guessing or reusing a link shows no registry data: no reason was given in this session.
    let v = await client.request(`/visits/${id}?${query}`);
    expect(v.status).toBe(200);
    const html = await v.text();
    expect(html).not.toContain("髙橋");
    const opened = await post(`/visits/${id}/registry-household`, {
      version: versionOf(html),
      householdId: h?.householdId ?? "",
      residentId: h?.residentId ?? "",
      reason: "move-within",
    });
    expect(opened.status).toBe(303);
    v = await client.request(opened.headers.get("location") ?? "");
    expect(await v.text()).toContain("髙橋\u3000一郎");
  });

  it("plans from a household entered at the counter and asks each question once", async () => {
    let v = await page(id);
    expect(v.html).toContain("世帯の確認・入力");
    const bad = await post(`/visits/${id}/household`, {
      ...moveInFamily,
      "m1.birthDate": "2019-02-30",
      version: versionOf(v.html),
      action: "plan",
    });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('href="#m1-birthDate"');
    v = await page(id);
    const res = await post(`/visits/${id}/household`, {
      ...moveInFamily,
      version: versionOf(v.html),
      action: "plan",
    });
    expect(res.status).toBe(303);
    v = await page(id);
    expect(v.html).toContain('data-procedure="juki.move-in"');
    expect(v.html).toContain('data-procedure="gakko.transfer-in"');
    // In English, the Japanese runs (names, procedure names, 和暦 dates) are marked for screen readers.
    await client.request("/lang?to=en");
    const en = (await page(id)).html;
    await client.request("/lang?to=ja");
    expect(en).toContain('Counter visit <span class="visit-state">（plan）</span>');
    expect(en).toMatch(/Procedures \(\d+\)/);
    // Members are named by name and 続柄, never by an internal id such as "（m1）".
    expect(en).toContain('<span lang="ja">𠮷田 太郎</span> (Head of household)');
    expect(en).not.toMatch(/[（(]m\d+[)）]/);
    expect(en).toMatch(/\(<span lang="ja">令和\d+年\d+月\d+日<\/span>\)/);
    expect(en).not.toMatch(/>[^<]*[\u3040-\u30ff\u4e00-\u9fff][^<]*<\/(td|th|button|label|h1|h2|p)>/);
    await post(`/visits/${id}/move`, { version: versionOf(v.html), to: "interview" });
    v = await page(id);
    const names = [...v.html.matchAll(/name="(a\.[^"]+)"/g)].map((m) => m[1]);
    expect(names.length).toBeGreaterThan(0);
    expect(new Set(names).size).toBe(names.length);
  });

  it("refuses answers that fail validation with the error summary linked to the field", async () => {
    const v = await page(id);
    const fields = [...v.html.matchAll(/name="(a\.[^"]+)"/g)].map((m) => m[1] as string);
    const postal = fields.find((f) => /postal/i.test(f));
    expect(postal).toBeDefined();
    const res = await post(`/visits/${id}/answers`, {
      version: versionOf(v.html),
      [postal as string]: "12-34",
      proceed: "yes",
    });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain("error-summary");
    expect(html).toMatch(/href="#q-/);
  });

  it("refuses two staff saving the same visit at once", async () => {
    const v = await page(id);
    const stale = String(Number(versionOf(v.html)) - 1);
    const res = await post(`/visits/${id}/answers`, { version: stale, proceed: "no" });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("ほかの職員が先に更新しました");
  });

  it("goes on to the review only when every question is answered", async () => {
    const v = await page(id);
    const incomplete = await post(`/visits/${id}/answers`, { version: versionOf(v.html), proceed: "yes" });
    expect(incomplete.status).toBe(422);
    // The 児童手当 is claimed by a parent: the six-year-old it is for is not offered as the claimant.
    expect(optionsOf(v.html, "a.childAllowanceClaimant")).toEqual(["𠮷田 太郎"]);
    const answers = answersFor(v.html);
    const res = await post(`/visits/${id}/answers`, {
      version: versionOf(v.html),
      ...answers,
      proceed: "yes",
    });
    const text = res.status === 303 ? "" : await res.text();
    expect(text.match(/<li><a href="#[^"]+">[^<]+/g) ?? []).toEqual([]);
    expect(res.status).toBe(303);
    const review = await page(id);
    expect(review.html).toContain("申請内容のご確認");
    const pdf = await client.request(`/visits/${id}/forms.pdf`);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");
  });

  it("refuses an empty signature, then accepts the signed visit in one go", async () => {
    let v = await page(id);
    const empty = await post(`/visits/${id}/sign`, {
      version: versionOf(v.html),
      signature: signatureDataUrl(true),
    });
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain("署名がありません");
    const signed = await post(`/visits/${id}/sign`, {
      version: versionOf(v.html),
      signature: signatureDataUrl(),
    });
    expect(signed.status).toBe(303);
    v = await page(id);
    const accepted = await post(`/visits/${id}/accept`, { version: versionOf(v.html) });
    expect(accepted.status).toBe(303);
    v = await page(id);
    expect(v.html).toContain("件の申請を受理しました");
    const apps = {
      rows: await rowsOf<Record<string, unknown>>(
        t.database.db,
        sql`select procedure_id, members, length(form_pdf) as bytes from applications where visit_id = ${id}`,
      ),
    };
    const ids = (apps.rows as Array<{ procedure_id: string }>).map((r) => r.procedure_id);
    expect(ids).toContain("juki.move-in");
    expect(ids).toContain("gakko.transfer-in");
    const sig = {
      rows: await rowsOf<Record<string, unknown>>(
        t.database.db,
        sql`select forms from signatures where visit_id = ${id}`,
      ),
    };
    const forms = (sig.rows[0] as { forms: Array<{ procedureId: string; contentHash: string }> }).forms;
    expect(forms.map((f) => f.procedureId).sort()).toEqual([...ids].sort());
    expect(forms.every((f) => /^[0-9a-f]{64}$/.test(f.contentHash))).toBe(true);
    const measures = {
      rows: await rowsOf<Record<string, unknown>>(
        t.database.db,
        sql`select measures from visits where id = ${id}`,
      ),
    };
    expect(
      (measures.rows[0] as { measures: { namesWrittenByResident: number; signatures: number } }).measures,
    ).toMatchObject({
      namesWrittenByResident: 0,
      signatures: 1,
    });
    const transitions = {
      rows: await rowsOf<Record<string, unknown>>(
        t.database.db,
        sql`select to_state from visit_transitions where visit_id = ${id} order by at, to_state`,
      ),
    };
    expect((transitions.rows as Array<{ to_state: string }>).map((r) => r.to_state)).toContain("accepted");
  });

  it("prints the guidance sheet and closes the visit", async () => {
    const sheet = await client.request(`/visits/${id}/sheet`);
    expect(await sheet.text()).toContain("手続きのご案内");
    const v = await page(id);
    const closed = await post(`/visits/${id}/move`, { version: versionOf(v.html), to: "closed" });
    expect(closed.status).toBe(303);
    expect((await page(id)).html).toContain("（終了）");
  });

  it("puts the survey's QR on the sheet: the same link on every reprint, answered once without signing in", async () => {
    const first = await (await client.request(`/visits/${id}/sheet`)).text();
    const url = first.match(/<p class="sheet-survey-url">(https?:\/\/[^<]+)<\/p>/)?.[1] ?? "";
    expect(url).toMatch(/\/survey\/s\/[A-Za-z0-9_-]{22}$/);
    expect(first).toMatch(/data-testid="sheet-survey"[\s\S]*<svg/);
    const again = await (await client.request(`/visits/${id}/sheet`)).text();
    expect(again).toContain(url);
    const path = new URL(url).pathname;
    const resident = t.anonymous();
    const form = await resident.request(path);
    expect(form.status).toBe(200);
    const html = await form.text();
    expect(html).toContain('name="score"');
    const csrf = html.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? resident.cookies.get("mg_csrf") ?? "";
    const answer = (score: string) =>
      resident.request(path, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ _csrf: csrf, lang: "en", score }),
      });
    expect(await (await answer("5")).text()).toContain("Thank you");
    expect(await (await answer("1")).text()).toContain('data-survey="already"');
    const rows = await rowsOf<{ n: number; score: number; channel: string }>(
      t.database.db,
      sql`select count(*)::int as n, max(score) as score, max(channel) as channel from kpi_survey_answers
        where visit_id = ${id}`,
    );
    expect(rows[0]).toMatchObject({ n: 1, score: 5, channel: "qr" });
    expect((await resident.request(`/survey/s/${"A".repeat(22)}`)).status).toBe(404);
    expect((await resident.request("/survey/s/short")).status).toBe(404);
  });

  it("answers 404 to staff of another municipality for every visit url", async () => {
    const outsider = await t.signIn(other);
    for (const path of [`/visits/${id}`, `/visits/${id}/forms.pdf`, `/visits/${id}/sheet`]) {
      expect((await outsider.request(path)).status).toBe(404);
    }
  });
});

describe("accepting a visit", () => {
  it("leaves the visit exactly as it was when the accept transaction fails", async () => {
    const res = await post("/visits", {});
    const id = idOf(res);
    let v = await page(id);
    await post(`/visits/${id}/move`, { version: versionOf(v.html), to: "identity" });
    v = await page(id);
    await post(`/visits/${id}/identity`, { version: versionOf(v.html), documents: ["mynumber-card"] });
    v = await page(id);
    await post(`/visits/${id}/household`, { ...moveInFamily, version: versionOf(v.html), action: "plan" });
    v = await page(id);
    await post(`/visits/${id}/move`, { version: versionOf(v.html), to: "interview" });
    v = await page(id);
    const answers = answersFor(v.html);
    expect(
      (await post(`/visits/${id}/answers`, { version: versionOf(v.html), ...answers, proceed: "yes" }))
        .status,
    ).toBe(303);
    v = await page(id);
    expect(
      (await post(`/visits/${id}/sign`, { version: versionOf(v.html), signature: signatureDataUrl() }))
        .status,
    ).toBe(303);
    v = await page(id);
    const before = {
      rows: await rowsOf<Record<string, unknown>>(
        t.database.db,
        sql`select state, version, measures, accepted_at from visits where id = ${id}`,
      ),
    };
    // A real failure inside the transaction: the database refuses the school form's application row.
    await t.database.db.execute(sql`create or replace function refuse_school() returns trigger as $$
      begin if new.procedure_id = 'gakko.transfer-in' then raise exception 'core test failure'; end if; return new; end;
      $$ language plpgsql`);
    await t.database.db.execute(
      sql`create trigger refuse_school before insert on applications for each row execute function refuse_school()`,
    );
    try {
      const failed = await post(`/visits/${id}/accept`, { version: versionOf(v.html) });
      expect(failed.status).toBe(500);
      expect(await failed.text()).not.toContain("core test failure");
    } finally {
      await t.database.db.execute(sql`drop trigger refuse_school on applications`);
    }
    const after = {
      rows: await rowsOf<Record<string, unknown>>(
        t.database.db,
        sql`select state, version, measures, accepted_at from visits where id = ${id}`,
      ),
    };
    expect(after.rows).toEqual(before.rows);
    const apps = {
      rows: await rowsOf<Record<string, unknown>>(
        t.database.db,
        sql`select count(*)::int as n from applications where visit_id = ${id}`,
      ),
    };
    expect((apps.rows[0] as { n: number }).n).toBe(0);
    const audit = {
      rows: await rowsOf<Record<string, unknown>>(
        t.database.db,
        sql`select count(*)::int as n from audit_log where action = 'visit.accept' and target_id = ${id}`,
      ),
    };
    expect((audit.rows[0] as { n: number }).n).toBe(0);
    // Once the fault is gone, the same signed visit is accepted.
    expect((await post(`/visits/${id}/accept`, { version: versionOf(v.html) })).status).toBe(303);
  });
});

/** The interview's questions (fields named a.<key> or a.<key>.<member>), each answered validly. */
function answersFor(html: string): Record<string, string> {
  const answers: Record<string, string> = {};
  for (const m of html.matchAll(/<(input|select)\b[^>]*\sname="(a\.[^"]+)"/g)) {
    const name = m[2] as string;
    const select = html.match(
      new RegExp(
        `<select [^>]*name="${name.replace(/\./g, "\\.")}"[^>]*>\\s*<option value="">[^<]*</option>\\s*<option value="([^"]+)"`,
      ),
    );
    answers[name] = select?.[1] ?? sampleAnswer(name.split(".")[1] ?? "");
  }
  return answers;
}

/** The labels of a select's options, the "choose" placeholder left out. */
function optionsOf(html: string, name: string): string[] {
  const select = html.match(
    new RegExp(`<select [^>]*name="${name.replace(/\./g, "\\.")}"[^>]*>([\\s\\S]*?)</select>`),
  );
  return [...(select?.[1] ?? "").matchAll(/<option value="([^"]*)"[^>]*>([^<]*)<\/option>/g)]
    .filter((o) => o[1] !== "")
    .map((o) => o[2] as string);
}

function sampleAnswer(key: string): string {
  if (/pensionNumber/i.test(key)) return "1234567890";
  if (/postal/i.test(key)) return "8600001";
  if (/phone/i.test(key)) return "0963281111";
  if (/date/i.test(key)) return "2026-04-01";
  if (/honseki/i.test(key)) return "熊本県熊本市中央区手取本町1番";
  if (/hittousha|head/i.test(key)) return "𠮷田 太郎";
  if (/kana/i.test(key)) return "クマモト";
  if (/account/i.test(key)) return "1234567";
  if (/bank/i.test(key)) return "0001";
  if (/branch/i.test(key)) return "001";
  return "熊本市中央区手取本町1-1";
}
