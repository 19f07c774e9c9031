import { describe, expect, it } from "vitest";
import { CatalogError } from "./catalog.errors";
import { getCatalog } from "./load-catalog";
import { defaultMunicipalityId, getMunicipalitySettings, municipalityIds } from "./municipalities";
import { checkSettings, departmentLabel, isLocalGovernmentCode } from "./municipality.schema";
import type { ProcedureEntry } from "./procedure.schema";
import { procedureInfo } from "./procedure-info";

const baseline = {
  id: "test-town",
  code: null,
  name: { ja: "テスト町", en: "Test Town" },
  childMedicalGradeLimit: 6,
  departmentLabels: getMunicipalitySettings("national").departmentLabels,
};

const localEntry: ProcedureEntry = {
  id: "local.gomi-guide",
  name: { ja: "ごみの出し方のご案内", en: "How to put out rubbish" },
  easy: { ja: "ごみを出す日と出し方を案内します。", en: "Explains the collection days and sorting rules." },
  department: "resident",
  handling: "guidance",
  rules: [{ events: ["move-in"], members: { scope: "moving" } }],
  deadline: null,
  documents: [],
  legalBasis: ["廃棄物の処理及び清掃に関する法律 第6条の2"],
};

function settingsError(raw: unknown): CatalogError {
  try {
    checkSettings(raw, getCatalog(), "test-town.json");
  } catch (error) {
    if (error instanceof CatalogError) return error;
    throw error;
  }
  throw new Error("the settings loaded");
}

describe("municipality settings", () => {
  it("offer the national baseline, Kumamoto and Yatsushiro, with the national baseline as default", () => {
    expect(municipalityIds).toEqual(["national", "kumamoto", "yatsushiro"]);
    expect(defaultMunicipalityId).toBe("national");
  });

  it("give the national baseline Kumamoto's child-medical limit (grade 12)", () => {
    expect(getMunicipalitySettings("national").childMedicalGradeLimit).toBe(12);
    expect(getMunicipalitySettings("kumamoto").childMedicalGradeLimit).toBe(12);
    expect(getMunicipalitySettings("yatsushiro").childMedicalGradeLimit).toBe(9);
  });

  it("carry Kumamoto's code and ward-office labels", () => {
    const kumamoto = getMunicipalitySettings("kumamoto");
    expect(kumamoto.code).toBe("431001");
    expect(kumamoto.departmentLabels.resident.ja).toBe("区民課");
    expect(kumamoto.departmentLabels.insurance.ja).toBe("区民課（保険年金）");
    expect(kumamoto.departmentLabels.welfare.ja).toBe("福祉課");
    expect(kumamoto.departmentLabels.children.ja).toBe("保健子ども課");
    expect(kumamoto.departmentLabels.education.ja).toBe("区民課（就学）");
    expect(kumamoto.departmentLabels.tax.ja).toBe("市民税課 / 税務室");
  });

  it("label an external procedure with its body's name rather than a ward-office department", () => {
    const national = getMunicipalitySettings("national");
    const kumamoto = getMunicipalitySettings("kumamoto");
    const entry = (id: string) => getCatalog().byId.get(id) as ProcedureEntry;
    expect(departmentLabel(national, entry("nenkin.death-report")).ja).toBe("年金事務所");
    // Where the municipality names its places, the body is the one it names: the city's own bureau.
    expect(departmentLabel(kumamoto, entry("suido.notice")).ja).toBe("熊本市上下水道局");
    expect(departmentLabel(kumamoto, entry("inu.registration-change")).ja).toBe("熊本市動物愛護センター");
  });

  it("return the same object for the same id, so compiled rules are reused", () => {
    expect(getMunicipalitySettings("kumamoto")).toBe(getMunicipalitySettings("kumamoto"));
  });

  it("refuse an unknown municipality with a typed error listing the known ones", () => {
    expect(() => getMunicipalitySettings("atlantis")).toThrow(CatalogError);
    expect(() => getMunicipalitySettings("atlantis")).toThrow(/national, kumamoto, yatsushiro/);
    expect(() => getMunicipalitySettings("toString")).toThrow(CatalogError);
  });

  it.each([
    ["431001", true],
    ["432024", true],
    ["131016", true],
    ["431002", false],
    ["43100", false],
    ["43100a", false],
  ])("accept %s as a 全国地方公共団体コード: %s", (code, valid) => {
    expect(isLocalGovernmentCode(code)).toBe(valid);
  });

  it("refuse settings naming a procedure the catalogue does not have, listing every such name", () => {
    const error = settingsError({
      ...baseline,
      guidanceOnly: ["juki.move-in", "juki.teleport"],
      procedureNames: { "juki.levitate": { ja: "浮遊届", en: "Levitation" } },
    });
    expect(error.code).toBe("settings.invalid");
    expect(error.file).toBe("test-town.json");
    expect(error.issues.map((i) => i.path)).toEqual(["guidanceOnly[1]", "procedureNames.juki.levitate"]);
  });

  it("refuse a local procedure that reuses a catalogue id", () => {
    const error = settingsError({ ...baseline, localProcedures: [{ ...localEntry, id: "juki.move-in" }] });
    expect(error.issues[0]?.message).toContain("already taken");
  });

  it("refuse a malformed code and a child-medical limit beyond high-school age", () => {
    const error = settingsError({ ...baseline, code: "431002", childMedicalGradeLimit: 13 });
    expect(error.issues.map((i) => i.path)).toEqual(["code", "childMedicalGradeLimit"]);
  });

  it("accept local procedures and describe them with the municipality's labels", () => {
    const settings = checkSettings({ ...baseline, localProcedures: [localEntry] }, getCatalog(), "t");
    expect(procedureInfo("local.gomi-guide", settings)?.place.ja).toBe("住民記録の窓口");
    expect(procedureInfo("juki.move-in", getMunicipalitySettings("kumamoto"))).toEqual(
      expect.objectContaining({
        name: expect.objectContaining({ ja: "転入届", en: "Notification of moving in" }),
        place: expect.any(Object),
      }),
    );
    expect(procedureInfo("no.such", settings)).toBeUndefined();
  });
});
