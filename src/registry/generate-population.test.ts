import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { householdSchema } from "../guidance/household.schema";
import { parseHousehold } from "../guidance/validate";
import { parseCsv } from "./csv";
import { domicileProblems, isCardNumber, noDomicile } from "./domicile";
import { generatePopulation, mulberry32 } from "./generate-population";
import { householdToGuidanceInput } from "./guidance-input";
import { foreignNationalities, honsekiPlaces, kumamotoWards } from "./kumamoto-population";
import { allRegistryColumns, readHeader, readRow, registryCsvLine } from "./registry-csv";
import type { RegistryRow } from "./registry-row";
import { ageOn, type HouseholdRecord, type ResidentRecord } from "./resident";

const asOf = "2026-04-06";
const generate = (residents: number, seed = 7) => [...generatePopulation({ seed, residents, asOf })];
const population = generate(30_000);
const rows = population.flatMap((h) => h.rows);

const asResident = (r: RegistryRow, householdId: string): ResidentRecord => ({
  ...r,
  id: r.residentNo,
  householdId,
  nationality: r.nationality ?? "JP",
  honseki: r.honseki ?? null,
  hittousha: r.hittousha ?? null,
  residenceStatus: r.residenceStatus ?? null,
  residenceCardNumber: r.residenceCardNumber ?? null,
  residencePeriodEnd: r.residencePeriodEnd ?? null,
  version: 1,
});

const asRecord = (h: (typeof population)[number]): HouseholdRecord => ({
  id: h.householdNo,
  householdNo: h.householdNo,
  ward: h.rows[0]?.ward ?? "",
  address: h.rows[0]?.address ?? "",
  postalCode: h.rows[0]?.postalCode ?? null,
  members: h.rows.map((r) => asResident(r, h.householdNo)),
});

