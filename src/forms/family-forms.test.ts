// Phase 2 (#18): the forms of a birth, a marriage and a divorce — the 戸籍 届書 on one A3 sheet or two
// A4 pages, the parts others write left blank and marked, and an interview that asks only what the
// household and the registry do not say.
import { readFileSync } from "node:fs";
import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { getMunicipalitySettings } from "../catalog/municipalities";
import type { MunicipalitySettings } from "../catalog/municipality.schema";
import type { Plan } from "../guidance/engine";
import type { Household } from "../guidance/household.schema";
import { formatWareki } from "../shared/dates";
import { answersDocument, parseAnswers } from "./answers";
import {
  type Answers,
  type AnswerValue,
  defaultFilerMember,
  type InterviewQuestion,
  questionsFor,
} from "./field-dictionary";
import { fillForm } from "./fill-form";
import { signaturePng } from "./fixtures/signature";
import { a3Landscape, a4 } from "./layout";
import { cosignersOf, fillForms, renderForms } from "./render";
import { defaultTemplates } from "./templates";
import { pdfImages, pdfText, pdfWords, planned } from "./test-support";

const example = (name: string) =>
  JSON.parse(
    readFileSync(new URL(`../../test/fixtures/examples/${name}.json`, import.meta.url), "utf8"),
  ) as Record<string, unknown> & { event: Record<string, unknown>; members: Record<string, unknown>[] };

const birth = example("birth-second-child");
const marriage = example("marriage-wife-takes-surname");
const divorce = example("divorce-mother-keeps-children");
const kumamoto = getMunicipalitySettings("kumamoto");
const a4Only: MunicipalitySettings = { ...kumamoto, kosekiPaper: "A4x2" };

async function pageSizes(pdf: Uint8Array) {
  const doc = await PDFDocument.load(pdf);
  return doc.getPages().map((p) => p.getSize());
}

const keys = (qs: InterviewQuestion[]) => qs.map((q) => (q.memberId ? `${q.key}:${q.memberId}` : q.key));

