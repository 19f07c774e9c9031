import { describe, expect, it } from "vitest";
import { householdSchema } from "../guidance/household.schema";
import { parseHousehold } from "../guidance/validate";
import { noDomicile } from "./domicile";
import { householdToGuidanceInput, memberFromResident } from "./guidance-input";
import type { HouseholdRecord, ResidentRecord } from "./resident";

const resident = (overrides: Partial<ResidentRecord>): ResidentRecord => ({
  id: "r1",
  residentNo: "2000000001",
  householdId: "h1",
  relation: "head",
  name: "髙橋\u3000一郎",
  kana: "タカハシ\u3000イチロウ",
  birthDate: "1980-05-05",
  sex: "male",
  insurance: "employee",
  pension: "cat2",
  pensionRecipient: false,
  myNumberCard: true,
  careLevel: null,
  disabilityCertificate: false,
  sealRegistered: true,
  pregnant: false,
  needsDaycare: false,
  publicServant: false,
  benefits: [],
  owns: ["lightVehicle"],
  ...noDomicile,
  version: 3,
  ...overrides,
});

const household: HouseholdRecord = {
  id: "h1",
  householdNo: "1000000001",
  ward: "中央区",
  address: "水前寺六丁目12番3号",
  postalCode: "862-0950",
  members: [
    resident({}),
    resident({
      id: "r2",
      relation: "spouse",
      name: "髙橋\u3000葛\u{E0100}子",
      birthDate: "1982-02-01",
      sex: "female",
      pension: "cat3",
      benefits: ["childAllowance"],
      owns: [],
    }),
    resident({
      id: "r3",
      relation: "child",
      name: "髙橋\u3000陽翔",
      birthDate: "2020-06-01",
      pension: null,
      myNumberCard: false,
      sealRegistered: false,
      needsDaycare: true,
      benefits: ["childMedical"],
      owns: [],
    }),
    resident({
      id: "r4",
      relation: "parent",
      name: "髙橋\u3000德次",
      birthDate: "1951-12-01",
      insurance: "kokuho",
      pension: null,
      pensionRecipient: true,
      careLevel: "care2",
      owns: [],
    }),
  ],
};

describe("household → guidance input", () => {
  it("gives an object the guidance engine's household schema accepts, field for field, with no glue", () => {
    const input = householdToGuidanceInput(household, { type: "move-within", date: "2026-04-06" });
    expect(householdSchema.parse(input).members).toHaveLength(4);
    expect(parseHousehold(input).ok).toBe(true);
    expect(input.members[0]).toEqual({
      id: "r1",
      relation: "head",
      name: "髙橋\u3000一郎",
      kana: "タカハシ\u3000イチロウ",
      birthDate: "1980-05-05",
      sex: "male",
      insurance: "employee",
      pension: "cat2",
      myNumberCard: true,
      sealRegistered: true,
      owns: ["lightVehicle"],
    });
    expect(input.members[2]).toMatchObject({ needsDaycare: true, benefits: ["childMedical"] });
    expect(input.members[3]).toMatchObject({ careLevel: "care2", pensionRecipient: true });
  });

  it("keeps the registered name exactly, rare kanji and IVS sequences included", () => {
    const input = householdToGuidanceInput(household, { type: "move-out", date: "2026-04-06" });
    expect(Buffer.from(input.members[1]?.name ?? "")).toEqual(Buffer.from("髙橋\u3000葛\u{E0100}子"));
  });

  it("applies the changes the law makes by age alone: kouki from 75, no pension category from 60", () => {
    // The parent turns 75 on 2026-12-01: before that kokuho, from that day kouki.
    expect(memberFromResident(household.members[3] as ResidentRecord, "2026-11-30").insurance).toBe("kokuho");
    expect(memberFromResident(household.members[3] as ResidentRecord, "2026-12-01").insurance).toBe("kouki");
    const welfare = resident({ birthDate: "1940-01-01", insurance: "welfare", pension: null });
    expect(memberFromResident(welfare, "2026-04-06").insurance).toBe("welfare");
    const turning60 = resident({ birthDate: "1966-04-06", pension: "cat1", insurance: "kokuho" });
    expect(memberFromResident(turning60, "2026-04-05").pension).toBe("cat1");
    expect(memberFromResident(turning60, "2026-04-06").pension).toBeUndefined();
    const input = householdToGuidanceInput(household, { type: "death", date: "2026-12-02", subject: "r4" });
    expect(parseHousehold(input).ok).toBe(true);
  });

  it("leaves out a member born after the event day", () => {
    const input = householdToGuidanceInput(household, { type: "move-within", date: "2020-05-31" });
    expect(input.members.map((m) => m.id)).toEqual(["r1", "r2", "r4"]);
  });

  it("passes 本籍 and 筆頭者 of a Japanese national, leaving out the nationality (absent means JP)", () => {
    const national = resident({ honseki: "熊本県熊本市南区近見五丁目35番", hittousha: "中村\u3000義男" });
    const member = memberFromResident(national, "2026-04-06");
    expect(member).toMatchObject({ honseki: "熊本県熊本市南区近見五丁目35番", hittousha: "中村\u3000義男" });
    expect(member).not.toHaveProperty("nationality");
    expect(member).not.toHaveProperty("residenceStatus");
  });

  it("passes a foreign resident's nationality, status, card number and end of the period of stay, and no 本籍", () => {
    const foreign = resident({
      name: "NGUYEN VAN AN",
      nationality: "VN",
      residenceStatus: "技術・人文知識・国際業務",
      residenceCardNumber: "EH48210395AC",
      residencePeriodEnd: "2028-09-30",
      // What a wrong row might still hold: a foreign resident has no 戸籍.
      honseki: "熊本県熊本市中央区九品寺二丁目8番",
    });
    const member = memberFromResident(foreign, "2026-04-06");
    expect(member).toMatchObject({
      nationality: "VN",
      residenceStatus: "技術・人文知識・国際業務",
      residenceCardNumber: "EH48210395AC",
      residencePeriodEnd: "2028-09-30",
    });
    expect(member).not.toHaveProperty("honseki");
    const permanent = memberFromResident(
      resident({ nationality: "KR", residenceStatus: "特別永住者", residenceCardNumber: "AB12345678CD" }),
      "2026-04-06",
    );
    expect(permanent).not.toHaveProperty("residencePeriodEnd");
    const input = {
      event: { type: "move-within" as const, date: "2026-04-06" },
      members: [member, { ...permanent, id: "r9", relation: "spouse" as const, pension: "cat3" as const }],
    };
    expect(householdSchema.safeParse(input).success).toBe(true);
    expect(parseHousehold(input).ok).toBe(true);
  });
});
