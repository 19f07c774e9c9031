import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, createTestApp, type TestApp, type TestUser } from "../../test/support/app";
import { auditRepository } from "../auth/audit.repository";
import { householdSchema } from "../guidance/household.schema";
import { householdForGuidance } from "./household-for-guidance";
import { localRegistry } from "./local-registry";
import { readEditForm } from "./registry.forms";
import {
  nakamuraKiyo,
  nguyenFamily,
  rareKanjiHouseholds,
  registryRow,
  writeRows,
} from "./registry.test-support";

let t: TestApp;
let counter: TestUser;
let client: Client;
let householdId: string;
let residentId: string;
let foreignHouseholdId: string;

beforeAll(async () => {
  t = await createTestApp();
  await writeRows(t.database.db, "kumamoto", rareKanjiHouseholds());
  await writeRows(t.database.db, "yatsushiro", [
    registryRow({ residentNo: "Y1", householdNo: "YH1", ward: "", address: "本町1丁目1番1号" }),
  ]);
  counter = await t.addUser("registry.counter", "counter");
  client = await t.signIn(counter);
  const found = await localRegistry(t.database).search("kumamoto", { name: "髙橋 一郎" });
  householdId = found.residents[0]?.householdId ?? "";
  residentId = found.residents[0]?.id ?? "";
  foreignHouseholdId =
    (await localRegistry(t.database).search("yatsushiro", { name: "熊本" })).residents[0]?.householdId ?? "";
});

afterAll(async () => {
  await t?.close();
});

const page = async (path: string, c: Client = client) => {
  const res = await c.request(path);
  return { status: res.status, html: await res.text(), location: res.headers.get("location") };
};

const open = (id: string, fields: Record<string, string>, c: Client = client) =>
  c.postForm(`/registry/households/${id}/open`, fields, { csrf: undefined });

describe("resident search pages", () => {
  it("send a visitor without a session to sign in", async () => {
    const res = await t.anonymous().request("/registry/search");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/signin?next=%2Fregistry%2Fsearch");
  });

  it("find a registered 髙橋 by たかはし and by 高橋, showing only what is needed to choose", async () => {
    const byKana = await page(`/registry/search?name=${encodeURIComponent("たかはし いち")}`);
    expect(byKana.status).toBe(200);
    expect(byKana.html).toContain("髙橋\u3000一郎");
    expect(byKana.html).toContain("昭和55年5月5日");
    expect(byKana.html).toContain(`/registry/households/${householdId}/open?resident=${residentId}`);
    // The result list carries no insurance, pension or benefit facts.
    for (const word of ["被用者保険", "国民年金", "児童手当", "employee"])
      expect(byKana.html).not.toContain(word);
    const byKanji = await page(`/registry/search?name=${encodeURIComponent("高橋")}&match=prefix`);
    expect(byKanji.html).toContain("髙橋\u3000一郎");
    expect(byKanji.html).toContain("高橋\u3000次郎");
    const partial = await page(`/registry/search?name=${encodeURIComponent("邉太")}&match=partial`);
    expect(partial.html).toContain("\u{20BB7}田\u3000邉太");
  });

  it("show an error summary linked to the field for an empty search or an impossible date", async () => {
    const empty = await page("/registry/search?name=&birthDate=&address=");
    expect(empty.status).toBe(422);
    expect(empty.html).toContain('class="error-summary"');
    expect(empty.html).toContain('href="#name"');
    const badDate = await page("/registry/search?birthDate=2023-02-30");
    expect(badDate.status).toBe(422);
    expect(badDate.html).toContain('href="#birthDate"');
    expect(badDate.html).toContain('aria-invalid="true"');
  });

  it("search by address and birth date, and by the four card attributes", async () => {
    const byAddress = await page(
      `/registry/search?address=${encodeURIComponent("熊本市北区植木町岩野123番地")}`,
    );
    expect(byAddress.html).toContain("\u{20BB7}田\u3000邉太");
    const byDate = await page("/registry/search?birthDate=1950/3/3");
    expect(byDate.html).toContain("山﨑\u3000花子");
    const card = await page(
      `/registry/card?name=${encodeURIComponent("高橋　一郎")}&birthDate=1980-05-05&sex=male&address=${encodeURIComponent("熊本県熊本市中央区水前寺六丁目12番3号")}`,
    );
    expect(card.status).toBe(200);
    expect(card.html).toContain("髙橋\u3000一郎");
    expect(card.html).toContain("券面と一致");
    const missing = await page("/registry/card?name=x");
    expect(missing.status).toBe(422);
    for (const field of ["address", "birthDate", "sex"]) expect(missing.html).toContain(`href="#${field}"`);
  });

  it("audit every search that reaches the registry with who and which criteria, but not the typed values", async () => {
    const audit = auditRepository(t.database.db);
    const before = (await audit.list("kumamoto", { action: "registry.search" })).length;
    await page(`/registry/search?name=${encodeURIComponent("高橋")}&birthDate=1980-05-05`);
    // A search refused for its input shows nobody and is not a read of the registry.
    await page("/registry/search?birthDate=2023-02-30");
    const entries = await audit.list("kumamoto", { action: "registry.search" });
    expect(entries.length).toBe(before + 1);
    expect(entries[0]).toMatchObject({
      actorUsername: "registry.counter",
      targetType: "registry",
      detail: { criteria: ["name", "birthDate"], shown: 1, more: false, adapter: "local" },
    });
    expect(JSON.stringify(entries[0])).not.toContain("高橋");
    const [card] = await audit.list("kumamoto", { action: "registry.card-search" });
    expect(card?.detail).toMatchObject({ criteria: ["name", "birthDate", "sex", "address"], shown: 1 });
  });
});

