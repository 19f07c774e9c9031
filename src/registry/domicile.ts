import { parseIsoDate } from "../guidance/calendar";
import type { LocaleMap, Message } from "../shared/locale";
import { containsMyNumber } from "../shared/my-number";
import { message } from "./registry.errors";

/**
 * What the 住民票 says about a person's nationality beside the facts the counter needs: for a Japanese
 * national the 本籍 and 筆頭者 of their 戸籍; for a foreign resident (住基法 §30の45) the 国籍・地域,
 * 在留資格, 在留カード等の番号 and 在留期間の満了の日. The names are those of a member of the guidance
 * input (household.schema.json), so they pass to it unchanged.
 */
export interface ResidentDomicile {
  /** ISO 3166-1 alpha-2; JP for a Japanese national. */
  nationality: string;
  /** 本籍, as the 戸籍 writes it. Japanese nationals only. */
  honseki: string | null;
  /** 筆頭者 of the 戸籍, as written. Japanese nationals only. */
  hittousha: string | null;
  /** 在留資格 (or the §30の45 category without one), by its Japanese name. Foreign residents only. */
  residenceStatus: string | null;
  /** 在留カード or 特別永住者証明書 number: two letters, eight digits, two letters. */
  residenceCardNumber: string | null;
  /** 在留期間の満了の日 (ISO date); none for 永住者 and 特別永住者. */
  residencePeriodEnd: string | null;
}

export const domicileFields = [
  "nationality",
  "honseki",
  "hittousha",
  "residenceStatus",
  "residenceCardNumber",
  "residencePeriodEnd",
] as const satisfies readonly (keyof ResidentDomicile)[];
export type DomicileField = (typeof domicileFields)[number];

export const JAPAN = "JP";

/** A Japanese national with nothing known yet of the 戸籍: what a row without these facts holds. */
export const noDomicile: ResidentDomicile = {
  nationality: JAPAN,
  honseki: null,
  hittousha: null,
  residenceStatus: null,
  residenceCardNumber: null,
  residencePeriodEnd: null,
};

/** The officially assigned ISO 3166-1 alpha-2 codes (249). */
export const countryCodes: readonly string[] = (
  "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV " +
  "BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES " +
  "ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE " +
  "IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY " +
  "MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU " +
  "NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM " +
  "SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE " +
  "VG VI VN VU WF WS YE YT ZA ZM ZW"
).split(" ");

/**
 * 無国籍: ISO 3166-1 has no code for it; XX is in the range it leaves to users, and is what travel
 * documents use for a stateless person.
 */
export const STATELESS = "XX";

const knownNationalities = new Set([...countryCodes, STATELESS]);

/** Whether the text is a nationality the registry keeps (an assigned alpha-2 code, or XX). */
export const isNationality = (code: string): boolean => knownNationalities.has(code);

// Where the 住民票 and the 在留カード write a nationality otherwise than the locale data does.
const nationalityOverrides: Record<string, LocaleMap> = {
  [STATELESS]: { ja: "無国籍", en: "Stateless" },
  // The register's 朝鮮 is the notation kept from the former 外国人登録, not the state ICU names.
  KP: { ja: "朝鮮", en: "Korea (朝鮮)" },
};

const regionNames = new Map<string, Intl.DisplayNames>();

/** The nationality's name in the reader's Intl locale: ベトナム, Vietnam. */
export function nationalityName(code: string, intlLocale: string): string {
  const override = nationalityOverrides[code];
  if (override) return (intlLocale === "ja" ? override.ja : override.en) ?? override.ja;
  let names = regionNames.get(intlLocale);
  if (!names) {
    names = new Intl.DisplayNames([intlLocale, "ja"], { type: "region", fallback: "code" });
    regionNames.set(intlLocale, names);
  }
  return names.of(code) ?? code;
}

/**
 * The statuses a foreign resident is registered with (住基法 §30の45): the 在留資格 of a 中長期在留者
 * (入管法 別表第一・第二; 外交, 公用 and 短期滞在 are never registered), 特別永住者, and the four
 * categories without a 在留資格. Stored by the Japanese name, as the 住民票 prints it.
 */
export const residenceStatuses: readonly LocaleMap[] = [
  { ja: "永住者", en: "Permanent Resident" },
  { ja: "特別永住者", en: "Special Permanent Resident" },
  { ja: "日本人の配偶者等", en: "Spouse or Child of Japanese National" },
  { ja: "永住者の配偶者等", en: "Spouse or Child of Permanent Resident" },
  { ja: "定住者", en: "Long-Term Resident" },
  { ja: "技能実習", en: "Technical Intern Training" },
  { ja: "技能実習1号イ", en: "Technical Intern Training (i)(a)" },
  { ja: "技能実習1号ロ", en: "Technical Intern Training (i)(b)" },
  { ja: "技能実習2号イ", en: "Technical Intern Training (ii)(a)" },
  { ja: "技能実習2号ロ", en: "Technical Intern Training (ii)(b)" },
  { ja: "技能実習3号イ", en: "Technical Intern Training (iii)(a)" },
  { ja: "技能実習3号ロ", en: "Technical Intern Training (iii)(b)" },
  { ja: "育成就労", en: "Employment for Skill Development" },
  { ja: "特定技能1号", en: "Specified Skilled Worker (i)" },
  { ja: "特定技能2号", en: "Specified Skilled Worker (ii)" },
  { ja: "留学", en: "Student" },
  { ja: "家族滞在", en: "Dependent" },
  { ja: "技術・人文知識・国際業務", en: "Engineer / Specialist in Humanities / International Services" },
  { ja: "技能", en: "Skilled Labor" },
  { ja: "特定活動", en: "Designated Activities" },
  { ja: "経営・管理", en: "Business Manager" },
  { ja: "教授", en: "Professor" },
  { ja: "教育", en: "Instructor" },
  { ja: "研究", en: "Researcher" },
  { ja: "医療", en: "Medical Services" },
  { ja: "介護", en: "Nursing Care" },
  { ja: "企業内転勤", en: "Intra-company Transferee" },
  { ja: "高度専門職1号イ", en: "Highly Skilled Professional (i)(a)" },
  { ja: "高度専門職1号ロ", en: "Highly Skilled Professional (i)(b)" },
  { ja: "高度専門職1号ハ", en: "Highly Skilled Professional (i)(c)" },
  { ja: "高度専門職2号", en: "Highly Skilled Professional (ii)" },
  { ja: "法律・会計業務", en: "Legal / Accounting Services" },
  { ja: "芸術", en: "Artist" },
  { ja: "宗教", en: "Religious Activities" },
  { ja: "報道", en: "Journalist" },
  { ja: "興行", en: "Entertainer" },
  { ja: "文化活動", en: "Cultural Activities" },
  { ja: "研修", en: "Trainee" },
  { ja: "一時庇護許可者", en: "Permission for Temporary Refuge" },
  { ja: "仮滞在許可者", en: "Permission for Provisional Stay" },
  { ja: "出生による経過滞在者", en: "Transitional stay after birth" },
  { ja: "国籍喪失による経過滞在者", en: "Transitional stay after loss of Japanese nationality" },
];

