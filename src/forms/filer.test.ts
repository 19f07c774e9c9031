import { describe, expect, it } from "vitest";
import { getMunicipalitySettings } from "../catalog/municipalities";
import type { Household } from "../guidance/household.schema";
import { answersDocument, parseAnswers } from "./answers";
import { type Answers, mergeKnown, questionsFor } from "./field-dictionary";
import { fillForm } from "./fill-form";
import {
  deathLivingAlone,
  deathLivingAloneAnswers,
  deathLivingAloneKnown,
  deathOfElder,
  foreignResidentAnswers,
  foreignResidentFromAbroad,
  moveInAnswers,
  moveInFamily,
} from "./fixtures/households";
import { renderForms } from "./render";
import { defaultTemplates } from "./templates";
import { pdfText, planned } from "./test-support";

const kumamoto = getMunicipalitySettings("kumamoto");

/** Every one-stop form of the plan, filled as renderForms fills it. */
function filled(household: Household, plan: ReturnType<typeof planned>["plan"], answers: Answers) {
  return plan.procedures
    .filter((p) => p.handling === "one-stop")
    .map((item) => {
      const template = defaultTemplates.get(item.id);
      if (!template) throw new Error(`no template for ${item.id}`);
      return fillForm(item, template, household, answers);
    });
}

/** The text of one form's pages in a rendered bundle. */
const formText = (result: Awaited<ReturnType<typeof renderForms>>, procedureId: string) => {
  const form = result.forms.find((f) => f.procedureId === procedureId);
  if (!form) throw new Error(`no form ${procedureId}`);
  return form.pages.map((page) => pdfText(result.pdf, page)).join("\n");
};

describe("the filer (届出人) on every form", () => {
  it("is the wife when she files alone: every 届出人 box prints her, with her relation", () => {
    const { household, plan } = planned({ ...moveInFamily, filer: { member: "m2" } });
    const answers = parseAnswers(moveInAnswers, household).answers;
    const forms = filled(household, plan, answers);
    const withFiler = forms.filter((f) => f.cells.has("applicant"));
    expect(withFiler.length).toBeGreaterThan(15);
    for (const form of withFiler) {
      const expected: Record<string, string> = {
        applicant: "𠮷田 花子",
        "applicant.kana": "ヨシダ ハナコ",
        "applicant.birthDate": "昭和63年11月23日",
        "applicant.address": moveInAnswers.newAddress,
      };
      for (const [binding, text] of Object.entries(expected))
        if (form.cells.has(binding))
          expect(form.cells.get(binding)?.text, `${form.item.id} ${binding}`).toBe(text);
    }
    const relation = (id: string) =>
      forms.find((f) => f.item.id === id)?.cells.get("applicant.relation")?.text;
    expect(relation("juki.move-in")).toBe("本人");
    // A form about the grandmother alone: the wife is her son's wife.
    expect(relation("kaigo.enroll")).toBe("子の配偶者");
    // A form about the children only: she is their mother.
    expect(relation("kodomo-iryo.enroll")).toBe("母");
  });

  it("defaults to the head when the household names nobody", () => {
    const { household, plan } = planned(moveInFamily);
    const forms = filled(household, plan, parseAnswers(moveInAnswers, household).answers);
    for (const form of forms.filter((f) => f.cells.has("applicant")))
      expect(form.cells.get("applicant")?.text, form.item.id).toBe("𠮷田 太郎");
  });

  it("prints a proxy's own name, address, phone and 代理人, never a member's", () => {
    const proxy = {
      name: "佐藤 次郎",
      kana: "サトウ ジロウ",
      address: "熊本市北区植木町岩野1番",
      phone: "096-272-1111",
      relation: "proxy",
    };
    const { household, plan } = planned({ ...moveInFamily, filer: proxy });
    const forms = filled(household, plan, parseAnswers(moveInAnswers, household).answers);
    const move = forms.find((f) => f.item.id === "juki.move-in");
    expect(
      ["applicant", "applicant.kana", "applicant.relation", "applicant.address", "applicant.phone"].map(
        (b) => move?.cells.get(b)?.text,
      ),
    ).toEqual(["佐藤 次郎", "サトウ ジロウ", "代理人", "熊本市北区植木町岩野1番", "096-272-1111"]);
    expect(move?.cells.get("applicant.birthDate")?.text).toBeUndefined();
  });

  it("asks for the 児童手当 claimant among the adults and prints whom the interview chose", () => {
    const { household, plan } = planned(moveInFamily);
    const question = questionsFor(plan, household).find((q) => q.key === "childAllowanceClaimant");
    expect(question?.type).toBe("member");
    expect(question?.options?.map((o) => o.label.ja)).toEqual([
      "𠮷田 太郎",
      "𠮷田 花子",
      "葛\u{E0100}西 髙子",
      "山﨑 健",
    ]);
    const unanswered = filled(household, plan, parseAnswers({}, household).answers).find(
      (f) => f.item.id === "jidoteate.claim",
    );
    expect(unanswered?.missing).toContainEqual({ key: "childAllowanceClaimant" });
    expect(unanswered?.cells.get("claimant")?.text).toBeUndefined();
    const claim = filled(household, plan, parseAnswers(moveInAnswers, household).answers).find(
      (f) => f.item.id === "jidoteate.claim",
    );
    // 花子 has the higher income: she claims; the head, who came, files and signs.
    expect(claim?.cells.get("claimant")?.text).toBe("𠮷田 花子");
    expect(claim?.cells.get("claimant.relation")?.text).toBe("母");
    expect(claim?.cells.get("applicant")?.text).toBe("𠮷田 太郎");
  });
});

