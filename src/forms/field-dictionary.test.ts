import { describe, expect, it } from "vitest";
import { getMunicipalitySettings } from "../catalog/municipalities";
import { planGuidance } from "../guidance/engine";
import { parseAnswers } from "./answers";
import { defaultApplicant, fieldDefinitions, type InterviewQuestion, questionsFor } from "./field-dictionary";
import {
  deathOfElder,
  deathOfParent,
  moveInAnswers,
  moveInFamily,
  moveWithinFamily,
} from "./fixtures/households";
import { renderForms } from "./render";
import { planned } from "./test-support";

const refs = (questions: InterviewQuestion[]) =>
  questions.map((q) => (q.memberId ? `${q.key}.${q.memberId}` : q.key));

describe("the field dictionary", () => {
  it("gives every field a unique key, a type and labels in Japanese and English", () => {
    const keys = fieldDefinitions.map((f) => f.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const field of fieldDefinitions) {
      expect(field.label.ja, field.key).not.toBe("");
      expect(field.label.en, field.key).not.toBe("");
      if (field.source === "interview" && field.key !== "householdAddress")
        expect(field.schema, field.key).toBeDefined();
      if (field.type === "choice") expect(field.options?.length, field.key).toBeGreaterThan(1);
    }
  });

  it("knows the interview fields the counter asks", () => {
    const interview = fieldDefinitions.filter((f) => f.source === "interview").map((f) => f.key);
    for (const key of [
      "newAddress",
      "newPostalCode",
      "previousAddress",
      "movingDate",
      "phone",
      "bankCode",
      "branchCode",
      "accountType",
      "accountNumber",
      "accountHolderKana",
      "funeralHostName",
      "funeralDate",
      "previousSchool",
    ]) {
      expect(interview).toContain(key);
    }
  });
});

describe("questionsFor", () => {
  it("asks each field once for a move-in whose 18 forms overlap", () => {
    const { household, plan } = planned(moveInFamily);
    const questions = questionsFor(plan, household);
    const list = refs(questions);
    expect(new Set(list).size).toBe(list.length);
    expect(list).toEqual([
      "newPostalCode",
      "newAddress",
      "previousAddress",
      "phone",
      "bankCode",
      "branchCode",
      "accountType",
      "accountNumber",
      "accountHolderKana",
      "certificateCopies",
      "certificatePurpose",
      "previousSchool.m3",
      "previousSchool.m4",
      "expectedDeliveryDate.m2",
      "careCertificationEnd.m5",
      "basicPensionNumber.m1",
      "basicPensionNumber.m2",
      "disabilityCertificateKind.m3",
      "disabilityCertificateNumber.m3",
      "mopedFrameNumber.m1",
      "mopedDisplacement.m1",
    ]);
    const oneStop = plan.procedures.filter((p) => p.handling === "one-stop");
    // The new address is printed by every one of the 18 forms, and asked once.
    expect(questions.find((q) => q.key === "newAddress")?.procedureIds).toHaveLength(oneStop.length);
    // The bank account serves two claims (児童手当 and ひとり親医療) and is asked once.
    expect(questions.find((q) => q.key === "bankCode")?.procedureIds).toEqual([
      "jidoteate.claim",
      "hitorioya-iryo.enroll",
    ]);
  });

  it("never asks what the registry record or the event already says", () => {
    const { household, plan } = planned(moveInFamily);
    const keys = questionsFor(plan, household).map((q) => q.key);
    for (const known of [
      "name",
      "kana",
      "birthDate",
      "sex",
      "relation",
      "movingDate",
      "headName",
      "applicant",
      "grade",
    ]) {
      expect(keys).not.toContain(known);
    }
  });

  it("asks a registry field only for the member whose record lacks it, once across forms", () => {
    const raw = structuredClone(moveInFamily);
    delete (raw.members[3] as { name?: string }).name;
    const { household, plan } = planned(raw);
    const questions = questionsFor(plan, household);
    const name = questions.filter((q) => q.key === "name");
    expect(name).toHaveLength(1);
    expect(name[0]).toMatchObject({ memberId: "m4", source: "registry" });
    // m4 is on the move-in, kokuho, child-allowance, child-medical and school forms.
    expect(name[0]?.procedureIds.length).toBeGreaterThanOrEqual(5);
  });

  it("asks the overlapping fields of a bereavement once: bank account, address, phone", () => {
    const { household, plan } = planned(deathOfParent);
    const questions = questionsFor(plan, household);
    const list = refs(questions);
    expect(new Set(list).size).toBe(list.length);
    for (const key of ["address", "phone", "bankCode", "funeralDate", "deathPlace", "honseki", "heirName"]) {
      expect(list.filter((k) => k === key)).toHaveLength(1);
    }
    // The funeral host is a member: the name comes from the record, not from a question.
    expect(list).not.toContain("funeralHostName");
    expect(questions.find((q) => q.key === "bankCode")?.procedureIds).toEqual([
      "kokuho.funeral-benefit",
      "jidoteate.claim",
    ]);
  });

  it("asks for the funeral host's name when the household does not say who it is", () => {
    const raw = structuredClone(deathOfElder) as { event: { funeralHost?: string } };
    delete raw.event.funeralHost;
    const { household, plan } = planned(raw);
    expect(refs(questionsFor(plan, household))).toContain("funeralHostName");
  });

  it("asks nothing for procedures the counter only explains", () => {
    const { household } = planned(moveInFamily);
    const settings = getMunicipalitySettings("yatsushiro");
    const plan = planGuidance(household, settings);
    expect(plan.procedures.find((p) => p.id === "keiji.moped")?.handling).toBe("guidance");
    expect(refs(questionsFor(plan, household))).not.toContain("mopedFrameNumber.m1");
  });

  it("asks the moped's plate, not its frame number, when the owner moves within the city", () => {
    const { household, plan } = planned(moveWithinFamily);
    const list = refs(questionsFor(plan, household));
    expect(list).toContain("mopedPlateNumber.w1");
    expect(list).not.toContain("mopedFrameNumber.w1");
  });

  it("asks exactly what renderForms leaves blank when nothing is answered, and nothing once all is", async () => {
    for (const fixture of [moveInFamily, deathOfParent, moveWithinFamily]) {
      const { household, plan } = planned(fixture);
      const questions = refs(questionsFor(plan, household));
      const rendered = await renderForms({ household, plan });
      const blank = rendered.missing.map((m) => (m.memberId ? `${m.key}.${m.memberId}` : m.key));
      expect(blank.sort()).toEqual([...questions].sort());
    }
    const { household, plan } = planned(moveInFamily);
    const full = await renderForms({ household, plan, answers: moveInAnswers });
    expect(full.missing).toEqual([]);
  });

  it("defaults the filer to the head, or for a death to the funeral host", () => {
    expect(defaultApplicant(planned(moveInFamily).household)).toBe("m1");
    expect(defaultApplicant(planned(deathOfParent).household)).toBe("d2");
    const parsed = parseAnswers({ applicant: "m2" }, planned(moveInFamily).household);
    expect(parsed.problems).toEqual([]);
    expect(parsed.answers.household.applicant).toBe("m2");
  });
});
