import { CatalogError } from "./catalog.errors";
import { getCatalog } from "./load-catalog";
import {
  checkSettings,
  type MunicipalitySettings,
  type MunicipalitySettingsInput,
} from "./municipality.schema";
import { kumamotoPlaces } from "./places.kumamoto";

/**
 * The national baseline: the catalogue as written. It carries Kumamoto's child-medical limit
 * (grade 12) because the issue fixes "national baseline with Kumamoto's limits" as the default and
 * there is no national child-medical programme to take a limit from.
 */
const national: MunicipalitySettingsInput = {
  id: "national",
  code: null,
  name: { ja: "全国標準", en: "National baseline" },
  childMedicalGradeLimit: 12,
  departmentLabels: {
    resident: { ja: "住民記録の窓口", en: "Resident registration" },
    insurance: { ja: "国民健康保険・年金の窓口", en: "Health insurance and pension" },
    welfare: { ja: "福祉の窓口", en: "Welfare" },
    children: { ja: "子育て支援の窓口", en: "Child and family support" },
    education: { ja: "就学の窓口", en: "School enrolment" },
    tax: { ja: "税の窓口", en: "Taxation" },
  },
};

const kumamoto: MunicipalitySettingsInput = {
  id: "kumamoto",
  code: "431001",
  // The city's foreign residents read Chinese, Vietnamese, Korean and English most; many elderly residents
  // and children read やさしい日本語 best.
  languages: ["ja", "ja-x-easy", "en", "zh-Hans", "ko", "vi"],
  name: {
    ja: "熊本市",
    en: "Kumamoto City",
    "zh-Hans": "熊本市",
    ko: "구마모토시",
    vi: "Thành phố Kumamoto",
  },
  // こども医療費助成 covers high-school age since December 2023.
  childMedicalGradeLimit: 12,
  // Residents read these on the guidance sheet in their own language: given in each of them.
  departmentLabels: {
    resident: {
      ja: "区民課",
      en: "Residents Division",
      "zh-Hans": "区民课",
      ko: "구민과",
      vi: "Phòng Cư dân",
    },
    insurance: {
      ja: "区民課（保険年金）",
      "ja-x-easy": "区民課（保険と 年金）",
      en: "Residents Division (Insurance and Pension)",
      "zh-Hans": "区民课（保险・年金）",
      ko: "구민과(보험·연금)",
      vi: "Phòng Cư dân (Bảo hiểm và Lương hưu)",
    },
    welfare: {
      ja: "福祉課",
      en: "Welfare Division",
      "zh-Hans": "福祉课",
      ko: "복지과",
      vi: "Phòng Phúc lợi",
    },
    children: {
      ja: "保健子ども課",
      en: "Health and Children Division",
      "zh-Hans": "保健儿童课",
      ko: "보건어린이과",
      vi: "Phòng Y tế và Trẻ em",
    },
    education: {
      ja: "区民課（就学）",
      "ja-x-easy": "区民課（学校の 手続き）",
      en: "Residents Division (School Enrolment)",
      "zh-Hans": "区民课（入学）",
      ko: "구민과(취학)",
      vi: "Phòng Cư dân (Nhập học)",
    },
    tax: {
      ja: "市民税課 / 税務室",
      "ja-x-easy": "市民税課 / 税務室（税金の 窓口）",
      en: "Municipal Tax Division / Tax Office",
      "zh-Hans": "市民税课 / 税务室",
      ko: "시민세과 / 세무실",
      vi: "Phòng Thuế thị dân / Văn phòng thuế",
    },
  },
  places: kumamotoPlaces,
  // The ward offices' counter printers take A3: the 戸籍 届書 print as the one sheet of the 法務省様式.
  kosekiPaper: "A3",
};

/**
 * A second demo tenant whose settings differ from Kumamoto's on purpose (a lower child-medical
 * limit, the moped counter not at the one-stop desk), so tests can show that settings matter.
 */
const yatsushiro: MunicipalitySettingsInput = {
  id: "yatsushiro",
  code: "432024",
  name: { ja: "八代市", en: "Yatsushiro City" },
  childMedicalGradeLimit: 9,
  guidanceOnly: ["keiji.moped"],
  // Its counter printers take A4 only: each 戸籍 届書 prints as two A4 pages.
  kosekiPaper: "A4x2",
  departmentLabels: {
    resident: { ja: "市民課", en: "Citizens Division" },
    insurance: { ja: "国保ねんきん課", en: "Health Insurance and Pension Division" },
    welfare: { ja: "福祉課", en: "Welfare Division" },
    children: { ja: "こども未来課", en: "Children's Future Division" },
    education: { ja: "学校教育課", en: "School Education Division" },
    tax: { ja: "税務課", en: "Taxation Division" },
  },
};

const sources: Record<string, MunicipalitySettingsInput> = { national, kumamoto, yatsushiro };

/** The settings `madoguchi guide` uses when no municipality is named. */
export const defaultMunicipalityId = "national";
export const municipalityIds: readonly string[] = Object.keys(sources);

const resolved = new Map<string, MunicipalitySettings>();

/**
 * The validated settings of a municipality. Each call for the same id returns the same object, so
 * the engine's compiled rules are reused. Throws a {@link CatalogError} `municipality.unknown`.
 */
export function getMunicipalitySettings(id: string): MunicipalitySettings {
  const cached = resolved.get(id);
  if (cached) return cached;
  const source = Object.hasOwn(sources, id) ? sources[id] : undefined;
  if (!source) {
    throw new CatalogError("municipality.unknown", "src/catalog/municipalities.ts", [
      { entry: id, path: "", message: `unknown municipality; known: ${municipalityIds.join(", ")}` },
    ]);
  }
  const settings = checkSettings(source, getCatalog(), `src/catalog/municipalities.ts (${id})`);
  resolved.set(id, settings);
  return settings;
}

/** The settings for a signed-in staff member's municipality (the national baseline if it has none). */
export function settingsForMunicipality(municipalityId: string): MunicipalitySettings {
  return getMunicipalitySettings(municipalityIds.includes(municipalityId) ? municipalityId : "national");
}

/**
 * The languages a municipality offers its residents, among those `available` (the catalogue folders):
 * its `languages` setting in that order, Japanese always first; every available one when unset.
 */
export function offeredLocales(municipalityId: string, available: readonly string[]): string[] {
  const chosen = settingsForMunicipality(municipalityId).languages ?? available;
  return ["ja", ...chosen.filter((code) => code !== "ja" && available.includes(code))];
}
