import { describe, expect, it } from "vitest";
import { familyRoles } from "./draft-from-registry";

type Facts = Parameters<typeof familyRoles>[1][number];
const m = (relation: Facts["relation"], sex: Facts["sex"], pregnant = false): Facts => ({
  relation,
  sex,
  pregnant,
});
const family = [m("head", "male"), m("spouse", "female"), m("child", "female")];

describe("the family roles the registry already tells", () => {
  it.each([
    ["a birth opened from the mother", "birth", family, 1, { mother: "m2" }],
    ["a birth opened from the father: the one woman of the couple", "birth", family, 0, { mother: "m2" }],
    [
      "a birth opened from a grandparent: the member noted as pregnant",
      "birth",
      [m("head", "female"), m("child", "female", true), m("child", "female")],
      0,
      { mother: "m2" },
    ],
    [
      "a birth in a household of two women, none noted as pregnant: nothing chosen",
      "birth",
      [m("head", "female"), m("spouse", "female")],
      -1,
      {},
    ],
    ["a divorce: the head and the spouse", "divorce", family, 2, { partners: ["m1", "m2"] }],
    ["a divorce without a spouse on record: nothing chosen", "divorce", [m("head", "female")], 0, {}],
    ["a marriage: the resident opened as the first partner", "marriage", family, 2, { partners: ["m3", ""] }],
    ["a move: no family roles", "move-within", family, 0, {}],
  ] as const)("%s", (_case, event, members, subject, expected) => {
    expect(familyRoles(event, members, subject)).toEqual(expected);
  });
});