describe("the 戸籍 届書 of a birth, a marriage and a divorce", () => {
  it.each([
    [
      "birth-second-child",
      birth,
      "出生届",
      "出生証明書",
      "医師・助産師が記入する欄",
      ["熊本 結", "熊本 大輔", "熊本 真由"],
    ],
    [
      "marriage-wife-takes-surname",
      marriage,
      "婚姻届",
      "証人",
      "証人が記入する欄",
      ["阿蘇 拓海", "阿蘇 美咲"],
    ],
    [
      "divorce-mother-keeps-children",
      divorce,
      "離婚届",
      "証人",
      "証人が記入する欄",
      ["天草 誠", "天草 由美", "天草 悠"],
    ],
  ] as const)(
    "%s: one A3 sheet, the 届書 filled, the other half blank and marked",
    async (_, raw, title, right, mark, names) => {
      const { household, plan } = planned(raw);
      const result = await renderForms({
        household,
        plan,
        municipality: kumamoto,
        filedOn: household.event.date as string,
      });
      const form = result.forms[0];
      expect(form?.name).toBe(title);
      expect(form?.pages).toEqual([1]);
      const sizes = await pageSizes(result.pdf);
      expect(sizes[0]).toEqual({
        width: expect.closeTo(a3Landscape.width, 1),
        height: expect.closeTo(a3Landscape.height, 1),
      });
      // Every other form of the bundle stays A4 portrait.
      for (const size of sizes.slice(1)) expect(size.width).toBeCloseTo(a4.width, 1);
      const sheet = pdfText(result.pdf, 1);
      expect(sheet).toContain(title);
      expect(sheet).toContain(right);
      expect(sheet).toContain(mark);
      for (const name of names) expect(sheet).toContain(name);
      // The right half prints no value: every name of the household is on the left half.
      const words = pdfWords(result.pdf, 1);
      const onRight = words.filter((w) => w.xMin >= a4.width).map((w) => w.text);
      expect(onRight.join("")).toContain(mark);
      const onLeft = words.filter((w) => w.xMax < a4.width).map((w) => w.text);
      for (const part of names.flatMap((n) => n.split(" "))) {
        expect(onRight).not.toContain(part);
        expect(onLeft).toContain(part);
      }
    },
  );

  it("print as two A4 pages where the municipality's printer has no A3", async () => {
    const { household, plan } = planned(birth);
    const result = await renderForms({ household, plan, municipality: a4Only, filedOn: "2027-01-20" });
    expect(result.forms[0]?.pages).toEqual([1, 2]);
    const sizes = await pageSizes(result.pdf);
    for (const size of sizes) {
      expect(size.width).toBeCloseTo(a4.width, 1);
      expect(size.height).toBeCloseTo(a4.height, 1);
    }
    expect(pdfText(result.pdf, 1)).toContain("出生届");
    expect(pdfText(result.pdf, 1)).not.toContain("医師・助産師が記入する欄");
    expect(pdfText(result.pdf, 2)).toContain("出生証明書");
    expect(pdfText(result.pdf, 2)).toContain("医師・助産師が記入する欄");
    // The next form starts on page 3.
    expect(result.forms[1]?.pages).toEqual([3]);
  });

  it("take the setting from the municipality: Yatsushiro prints on A4, Kumamoto on A3", () => {
    expect(getMunicipalitySettings("yatsushiro").kosekiPaper).toBe("A4x2");
    expect(kumamoto.kosekiPaper).toBe("A3");
    expect(getMunicipalitySettings("national").kosekiPaper).toBe("A3");
  });

  it("stamp the signature only into the box of the partner who signed; the other signs by hand", async () => {
    const { household, plan } = planned(marriage);
    const result = await renderForms({
      household,
      plan,
      municipality: kumamoto,
      signaturePng: signaturePng(),
    });
    const marriageForm = result.forms.find((f) => f.procedureId === "koseki.marriage");
    const others = result.forms.filter((f) => f.procedureId !== "koseki.marriage");
    // One image per form: the 婚姻届 has two boxes but only the filer's (the husband, head) is stamped.
    expect(pdfImages(result.pdf)).toHaveLength(others.length + 1);
    const sheet = pdfText(result.pdf, marriageForm?.pages[0]);
    expect(sheet).toContain("届出人 署名（夫になる人）");
    expect(sheet).toContain("届出人 署名（妻になる人）");
    expect(sheet).toContain("ご本人が自署してください");
  });

  it("name the other partner as the cosigner, and draw their own signature into their box when given", async () => {
    const { household, plan } = planned(marriage);
    const filled = fillForms({ household, plan, municipality: kumamoto });
    const husband = (household.members[0] as { id: string }).id;
    const cosigners = cosignersOf(filled);
    expect(cosigners).toHaveLength(1);
    expect(cosigners).not.toContain(husband);
    const result = await renderForms({
      household,
      plan,
      municipality: kumamoto,
      signaturePng: signaturePng(),
      cosignaturePng: signaturePng(),
    });
    const others = result.forms.filter((f) => f.procedureId !== "koseki.marriage");
    // The 婚姻届 now carries two drawn signatures; every other form the filer's one.
    expect(pdfImages(result.pdf)).toHaveLength(others.length + 2);
    const page = result.forms.find((f) => f.procedureId === "koseki.marriage")?.pages[0];
    expect(pdfText(result.pdf, page)).not.toContain("ご本人が自署してください");
  });
});

describe("the benefit and insurance forms of these events", () => {
  it.each([
    ["birth", birth, ["登録の事由が生じた日（出生日）", "出産日", "額改定の事由が生じた日（出生日）"]],
    [
      "marriage",
      marriage,
      ["異動日（婚姻日）", "氏名が変わった日（婚姻日）", "喪失日（婚姻日）", "氏の変更による再登録"],
    ],
    [
      "divorce",
      divorce,
      [
        "資格取得の事由が生じた日（離婚日）",
        "種別変更の事由が生じた日（離婚日）",
        "消滅日（離婚日）",
        "支給要件に該当した日（離婚日）",
        "事由が生じた日（離婚日）",
      ],
    ],
  ] as const)(
    "%s: print the day of the event, and never ask a moving date or address",
    async (_, raw, labels) => {
      const { household, plan } = planned(raw);
      const asked = keys(questionsFor(plan, household));
      for (const key of ["movingDate", "newAddress", "previousAddress", "newPostalCode"])
        expect(asked).not.toContain(key);
      const result = await renderForms({ household, plan, municipality: kumamoto });
      const text = pdfText(result.pdf);
      for (const label of labels) expect(text).toContain(label);
      // The event's day, in 和暦, on the forms that print it.
      expect(text).toContain(formatWareki(household.event.date));
      expect(text).not.toContain("転入日");
    },
  );
});

