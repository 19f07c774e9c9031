import type {
  Benefit,
  CareLevel,
  Insurance,
  PensionCategory,
  Possession,
  Relation,
  Sex,
} from "../catalog/vocabulary";
import { JAPAN } from "./domicile";
import {
  agePyramid,
  type ForeignHousehold,
  type ForeignNationality,
  foreignNationalities,
  givenNames,
  honsekiPlaces,
  kumamotoWards,
  type Surname,
  surnames,
} from "./kumamoto-population";
import type { RegistryRow } from "./registry-row";

/**
 * A synthetic Kumamoto: households with realistic composition, ages, insurance, pension, care and
 * benefits, generated from a seed. The same seed, size and as-of date give the same population, byte
 * for byte (no Math.random, no clock). Every household it makes passes the guidance validation on
 * the as-of date: 後期高齢者医療 from 75 (from 65 only with a disability certificate), a pension
 * category only from 20 to 59, benefits only where a child of the right age lives.
 *
 * About 1.3% of the residents are foreign nationals (technical interns, students and workers living
 * alone, families with permanent or long-term residence, 特別永住者, spouses of Japanese nationals),
 * each with a 在留資格, a card number and, where the status has one, the end of the period of stay;
 * every Japanese national has a 本籍 and a 筆頭者 consistent with the household's 戸籍.
 */

/** mulberry32: a tiny, fast 32-bit PRNG whose whole state is one number, so a seed reproduces a run. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GenerateOptions {
  seed: number;
  /** Residents to generate; the last household is cut to fit. */
  residents: number;
  /** The day the ages and facts hold on (ISO date). */
  asOf: string;
}

export interface GeneratedHousehold {
  householdNo: string;
  rows: RegistryRow[];
}

const MAX_AGE = 104;
const ageWeights: number[] = Array.from({ length: MAX_AGE + 1 }, (_, age) => {
  const band = Math.min(Math.floor(age / 5), agePyramid.length - 1);
  return (agePyramid[band] ?? 0) / 5;
});

type Kind = "single" | "couple" | "family" | "singleParent" | "threeGen" | "siblings";
// Shares of households by kind, after the 2020 census for the city (average size ≈ 2.2).
const kinds: ReadonlyArray<readonly [Kind, number]> = [
  ["single", 37],
  ["couple", 23],
  ["family", 22],
  ["singleParent", 7],
  ["threeGen", 5],
  ["siblings", 6],
];

interface Person {
  relation: Relation;
  age: number;
  sex: Sex;
  /** Earns their own living (own employee insurance or self-employed). */
  works: boolean;
  /** A foreign resident's nationality and 在留資格; absent for a Japanese national. */
  foreign?: { nationality: ForeignNationality; status: string };
}

// Households with a foreign resident: sized so that about 1.3% of the residents are foreign nationals
// (most live alone: interns, students, workers).
const FOREIGN_HOUSEHOLDS = 0.0205;

/** Statuses whose holder is employed (被用者保険) from the first day. */
const employedStatuses = new Set(["技能実習", "特定技能1号", "技術・人文知識・国際業務", "技能", "教育"]);

/** Statuses whose holders public assistance (生活保護) is extended to, by the 1954 notice. */
const welfareStatuses = new Set(["永住者", "特別永住者", "定住者", "日本人の配偶者等", "永住者の配偶者等"]);

/** Ages of a newcomer living alone, by status. */
const newcomerAges: Record<string, readonly [number, number]> = {
  技能実習: [19, 34],
  特定技能1号: [20, 39],
  留学: [18, 29],
  "技術・人文知識・国際業務": [23, 44],
  教育: [25, 54],
};

/** Days from the as-of day to the end of the period of stay, by status (none for permanent residents). */
const periodDays: Record<string, readonly [number, number] | null> = {
  永住者: null,
  特別永住者: null,
  技能実習: [60, 730],
  特定技能1号: [60, 1095],
  留学: [60, 820],
};
const DEFAULT_PERIOD_DAYS = [90, 1825] as const;

