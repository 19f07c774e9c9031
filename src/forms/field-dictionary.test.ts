import { describe, expect, it } from "vitest";
import { getMunicipalitySettings } from "../catalog/municipalities";
import { planGuidance } from "../guidance/engine";
import { parseAnswers } from "./answers";
import {
  defaultFilerMember,
  fieldDefinitions,
  type InterviewQuestion,
  mergeKnown,
  questionsFor,
} from "./field-dictionary";
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
      "childAllowanceClaimant",
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
    // The 児童手当 claimant is chosen among the adults, never assumed to be the head.
    expect(questions.find((q) => q.key === "childAllowanceClaimant")?.options?.map((o) => o.value)).toEqual([
      "m1",
      "m2",
      "m5",
      "m6",
    ]);
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
      "filer",
      "grade",
      "honseki",
      "hittousha",
      "previousHead",
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
    for (const key of ["address", "phone", "bankCode", "funeralDate", "deathPlace", "heirName"]) {
      expect(list.filter((k) => k === key)).toHaveLength(1);
    }
    // 本籍 is the deceased's own, from the record: not asked.
    expect(list.filter((k) => k.startsWith("honseki"))).toEqual([]);
    // The funeral host is a member: the name comes from the record, not from a question.
    expect(list).not.toContain("funeralHostName");
    expect(questions.find((q) => q.key === "bankCode")?.procedureIds).toEqual([
      "kokuho.funeral-benefit",
      "jidoteate.claim",
    ]);
  });

  it("asks 本籍 and 筆頭者 per Japanese member only when the record lacks them, 在留 facts per foreign member", () => {
    const raw = structuredClone(moveInFamily) as { members: Record<string, unknown>[] };
    delete raw.members[1]?.honseki;
    Object.assign(raw.members[5] as object, { nationality: "PH", honseki: undefined, hittousha: undefined });
    delete raw.members[5]?.honseki;
    delete raw.members[5]?.hittousha;
    const { household, plan } = planned(raw);
    const list = refs(questionsFor(plan, household));
    expect(list.filter((k) => /^(honseki|hittousha|residence)/.test(k))).toEqual([
      "honseki.m2",
      "residenceStatus.m6",
      "residencePeriodEnd.m6",
      "residenceCardNumber.m6",
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

  it("defaults the filer to the head, or for a death to the funeral host, never the deceased", () => {
    expect(defaultFilerMember(planned(moveInFamily).household)).toBe("m1");
    expect(defaultFilerMember(planned(deathOfParent).household)).toBe("d2");
    const noHost = structuredClone(deathOfParent) as { event: { funeralHost?: string } };
    delete noHost.event.funeralHost;
    expect(defaultFilerMember(planned(noHost).household)).toBe("d2");
    const spouseDied = structuredClone(deathOfElder) as { event: { subject: string; funeralHost?: string } };
    spouseDied.event.subject = "e2";
    delete spouseDied.event.funeralHost;
    expect(defaultFilerMember(planned(spouseDied).household)).toBe("e1");
  });

  it("no longer asks who files: the filer is set on the household, and an `applicant` answer is ignored", () => {
    const { household, plan } = planned(moveInFamily);
    expect(refs(questionsFor(plan, household))).not.toContain("applicant");
    const parsed = parseAnswers({ applicant: "m2" }, household);
    expect(parsed.ignored).toEqual(["applicant"]);
  });

  it("asks who filed only when nobody in the household can have: the deceased lived alone", () => {
    const raw = structuredClone(deathOfElder) as { members: unknown[]; event: { funeralHost?: string } };
    raw.members = raw.members.slice(0, 1);
    delete raw.event.funeralHost;
    const { household, plan } = planned(raw);
    expect(refs(questionsFor(plan, household))).toContain("filer");
  });
});

describe("known registry facts", () => {
  it("are never asked: the registered address, the previous address and its head, 本籍", () => {
    const { household, plan } = planned(moveWithinFamily);
    const asked = refs(questionsFor(plan, household));
    expect(asked).toEqual(expect.arrayContaining(["previousAddress", "previousHead"]));
    const known = {
      household: {
        previousAddress: "熊本市中央区手取本町1番1号",
        previousHead: "髙橋 誠",
        newPostalCode: "860-0806",
      },
      members: {},
    };
    const left = refs(questionsFor(plan, household, { known }));
    for (const key of ["previousAddress", "previousHead", "newPostalCode"]) expect(left).not.toContain(key);
    expect(left).toContain("newAddress");
  });

  it("ask a bereavement nothing the registry holds: the deceased's address", () => {
    const { household, plan } = planned(deathOfElder);
    expect(refs(questionsFor(plan, household))).toContain("address");
    const known = { household: { address: "熊本市東区東町一丁目1番1号" }, members: {} };
    expect(refs(questionsFor(plan, household, { known }))).not.toContain("address");
  });

  it("win over interview answers, member by member, and an empty fact is no fact", () => {
    const merged = mergeKnown(
      { household: { address: "typed", phone: "096-000-0000" }, members: { m1: { honseki: "typed" } } },
      {
        household: { address: "registered", phone: "" },
        members: { m1: { honseki: "registered" }, m2: { hittousha: "x" } },
      },
    );
    expect(merged).toEqual({
      household: { address: "registered", phone: "096-000-0000" },
      members: { m1: { honseki: "registered" }, m2: { hittousha: "x" } },
    });
  });
});