describe("the forms of phase 1 reused by these events", () => {
  it("divorce: the 世帯主変更届 of those who stay, dated the day of the divorce", async () => {
    const raw = {
      ...divorce,
      members: [
        ...divorce.members,
        {
          id: "m4",
          relation: "child",
          birthDate: "2009-07-07",
          insurance: "kokuho",
          name: "天草 陸",
          sex: "male",
        },
      ],
    };
    const { household, plan } = planned(raw);
    const item = plan.procedures.find((p) => p.id === "juki.head-change");
    expect(item?.members).toEqual(["m2", "m3", "m4"]);
    const result = await renderForms({ household, plan, answers: { newHead: "m2" }, municipality: kumamoto });
    const form = result.forms.find((f) => f.procedureId === "juki.head-change");
    const text = pdfText(result.pdf, form?.pages[0]);
    expect(text).toContain("世帯主変更届");
    expect(text).toContain("変更の事由が生じた日（離婚日）");
    expect(text).toContain("令和9年3月5日");
    expect(text).toContain("天草 陸");
  });

  it("marriage: the single parent's 児童扶養手当 and ひとり親医療 end on the day of the marriage", async () => {
    const raw = {
      ...marriage,
      members: marriage.members.map((m) =>
        m.id === "m2" ? { ...m, benefits: ["childRearingAllowance", "singleParentMedical"] } : m,
      ),
    };
    const { household, plan } = planned(raw);
    const ids = plan.procedures.map((p) => p.id);
    expect(ids).toEqual(expect.arrayContaining(["jido-fuyo.terminate", "hitorioya-iryo.withdraw"]));
    const result = await renderForms({ household, plan, municipality: kumamoto });
    for (const id of ["jido-fuyo.terminate", "hitorioya-iryo.withdraw"]) {
      const form = result.forms.find((f) => f.procedureId === id);
      const text = pdfText(result.pdf, form?.pages[0]);
      expect(text).toMatch(/（婚姻日）/);
      expect(text).toContain("令和9年2月10日");
      expect(text).toContain("阿蘇 美咲");
    }
  });

  it("birth: the newborn of a daughter living with her parents is filed by its mother, not the head", () => {
    const raw = {
      event: { type: "birth", date: "2027-01-15", subject: "m3", mother: "m2" },
      members: [
        {
          id: "m1",
          relation: "head",
          birthDate: "1965-01-01",
          insurance: "kokuho",
          name: "山鹿 一",
          sex: "male",
        },
        {
          id: "m2",
          relation: "child",
          birthDate: "1998-02-02",
          insurance: "kokuho",
          name: "山鹿 二葉",
          sex: "female",
        },
        { id: "m3", relation: "other", birthDate: "2027-01-15", insurance: "kokuho", name: "山鹿 三" },
      ],
    };
    const { household, plan } = planned(raw);
    expect(defaultFilerMember(household)).toBe("m2");
    const form = cells(household, plan, "koseki.birth", {});
    expect(form).toMatchObject({
      "mother.name": "山鹿 二葉",
      "father.name": undefined,
      birthFilerCapacity: "母",
    });
    // Not the head's child: neither 嫡出子 nor the 続き柄 can be told, so both are asked.
    expect(keys(questionsFor(plan, household))).toEqual(expect.arrayContaining(["legitimacy", "childOrder"]));
  });
});