export function* generatePopulation(options: GenerateOptions): Generator<GeneratedHousehold> {
  const rand = mulberry32(options.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;
  const chance = (p: number): boolean => rand() < p;
  const between = (min: number, max: number): number => min + Math.floor(rand() * (max - min + 1));
  const weighted = <T>(items: ReadonlyArray<readonly [T, number]>): T => {
    let total = 0;
    for (const [, w] of items) total += w;
    let x = rand() * total;
    for (const [item, w] of items) {
      x -= w;
      if (x < 0) return item;
    }
    return (items[items.length - 1] as readonly [T, number])[0];
  };
  const sampleAge = (min: number, max: number, boost: (age: number) => number = () => 1): number => {
    let total = 0;
    for (let a = min; a <= max; a++) total += (ageWeights[a] ?? 0) * boost(a);
    let x = rand() * total;
    for (let a = min; a <= max; a++) {
      x -= (ageWeights[a] ?? 0) * boost(a);
      if (x < 0) return a;
    }
    return max;
  };

  const [asOfYear, asOfMonth, asOfDay] = options.asOf.split("-").map(Number) as [number, number, number];
  const asOfUtc = Date.UTC(asOfYear, asOfMonth - 1, asOfDay);
  /** A birth date giving exactly `age` completed years on the as-of day. */
  const birthDateFor = (age: number): string => {
    const latest = Date.UTC(asOfYear - age, asOfMonth - 1, asOfDay);
    const earliest = Date.UTC(asOfYear - age - 1, asOfMonth - 1, asOfDay) + 86_400_000;
    const day = earliest + Math.floor(rand() * ((latest - earliest) / 86_400_000 + 1)) * 86_400_000;
    return new Date(Math.min(day, asOfUtc)).toISOString().slice(0, 10);
  };
  const gradeOn = (birthDate: string): number => {
    const [y, m, d] = birthDate.split("-").map(Number) as [number, number, number];
    const entryYear = y + (m > 4 || (m === 4 && d >= 2) ? 7 : 6);
    const schoolYear = asOfMonth >= 4 ? asOfYear : asOfYear - 1;
    return schoolYear - entryYear + 1;
  };

  const wardShares = kumamotoWards.map((w) => [w, w.share] as const);
  const surnameWeights = surnames.map((s) => [s, s.weight] as const);
  const kanjiNumerals = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

  /** An address with its postal code, and the 本籍 a 戸籍 kept at that place would have. */
  const address = (): { ward: string; address: string; postalCode: string | null; honseki: string } => {
    const ward = weighted(wardShares);
    if (chance(0.75)) {
      const town = pick(ward.chome);
      const block = `${town}${kanjiNumerals[between(1, 9)]}丁目${between(1, 40)}番`;
      return {
        ward: ward.ward,
        address: `${block}${between(1, 30)}号`,
        postalCode: ward.postalCodes[town] ?? null,
        honseki: `熊本県熊本市${ward.ward}${block}`,
      };
    }
    const town = pick(ward.banchi);
    const lot = `${town}${between(1, 3000)}番地`;
    return {
      ward: ward.ward,
      address: chance(0.5) ? lot : `${lot}${between(1, 20)}`,
      postalCode: ward.postalCodes[town] ?? null,
      honseki: `熊本県熊本市${ward.ward}${lot}`,
    };
  };

  /** A 本籍 away from the address: elsewhere in the city, in the prefecture, or further away. */
  const honsekiElsewhere = (): string => {
    const x = rand();
    if (x < 0.35) {
      const ward = weighted(wardShares);
      return `熊本県熊本市${ward.ward}${pick(ward.chome)}${kanjiNumerals[between(1, 9)]}丁目${between(1, 40)}番`;
    }
    const place = x < 0.7 ? pick(honsekiPlaces.prefecture) : pick(honsekiPlaces.elsewhere);
    return place.endsWith("丁目") ? `${place}${between(1, 40)}番` : `${place}${between(1, 3000)}番地`;
  };

  const foreignNationalityWeights = foreignNationalities.map((n) => [n, n.weight] as const);
  /** A foreign household's nationality, the head's 在留資格 and how the household lives. */
  const foreignProfile = () => {
    const nationality = weighted(foreignNationalityWeights);
    const [status, living] = weighted(
      nationality.statuses.map(([s, w, l]) => [[s, l] as readonly [string, ForeignHousehold], w] as const),
    );
    return { nationality, status, living };
  };
  const letter = (): string => String.fromCharCode(65 + Math.floor(rand() * 26));
  const cardNumber = (): string => {
    let digits = "";
    for (let i = 0; i < 8; i++) digits += String(Math.floor(rand() * 10));
    return `${letter()}${letter()}${digits}${letter()}${letter()}`;
  };
  const periodEnd = (status: string): string | null => {
    const days = status in periodDays ? periodDays[status] : DEFAULT_PERIOD_DAYS;
    if (!days) return null;
    return new Date(asOfUtc + between(days[0], days[1]) * 86_400_000).toISOString().slice(0, 10);
  };
  /** The status of a member of a foreign family, from the head's. */
  const familyStatus = (headStatus: string, person: Person): string => {
    if (person.relation === "head" || headStatus === "特別永住者" || headStatus === "定住者")
      return headStatus;
    if (headStatus === "永住者") {
      if (person.relation === "spouse" || person.relation === "child")
        return chance(0.55) ? "永住者" : "永住者の配偶者等";
      return "定住者";
    }
    return "家族滞在";
  };

  const familyName = (surname: Surname): string => {
    for (const [variant, share] of surname.variants ?? []) if (chance(share)) return variant;
    return surname.name;
  };

  const givenName = (sex: Sex, age: number): readonly [string, string] => {
    const born = asOfYear - age;
    const bands = givenNames[sex];
    let list = bands[0]?.names ?? [];
    for (const band of bands) if (born >= band.bornFrom) list = band.names;
    return pick(list);
  };

  const composition = (kind: Kind): Person[] => {
    const people: Person[] = [];
    const add = (relation: Relation, age: number, sex: Sex, works = false) =>
      people.push({ relation, age: Math.max(0, Math.min(MAX_AGE, age)), sex, works });
    const children = (motherAge: number, count: number) => {
      for (let i = 0; i < count; i++) {
        const atBirth = between(21, 41);
        const age = motherAge - atBirth;
        if (age >= 0 && age <= 27)
          add("child", age, chance(0.51) ? "male" : "female", age >= 18 && chance(0.5));
      }
      if (!people.some((p) => p.relation === "child"))
        add("child", between(0, Math.min(17, motherAge - 20)), "female");
    };
    const other = (sex: Sex): Sex => (sex === "male" ? "female" : "male");
    switch (kind) {
      case "single": {
        const age = sampleAge(18, MAX_AGE, (a) => (a < 30 ? 2 : a < 65 ? 0.7 : a < 80 ? 1.6 : 2.8));
        add(
          "head",
          age,
          chance(age >= 75 ? 0.72 : 0.45) ? "female" : "male",
          age < 65 ? chance(0.85) : chance(0.2),
        );
        break;
      }
      case "couple": {
        const age = sampleAge(22, 99, (a) => (a < 35 ? 0.5 : a < 55 ? 0.3 : a < 65 ? 1 : a < 85 ? 2.1 : 1.2));
        const sex: Sex = chance(0.9) ? "male" : "female";
        add("head", age, sex, age < 65 ? chance(0.9) : chance(0.25));
        const spouse = age + between(-6, 3);
        add("spouse", spouse, other(sex), spouse < 65 ? chance(0.55) : chance(0.1));
        break;
      }
      case "family": {
        const age = sampleAge(25, 62);
        const sex: Sex = chance(0.9) ? "male" : "female";
        add("head", age, sex, chance(0.95));
        const spouse = Math.max(20, age + between(-5, 2));
        add("spouse", spouse, other(sex), chance(0.6));
        children(
          sex === "male" ? spouse : age,
          weighted([
            [1, 40],
            [2, 43],
            [3, 15],
            [4, 2],
          ]),
        );
        break;
      }
      case "singleParent": {
        const age = sampleAge(24, 58);
        add("head", age, chance(0.86) ? "female" : "male", chance(0.88));
        children(
          age,
          weighted([
            [1, 55],
            [2, 35],
            [3, 10],
          ]),
        );
        break;
      }
      case "threeGen": {
        const age = sampleAge(32, 60);
        const sex: Sex = chance(0.9) ? "male" : "female";
        add("head", age, sex, chance(0.95));
        const spouse = Math.max(20, age + between(-5, 2));
        add("spouse", spouse, other(sex), chance(0.6));
        children(
          sex === "male" ? spouse : age,
          weighted([
            [1, 35],
            [2, 45],
            [3, 20],
          ]),
        );
        const parentAge = age + between(25, 34);
        if (chance(0.6)) add("parent", parentAge + between(-2, 3), "female");
        else {
          add("parent", parentAge, "male", parentAge < 70 && chance(0.3));
          add("parent", parentAge + between(-5, 1), "female");
        }
        break;
      }
      case "siblings": {
        const age = sampleAge(20, 90);
        add("head", age, chance(0.5) ? "male" : "female", age < 65 ? chance(0.8) : false);
        const sibling = Math.max(18, age + between(-8, 8));
        add("other", sibling, chance(0.5) ? "male" : "female", sibling < 65 ? chance(0.7) : false);
        break;
      }
    }
    return people;
  };

  // The helpers of assignKoseki, made once: under tsx every closure created costs a __name call, and
  // one per household would cost a noticeable share of the generator's time.
  const keptHonseki = (here: string): string => (chance(0.45) ? here : honsekiElsewhere());
  const absentName = (family: string, age: number): string =>
    `${family}\u3000${givenName("male", Math.min(MAX_AGE, age))[0]}`;
  const putKoseki = (row: RegistryRow, honseki: string, hittousha: string): void => {
    if (row.nationality !== JAPAN) return;
    row.honseki = honseki;
    row.hittousha = hittousha;
  };
  const ageOf = (birthDate: string): number => {
    const [y, m, d] = birthDate.split("-").map(Number) as [number, number, number];
    return asOfYear - y - (asOfMonth < m || (asOfMonth === m && asOfDay < d) ? 1 : 0);
  };

  /**
   * 本籍 and 筆頭者 for the Japanese nationals of a household, as their 戸籍 stand: a married couple
   * and their unmarried children share one 戸籍 whose 筆頭者 is nearly always the husband (the
   * partner whose name the couple took), the parents of a three-generation household have their own,
   * a young adult living alone is still in the parents' 戸籍, a widow's 筆頭者 is her late husband
   * (the 筆頭者 stays after a death). A foreign resident has no 戸籍. The 本籍 is often the address.
   */
  const assignKoseki = (kind: Kind, rows: RegistryRow[], honsekiHere: string, family: string): void => {
    const head = rows[0];
    if (!head) return;
    const headAge = ageOf(head.birthDate);
    switch (kind) {
      case "couple":
      case "family":
      case "threeGen": {
        let husband: RegistryRow | undefined;
        let wife: RegistryRow | undefined;
        let parentFather: RegistryRow | undefined;
        for (const row of rows) {
          if ((row.relation === "head" || row.relation === "spouse") && row.nationality === JAPAN) {
            if (row.sex === "male") husband = row;
            else wife = row;
          }
          if (row.relation === "parent" && row.sex === "male") parentFather = row;
        }
        const first = chance(0.96) ? (husband ?? wife) : (wife ?? husband);
        const honseki = keptHonseki(honsekiHere);
        const hittousha = first?.name ?? head.name;
        const parentsHonseki = chance(0.5) ? honseki : honsekiElsewhere();
        const parentsHittousha = parentFather?.name ?? absentName(family, headAge + between(25, 35));
        for (const row of rows) {
          if (row.relation === "parent") putKoseki(row, parentsHonseki, parentsHittousha);
          else putKoseki(row, honseki, hittousha);
        }
        break;
      }
      case "singleParent": {
        const own = chance(0.8);
        const honseki = own ? keptHonseki(honsekiHere) : honsekiElsewhere();
        const hittousha = own ? head.name : absentName(family, headAge + between(25, 35));
        for (const row of rows) putKoseki(row, honseki, hittousha);
        break;
      }
      case "siblings": {
        const honseki = chance(0.3) ? honsekiHere : honsekiElsewhere();
        const hittousha = absentName(family, headAge + between(25, 35));
        for (const row of rows) putKoseki(row, honseki, hittousha);
        break;
      }
      case "single": {
        // Still in the parents' 戸籍, in one of their own, or in a late husband's.
        const x = rand();
        const male = head.sex === "male";
        const own = male ? (headAge < 30 ? 0.1 : 0.75) : headAge < 30 ? 0.05 : headAge < 60 ? 0.5 : 0.2;
        const widow = !male && headAge >= 30 ? (headAge < 60 ? 0.15 : 0.7) : 0;
        if (x < own) putKoseki(head, keptHonseki(honsekiHere), head.name);
        else if (x < own + widow)
          putKoseki(head, keptHonseki(honsekiHere), absentName(family, headAge + between(0, 5)));
        else putKoseki(head, honsekiElsewhere(), absentName(family, headAge + between(25, 35)));
        break;
      }
    }
  };

  let residentCount = 0;
  let householdIndex = 0;
  while (residentCount < options.residents) {
    householdIndex++;
    let kind = weighted(kinds);
    const foreign = chance(FOREIGN_HOUSEHOLDS) ? foreignProfile() : undefined;
    let people: Person[];
    if (foreign?.living === "single") {
      // A newcomer living alone: an intern, a student or a worker.
      kind = "single";
      const [min, max] = newcomerAges[foreign.status] ?? [20, 40];
      people = [
        {
          relation: "head",
          age: between(min, max),
          sex: chance(0.55) ? "male" : "female",
          works: foreign.status !== "留学",
        },
      ];
    } else {
      // A spouse of a Japanese national lives in a couple's household; a family on a work or
      // student status brings only a spouse and children (家族滞在).
      if (foreign?.living === "spouse") kind = chance(0.45) ? "couple" : "family";
      else if (foreign && !["永住者", "特別永住者", "定住者"].includes(foreign.status))
        kind = chance(0.35) ? "couple" : "family";
      people = composition(kind);
    }
    if (foreign) {
      for (const person of people) {
        if (foreign.living === "spouse") {
          if (person.relation === "spouse")
            person.foreign = {
              nationality: foreign.nationality,
              status: chance(0.6) ? foreign.status : "永住者",
            };
        } else {
          person.foreign = { nationality: foreign.nationality, status: familyStatus(foreign.status, person) };
        }
      }
    }
    if (residentCount + people.length > options.residents) {
      people = people.slice(0, options.residents - residentCount);
    }
    const householdNo = String(1_000_000_000 + householdIndex);
    const where = address();
    const surname = weighted(surnameWeights);
    const family = familyName(surname);
    const foreignFamily = foreign ? pick(foreign.nationality.family) : undefined;

    // Welfare (生活保護) covers the whole household; the city's rate is about 2% of residents.
    const welfareRate =
      kind === "single"
        ? people[0] && people[0].age >= 65
          ? 0.06
          : 0.03
        : kind === "singleParent"
          ? 0.07
          : 0.006;
    const head = people[0] as Person;
    const welfare = chance(welfareRate) && (!head.foreign || welfareStatuses.has(head.foreign.status));
    const breadwinnerEmployee =
      head.foreign && employedStatuses.has(head.foreign.status) ? true : head.works ? chance(0.8) : false;
    const publicServantHead = breadwinnerEmployee && chance(0.07);

    const rows: RegistryRow[] = people.map((person, index) => {
      residentCount++;
      const birthDate = birthDateFor(person.age);
      const grade = gradeOn(birthDate);
      const age = person.age;
      const [given, givenKana] = givenName(person.sex, age);
      let name: string;
      let kana: string;
      const nationality = person.foreign?.nationality;
      if (nationality) {
        // Children take the head's family name; a wife from a country where she keeps hers, and a
        // foreign spouse of a Japanese national, have their own.
        const own =
          person.relation === "spouse" &&
          (foreign?.living === "spouse" || (nationality.ownFamilyName && person.sex === "female"));
        const [fam, famKana] = own || !foreignFamily ? pick(nationality.family) : foreignFamily;
        const [giv, givKana] = pick(nationality.given[person.sex]);
        const space = nationality.kanji ? "\u3000" : " ";
        name = `${fam}${space}${giv}`;
        kana = `${famKana}${space}${givKana}`;
      } else {
        name = `${family}\u3000${given}`;
        kana = `${surname.kana}\u3000${givenKana}`;
      }

      const disabilityCertificate = chance(age < 18 ? 0.015 : age < 65 ? 0.035 : age < 75 ? 0.07 : 0.12);
      let insurance: Insurance;
      let employeeSelf = false;
      if (welfare) insurance = "welfare";
      else if (age >= 75) insurance = "kouki";
      else if (age >= 65 && disabilityCertificate && chance(0.3)) insurance = "kouki";
      else if (person.relation === "head") {
        employeeSelf = age < 65 ? breadwinnerEmployee : person.works && chance(0.4);
        insurance = employeeSelf ? "employee" : "kokuho";
      } else if (person.works && age >= 18) {
        employeeSelf = chance(age < 65 ? 0.75 : 0.4);
        insurance = employeeSelf ? "employee" : "kokuho";
      } else if (age < 65 && (person.relation === "spouse" || person.relation === "child")) {
        // Dependants follow the breadwinner's insurance (被扶養者); a self-employed household is kokuho.
        insurance = breadwinnerEmployee && head.age < 75 ? "employee" : "kokuho";
      } else insurance = "kokuho";

      let pension: PensionCategory | null = null;
      if (age >= 20 && age <= 59) {
        if (insurance === "employee")
          pension = employeeSelf ? "cat2" : person.relation === "spouse" ? "cat3" : "cat1";
        else pension = "cat1";
      }

      let careLevel: CareLevel | null = null;
      const careRate = age < 65 ? 0.003 : age < 75 ? 0.04 : age < 85 ? 0.18 : 0.55;
      if (chance(careRate)) {
        careLevel = weighted<CareLevel>([
          ["support1", 14],
          ["support2", 14],
          ["care1", 21],
          ["care2", 17],
          ["care3", 13],
          ["care4", 12],
          ["care5", 9],
        ]);
      }

      const benefitsOf: Benefit[] = [];
      const owns: Possession[] = [];
      if (person.relation === "child" && grade <= 12 && insurance !== "welfare" && chance(0.97)) {
        benefitsOf.push("childMedical");
      }
      if (age >= 18 && index === 0 && chance(0.33)) owns.push("lightVehicle");
      else if (age >= 18 && person.relation === "spouse" && chance(0.12)) owns.push("lightVehicle");
      if (age >= 16 && age < 80 && chance(0.04)) owns.push("moped");
      if (index === 0 && chance(0.12)) owns.push("dog");
      if (index === 0 && age >= 40 && chance(0.55)) owns.push("realEstate");

      const status = person.foreign?.status ?? null;
      return {
        residentNo: "",
        householdNo,
        ward: where.ward,
        address: where.address,
        postalCode: where.postalCode,
        relation: person.relation,
        name,
        kana,
        birthDate,
        sex: person.sex,
        insurance,
        pension,
        pensionRecipient:
          age >= 65
            ? chance(0.96)
            : age >= 60
              ? chance(0.25)
              : disabilityCertificate && age >= 20 && chance(0.4),
        myNumberCard: chance(age < 15 ? 0.65 : age >= 85 ? 0.6 : 0.8),
        careLevel,
        disabilityCertificate,
        sealRegistered: age >= 20 ? chance(0.65) : age >= 15 ? chance(0.1) : false,
        pregnant:
          person.sex === "female" && age >= 20 && age <= 44 && person.relation !== "child" && chance(0.04),
        needsDaycare: false,
        publicServant:
          index === 0 ? publicServantHead : insurance === "employee" && employeeSelf && chance(0.07),
        benefits: benefitsOf,
        owns,
        nationality: nationality?.code ?? JAPAN,
        honseki: null,
        hittousha: null,
        residenceStatus: status,
        residenceCardNumber: status === null ? null : cardNumber(),
        residencePeriodEnd: status === null ? null : periodEnd(status),
      };
    });

    assignKoseki(kind, rows, where.honseki, family);

    // Household-level benefits: paid to one parent for the children (the head, or the spouse in some
    // families), and the single-parent allowances and medical aid.
    const children = rows.filter((r) => r.relation === "child" && gradeOn(r.birthDate) <= 12);
    if (children.length > 0) {
      const parent = rows.find((r) => r.relation === "spouse" && chance(0.15)) ?? rows[0];
      if (parent && parent.relation !== "child" && chance(0.98)) parent.benefits.push("childAllowance");
      const bothWork =
        kind === "singleParent" || people.filter((p) => p.relation !== "child" && p.works).length >= 2;
      for (const child of children) {
        if (gradeOn(child.birthDate) <= 0) child.needsDaycare = chance(bothWork ? 0.8 : 0.1);
      }
      if (kind === "singleParent" && rows[0]) {
        if (chance(0.75)) rows[0].benefits.push("childRearingAllowance");
        if (chance(0.6)) {
          for (const r of [rows[0], ...children])
            if (r.insurance !== "welfare") r.benefits.push("singleParentMedical");
        }
      }
      if (
        children.some((c) => c.disabilityCertificate) &&
        rows[0] &&
        rows[0].relation === "head" &&
        chance(0.7)
      ) {
        rows[0].benefits.push("specialChildAllowance");
      }
    }
    for (const row of rows)
      row.residentNo = String(2_000_000_000 + (residentCount - rows.length) + rows.indexOf(row) + 1);
    yield { householdNo, rows };
  }
}