describe("opening a household", () => {
  it("asks for a reason first, and refuses to open without one", async () => {
    const direct = await page(`/registry/households/${householdId}`);
    expect(direct.status).toBe(303);
    expect(direct.location).toBe(`/registry/households/${householdId}/open`);
    const form = await page(`/registry/households/${householdId}/open?resident=${residentId}`);
    expect(form.status).toBe(200);
    expect(form.html).toContain("髙橋\u3000一郎さんの世帯");
    const noReason = await open(householdId, { reason: "", detail: "", resident: residentId });
    expect(noReason.status).toBe(422);
    expect(await noReason.text()).toContain('href="#reason"');
    const otherWithoutDetail = await open(householdId, { reason: "other", detail: "" });
    expect(otherWithoutDetail.status).toBe(422);
    expect(await otherWithoutDetail.text()).toContain('href="#detail"');
  });

  it("writes an audit entry with the reason, then shows the members, their facts and the guidance link", async () => {
    const res = await open(householdId, {
      reason: "move-within",
      detail: "転居届の受付",
      resident: residentId,
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/registry/households/${householdId}`);
    const [entry] = await auditRepository(t.database.db).list("kumamoto", {
      action: "registry.household.open",
    });
    expect(entry).toMatchObject({
      actorUsername: "registry.counter",
      targetType: "household",
      targetId: householdId,
      reason: "move-within: 転居届の受付",
      outcome: "success",
      detail: { reason: "move-within", residentId, adapter: "local" },
    });
    const view = await page(`/registry/households/${householdId}`);
    expect(view.status).toBe(200);
    for (const text of [
      "髙橋\u3000一郎",
      "髙橋\u3000葛\u{E0100}子",
      "髙橋\u3000陽翔",
      "被用者保険",
      "児童手当",
      "子ども医療費助成",
    ]) {
      expect(view.html).toContain(text);
    }
    expect(view.html).toContain(`href="/guidance?household=${householdId}"`);
  });

  it("does not let another staff member view the household on someone else's reason", async () => {
    const other = await t.signIn(await t.addUser("registry.other", "counter"));
    const res = await page(`/registry/households/${householdId}`, other);
    expect(res.status).toBe(303);
  });

  it("answers 404 for another municipality's household or resident, and for ids that do not exist", async () => {
    expect((await page(`/registry/households/${foreignHouseholdId}/open`)).status).toBe(404);
    expect((await open(foreignHouseholdId, { reason: "move-out", detail: "" })).status).toBe(404);
    expect((await page(`/registry/households/${foreignHouseholdId}`)).status).toBe(404);
    expect((await page("/registry/households/not-a-uuid/open")).status).toBe(404);
    expect((await page("/registry/residents/00000000-0000-4000-8000-000000000000/edit")).status).toBe(404);
    const foreignResident = (await localRegistry(t.database).search("yatsushiro", { name: "熊本" }))
      .residents[0]?.id;
    expect((await page(`/registry/residents/${foreignResident}/edit`)).status).toBe(404);
  });
});

describe("changing a member's facts", () => {
  const editPath = () => `/registry/residents/${residentId}/edit`;
  const baseForm = {
    insurance: "employee",
    pension: "cat2",
    careLevel: "",
    myNumberCard: "1",
    sealRegistered: "1",
    version: "1",
  };

  it("records the change with the reason in the history and shows it on the household", async () => {
    const form = await page(editPath());
    expect(form.status).toBe(200);
    expect(form.html).toContain('name="version" value="1"');
    const res = await client.postForm(editPath(), {
      ...baseForm,
      owns: "dog",
      reason: "犬を飼い始めたと申出",
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/registry/households/${householdId}?saved=1`);
    const view = await page(res.headers.get("location") ?? "");
    expect(view.html).toContain("変更を保存しました。");
    expect(view.html).toContain("犬を飼い始めたと申出");
    expect(view.html).toContain("registry.counter");
    const resident = await localRegistry(t.database).resident("kumamoto", residentId);
    expect(resident).toMatchObject({ owns: ["dog"], version: 2 });
  });

  it("refuses facts that contradict the age, a missing reason, and a stale version, with the reason why", async () => {
    const contradiction = await client.postForm(editPath(), {
      ...baseForm,
      version: "2",
      insurance: "kouki",
      reason: "誤入力",
    });
    expect(contradiction.status).toBe(422);
    const html = await contradiction.text();
    expect(html).toContain('href="#insurance"');
    expect(html).toContain("後期高齢者医療は65歳以上");
    const noReason = await client.postForm(editPath(), { ...baseForm, version: "2", reason: "" });
    expect(noReason.status).toBe(422);
    expect(await noReason.text()).toContain('href="#reason"');
    const stale = await client.postForm(editPath(), {
      ...baseForm,
      version: "1",
      pregnant: "1",
      reason: "古い画面",
    });
    expect(stale.status).toBe(409);
    const staleHtml = await stale.text();
    expect(staleHtml).toContain("別の操作で変更されました");
    // The form comes back on the current version, so the next save is made on fresh data.
    expect(staleHtml).toContain('name="version" value="2"');
  });

  it("reads in English, with registered names and addresses marked as Japanese", async () => {
    const english = await t.signIn(counter);
    await english.request("/lang?to=en");
    await open(householdId, { reason: "move-within", detail: "move", resident: residentId }, english);
    const view = await page(`/registry/households/${householdId}`, english);
    expect(view.status).toBe(200);
    expect(view.html).toContain('<html lang="en">');
    expect(view.html).toContain('Household: <span lang="ja">髙橋\u3000一郎</span>');
    expect(view.html).toContain("Employee health insurance");
    expect(view.html).toContain("1980-05-05");
    const search = await page(`/registry/search?name=${encodeURIComponent("たかはし いち")}`, english);
    expect(search.html).toContain('<span lang="ja">髙橋\u3000一郎</span>');
    const edit = await page(editPath(), english);
    expect(edit.html).toContain('Change the facts of <span lang="ja">髙橋\u3000一郎</span>');
    const tooLong = await english.postForm(editPath(), {
      ...baseForm,
      version: "2",
      reason: "x".repeat(201),
    });
    expect(await tooLong.text()).toContain("The reason must be 200 characters or fewer.");
  });

  it("refuses a form without the page's CSRF token", async () => {
    const res = await client.postForm(editPath(), { ...baseForm, reason: "x" }, { csrf: false });
    expect(res.status).toBe(403);
  });
});

describe("the household as guidance input (for /guidance?household=…)", () => {
  it("gives the opened household's members, which the guidance schema accepts, and asks for a reason otherwise", async () => {
    const base = {
      db: t.database.db,
      registry: localRegistry(t.database),
      municipalityId: "kumamoto",
      householdId,
      staffId: counter.id,
      sessionStartedAt: new Date(Date.now() - 60 * 60_000),
      now: new Date(),
      eventDate: "2026-04-06",
    };
    const opened = await householdForGuidance(base);
    if (opened.kind !== "ok") throw new Error("the household was opened with a reason earlier in this file");
    const input = { event: { type: "move-within" as const, date: "2026-04-06" }, members: opened.members };
    expect(householdSchema.parse(input).members.map((m) => m.relation)).toEqual(["head", "spouse", "child"]);
    const stranger = await t.addUser("registry.stranger", "counter");
    expect(await householdForGuidance({ ...base, staffId: stranger.id })).toEqual({
      kind: "needs-reason",
      openPath: `/registry/households/${householdId}/open`,
    });
    await expect(householdForGuidance({ ...base, municipalityId: "yatsushiro" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("opens the guidance page with the household's members filled in, for the event the link names", async () => {
    const filled = await page(`/guidance?household=${householdId}&event=move-out`);
    expect(filled.status).toBe(200);
    expect(filled.html).toContain('value="髙橋\u3000一郎"');
    expect(filled.html).toContain('value="タカハシ\u3000イチロウ"');
    expect(filled.html).toContain('value="1980-05-05"');
    expect(filled.html).toMatch(/<option value="move-out" selected/);
    // Each member of the household is a fieldset of the form: three here.
    expect(filled.html).toContain('id="m2-name"');
    expect(filled.html).not.toContain('id="m3-name"');
    const unknownEvent = await page(`/guidance?household=${householdId}&event=nonsense`);
    expect(unknownEvent.html).toMatch(/<option value="move-within" selected/);
  });

  it("sends a staff member who has not opened the household to give a reason, and hides other tenants' households", async () => {
    const other = await t.signIn(await t.addUser("registry.guidance", "counter"));
    const unopened = await page(`/guidance?household=${householdId}`, other);
    expect(unopened.status).toBe(303);
    expect(unopened.location).toBe(`/registry/households/${householdId}/open`);
    expect((await page(`/guidance?household=${foreignHouseholdId}`)).status).toBe(404);
    expect((await page("/guidance?household=not-a-uuid")).status).toBe(404);
  });
});

describe("the edit form at the edge", () => {
  it("reads ticked boxes and choices, and refuses codes the form never offered with the field named", () => {
    const good = readEditForm(
      {
        insurance: "kokuho",
        pension: "",
        benefits: ["childAllowance"],
        pregnant: "1",
        reason: " 申出 ",
        version: "3",
      },
      1,
    );
    expect(good.problems).toEqual([]);
    expect(good.values).toMatchObject({
      insurance: "kokuho",
      pension: null,
      pregnant: true,
      myNumberCard: false,
      benefits: ["childAllowance"],
      owns: [],
      reason: "申出",
      version: 3,
    });
    const bad = readEditForm(
      { insurance: "private", careLevel: "care9", owns: ["dog", "yacht"], reason: "", version: "x" },
      4,
    );
    expect(bad.problems.map((p) => p.path)).toEqual(["insurance", "careLevel", "owns", "reason"]);
    // The form comes back with the valid part of what was sent, on the version the page was made on.
    expect(bad.values).toMatchObject({ careLevel: null, owns: ["dog"], version: 4 });
  });
});

describe("the 戸籍 and 在留 facts", () => {
  let kiyo: { householdId: string; residentId: string };
  let nguyen: { householdId: string; residentId: string };
  const find = async (name: string) => {
    const [found] = (await localRegistry(t.database).search("kumamoto", { name })).residents;
    return { householdId: found?.householdId ?? "", residentId: found?.id ?? "" };
  };
  const edit = (residentId: string, fields: Record<string, string>) =>
    client.postForm(`/registry/residents/${residentId}/edit`, {
      insurance: "employee",
      pension: "cat2",
      myNumberCard: "1",
      reason: "在留カードの更新の申出",
      ...fields,
    });

  beforeAll(async () => {
    await writeRows(t.database.db, "kumamoto", [...nakamuraKiyo(), ...nguyenFamily()]);
    kiyo = await find("中村 キヨ");
    nguyen = await find("NGUYEN VAN AN");
    await open(kiyo.householdId, { reason: "death", detail: "", resident: kiyo.residentId });
    await open(nguyen.householdId, { reason: "change", detail: "", resident: nguyen.residentId });
  });

  it("shows a Japanese national's 本籍 and 筆頭者 and the household's postal code", async () => {
    const view = await page(`/registry/households/${kiyo.householdId}`);
    expect(view.status).toBe(200);
    expect(view.html).toContain("〒861-4101");
    expect(view.html).toMatch(/<dt>本籍<\/dt><dd data-fact="honseki">熊本県熊本市南区近見五丁目35番<\/dd>/);
    expect(view.html).toMatch(/<dt>筆頭者<\/dt><dd data-fact="hittousha">中村\u3000義男<\/dd>/);
    expect(view.html).toMatch(/<dt>国籍・地域<\/dt><dd data-fact="nationality">日本<\/dd>/);
    expect(view.html).not.toContain("在留資格");
  });

  it("shows a foreign resident's nationality, status, card number, and the end of the period of stay in 和暦 beside 西暦", async () => {
    const view = await page(`/registry/households/${nguyen.householdId}`);
    expect(view.html).toContain('<dd data-fact="nationality">ベトナム</dd>');
    expect(view.html).toContain("技術・人文知識・国際業務");
    expect(view.html).toContain("EH48210395AC");
    expect(view.html).toContain("2028年9月30日（令和10年9月30日）");
    expect(view.html).not.toContain('data-fact="honseki"');
  });

  it("records a renewed card and period of stay typed in 和暦, with the reason, in the history", async () => {
    const form = await page(`/registry/residents/${nguyen.residentId}/edit`);
    expect(form.html).toMatch(/<option value="VN" selected(="")?>ベトナム<\/option>/);
    expect(form.html).toContain('value="EH48210395AC"');
    const res = await edit(nguyen.residentId, {
      version: "1",
      nationality: "VN",
      residenceStatus: "技術・人文知識・国際業務",
      residenceCardNumber: "eh 9999 0000 ab",
      residencePeriodEnd: "R11.3.31",
    });
    expect(res.status).toBe(303);
    const resident = await localRegistry(t.database).resident("kumamoto", nguyen.residentId);
    expect(resident).toMatchObject({
      residenceCardNumber: "EH99990000AB",
      residencePeriodEnd: "2029-03-31",
      version: 2,
    });
    const view = await page(`/registry/households/${nguyen.householdId}`);
    expect(view.html).toContain("在留カードの更新の申出");
    expect(view.html).toContain("2028年9月30日（令和10年9月30日） → 2029年3月31日（令和11年3月31日）");
    expect(view.html).toContain("EH48210395AC → EH99990000AB");
  });

  it("refuses a malformed card number, a card for a Japanese national and a 個人番号 in the 本籍, and changes nothing", async () => {
    const malformed = await edit(nguyen.residentId, {
      version: "2",
      nationality: "VN",
      residenceStatus: "技術・人文知識・国際業務",
      residenceCardNumber: "EH999900AB",
      residencePeriodEnd: "2029-03-31",
    });
    expect(malformed.status).toBe(422);
    const malformedHtml = await malformed.text();
    expect(malformedHtml).toContain('href="#residenceCardNumber"');
    expect(malformedHtml).toContain("在留カード等の番号「EH999900AB」の形が正しくありません");
    const kiyoForm = {
      version: "1",
      insurance: "kouki",
      pension: "",
      careLevel: "support2",
      pensionRecipient: "1",
      honseki: "熊本県熊本市南区近見五丁目35番",
      hittousha: "中村\u3000義男",
    };
    const national = await edit(kiyo.residentId, { ...kiyoForm, residenceCardNumber: "EH48210395AC" });
    expect(national.status).toBe(422);
    expect(await national.text()).toContain("日本国籍の方に在留カード等の番号は記録できません");
    const myNumber = await edit(kiyo.residentId, { ...kiyoForm, honseki: "熊本県熊本市123456789012" });
    expect(myNumber.status).toBe(422);
    expect(await myNumber.text()).toContain("個人番号（マイナンバー）は記録しません");
    const impossible = await edit(nguyen.residentId, {
      version: "2",
      nationality: "VN",
      residenceStatus: "技術・人文知識・国際業務",
      residencePeriodEnd: "令和11年2月30日",
    });
    expect(impossible.status).toBe(422);
    expect(await impossible.text()).toContain('href="#residencePeriodEnd"');
    expect(await localRegistry(t.database).resident("kumamoto", kiyo.residentId)).toMatchObject({
      version: 1,
      honseki: "熊本県熊本市南区近見五丁目35番",
      residenceCardNumber: null,
    });
  });

  it("gives the visit the registered address, its postal code and the head's name with the members' 本籍", async () => {
    const found = await householdForGuidance({
      db: t.database.db,
      registry: localRegistry(t.database),
      municipalityId: "kumamoto",
      householdId: kiyo.householdId,
      staffId: counter.id,
      sessionStartedAt: new Date(Date.now() - 60 * 60_000),
      now: new Date(),
      eventDate: "2026-04-06",
    });
    if (found.kind !== "ok") throw new Error("opened above");
    expect([found.postalCode, found.address, found.headName]).toEqual([
      "861-4101",
      "南区近見五丁目35番24号",
      "中村\u3000キヨ",
    ]);
    expect(found.members[0]).toMatchObject({
      honseki: "熊本県熊本市南区近見五丁目35番",
      hittousha: "中村\u3000義男",
    });
    expect(found.members[0]).not.toHaveProperty("nationality");
  });

  it("reads the form's 戸籍 and 在留 fields as typed: any case or width, 和暦, and a choice never offered refused", () => {
    const read = readEditForm(
      {
        insurance: "kokuho",
        reason: "申出",
        version: "1",
        nationality: "vn",
        residenceStatus: "留学",
        residenceCardNumber: "ｅｈ４８２１０３９５ａｃ",
        residencePeriodEnd: "令和9年3月31日",
      },
      1,
    );
    expect(read.problems).toEqual([]);
    expect(read.values).toMatchObject({
      nationality: "VN",
      residenceStatus: "留学",
      residenceCardNumber: "EH48210395AC",
      residencePeriodEnd: "2027-03-31",
      honseki: null,
    });
    const refused = readEditForm(
      { insurance: "kokuho", reason: "申出", version: "1", nationality: "ZZ", residenceStatus: "観光" },
      1,
    );
    expect(refused.problems.map((p) => p.path)).toEqual(["nationality", "residenceStatus"]);
  });
});
