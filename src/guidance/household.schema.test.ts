import { describe, expect, it } from "vitest";
import { householdSchema, normalizeNameText } from "./household.schema";

const household = (memberExtra: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({
  event: { type: "move-in", date: "2026-04-06" },
  members: [{ id: "m1", relation: "head", birthDate: "1990-01-01", insurance: "employee", ...memberExtra }],
  ...extra,
});

describe("the household schema", () => {
  it("accepts the reference example", () => {
    const result = householdSchema.safeParse({
      event: { type: "move-in", date: "2026-04-01", origin: "other-municipality", crossPrefecture: true },
      members: [
        {
          id: "m1",
          relation: "head",
          birthDate: "1984-06-02",
          insurance: "employee",
          pension: "cat2",
          myNumberCard: true,
          owns: ["lightVehicle"],
        },
        { id: "m4", relation: "child", birthDate: "2022-05-05", insurance: "employee", needsDaycare: true },
      ],
      requests: [],
    });
    expect(result.success).toBe(true);
  });

  it.each([
    ["the document", household({}, { extra: 1 }), ["extra"]],
    [
      "the event",
      { ...household(), event: { type: "move-in", date: "2026-04-06", when: "now" } },
      ["event", "when"],
    ],
    ["a member", household({ shoeSize: 27 }), ["members", 0, "shoeSize"]],
  ])("refuses an unknown key in %s", (_, input, path) => {
    const result = householdSchema.safeParse(input);
    expect(result.success).toBe(false);
    const issue = result.error?.issues[0];
    expect(issue?.code).toBe("unrecognized_keys");
    expect([...(issue?.path ?? []), ...(issue?.code === "unrecognized_keys" ? issue.keys : [])]).toEqual(
      path,
    );
  });

  it("leaves answers open to any keys the forms define", () => {
    const result = householdSchema.safeParse(
      household({}, { answers: { phone: "096-000-0000", bank: { no: 1 } } }),
    );
    expect(result.success).toBe(true);
  });

  it.each(["2026-02-29", "2026-04-31", "2026/04/06", "26-04-06"])("refuses the date %s", (bad) => {
    expect(householdSchema.safeParse(household({ birthDate: bad })).success).toBe(false);
  });

  it("refuses a benefit listed twice", () => {
    expect(householdSchema.safeParse(household({ benefits: ["childMedical", "childMedical"] })).success).toBe(
      false,
    );
  });

  it("refuses an empty household", () => {
    expect(
      householdSchema.safeParse({ event: { type: "death", date: "2026-01-01" }, members: [] }).success,
    ).toBe(false);
  });
});

describe("names and kana", () => {
  it("fold full-width Latin and half-width katakana (NFKC)", () => {
    expect(normalizeNameText("Ａｌｉｃｅ　Ｓｍｉｔｈ")).toBe("Alice Smith");
    expect(normalizeNameText("ﾀｶﾊｼ ｲﾁﾛｳ")).toBe("タカハシ イチロウ");
  });

  it.each([
    ["髙橋", "a variant kanji"],
    ["山﨑", "a CJK compatibility ideograph NFKC leaves alone (U+FA11)"],
    ["𠮷田", "a kanji outside the BMP"],
    ["葛\u{E0100}城", "an ideographic variation sequence (葛 + U+E0100)"],
    ["\uFA19田", "a compatibility ideograph NFKC would change (U+FA19 → U+795E)"],
    ["\uFA10本", "another one (U+FA10 → U+585A)"],
    ["渡邉", "a common variant"],
  ])("keep %s exactly as registered: %s", (name) => {
    expect(normalizeNameText(name)).toBe(name);
    const parsed = householdSchema.parse(household({ name, kana: "ﾃｽﾄ" }));
    expect(parsed.members[0]?.name).toBe(name);
    expect(parsed.members[0]?.kana).toBe("テスト");
  });

  it("fold the text around a compatibility ideograph without touching it", () => {
    expect("\uFA19".normalize("NFKC")).toBe("\u795E");
    expect(normalizeNameText("ﾃｽﾄ\uFA19Ａ")).toBe("テスト\uFA19A");
  });
});