describe("mulberry32", () => {
  it("gives the same sequence for the same seed and another for another seed", () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const c = mulberry32(43);
    const first = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(first);
    expect([c(), c(), c()]).not.toEqual(first);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

describe("the synthetic Kumamoto population", () => {
  it("is reproducible from the seed, size and date, and differs for another seed", () => {
    expect(JSON.stringify(generate(2_000))).toBe(JSON.stringify(generate(2_000)));
    expect(JSON.stringify(generate(2_000, 8))).not.toBe(JSON.stringify(generate(2_000)));
  });

  it("has exactly the residents asked for, with unique numbers and one head per household", () => {
    expect(rows).toHaveLength(30_000);
    expect(new Set(rows.map((r) => r.residentNo)).size).toBe(30_000);
    for (const h of population) expect(h.rows.filter((r) => r.relation === "head")).toHaveLength(1);
  });

  it("follows Kumamoto's age pyramid and household sizes", () => {
    const ages = rows.map((r) => ageOn(r.birthDate, asOf));
    const share = (f: (age: number) => boolean) => ages.filter(f).length / ages.length;
    // Kumamoto City (2020 census): under 15 ≈ 13.5%, 65 and over ≈ 26%, 75 and over ≈ 13%.
    expect(share((a) => a < 15)).toBeGreaterThan(0.11);
    expect(share((a) => a < 15)).toBeLessThan(0.16);
    expect(share((a) => a >= 65)).toBeGreaterThan(0.22);
    expect(share((a) => a >= 65)).toBeLessThan(0.3);
    expect(share((a) => a >= 75)).toBeGreaterThan(0.1);
    expect(share((a) => a >= 75)).toBeLessThan(0.17);
    const average = rows.length / population.length;
    expect(average).toBeGreaterThan(2);
    expect(average).toBeLessThan(2.4);
    const singles = population.filter((h) => h.rows.length === 1).length / population.length;
    expect(singles).toBeGreaterThan(0.3);
    expect(singles).toBeLessThan(0.45);
  });

  it("gives insurance by age and work, and a pension category only from 20 to 59", () => {
    for (const r of rows) {
      const age = ageOn(r.birthDate, asOf);
      if (r.insurance === "kouki") expect(age).toBeGreaterThanOrEqual(65);
      if (r.insurance === "kouki" && age < 75) expect(r.disabilityCertificate).toBe(true);
      if (age >= 75) expect(["kouki", "welfare"]).toContain(r.insurance);
      if (r.pension !== null) expect(age >= 20 && age <= 59).toBe(true);
      if (r.pension === "cat3") expect(r.relation).toBe("spouse");
      if (r.benefits.includes("childMedical")) expect(r.relation).toBe("child");
    }
    const share = (f: (r: (typeof rows)[number]) => boolean) => rows.filter(f).length / rows.length;
    expect(share((r) => r.insurance === "welfare")).toBeGreaterThan(0.01);
    expect(share((r) => r.insurance === "welfare")).toBeLessThan(0.035);
    expect(share((r) => r.insurance === "employee")).toBeGreaterThan(0.35);
    expect(share((r) => r.insurance === "kokuho")).toBeGreaterThan(0.12);
    expect(share((r) => r.careLevel !== null)).toBeGreaterThan(0.03);
    expect(share((r) => r.benefits.includes("childAllowance"))).toBeGreaterThan(0.03);
  });

  it("registers rare and variant kanji at a realistic rate, with IVS sequences kept", () => {
    const rare =
      rows.filter((r) => /[髙﨑𠮷邉邊齋齊澤濵濱櫻廣嶋德瀨國]|\u{E0100}/u.test(r.name)).length / rows.length;
    expect(rare).toBeGreaterThan(0.01);
    expect(rare).toBeLessThan(0.06);
    expect(rows.some((r) => r.name.includes("髙橋"))).toBe(true);
    expect(rows.some((r) => r.name.includes("\u{20BB7}"))).toBe(true);
    expect(rows.some((r) => r.name.includes("葛\u{E0100}"))).toBe(true);
  });

  it("places every household in one of the 5 wards", () => {
    const wards = new Set(rows.map((r) => r.ward));
    expect([...wards].sort()).toEqual(["中央区", "北区", "南区", "東区", "西区"].sort());
    for (const h of population) expect(new Set(h.rows.map((r) => `${r.ward}${r.address}`)).size).toBe(1);
  });

  it("makes only households that the guidance validation accepts, for every event the counter handles", () => {
    const events = [
      { type: "move-within", date: asOf },
      { type: "move-between-wards", date: asOf },
      { type: "move-out", date: asOf },
    ] as const;
    let checked = 0;
    for (const [index, h] of population.entries()) {
      const record = asRecord(h);
      const input = householdToGuidanceInput(
        record,
        events[index % events.length] as (typeof events)[number],
      );
      const result = parseHousehold(input);
      if (!result.ok) throw new Error(`${h.householdNo}: ${JSON.stringify(result.problems)}`);
      checked++;
      if (index % 100 === 0) {
        const death = householdToGuidanceInput(record, {
          type: "death",
          date: asOf,
          subject: h.rows[0]?.residentNo,
        });
        expect(householdSchema.safeParse(death).success).toBe(true);
        expect(parseHousehold(death).ok).toBe(true);
      }
    }
    expect(checked).toBe(population.length);
  });

  it("makes about 1.3% of the residents foreign nationals, mostly from Vietnam, China, the Philippines, Korea, Nepal and Indonesia", () => {
    const foreign = rows.filter((r) => r.nationality !== "JP");
    const share = foreign.length / rows.length;
    expect(share).toBeGreaterThan(0.009);
    expect(share).toBeLessThan(0.018);
    const byNationality = new Map<string, number>();
    for (const r of foreign)
      byNationality.set(r.nationality ?? "", (byNationality.get(r.nationality ?? "") ?? 0) + 1);
    const leading = [...byNationality]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 6)
      .map(([code]) => code);
    expect(leading.slice(0, 2).sort()).toEqual(["CN", "VN"]);
    expect(leading).toEqual(expect.arrayContaining(["PH", "KR", "NP"]));
    const statuses = new Set(foreign.map((r) => r.residenceStatus));
    for (const status of ["技能実習", "留学", "永住者", "特定技能1号", "特別永住者", "家族滞在"])
      expect(statuses, status).toContain(status);
    // 特別永住者 are the Korean residents whose families have lived here since before 1945.
    for (const r of foreign.filter((f) => f.residenceStatus === "特別永住者"))
      expect(r.nationality).toBe("KR");
  });

  it("gives each foreign resident a status, a card number and the end of the period of stay (none for permanent residents), and no 本籍", () => {
    for (const r of rows.filter((f) => f.nationality !== "JP")) {
      expect(r.residenceStatus).toBeTruthy();
      expect(isCardNumber(r.residenceCardNumber ?? "")).toBe(true);
      if (r.residenceStatus === "永住者" || r.residenceStatus === "特別永住者")
        expect(r.residencePeriodEnd).toBeNull();
      else expect(r.residencePeriodEnd && r.residencePeriodEnd > asOf).toBe(true);
      expect([r.honseki, r.hittousha]).toEqual([null, null]);
    }
    // Some foreign residents are married to a Japanese national and live in their household.
    expect(population.some((h) => new Set(h.rows.map((r) => r.nationality === "JP")).size === 2)).toBe(true);
  });

  it("gives every Japanese national a 本籍 and a 筆頭者, shared by a couple and their children, usually the head", () => {
    const japanese = rows.filter((r) => r.nationality === "JP");
    for (const r of japanese) {
      expect(r.honseki).toMatch(/^(北海道|東京都|大阪府|京都府|.{2,3}県)/);
      expect(r.hittousha).toMatch(/\u3000/);
      expect([r.residenceStatus, r.residenceCardNumber, r.residencePeriodEnd]).toEqual([null, null, null]);
    }
    const share = (f: (r: RegistryRow) => boolean, of: RegistryRow[]) => of.filter(f).length / of.length;
    expect(share((r) => (r.honseki ?? "").startsWith("熊本県熊本市"), japanese)).toBeGreaterThan(0.5);
    expect(share((r) => !(r.honseki ?? "").startsWith("熊本県"), japanese)).toBeGreaterThan(0.05);
    const heads = japanese.filter((r) => r.relation === "head");
    expect(share((r) => r.hittousha === r.name, heads)).toBeGreaterThan(0.5);
    for (const h of population) {
      const couple = h.rows.filter((r) => r.nationality === "JP" && r.relation !== "parent");
      if (couple.length > 0 && h.rows.some((r) => r.relation === "spouse"))
        expect(new Set(couple.map((r) => `${r.honseki}|${r.hittousha}`)).size).toBe(1);
    }
  });

  it("gives every household the postal code of its town", () => {
    const codes = new Set(kumamotoWards.flatMap((w) => Object.values(w.postalCodes)));
    for (const w of kumamotoWards)
      for (const town of [...w.chome, ...w.banchi])
        expect(w.postalCodes[town], `${w.ward}${town}`).toBeTruthy();
    for (const h of population) {
      expect(codes.has(h.rows[0]?.postalCode ?? "")).toBe(true);
      expect(new Set(h.rows.map((r) => r.postalCode)).size).toBe(1);
    }
  });

  it("writes only rows that the import reads back unchanged", () => {
    const header = readHeader(allRegistryColumns, 1);
    if (!("positions" in header)) throw new Error("header");
    for (const row of rows.slice(0, 5_000)) {
      const fields = parseCsv(registryCsvLine(row)).records[0]?.fields ?? [];
      expect(readRow(fields, 2, header.positions, asOf)).toEqual({ row: { ...row, line: 2 } });
      expect(domicileProblems({ ...noDomicile, ...row } as typeof noDomicile)).toEqual([]);
    }
  });

  it("writes foreign names and 本籍 places in characters a Shift_JIS export holds", () => {
    const texts = [
      ...foreignNationalities.flatMap((n) => [...n.family, ...n.given.male, ...n.given.female].flat()),
      ...honsekiPlaces.prefecture,
      ...honsekiPlaces.elsewhere,
    ];
    expect(texts.filter((text) => iconv.decode(iconv.encode(text, "cp932"), "cp932") !== text)).toEqual([]);
  });
});
