// The countries and regions a member's 国籍・地域 may be (ISO 3166-1 alpha-2, as the household schema
// writes `nationality`). Their names come from ICU (Intl.DisplayNames) in the reader's language.

/** Japan first, then the nationalities most foreign residents of Japan hold (出入国在留管理庁の在留外国人統計). */
export const commonRegions = [
  "JP",
  "CN",
  "VN",
  "KR",
  "PH",
  "BR",
  "NP",
  "ID",
  "MM",
  "TW",
  "US",
  "TH",
  "IN",
  "LK",
  "BD",
  "PE",
  "MN",
  "PK",
] as const;

/** Every ISO 3166-1 alpha-2 code (249). */
export const regionCodes: readonly string[] = (
  "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV " +
  "BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES " +
  "ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE " +
  "IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY " +
  "MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU " +
  "NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM " +
  "SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE " +
  "VG VI VN VU WF WS YE YT ZA ZM ZW"
).split(" ");

const known = new Set(regionCodes);

/** A nationality as the form posts it, upper-cased; undefined when it is not an ISO code. */
export function readRegion(value: string): string | undefined {
  const code = value.normalize("NFKC").trim().toUpperCase();
  return known.has(code) ? code : undefined;
}

const names = new Map<string, Intl.DisplayNames>();

/** "中国", "アメリカ合衆国" in Japanese; "China", "United States" in English. */
export function regionName(code: string, locale = "ja"): string {
  let display = names.get(locale);
  if (!display) {
    display = new Intl.DisplayNames(locale, { type: "region", fallback: "code" });
    names.set(locale, display);
  }
  return display.of(code) ?? code;
}
