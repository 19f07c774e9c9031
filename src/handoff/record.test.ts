import { describe, expect, it } from "vitest";
import { parseAnswers } from "../forms/answers";
import { filerSummary } from "../forms/field-dictionary";
import { deathLivingAlone, moveInAnswers, moveInFamily } from "../forms/fixtures/households";
import { planned } from "../forms/test-support";
import { answersForProcedure, buildRecord, type DeliverySource, isoJapanTime } from "./record";

const source: DeliverySource = {
  deliveryId: "d1",
  key: "11111111-1111-4111-8111-111111111111:kodomo",
  destination: "kodomo",
  municipalityId: "kumamoto",
  municipalityCode: "431001",
  officeCode: "chuo",
  applicationId: "11111111-1111-4111-8111-111111111111",
  visitId: "22222222-2222-4222-8222-222222222222",
  procedureId: "jidoteate.claim",
  members: ["m0", "m1"],
  data: {
    name: "児童手当 認定請求",
    event: { type: "move-in", date: "2026-04-06" },
    members: [
      { id: "m0", relation: "head", name: "𠮷田 太郎" },
      { id: "m1", relation: "child", name: "𠮷田 花" },
      { id: "m2", relation: "spouse", name: "𠮷田 桜" },
    ],
    answers: {
      bankCode: "0001",
      accountNumber: "1234567",
      certificatePurpose: "就職",
      basicPensionNumber: { m0: "1234567890" },
      newAddress: "熊本市中央区手取本町1-1",
    },
    deadline: "2026-04-20",
    filer: {
      type: "member",
      memberId: "m2",
      name: "𠮷田 桜",
      kana: "ヨシダ サクラ",
      address: "熊本市中央区手取本町1-1",
      relation: "母",
    },
  },
  formSha256: "a".repeat(64),
  acceptedAt: new Date("2026-04-06T01:15:00.000Z"),
};

describe("buildRecord", () => {
  it("gives the same record for the same source, so a retry sends the same bytes", () => {
    expect(JSON.stringify(buildRecord(source))).toBe(JSON.stringify(buildRecord({ ...source })));
  });

  it("carries the key, the codes, the time in Japan and only the members the application concerns", () => {
    const record = buildRecord(source);
    expect(record).toMatchObject({
      format: "madoguchi.handoff/1",
      key: source.key,
      municipality: { id: "kumamoto", code: "431001" },
      office: { code: "chuo" },
      application: { procedureId: "jidoteate.claim", acceptedAt: "2026-04-06T10:15:00.000+09:00" },
    });
    expect(record.members.map((m) => m.id)).toEqual(["m0", "m1"]);
  });

  it("sends only the answers the procedure's form prints", () => {
    const answers = buildRecord(source).answers;
    expect(answers.bankCode).toBe("0001");
    expect(answers.accountNumber).toBe("1234567");
    // The certificate purpose belongs to another form, the pension number too.
    expect(answers.certificatePurpose).toBeUndefined();
    expect(answers.basicPensionNumber).toBeUndefined();
  });
});

describe("the filer in the record", () => {
  it("carries the filer's name, kana, address and relation as the forms printed them", () => {
    expect(buildRecord(source).filer).toEqual({
      type: "member",
      memberId: "m2",
      name: "𠮷田 桜",
      kana: "ヨシダ サクラ",
      address: "熊本市中央区手取本町1-1",
      relation: "母",
    });
  });

  it("is null for an application stored before the filer was recorded", () => {
    const data = { ...(source.data as Record<string, unknown>), filer: undefined };
    expect(buildRecord({ ...source, data }).filer).toBeNull();
  });

  it("keeps the event's crossPrefecture as the visit settled it", () => {
    const data = {
      ...(source.data as Record<string, unknown>),
      event: { type: "move-in", date: "2026-04-06", crossPrefecture: true },
    };
    expect(buildRecord({ ...source, data }).event.crossPrefecture).toBe(true);
  });

  it("is what the forms print: filerSummary of a household filed by a son from elsewhere", () => {
    const { household } = planned(deathLivingAlone);
    const answers = parseAnswers({}, household).answers;
    expect(filerSummary(household, answers, ["k1"])).toEqual({
      type: "other-relative",
      name: "中村 太郎",
      kana: "ナカムラ タロウ",
      address: "福岡県福岡市中央区天神一丁目8番1号",
      phone: "092-711-4111",
      relation: "親族",
    });
    const wife = planned({ ...moveInFamily, filer: { member: "m2" } }).household;
    const summary = filerSummary(wife, parseAnswers(moveInAnswers, wife).answers, ["m1", "m2"]);
    expect(summary).toMatchObject({ type: "member", memberId: "m2", name: "𠮷田 花子", relation: "本人" });
    expect(summary.address).toBe(moveInAnswers.newAddress);
  });
});

describe("answersForProcedure", () => {
  it("keeps per-member answers only for the application's members", () => {
    const out = answersForProcedure(
      "nenkin.enroll",
      { basicPensionNumber: { m0: "1234567890", m2: "0987654321" } },
      ["m0"],
    );
    expect(out).toEqual({ basicPensionNumber: { m0: "1234567890" } });
  });

  it("passes nothing for a procedure without a form template", () => {
    expect(answersForProcedure("local.unknown", { newAddress: "x" }, [])).toEqual({});
  });
});

it("writes Japan time with its offset", () => {
  expect(isoJapanTime(new Date("2026-12-31T15:00:00Z"))).toBe("2027-01-01T00:00:00.000+09:00");
});