describe("a bereavement of someone who lived alone, filed by a son from elsewhere", () => {
  const { household, plan } = planned(deathLivingAlone);
  const typed = parseAnswers(deathLivingAloneAnswers, household);
  const answers = mergeKnown(typed.answers, deathLivingAloneKnown);

  it("prints the son, not the deceased, as 申請者（喪主） of the 葬祭費 and as 届出人 everywhere", async () => {
    expect(typed.problems).toEqual([]);
    const forms = filled(household, plan, answers);
    const funeral = forms.find((f) => f.item.id === "kouki.funeral-benefit");
    expect(funeral?.cells.get("funeralHost")?.text).toBe("中村 太郎");
    expect(funeral?.cells.get("funeralHost.address")?.text).toBe("福岡県福岡市中央区天神一丁目8番1号");
    for (const form of forms) {
      expect(form.cells.get("applicant")?.text, form.item.id).toBe("中村 太郎");
      expect(form.cells.get("applicant.relation")?.text, form.item.id).toBe("親族");
    }
    expect(forms.find((f) => f.item.id === "koseki.death")?.cells.get("filerCapacity")?.text).toBe(
      "同居していない親族",
    );
    const result = await renderForms({
      household,
      plan,
      answers: answersDocument(answers),
      municipality: kumamoto,
    });
    const text = formText(result, "kouki.funeral-benefit");
    const applicant = text.slice(text.indexOf("■ 申請者"), text.indexOf("■ 振込先口座"));
    expect(applicant).toContain("中村 太郎");
    expect(applicant).not.toContain("中村 キヨ");
  });

  it("prints the registry's address of the deceased on every form, never the one typed", async () => {
    const result = await renderForms({
      household,
      plan,
      answers: answersDocument(answers),
      municipality: kumamoto,
    });
    expect(result.forms.length).toBeGreaterThanOrEqual(3);
    for (const form of result.forms) {
      const text = formText(result, form.procedureId);
      expect(text, form.procedureId).toContain("熊本市南区近見五丁目35番24号");
      expect(text, form.procedureId).not.toContain("手取本町");
    }
  });

  it("asks neither the address the registry holds nor anything about the filer", () => {
    const asked = questionsFor(plan, household, { known: deathLivingAloneKnown }).map((q) => q.key);
    for (const key of ["address", "filer", "filerAddress", "honseki", "hittousha"])
      expect(asked).not.toContain(key);
    expect(asked).toEqual(expect.arrayContaining(["funeralHostName", "funeralHostAddress", "phone"]));
    // Once the 喪主 is named as the filer, where to reach them is the filer's: nothing more is asked.
    const after = questionsFor(plan, household, { known: deathLivingAloneKnown, answers }).map((q) => q.key);
    expect(after).not.toContain("funeralHostAddress");
    expect(after).not.toContain("phone");
  });

  it("prints the funeral host the event names when a member held the funeral", () => {
    const elder = planned(deathOfElder);
    const forms = filled(elder.household, elder.plan, parseAnswers({}, elder.household).answers);
    const funeral = forms.find((f) => f.item.id === "kouki.funeral-benefit");
    expect(funeral?.cells.get("funeralHost")?.text).toBe("髙橋 和子");
    expect(funeral?.cells.get("funeralHost.relation")?.text).toBe("妻");
  });
});

describe("a foreign resident's move-in from abroad", () => {
  it("prints 国籍・地域, 在留資格, 在留期間の満了の日, 在留カード番号 and 国外 on the 転入届", async () => {
    const { household, plan } = planned(foreignResidentFromAbroad);
    const asked = questionsFor(plan, household).map((q) => q.key);
    for (const key of ["honseki", "hittousha", "residenceStatus", "residenceCardNumber", "previousAddress"])
      expect(asked).not.toContain(key);
    expect(asked).toContain("previousCountry");
    const result = await renderForms({
      household,
      plan,
      answers: foreignResidentAnswers,
      municipality: kumamoto,
    });
    const text = formText(result, "juki.move-in");
    for (const fact of ["NGUYEN VAN AN", "ベトナム", "技能実習", "令和9年5月31日", "AB12345678CD", "国外"])
      expect(text).toContain(fact);
    // Nothing the household holds is left blank (a 基礎年金番号 is asked only of those who have one).
    expect(result.missing.map((m) => m.key)).toEqual(["basicPensionNumber"]);
  });

  it("asks a foreign resident's 在留 facts only when the record lacks them, never 本籍", () => {
    const raw = structuredClone(foreignResidentFromAbroad) as { members: Record<string, unknown>[] };
    delete raw.members[0]?.residenceCardNumber;
    delete raw.members[0]?.residencePeriodEnd;
    const { household, plan } = planned(raw);
    const asked = questionsFor(plan, household).map((q) => `${q.key}${q.memberId ? `.${q.memberId}` : ""}`);
    expect(asked).toContain("residenceCardNumber.v1");
    expect(asked).toContain("residencePeriodEnd.v1");
    expect(asked).not.toContain("honseki.v1");
  });

  it("has no 在留期間 to ask for a permanent resident", () => {
    const raw = structuredClone(foreignResidentFromAbroad) as { members: Record<string, unknown>[] };
    Object.assign(raw.members[0] as object, { residenceStatus: "永住者" });
    delete raw.members[0]?.residencePeriodEnd;
    const { household, plan } = planned(raw);
    expect(questionsFor(plan, household).map((q) => q.key)).not.toContain("residencePeriodEnd");
  });
});
