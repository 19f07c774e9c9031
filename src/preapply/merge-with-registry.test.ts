import { describe, expect, it } from "vitest";
import { draftFromHousehold } from "../guidance/guidance-form";
import { mergeWithRegistry } from "./merge-with-registry";

const registry = draftFromHousehold(
  {
    event: { type: "move-out", date: "2026-05-01" },
    members: [
      {
        id: "m1",
        name: "髙橋 一郎",
        kana: "タカハシ イチロウ",
        relation: "head",
        birthDate: "1960-03-03",
        sex: "male",
      },
      {
        id: "m2",
        name: "髙橋 恵子",
        kana: "タカハシ ケイコ",
        relation: "spouse",
        birthDate: "1962-07-07",
        sex: "female",
      },
    ],
  },
  "2026-04-06",
  { fromRegistry: true },
);

const entered = {
  event: { type: "move-out", date: "2026-05-10", destination: "other-municipality" },
  // Entered in another order, one kana mistyped, her insurance only the resident knows.
  members: [
    {
      id: "m1",
      name: "髙橋 恵子",
      kana: "タカハシ ケイ",
      relation: "spouse",
      birthDate: "1962-07-07",
      insurance: "kokuho",
    },
    {
      id: "m2",
      name: "髙橋　一郎",
      kana: "タカハシ イチロウ",
      relation: "head",
      birthDate: "1960-03-03",
      insurance: "kokuho",
    },
  ],
  filer: { member: "m1" },
  answers: { newAddress: "福岡市中央区天神1-1" },
};

describe("a pre-application merged with the registry household", () => {
  it("keeps the registry's facts, the resident's event and what only they could say, and lists the differences", () => {
    const { draft, differences } = mergeWithRegistry(registry, entered, "2026-04-06");
    expect(draft.members.map((m) => m.name)).toEqual(["髙橋 一郎", "髙橋 恵子"]);
    expect(draft.members[1]?.kana).toBe("タカハシ ケイコ");
    expect(draft.members.every((m) => m.fromRegistry)).toBe(true);
    expect(draft.members.map((m) => m.insurance)).toEqual(["kokuho", "kokuho"]);
    expect(draft.event.date).toBe("2026-05-10");
    expect(draft.newAddress).toBe("福岡市中央区天神1-1");
    // The resident named 恵子 (their m1) as the filer: she is the registry's m2.
    expect(draft.filer.choice).toBe("m2");
    expect(differences).toEqual([
      { position: 2, field: "kana", entered: "タカハシ ケイ", registry: "タカハシ ケイコ" },
    ]);
  });

  it("leaves the registry's draft as it is without an entry", () => {
    expect(mergeWithRegistry(registry, null, "2026-04-06")).toEqual({ draft: registry, differences: [] });
  });
});
