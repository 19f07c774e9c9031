import { describe, expect, it } from "vitest";
import { getMunicipalitySettings } from "../catalog/municipalities";
import type { Household } from "../guidance/household.schema";
import { answersDocument } from "./answers";
import { type Answers, type AnswerValue, type InterviewQuestion, questionsFor } from "./field-dictionary";
import { allHouseholds, moveInAnswers } from "./fixtures/households";
import { renderForms } from "./render";
import { pdfText, planned } from "./test-support";

const kumamoto = getMunicipalitySettings("kumamoto");

/** A value each asked field accepts, as the registry or the interview would give it. */
const samples: Record<string, AnswerValue> = {
  name: "熊本 一",
  kana: "クマモト ハジメ",
  sex: "female",
  honseki: "熊本県熊本市中央区手取本町1番",
  hittousha: "熊本 一",
  residenceStatus: "技能実習",
  residencePeriodEnd: "2027-05-31",
  residenceCardNumber: "AB12345678CD",
  newPostalCode: "860-0806",
  newAddress: "熊本市中央区手取本町1番1号",
  previousAddress: "福岡県福岡市中央区天神1丁目8番1号",
  previousHead: "熊本 一",
  previousCountry: "ベトナム",
  address: "熊本市南区近見五丁目35番24号",
  phone: "096-328-2111",
  filerAddress: "熊本市北区植木町岩野1番",
  accountType: "ordinary",
  accountHolderKana: "クマモト ハジメ",
  bankCode: "0182",
  branchCode: "101",
  accountNumber: "1234567",
  funeralHostName: "熊本 一",
  funeralHostAddress: "熊本市北区植木町岩野1番",
  funeralDate: "2026-03-05",
  deathPlace: "熊本市中央区",
  heirName: "熊本 一",
  heirRelation: "長男",
  heirAddress: "熊本市北区植木町岩野1番",
  certificateCopies: 1,
  certificatePurpose: "勤務先への提出",
  previousSchool: "熊本市立五福小学校",
  expectedDeliveryDate: "2026-09-30",
  careCertificationEnd: "2027-03-31",
  basicPensionNumber: "1234567890",
  disabilityCertificateKind: "physical",
  disabilityCertificateNumber: "F-123456",
  mopedPlateNumber: "熊本市 あ 1234",
  mopedFrameNumber: "AF68-1234567",
  mopedDisplacement: 50,
};

function valueFor(q: InterviewQuestion, household: Household): AnswerValue {
  if (q.type === "member") {
    const chosen = q.options?.[0]?.value ?? household.members.find((m) => m.relation !== "head")?.id;
    if (chosen === undefined) throw new Error(`no member to choose for ${q.key}`);
    return chosen;
  }
  const sample = samples[q.key];
  if (sample === undefined) throw new Error(`no sample value for the question ${q.key}`);
  return sample;
}

/** Every asked question's value, as facts the registry (or the household) holds. */
function knownFor(questions: InterviewQuestion[], household: Household): Answers {
  const known: {
    household: Record<string, AnswerValue>;
    members: Record<string, Record<string, AnswerValue>>;
  } = { household: {}, members: {} };
  for (const q of questions) {
    const value = valueFor(q, household);
    if (q.memberId === undefined) known.household[q.key] = value;
    else known.members[q.memberId] = { ...known.members[q.memberId], [q.key]: value };
  }
  return known;
}

describe("the interview asks exactly what the forms need less what is known", () => {
  it.each(Object.entries(allHouseholds))(
    "%s: nothing left to ask once the registry holds it",
    async (_, fixture) => {
      const { household, plan } = planned(fixture);
      const questions = questionsFor(plan, household);
      const known = knownFor(questions, household);
      expect(questionsFor(plan, household, { known })).toEqual([]);
      // And the forms then leave no box blank that a question would have filled.
      const rendered = await renderForms({
        household,
        plan,
        answers: answersDocument(known),
        municipality: kumamoto,
      });
      expect(
        rendered.missing.filter((m) => m.key !== "basicPensionNumber" || m.memberId !== undefined),
      ).toEqual([]);
    },
  );
});

/** Codes that are data, never text a person reads. */
const vocabulary = [
  "move-in",
  "move-within",
  "move-out",
  "other-municipality",
  "kokuho",
  "kouki",
  "employee",
  "welfare",
  "cat1",
  "cat2",
  "cat3",
  "other-relative",
  "proxy",
  "landlord",
  "female",
  "ordinary",
  "physical",
  "undefined",
  "null",
];

describe("no internal id or code in any PDF", () => {
  it.each(Object.entries(allHouseholds))(
    "%s: no member id, procedure id or code in the text",
    async (name, fixture) => {
      const { household, plan } = planned(fixture);
      const answers = name === "moveInFamily" ? moveInAnswers : {};
      const result = await renderForms({
        household,
        plan,
        answers,
        municipality: kumamoto,
        filedOn: household.event.date,
      });
      const text = pdfText(result.pdf);
      const word = (id: string) =>
        new RegExp(`(?<![A-Za-z0-9.-])${id.replace(/[.-]/g, "\\$&")}(?![A-Za-z0-9-])`);
      for (const member of household.members) expect(text, member.id).not.toMatch(word(member.id));
      for (const item of plan.procedures) expect(text, item.id).not.toContain(item.id);
      for (const code of vocabulary) expect(text, code).not.toMatch(word(code));
      expect(text).not.toContain("様式 ");
    },
  );
});