describe("what the 戸籍 届書 derive, and what the interview asks", () => {
  it("birth: the newborn's name, 嫡出子 and the filing parent from the household; time and place asked", () => {
    const { household, plan } = planned(birth);
    const asked = keys(questionsFor(plan, household));
    expect(asked).toEqual(expect.arrayContaining(["birthTime", "birthPlace", "childOrder", "sex:m4"]));
    expect(asked).not.toContain("legitimacy");
    expect(asked).not.toContain("name:m4");
    // The filer is the father (the head); his 本籍 is asked once, not the mother's as well.
    expect(defaultFilerMember(household)).toBe("m1");
    expect(asked).toContain("honseki:m1");
    expect(asked).not.toContain("honseki:m2");
  });

  it("birth: the 続き柄 is counted from the siblings when their sex is known (a second daughter)", async () => {
    const raw = {
      ...birth,
      members: birth.members.map((m) =>
        m.id === "m3" ? { ...m, sex: "female" } : m.id === "m4" ? { ...m, sex: "female" } : m,
      ),
    };
    const { household, plan } = planned(raw);
    expect(keys(questionsFor(plan, household))).not.toContain("childOrder");
    const result = await renderForms({
      household,
      plan,
      answers: { birthTime: "午後3時5分", birthPlace: "熊本市中央区本荘1丁目1番1号" },
      municipality: kumamoto,
    });
    const sheet = pdfText(result.pdf, 1);
    expect(sheet).toContain("二女");
    expect(sheet).toContain("嫡出子");
    expect(sheet).toContain("午後3時5分");
    expect(sheet).toContain("熊本市中央区本荘1丁目1番1号");
  });

  it("birth: refuses a time that is not one", async () => {
    const { household, plan } = planned(birth);
    await expect(renderForms({ household, plan, answers: { birthTime: "25:00" } })).rejects.toThrow();
  });

  it("marriage: the chosen surname and the new 筆頭者 come from whose surname changes; the new 本籍 is asked", async () => {
    const { household, plan } = planned(marriage);
    const asked = keys(questionsFor(plan, household));
    expect(asked).toContain("newHonseki");
    expect(asked).toContain("cohabitationDate");
    expect(asked).not.toContain("marriageSurname");
    const result = await renderForms({
      household,
      plan,
      answers: { newHonseki: "熊本県熊本市中央区手取本町1番", cohabitationDate: "2026-10-01" },
      municipality: kumamoto,
    });
    const sheet = pdfText(result.pdf, 1);
    expect(sheet).toContain("夫の氏");
    expect(sheet).toContain("熊本県熊本市中央区手取本町1番");
    expect(sheet).toContain("令和8年10月");
    expect(sheet).not.toContain("令和8年10月1日");
  });

  it("marriage: without a surname change the chosen surname is asked", () => {
    const { household, plan } = planned({ ...marriage, event: { ...marriage.event, surnameChanges: [] } });
    expect(keys(questionsFor(plan, household))).toContain("marriageSurname");
  });

  it("divorce: 親権者 from the custodian, 協議離婚 from the type, the returning partner's register asked", async () => {
    const { household, plan } = planned(divorce);
    const asked = keys(questionsFor(plan, household));
    expect(asked).not.toContain("parentalAuthority");
    expect(asked).not.toContain("courtDivorceKind");
    expect(asked).toEqual(expect.arrayContaining(["divorceRegister", "divorceHonseki"]));
    const result = await renderForms({
      household,
      plan,
      answers: { divorceRegister: "new", divorceHonseki: "熊本県熊本市東区東町3丁目1番" },
      municipality: kumamoto,
    });
    const sheet = pdfText(result.pdf, 1);
    expect(sheet).toContain("天草 悠");
    expect(cells(household, plan, "koseki.divorce", { divorceRegister: "new" })).toMatchObject({
      custodyWifeChildren: "天草 悠",
      custodyHusbandChildren: undefined,
      divorceKind: "協議離婚",
      returningPartner: "妻",
      divorceHittousha: "天草 由美",
    });
    expect(sheet).toContain("協議離婚");
    expect(sheet).toContain("新しい戸籍をつくる");
    // A new register: its 筆頭者 is the wife herself, not asked.
    expect(
      keys(questionsFor(plan, household, { answers: parsed({ divorceRegister: "new" }) })),
    ).not.toContain("divorceHittousha");
  });

  it("divorce: the custodian files and claims the 児童手当; nobody is asked who earns more", () => {
    const { household, plan } = planned(divorce);
    expect(defaultFilerMember(household)).toBe("m2");
    expect(keys(questionsFor(plan, household))).not.toContain("childAllowanceClaimant");
    expect(cells(household, plan, "jidoteate.claim", {})).toMatchObject({ claimant: "天草 由美" });
  });

  it("divorce in court: the kind is asked and printed with the day it became final", async () => {
    const raw = { ...divorce, event: { ...divorce.event, divorceType: "court" } };
    const { household, plan } = planned(raw);
    expect(keys(questionsFor(plan, household))).toContain("courtDivorceKind");
    const result = await renderForms({ household, plan, answers: { courtDivorceKind: "judgment" } });
    expect(pdfText(result.pdf, 1)).toContain("判決（令和9年3月5日 確定）");
  });

  it("divorce without a custodian: 親権者 asked, joint custody printed as such", async () => {
    const raw = { ...divorce, event: { ...divorce.event, custodian: undefined } };
    const { household, plan } = planned(raw);
    expect(keys(questionsFor(plan, household))).toContain("parentalAuthority");
    expect(cells(household, plan, "koseki.divorce", { parentalAuthority: "both" })).toMatchObject({
      custodyJointChildren: "天草 悠",
      custodyWifeChildren: undefined,
    });
  });

  it("婚氏続称: the 離婚の際に称していた氏を称する届 of the member who keeps the surname", async () => {
    const raw = { ...divorce, event: { ...divorce.event, surnameChanges: [], keepSurname: ["m2"] } };
    const { household, plan } = planned(raw);
    expect(plan.procedures.map((p) => p.id)).toContain("koseki.keep-surname");
    const result = await renderForms({
      household,
      plan,
      answers: { previousSurname: { m2: "阿蘇" }, keepSurnameHonseki: "熊本県熊本市東区東町3丁目1番" },
      municipality: kumamoto,
    });
    const form = result.forms.find((f) => f.procedureId === "koseki.keep-surname");
    const text = pdfText(result.pdf, form?.pages[0]);
    expect(text).toContain("離婚の際に称していた氏を称する届");
    expect(text).toContain("天草 由美");
    expect(text).toContain("阿蘇");
    expect(cells(household, plan, "koseki.keep-surname", { previousSurname: { m2: "阿蘇" } })).toMatchObject({
      "subject.previousSurname": "阿蘇",
      "subject.surname": "天草",
    });
    // The 離婚届 then names nobody returning to a former surname.
    expect(keys(questionsFor(plan, household))).not.toContain("divorceRegister");
  });

  it.each([
    ["birth", birth],
    ["marriage", marriage],
    ["divorce", divorce],
  ] as const)(
    "%s: nothing left to ask once every question is answered, and no box left blank",
    async (_, raw) => {
      const { household, plan } = planned(raw);
      let answers: Answers = { household: {}, members: {} };
      // Some answers bring up a question of their own (a returning register asks its 筆頭者): a few rounds.
      for (let round = 0; round < 3; round++) {
        for (const q of questionsFor(plan, household, { answers })) {
          const value = sampleFor(q);
          if (q.memberId === undefined)
            answers = { ...answers, household: { ...answers.household, [q.key]: value } };
          else
            answers = {
              ...answers,
              members: {
                ...answers.members,
                [q.memberId]: { ...answers.members[q.memberId], [q.key]: value },
              },
            };
        }
      }
      const result = await renderForms({
        household,
        plan,
        answers: answersDocument(answers),
        municipality: kumamoto,
      });
      expect(result.missing).toEqual([]);
      // No member id, procedure id or code reaches the paper: choices print as their labels.
      const text = pdfText(result.pdf);
      const word = (id: string) =>
        new RegExp(`(?<![A-Za-z0-9.-])${id.replace(/[.-]/g, "\\$&")}(?![A-Za-z0-9-])`);
      for (const member of household.members) expect(text, member.id).not.toMatch(word(member.id));
      for (const item of plan.procedures) expect(text, item.id).not.toContain(item.id);
      for (const code of [
        "husband",
        "wife",
        "legitimate",
        "agreement",
        "first",
        "return",
        "agreed",
        "used",
        "undefined",
      ])
        expect(text, code).not.toMatch(word(code));
    },
  );
});

