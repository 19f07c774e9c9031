import type { Db } from "../db/database";
import { applyRegistryRows } from "./apply-registry-rows";
import type { RegistryRow } from "./registry-row";

/** A resident row for tests: an employed head of household in 中央区 unless overridden. */
export function registryRow(overrides: Partial<RegistryRow> = {}): RegistryRow {
  return {
    residentNo: "2000000001",
    householdNo: "1000000001",
    relation: "head",
    name: "熊本\u3000太郎",
    kana: "クマモト\u3000タロウ",
    birthDate: "1980-05-05",
    sex: "male",
    ward: "中央区",
    address: "水前寺六丁目12番3号",
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
    owns: [],
    ...overrides,
  };
}

/** Writes rows as the import does (in one transaction), failing loudly on a household without one head. */
export async function writeRows(db: Db, municipalityId: string, rows: RegistryRow[]): Promise<void> {
  await db.transaction(async (tx) => {
    const result = await applyRegistryRows(tx, rows, {
      municipalityId,
      context: { source: "core-system", actorUsername: "test" },
      recordCreation: true,
    });
    if (result.headProblems.length > 0) throw new Error(JSON.stringify(result.headProblems));
  });
}

/** Three households with registered rare forms, for search tests; each member's number is unique. */
export const rareKanjiHouseholds = (): RegistryRow[] => [
  registryRow({
    residentNo: "R1",
    householdNo: "H1",
    name: "髙橋\u3000一郎",
    kana: "タカハシ\u3000イチロウ",
  }),
  registryRow({
    residentNo: "R2",
    householdNo: "H1",
    relation: "spouse",
    name: "髙橋\u3000葛\u{E0100}子",
    kana: "タカハシ\u3000カツコ",
    birthDate: "1982-02-01",
    sex: "female",
    pension: "cat3",
    benefits: ["childAllowance"],
  }),
  registryRow({
    residentNo: "R3",
    householdNo: "H1",
    relation: "child",
    name: "髙橋\u3000陽翔",
    kana: "タカハシ\u3000ハルト",
    birthDate: "2019-06-01",
    pension: null,
    myNumberCard: false,
    sealRegistered: false,
    benefits: ["childMedical"],
  }),
  registryRow({
    residentNo: "R4",
    householdNo: "H2",
    name: "山﨑\u3000花子",
    kana: "ヤマサキ\u3000ハナコ",
    birthDate: "1950-03-03",
    sex: "female",
    insurance: "kouki",
    pension: null,
    pensionRecipient: true,
    careLevel: "care1",
    ward: "東区",
    address: "健軍三丁目1番2号",
  }),
  registryRow({
    residentNo: "R5",
    householdNo: "H3",
    name: "\u{20BB7}田\u3000邉太",
    kana: "ヨシダ\u3000ヘンタ",
    birthDate: "1975-07-07",
    insurance: "kokuho",
    pension: "cat1",
    ward: "北区",
    address: "植木町岩野123番地4",
  }),
  registryRow({
    residentNo: "R6",
    householdNo: "H4",
    name: "高橋\u3000次郎",
    kana: "タカハシ\u3000ジロウ",
    birthDate: "1990-01-15",
    ward: "西区",
    address: "春日一丁目1番1号",
  }),
];

/** The personas of the counter's stories (demo-personas.ts), for tests that tell them. */
export { nakamuraKiyo, nakamuraTaro, nguyenFamily } from "./demo-personas";