const statusByName = new Map(residenceStatuses.map((s) => [s.ja, s]));

/** The status by its registered name, or undefined when it is not one. */
export const residenceStatusLabel = (name: string): LocaleMap | undefined => statusByName.get(name);

/** Statuses with no 在留期間: a 満了の日 beside one is a mistake in the data. */
const withoutPeriod = new Set(["永住者", "特別永住者"]);

const CARD_NUMBER = /^[A-Z]{2}[0-9]{8}[A-Z]{2}$/;

/** A card number as typed (any width or case, spaces) → AB12345678CD, or the cleaned text when it is not one. */
export function normalizeCardNumber(text: string): string {
  return text.normalize("NFKC").replace(/[\s-]/g, "").toUpperCase();
}

export const isCardNumber = (text: string): boolean => CARD_NUMBER.test(text);

/** A postal code as typed (8614101, 861-4101, full width, 〒) → 861-4101, or undefined. */
export function normalizePostalCode(text: string): string | undefined {
  const code = /^(\d{3})-?(\d{4})$/.exec(
    text
      .normalize("NFKC")
      .replace(/^〒/, "")
      .replace(/\s/g, "")
      .replace(/[‐‑‒–—―−ー]/g, "-"),
  );
  return code ? `${code[1]}-${code[2]}` : undefined;
}

/**
 * A run of twelve digits (any width), or a valid 個人番号 in groups of four (shared/my-number.ts): a
 * 個人番号 in a field of free text. The registry never stores
 * one, so such text is refused wherever it is typed or imported.
 */
export const containsIndividualNumber = (text: string): boolean =>
  /\d{12}/.test(text.normalize("NFKC")) || containsMyNumber(text);

/** A problem with one of these facts, as a message code with its field. */
export interface DomicileProblem extends Message {
  field: DomicileField;
}

const problem = (field: DomicileField, ...args: Parameters<typeof message>): DomicileProblem => ({
  field,
  ...message(...args),
});

/**
 * What makes these facts impossible, each on its field: an unknown nationality, a malformed card
 * number, a status that is not one, a date that does not exist, a 個人番号 in the text; a foreign
 * resident without a 在留資格 or with a 本籍; a Japanese national with a residence card, status or
 * period; a 満了の日 for a status that has no period. Values arrive normalised (see the readers).
 */
export function domicileProblems(d: ResidentDomicile): DomicileProblem[] {
  const out: DomicileProblem[] = [];
  if (!isNationality(d.nationality)) {
    out.push(problem("nationality", "unknownNationality", { value: d.nationality }));
    return out;
  }
  for (const field of ["honseki", "hittousha", "residenceStatus"] as const) {
    const value = d[field];
    if (value !== null && containsIndividualNumber(value))
      out.push(problem(field, "individualNumber", { field }));
  }
  if (d.residenceCardNumber !== null && !isCardNumber(d.residenceCardNumber))
    out.push(problem("residenceCardNumber", "residenceCardMalformed", { value: d.residenceCardNumber }));
  if (d.residencePeriodEnd !== null && !parseIsoDate(d.residencePeriodEnd))
    out.push(problem("residencePeriodEnd", "residencePeriodEndInvalid", { value: d.residencePeriodEnd }));
  if (d.residenceStatus !== null && !statusByName.has(d.residenceStatus))
    out.push(problem("residenceStatus", "unknownResidenceStatus", { value: d.residenceStatus }));

  if (d.nationality === JAPAN) {
    for (const field of ["residenceStatus", "residenceCardNumber", "residencePeriodEnd"] as const) {
      if (d[field] !== null) out.push(problem(field, "nationalWithResidence", { field }));
    }
  } else {
    if (d.residenceStatus === null) out.push(problem("residenceStatus", "residenceStatusRequired"));
    for (const field of ["honseki", "hittousha"] as const) {
      if (d[field] !== null) out.push(problem(field, "foreignWithHonseki", { field }));
    }
    if (d.residenceStatus !== null && withoutPeriod.has(d.residenceStatus) && d.residencePeriodEnd !== null)
      out.push(problem("residencePeriodEnd", "periodForPermanent", { status: d.residenceStatus }));
  }
  return out;
}