const samples: Record<string, AnswerValue> = {
  birthTime: "10:30",
  birthPlace: "熊本市中央区本荘1丁目1番1号",
  childOrder: "長女",
  newHonseki: "熊本県熊本市中央区手取本町1番",
  divorceHonseki: "熊本県熊本市東区東町3丁目1番",
  divorceHittousha: "山鹿 太郎",
  keepSurnameHonseki: "熊本県熊本市東区東町3丁目1番",
  cohabitationDate: "2020-04-01",
  separationDate: "2027-02-01",
  employeeInsuranceFrom: "2027-02-10",
  honseki: "熊本県熊本市中央区手取本町1番",
  hittousha: "熊本 一",
  fatherName: "熊本 一",
  motherName: "花子",
  parentRelation: "長男",
  previousSurname: "山鹿",
  address: "熊本市中央区手取本町1番1号",
  phone: "096-328-2111",
  accountHolderKana: "クマモト ハジメ",
  bankCode: "0182",
  branchCode: "101",
  accountNumber: "1234567",
  basicPensionNumber: "1234567890",
};

function sampleFor(q: InterviewQuestion): AnswerValue {
  if (q.options && q.options.length > 0) return (q.options[0] as { value: string }).value;
  if (q.key === "sex") return "female";
  const value = samples[q.key];
  if (value === undefined) throw new Error(`no sample for ${q.key}`);
  return value;
}

/** What each box of one form prints, by binding (undefined: blank). */
function cells(household: Household, plan: Plan, procedureId: string, raw: Record<string, unknown>) {
  const item = plan.procedures.find((p) => p.id === procedureId);
  const template = defaultTemplates.get(procedureId);
  if (!item || !template) throw new Error(`no ${procedureId} in the plan`);
  const form = fillForm(item, template, household, parseAnswers(raw, household).answers);
  return Object.fromEntries([...form.cells].map(([binding, cell]) => [binding, cell.text]));
}

function parsed(raw: Record<string, AnswerValue>): Answers {
  return { household: raw, members: {} };
}
