// Every one-stop application of the catalogue — phase 1 and the births, marriages and divorces of
// phase 2 (#18) — reaches the core system that handles it, with the answers its form prints.
import { describe, expect, it } from "vitest";
import procedures from "../catalog/procedures.json";
import { destinationsForProcedure } from "./destination.schema";
import { builtInCatalog } from "./destination-catalog";
import { answersForProcedure } from "./record";

const oneStop = (procedures as { procedures: Array<{ id: string; handling: string }> }).procedures
  .filter((p) => p.handling === "one-stop")
  .map((p) => p.id);
const routes = (id: string) => destinationsForProcedure(builtInCatalog, "kumamoto", id).map((d) => d.id);

describe("the Kumamoto destinations of phase 1 and 2", () => {
  it("give every one-stop procedure of the catalogue a destination", () => {
    for (const id of ["koseki.birth", "koseki.marriage", "koseki.divorce", "jido-fuyo.claim"])
      expect(oneStop).toContain(id);
    expect(oneStop.filter((id) => routes(id).length === 0)).toEqual([]);
  });

  it.each([
    ["koseki.birth", ["koseki"]],
    ["koseki.marriage", ["koseki"]],
    ["koseki.divorce", ["koseki"]],
    ["koseki.keep-surname", ["koseki"]],
    ["juki.household-merge", ["juki"]],
    ["juki.head-change", ["juki"]],
    ["mynumber.name-change", ["juki"]],
    ["inkan.register", ["juki"]],
    ["kokuho.enroll", ["kokuho", "kokuho-api"]],
    ["kokuho.withdraw", ["kokuho", "kokuho-api"]],
    ["kokuho.childbirth-grant", ["kokuho", "kokuho-api"]],
    ["nenkin.category-change", ["kokuho"]],
    ["jidoteate.claim", ["kodomo"]],
    ["jidoteate.amount-change", ["kodomo"]],
    ["jidoteate.terminate", ["kodomo"]],
    ["kodomo-iryo.enroll", ["kodomo"]],
    ["jido-fuyo.claim", ["kodomo"]],
    ["jido-fuyo.amount-change", ["kodomo"]],
    ["jido-fuyo.terminate", ["kodomo"]],
    ["hitorioya-iryo.enroll", ["kodomo"]],
    ["hitorioya-iryo.withdraw", ["kodomo"]],
  ])("send %s to %j", (id, expected) => {
    expect(routes(id)).toEqual(expected);
  });

  it("send nothing for the guidance of these events", () => {
    // Guidance is printed on the sheet, never delivered: the worker only sees one-stop applications.
    for (const id of ["mynumber.card-guidance", "boshi.newborn-visit", "nenkin.cat3-guidance"])
      expect(oneStop).not.toContain(id);
  });
});

describe("the answers a phase-2 application carries", () => {
  const answers = {
    newHonseki: "熊本県熊本市中央区手取本町1番",
    marriageSurname: "husband",
    cohabitationDate: "2026-10-01",
    fatherName: { m1: "阿蘇 一郎", m2: "山鹿 二郎" },
    birthTime: "10:30",
    birthPlace: "熊本市中央区本荘1丁目1番1号",
    bankCode: "0182",
    parentalAuthority: "wife",
    divorceRegister: "new",
    divorceHonseki: "熊本県熊本市東区東町3丁目1番",
    address: "熊本市中央区手取本町1番1号",
  };

  it("give the 戸籍 system what its 届書 print, and only that", () => {
    expect(answersForProcedure("koseki.marriage", answers, ["m1", "m2"])).toEqual({
      address: answers.address,
      cohabitationDate: "2026-10-01",
      fatherName: { m1: "阿蘇 一郎", m2: "山鹿 二郎" },
      marriageSurname: "husband",
      newHonseki: answers.newHonseki,
    });
    expect(answersForProcedure("koseki.birth", answers, ["m4"])).toMatchObject({
      birthPlace: answers.birthPlace,
      birthTime: "10:30",
    });
    expect(answersForProcedure("koseki.birth", answers, ["m4"])).not.toHaveProperty("bankCode");
    expect(answersForProcedure("koseki.divorce", answers, ["m1", "m2"])).toMatchObject({
      parentalAuthority: "wife",
      divorceRegister: "new",
      divorceHonseki: answers.divorceHonseki,
    });
  });

  it("give the child benefit system the bank account of a 児童扶養手当 claim", () => {
    expect(answersForProcedure("jido-fuyo.claim", answers, ["m2"])).toEqual({
      address: answers.address,
      bankCode: "0182",
    });
  });
});
