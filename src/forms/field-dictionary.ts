import { z } from "zod";
import type { Text } from "../catalog/procedure.schema";
import type { EventType } from "../catalog/vocabulary";
import { parseIsoDate } from "../guidance/calendar";
import type { Plan, PlanItem } from "../guidance/engine";
import { ageOn, gradeOn } from "../guidance/facts";
import {
  type FilerRelation,
  type Household,
  isForeignResident,
  type Member,
  nationalityOf,
  normalizeNameText,
} from "../guidance/household.schema";
import { formatWareki, parseDateInput } from "../shared/dates";
import { containsMyNumber, myNumberRefusedText } from "../shared/my-number";
import {
  childOrderOf,
  custodyOf,
  legitimacyOf,
  marriageSurnameOf,
  minorChildrenOf,
  newbornOf,
  parentsOf,
  partnersOf,
  returningPartnerOf,
  surnameOf,
} from "./family-facts";
import type { FormTemplate } from "./form-template.schema";
import { defaultTemplates } from "./templates";

/**
 * The interview's vocabulary: every value a form can print, where it comes from, how an answer to it
 * is checked, and its label in Japanese and English. Forms bind these keys; the counter asks only the
 * ones the household cannot supply, each once (see {@link questionsFor}).
 */

export type FieldType =
  | "text"
  | "kana"
  | "date"
  | "postalCode"
  | "phone"
  | "digits"
  | "choice"
  | "member"
  | "integer";

/** `member`: one value per member (a column of a form's member table); `household`: one per visit. */
export type FieldScope = "household" | "member";

/**
 * `registry`: known from the household (the registry record or the event) — asked only where the
 * record lacks it, e.g. a member entered without a name. `interview`: asked at the counter unless the
 * household already implies it (the moving date is the event date).
 */
export type FieldSource = "registry" | "interview";

export type AnswerValue = string | number;

export interface FieldOption {
  value: string;
  label: Text;
}

export interface FieldDefinition {
  key: string;
  type: FieldType;
  scope: FieldScope;
  source: FieldSource;
  label: Text;
  hint?: Text;
  options?: FieldOption[];
  /**
   * Checks and normalises an answer. Absent for values only the household can give (an age, a
   * school grade): nobody is asked for them.
   */
  schema?: z.ZodType<AnswerValue>;
}

/** Validated answers: household fields by key, member fields by member id then key. */
export interface Answers {
  household: Readonly<Record<string, AnswerValue>>;
  members: Readonly<Record<string, Readonly<Record<string, AnswerValue>>>>;
}

export const noAnswers: Answers = { household: {}, members: {} };

// ── Validation of answers ─────────────────────────────────────────────────────────────────────────

const nfkc = (s: string) => s.normalize("NFKC").trim();
/** No free-text answer holds a 個人番号 (shared/my-number.ts): it would go into forms and hand-off files. */
const noMyNumber = { error: myNumberRefusedText } as const;
const text = (max: number) =>
  z
    .string()
    .transform(nfkc)
    .pipe(
      z
        .string()
        .min(1, { error: "空欄です / empty" })
        .max(max, { error: `${max}文字以内 / at most ${max}` }),
    )
    .refine((s) => !/[\p{Cc}]/u.test(s), { error: "改行や制御文字は使えません / no line breaks" })
    .refine((s) => !containsMyNumber(s), noMyNumber);
// Names keep the exact character of the register: no NFKC over compatibility ideographs (see
// normalizeNameText), variation selectors kept.
const nameText = z
  .string()
  .transform((s) => normalizeNameText(s).trim())
  .pipe(z.string().min(1).max(40))
  .refine((s) => !containsMyNumber(s), noMyNumber);
const toKatakana = (s: string) =>
  s.replace(/[\u3041-\u3096]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60));
const kana = z
  .string()
  .transform((s) => toKatakana(nfkc(s)).replace(/\s+/g, " "))
  .pipe(
    z
      .string()
      .min(1)
      .max(60)
      .regex(/^[\u30A1-\u30FA\u30FC ]+$/u, { error: "カタカナで入力してください / katakana only" }),
  );
const dateMessages = {
  "date.invalid":
    "日付として読めません（例 2026-04-06、R8.4.6、令和8年4月6日） / not a date (e.g. 2026-04-06, R8.4.6, 令和8年4月6日)",
  "date.notExist": "その日付はありません / that day does not exist",
  "date.outsideEra": "元号の期間にない日付です / the date is outside its era",
} as const;
/** A date as people write it, 西暦 or 和暦 (shared/dates.ts), kept as an ISO date. */
const isoDate = z.string().transform((s, ctx) => {
  const read = parseDateInput(s);
  if (read.ok) return read.iso;
  ctx.issues.push({ code: "custom", message: dateMessages[read.code], input: s });
  return z.NEVER;
});
const digitsOf = (length: number) =>
  z
    .string()
    .transform((s) => nfkc(s).replace(/[-\s]/g, ""))
    .pipe(z.string().regex(new RegExp(`^\\d{${length}}$`), { error: `数字${length}桁 / ${length} digits` }));
const postalCode = z
  .string()
  .transform((s) => nfkc(s).replace(/^〒/, "").replace(/[-\s]/g, ""))
  .pipe(z.string().regex(/^\d{7}$/, { error: "郵便番号は数字7桁 / a postal code has 7 digits" }))
  .transform((s) => `${s.slice(0, 3)}-${s.slice(3)}`);
const phone = z
  .string()
  .transform(nfkc)
  .pipe(
    z
      .string()
      .regex(/^0[\d-]{9,12}$/, { error: "0から始まる電話番号 / a Japanese phone number" })
      .refine((s) => /^\d{10,11}$/.test(s.replace(/-/g, "")), { error: "10桁か11桁 / 10 or 11 digits" }),
  );
const integer = (min: number, max: number) =>
  z.union([z.number(), z.string().transform(nfkc).pipe(z.coerce.number())]).pipe(z.int().min(min).max(max));
const choice = (options: FieldOption[]) =>
  z.string().refine((s) => options.some((o) => o.value === s), {
    error: `次のいずれか / one of: ${options.map((o) => o.value).join(", ")}`,
  });
const memberId = z.string().min(1);
const residenceCard = z
  .string()
  .transform((s) => nfkc(s).toUpperCase().replace(/[-\s]/g, ""))
  .pipe(
    z.string().regex(/^[A-Z]{2}\d{8}[A-Z]{2}$/, {
      error: "英字2桁・数字8桁・英字2桁（例 AB12345678CD） / 2 letters, 8 digits, 2 letters",
    }),
  );
const registeredText = (max: number) =>
  z
    .string()
    .transform((s) => normalizeNameText(s).trim())
    .pipe(z.string().min(1).max(max))
    .refine((s) => !containsMyNumber(s), noMyNumber);

const t = (ja: string, en: string): Text => ({ ja, en });

const sexOptions: FieldOption[] = [
  { value: "female", label: t("女", "Female") },
  { value: "male", label: t("男", "Male") },
];
const accountTypes: FieldOption[] = [
  { value: "ordinary", label: t("普通", "Ordinary") },
  { value: "current", label: t("当座", "Current") },
];
const certificateKinds: FieldOption[] = [
  { value: "physical", label: t("身体障害者手帳", "Physical disability certificate") },
  { value: "intellectual", label: t("療育手帳", "Intellectual disability certificate (療育手帳)") },
  { value: "mental", label: t("精神障害者保健福祉手帳", "Mental disability certificate") },
];

// Phase 2: the 戸籍 届書 of a birth, a marriage and a divorce (法務省 標準様式, see templates-koseki.ts).
const legitimacyOptions: FieldOption[] = [
  { value: "legitimate", label: t("嫡出子", "Born to a married couple") },
  { value: "illegitimate", label: t("嫡出でない子", "Born to an unmarried mother") },
];
const surnameChoices: FieldOption[] = [
  { value: "husband", label: t("夫の氏", "The husband's surname") },
  { value: "wife", label: t("妻の氏", "The wife's surname") },
];
/** 世帯のおもな仕事: the six classes every 戸籍 届書 of these events asks (人口動態調査). */
const householdWorkOptions: FieldOption[] = [
  { value: "1", label: t("1 農業だけまたは農業とその他の仕事を持っている世帯", "1 Farming household") },
  {
    value: "2",
    label: t("2 自由業・商工業・サービス業等を個人で経営している世帯", "2 Self-employed household"),
  },
  {
    value: "3",
    label: t(
      "3 企業・個人商店等（官公庁は除く）の常用勤労者世帯で勤め先の従業者数が1人から99人までの世帯",
      "3 Employee household, workplace of 1 to 99 people",
    ),
  },
  {
    value: "4",
    label: t(
      "4 3にあてはまらない常用勤労者世帯及び会社団体の役員の世帯",
      "4 Other employee household, or company officer",
    ),
  },
  {
    value: "5",
    label: t("5 1から4にあてはまらないその他の仕事をしている者のいる世帯", "5 Household with other work"),
  },
  { value: "6", label: t("6 仕事をしている者のいない世帯", "6 Household where no one works") },
];
const marriageHistoryOptions: FieldOption[] = [
  { value: "first", label: t("初婚", "First marriage") },
  { value: "widowed", label: t("再婚（死別）", "Remarriage (after bereavement)") },
  { value: "divorced", label: t("再婚（離別）", "Remarriage (after divorce)") },
];
const courtDivorceKinds: FieldOption[] = [
  { value: "mediation", label: t("調停", "Mediation") },
  { value: "adjudication", label: t("審判", "Adjudication") },
  { value: "settlement", label: t("和解", "Settlement") },
  { value: "acknowledgment", label: t("請求の認諾", "Acknowledgment of the claim") },
  { value: "judgment", label: t("判決", "Judgment") },
];
const parentalAuthorityOptions: FieldOption[] = [
  { value: "husband", label: t("夫", "The husband") },
  { value: "wife", label: t("妻", "The wife") },
  { value: "both", label: t("父母双方（共同親権）", "Both parents (joint custody)") },
];
const divorceRegisterOptions: FieldOption[] = [
  { value: "return", label: t("もとの戸籍にもどる", "Return to the former family register") },
  { value: "new", label: t("新しい戸籍をつくる", "Start a new family register") },
];
const arrangementOptions: FieldOption[] = [
  { value: "agreed", label: t("取決めをしている", "Agreed") },
  { value: "notYet", label: t("まだ決めていない", "Not decided yet") },
];
const directPaymentOptions: FieldOption[] = [
  {
    value: "used",
    label: t("直接支払制度を利用した（差額を申請）", "The hospital claimed directly (claim the difference)"),
  },
  { value: "notUsed", label: t("利用していない（全額を申請）", "Not used (claim the full grant)") },
];
/** A time of day as the 出生証明書 gives it (10:30, 午後3時5分), kept as 24-hour "HH:MM". */
const clockTime = z.string().transform((s, ctx) => {
  const v = nfkc(s).replace(/\s+/g, "");
  const plain = /^(\d{1,2})[:時](\d{1,2})?分?$/.exec(v);
  const meridiem = /^(午前|午後)(\d{1,2})時(?:(\d{1,2})分)?$/.exec(v);
  let hour = -1;
  let minute = -1;
  if (plain) {
    hour = Number(plain[1]);
    minute = Number(plain[2] ?? 0);
  } else if (meridiem) {
    const h = Number(meridiem[2]);
    hour = h <= 12 ? (h % 12) + (meridiem[1] === "午後" ? 12 : 0) : -1;
    minute = Number(meridiem[3] ?? 0);
  }
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59) {
    ctx.issues.push({
      code: "custom",
      message: "時刻として読めません（例 10:30、午後3時5分） / not a time (e.g. 10:30, 午後3時5分)",
      input: s,
    });
    return z.NEVER;
  }
  return `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
});
/** 午前0時30分 … 午後11時59分: 夜の12時は午前0時、昼の12時は午後0時, as the 届書 ask. */
function japaneseTime(hhmm: string): string {
  const [h, m] = hhmm.split(":").map(Number);
  if (h === undefined || m === undefined || Number.isNaN(h) || Number.isNaN(m)) return hhmm;
  return `${h < 12 ? "午前" : "午後"}${h % 12}時${m}分`;
}

// ── The dictionary ────────────────────────────────────────────────────────────────────────────────

const registry = (
  key: string,
  type: FieldType,
  label: Text,
  extra: Partial<FieldDefinition> = {},
): FieldDefinition => ({ key, type, scope: "member", source: "registry", label, ...extra });
const ask = (
  key: string,
  scope: FieldScope,
  type: FieldType,
  label: Text,
  schema: z.ZodType<AnswerValue>,
  extra: Partial<FieldDefinition> = {},
): FieldDefinition => ({ key, type, scope, source: "interview", label, schema, ...extra });

export const fieldDefinitions: readonly FieldDefinition[] = [
  // Member facts from the registry record (asked only when the record lacks them).
  registry("name", "text", t("氏名", "Full name"), { schema: nameText }),
  registry("kana", "kana", t("フリガナ", "Name in katakana"), { schema: kana }),
  registry("birthDate", "date", t("生年月日", "Date of birth")),
  registry("sex", "choice", t("性別", "Sex"), { options: sexOptions, schema: choice(sexOptions) }),
  registry("relation", "text", t("続柄", "Relation to the head")),
  registry("age", "integer", t("年齢", "Age")),
  registry("grade", "text", t("学年", "School grade")),
  registry("insurance", "text", t("医療保険", "Health insurance")),
  registry("careLevel", "text", t("要介護度", "Care level")),
  // 住民票の記載事項 (住基法 §7, §30の45): Japanese nationals' 本籍・筆頭者, foreign residents' 国籍等.
  registry("honseki", "text", t("本籍", "Registered domicile (本籍)"), {
    schema: registeredText(80),
    hint: t("戸籍のとおりに（例 熊本県熊本市中央区手取本町1番）", "As the family register writes it"),
  }),
  registry("hittousha", "text", t("筆頭者", "Head of the family register (筆頭者)"), {
    schema: nameText,
  }),
  // What the 戸籍 holds of a partner (婚姻届, 離婚届) or of whoever keeps a surname: asked only when
  // the record the counter reads lacks it.
  registry("fatherName", "text", t("父の氏名", "Father's full name"), {
    schema: nameText,
    hint: t("戸籍のとおりに。父母が婚姻中なら母は名だけ", "As the family register writes it"),
  }),
  registry("motherName", "text", t("母の氏名", "Mother's full name"), { schema: nameText }),
  registry("parentRelation", "text", t("父母との続き柄", "Relation to the parents (長男, 二女 …)"), {
    schema: text(6).pipe(
      z.string().regex(/^[長二三四五六七八九十]+[男女]$/, { error: "例 長男、二女 / e.g. 長男" }),
    ),
    hint: t("戸籍のとおりに（例 長男、二女）", "As the family register writes it (e.g. 長男)"),
  }),
  registry("marriageHistory", "choice", t("初婚・再婚の別", "First marriage or remarriage"), {
    options: marriageHistoryOptions,
    schema: choice(marriageHistoryOptions),
  }),
  registry("previousSurname", "text", t("婚姻前の氏", "Surname before the marriage"), { schema: nameText }),
  registry("surname", "text", t("氏", "Surname")),
  registry("previousPensionLabel", "text", t("変更前の種別", "Pension category before")),
  registry("nationality", "text", t("国籍・地域", "Nationality or region")),
  registry("residenceStatus", "text", t("在留資格", "Status of residence"), {
    schema: text(30),
    hint: t("在留カードのとおりに（例 技能実習、永住者）", "As on the residence card"),
  }),
  registry("residencePeriodEnd", "date", t("在留期間の満了の日", "Period of stay ends on"), {
    schema: isoDate,
  }),
  registry("residenceCardNumber", "text", t("在留カード等の番号", "Residence card number"), {
    schema: residenceCard,
    hint: t("英字2桁・数字8桁・英字2桁", "2 letters, 8 digits, 2 letters"),
  }),
  // Household facts the event fixes.
  {
    key: "movingDate",
    type: "date",
    scope: "household",
    source: "interview",
    label: t("異動日（引越しの日）", "Moving date"),
    hint: t("出来事の日付から入ります", "Taken from the event date"),
    schema: isoDate,
  },
  {
    key: "deathDate",
    type: "date",
    scope: "household",
    source: "registry",
    label: t("死亡日", "Date of death"),
  },
  { key: "eventLabel", type: "text", scope: "household", source: "registry", label: t("事由", "Reason") },
  {
    key: "headName",
    type: "text",
    scope: "household",
    source: "registry",
    label: t("世帯主の氏名", "Head of household"),
  },
  {
    key: "householdAddress",
    type: "text",
    scope: "household",
    source: "interview",
    label: t("住所", "Address"),
  },
  {
    // Asked only when the household names nobody who can file (a person who lived alone died and
    // the visit has not recorded who came): the filer is set on the household, never per form.
    key: "filer",
    type: "text",
    scope: "household",
    source: "registry",
    label: t("届出人（窓口に来た方）", "Person filing (who came to the counter)"),
  },
  {
    key: "filerCapacity",
    type: "text",
    scope: "household",
    source: "registry",
    label: t("届出人の資格", "Capacity of the person filing"),
  },
  {
    key: "eventDate",
    type: "date",
    scope: "household",
    source: "registry",
    label: t("出来事の日（出生日・婚姻日・離婚日）", "Date of the event"),
  },
  ...[
    ["birthFilerCapacity", "届出人の資格（父・母・同居者）", "Capacity of the person filing"],
    ["newHittousha", "新しい戸籍の筆頭者", "Head of the new family register"],
    ["divorceKind", "離婚の種別", "Kind of divorce"],
    ["returningPartner", "婚姻前の氏にもどる者", "Partner returning to the former surname"],
    ["custodyHusbandChildren", "夫が親権を行う子", "Children in the husband's custody"],
    ["custodyWifeChildren", "妻が親権を行う子", "Children in the wife's custody"],
    ["custodyJointChildren", "父母双方が親権を行う子", "Children in joint custody"],
    ["divorceChildren", "対象となる児童", "Children concerned"],
  ].map(
    ([key, ja, en]): FieldDefinition => ({
      key: key as string,
      type: "text",
      scope: "household",
      source: "registry",
      label: t(ja as string, en as string),
    }),
  ),
  // Asked at the counter.
  ask("newPostalCode", "household", "postalCode", t("新しい住所の郵便番号", "New postal code"), postalCode, {
    hint: t("7桁（例 860-0806）", "7 digits (e.g. 860-0806)"),
  }),
  ask("newAddress", "household", "text", t("新しい住所", "New address"), text(120), {
    hint: t("転出の場合は転出先の住所", "For a move-out: the address moved to"),
  }),
  ask("previousAddress", "household", "text", t("前の住所", "Previous address"), text(120), {
    hint: t("転出の場合は今の住所", "For a move-out: the current address"),
  }),
  ask("previousHead", "household", "text", t("前住所の世帯主", "Head of the previous household"), nameText),
  ask(
    "previousCountry",
    "household",
    "text",
    t("転入前に住んでいた国・地域", "Country or region lived in before"),
    text(40),
    { hint: t("国名（例 ベトナム）", "The country's name (e.g. Viet Nam)") },
  ),
  ask("address", "household", "text", t("住所", "Address"), text(120)),
  ask("phone", "household", "phone", t("日中の連絡先電話番号", "Daytime phone number"), phone),
  ask("filerAddress", "household", "text", t("届出人の住所", "Address of the person filing"), text(120)),
  ask("newHead", "household", "member", t("新しい世帯主", "New head of household"), memberId),
  ask(
    "childAllowanceClaimant",
    "household",
    "member",
    t("児童手当の請求者（所得の高い方の親）", "Child allowance claimant (the parent with the higher income)"),
    memberId,
    {
      hint: t("父母のうち所得の高い方が請求します", "The parent or guardian with the higher income claims"),
    },
  ),
  ask("bankCode", "household", "digits", t("金融機関コード", "Bank code"), digitsOf(4), {
    hint: t("数字4桁", "4 digits"),
  }),
  ask("branchCode", "household", "digits", t("支店コード", "Branch code"), digitsOf(3), {
    hint: t("数字3桁", "3 digits"),
  }),
  ask("accountType", "household", "choice", t("預金種目", "Account type"), choice(accountTypes), {
    options: accountTypes,
  }),
  ask("accountNumber", "household", "digits", t("口座番号", "Account number"), digitsOf(7), {
    hint: t("数字7桁（7桁未満は前に0）", "7 digits (pad with leading zeros)"),
  }),
  ask("accountHolderKana", "household", "kana", t("口座名義（カナ）", "Account holder (katakana)"), kana),
  ask("funeralHostName", "household", "text", t("喪主（葬祭を行った方）の氏名", "Funeral host"), nameText),
  ask(
    "funeralHostAddress",
    "household",
    "text",
    t("喪主（葬祭を行った方）の住所", "Funeral host's address"),
    text(120),
  ),
  ask("funeralDate", "household", "date", t("葬儀を行った日", "Date of the funeral"), isoDate),
  ask("deathPlace", "household", "text", t("死亡したところ", "Place of death"), text(80)),
  ask("heirName", "household", "text", t("相続人代表者の氏名", "Representative heir"), nameText),
  ask(
    "heirRelation",
    "household",
    "text",
    t("相続人代表者の続柄", "Heir's relation to the deceased"),
    text(10),
  ),
  ask(
    "heirAddress",
    "household",
    "text",
    t("相続人代表者の住所", "Representative heir's address"),
    text(120),
  ),
  ask(
    "certificateCopies",
    "household",
    "integer",
    t("住民票の写しの通数", "Copies of the certificate"),
    integer(1, 20),
  ),
  ask(
    "certificatePurpose",
    "household",
    "text",
    t("住民票の使用目的", "Purpose of the certificate"),
    text(40),
  ),
  ask("previousSchool", "member", "text", t("前に通っていた学校", "Previous school"), text(40)),
  ask("expectedDeliveryDate", "member", "date", t("出産予定日", "Expected delivery date"), isoDate),
  ask(
    "careCertificationEnd",
    "member",
    "date",
    t("認定有効期間の満了日", "Care certification valid until"),
    isoDate,
  ),
  ask("basicPensionNumber", "member", "digits", t("基礎年金番号", "Basic pension number"), digitsOf(10), {
    hint: t("数字10桁（例 1234-567890）", "10 digits (e.g. 1234-567890)"),
  }),
  ask(
    "disabilityCertificateKind",
    "member",
    "choice",
    t("障害者手帳の種類", "Kind of disability certificate"),
    choice(certificateKinds),
    { options: certificateKinds },
  ),
  ask(
    "disabilityCertificateNumber",
    "member",
    "text",
    t("手帳番号", "Certificate number"),
    text(12).pipe(z.string().regex(/^[0-9A-Za-z-]+$/, { error: "英数字 / letters and digits" })),
  ),
  ask("mopedPlateNumber", "member", "text", t("原付の標識番号", "Moped plate number"), text(20)),
  ask(
    "mopedFrameNumber",
    "member",
    "text",
    t("原付の車台番号", "Moped frame number"),
    text(24).pipe(z.string().regex(/^[0-9A-Z-]+$/, { error: "英大文字と数字 / capitals and digits" })),
  ),
  ask(
    "mopedDisplacement",
    "member",
    "integer",
    t("原付の総排気量（cc）", "Moped displacement (cc)"),
    integer(1, 125),
  ),
  // 出生届: what the 出生証明書 and the parents say.
  ask("birthTime", "household", "text", t("生まれた時刻", "Time of birth"), clockTime, {
    hint: t("出生証明書のとおりに（例 10:30、午後3時5分）", "As on the birth certificate (e.g. 10:30)"),
  }),
  ask("birthPlace", "household", "text", t("生まれたところ", "Place of birth"), text(120), {
    hint: t("出生証明書の「出生したところ」（病院の所在地）", "The address on the birth certificate"),
  }),
  ask(
    "legitimacy",
    "household",
    "choice",
    t("父母との続き柄（嫡出子・嫡出でない子）", "Born to a married couple?"),
    choice(legitimacyOptions),
    { options: legitimacyOptions },
  ),
  ask(
    "childOrder",
    "household",
    "text",
    t("子の父母との続き柄（長男・長女・二男…）", "The newborn's place among the siblings (長男, 長女 …)"),
    text(6).pipe(z.string().regex(/^[長二三四五六七八九十]+[男女]$/, { error: "例 長男、二女 / e.g. 長男" })),
    {
      hint: t("同じ父母の子の生まれた順（例 長男、二女）", "Order of birth among the same parents' children"),
    },
  ),
  ask(
    "householdWork",
    "household",
    "choice",
    t("世帯のおもな仕事", "Main work of the household"),
    choice(householdWorkOptions),
    { options: householdWorkOptions },
  ),
  // 婚姻届.
  ask(
    "marriageSurname",
    "household",
    "choice",
    t("婚姻後の夫婦の氏", "Surname after the marriage"),
    choice(surnameChoices),
    { options: surnameChoices },
  ),
  ask("newHonseki", "household", "text", t("新しい本籍", "New registered domicile"), registeredText(80), {
    hint: t("婚姻後の夫婦の戸籍の本籍（例 熊本県熊本市中央区手取本町1番）", "Of the couple's new register"),
  }),
  ask(
    "cohabitationDate",
    "household",
    "date",
    t("同居を始めたとき", "When you started living together"),
    isoDate,
    {
      hint: t(
        "結婚式をあげたとき、または同居を始めたときのうち早いほう",
        "The earlier of the wedding and moving in together",
      ),
    },
  ),
  ask(
    "householdWorkBefore",
    "member",
    "choice",
    t("同居を始める前の世帯のおもな仕事", "Main work of the household before living together"),
    choice(householdWorkOptions),
    { options: householdWorkOptions },
  ),
  // 離婚届 (令和8年4月1日からの様式: 共同親権).
  ask(
    "courtDivorceKind",
    "household",
    "choice",
    t("裁判所での離婚の種別", "Kind of court divorce"),
    choice(courtDivorceKinds),
    {
      options: courtDivorceKinds,
    },
  ),
  ask(
    "parentalAuthority",
    "household",
    "choice",
    t("未成年の子の親権者", "Parental authority over the minor children"),
    choice(parentalAuthorityOptions),
    { options: parentalAuthorityOptions },
  ),
  ask(
    "divorceRegister",
    "household",
    "choice",
    t("婚姻前の氏にもどる者の戸籍", "Register of the partner returning to the former surname"),
    choice(divorceRegisterOptions),
    { options: divorceRegisterOptions },
  ),
  ask(
    "divorceHonseki",
    "household",
    "text",
    t("離婚後の本籍", "Registered domicile after the divorce"),
    registeredText(80),
    {
      hint: t("もとの戸籍の本籍、または新しい戸籍の本籍", "Of the former or of the new register"),
    },
  ),
  ask(
    "divorceHittousha",
    "household",
    "text",
    t("もどる戸籍の筆頭者", "Head of the former register"),
    nameText,
  ),
  ask("separationDate", "household", "date", t("別居したとき", "When you started living apart"), isoDate, {
    hint: t("別居していないときは届出の日", "If you have not, the filing day"),
  }),
  ask(
    "childSupportAgreement",
    "household",
    "choice",
    t("養育費の分担の取決め", "Arrangement on child support"),
    choice(arrangementOptions),
    { options: arrangementOptions },
  ),
  ask(
    "visitationAgreement",
    "household",
    "choice",
    t("親子交流の取決め", "Arrangement on contact with the child"),
    choice(arrangementOptions),
    { options: arrangementOptions },
  ),
  ask(
    "keepSurnameHonseki",
    "household",
    "text",
    t("氏を称した後の本籍", "Registered domicile after keeping the surname"),
    registeredText(80),
  ),
  // 出産育児一時金, 国保 資格喪失 on joining an employer's insurance.
  ask(
    "directPayment",
    "household",
    "choice",
    t("出産育児一時金の直接支払制度", "Direct payment of the childbirth grant to the hospital"),
    choice(directPaymentOptions),
    { options: directPaymentOptions },
  ),
  ask(
    "employeeInsuranceFrom",
    "household",
    "date",
    t("職場の健康保険に加入した日", "Date of joining the employer's health insurance"),
    isoDate,
  ),
];

export const fieldByKey: ReadonlyMap<string, FieldDefinition> = new Map(
  fieldDefinitions.map((f) => [f.key, f]),
);

// ── Known facts ───────────────────────────────────────────────────────────────────────────────────

const given = (value: AnswerValue | undefined): value is AnswerValue => value !== undefined && value !== "";

/**
 * The answers the forms print: the interview's answers with the facts the registry holds
 * (`known`: the registered address, 前住所, 本籍 …) laid over them. A known value always wins — the
 * registry is never overwritten by what was typed — and an empty known value is no fact at all.
 */
export function mergeKnown(answers: Answers, known: Answers): Answers {
  const household: Record<string, AnswerValue> = { ...answers.household };
  for (const [key, value] of Object.entries(known.household)) if (given(value)) household[key] = value;
  const members: Record<string, Record<string, AnswerValue>> = {};
  for (const [id, values] of Object.entries(answers.members)) members[id] = { ...values };
  for (const [id, values] of Object.entries(known.members)) {
    for (const [key, value] of Object.entries(values)) {
      if (!given(value)) continue;
      members[id] ??= {};
      (members[id] as Record<string, AnswerValue>)[key] = value;
    }
  }
  return { household, members };
}

/** Whether the registry (or the household) already holds this value: it is then never asked. */
export function isKnown(ref: FieldRef, known: Answers): boolean {
  const value =
    ref.memberId === undefined ? known.household[ref.key] : known.members[ref.memberId]?.[ref.key];
  return given(value);
}

// ── Resolving a binding for one household ─────────────────────────────────────────────────────────

/** A form's need for one field, for the household or for one member. */
export interface FieldRef {
  key: string;
  memberId?: string;
}

/**
 * What a binding prints: a value (display text), a question whose answer prints (`ask`), or nothing
 * to print and nothing to ask (a care level the member does not have).
 */
export type Resolution =
  | { kind: "value"; text: string; from?: FieldRef }
  | { kind: "ask"; ref: FieldRef }
  | { kind: "blank" };

/** What a form is about, for the bindings that depend on it (the filer's relation to those concerned). */
export interface ResolveContext {
  /** The members the form concerns (its plan item's members). */
  concerned?: readonly string[];
}

const value = (text: string): Resolution => ({ kind: "value", text });
const askFor = (key: string, memberId?: string): Resolution => ({
  kind: "ask",
  ref: memberId === undefined ? { key } : { key, memberId },
});
const blank: Resolution = { kind: "blank" };

const moveEvents: readonly EventType[] = ["move-in", "move-within", "move-between-wards", "move-out"];
const eventLabels: Partial<Record<EventType, string>> = {
  "move-in": "転入",
  "move-within": "転居",
  "move-between-wards": "区間異動",
  "move-out": "転出",
  death: "死亡",
  birth: "出生",
  marriage: "婚姻",
  divorce: "離婚",
};
const pensionLabels = { cat1: "第1号被保険者", cat2: "第2号被保険者", cat3: "第3号被保険者" } as const;
const insuranceLabels = {
  employee: "健康保険（被用者保険）",
  kokuho: "国民健康保険",
  kouki: "後期高齢者医療",
  welfare: "生活保護（医療扶助）",
} as const;
const careLabels = {
  support1: "要支援1",
  support2: "要支援2",
  care1: "要介護1",
  care2: "要介護2",
  care3: "要介護3",
  care4: "要介護4",
  care5: "要介護5",
} as const;
const filerRelationLabels: Record<FilerRelation, string> = {
  proxy: "代理人",
  "other-relative": "親族",
  landlord: "家主",
};
/** 在留資格 without a 在留期間: nothing to print or ask in 在留期間の満了の日. */
const permanentStatuses = new Set(["永住者", "特別永住者"]);

let regionNames: Intl.DisplayNames | undefined;
/**
 * A nationality as the 住民票 writes it: the Japanese name of the country or region (ベトナム, 韓国),
 * from the ICU data Node ships; the code itself only when ICU does not know it.
 */
export function nationalityName(code: string): string {
  regionNames ??= new Intl.DisplayNames("ja", { type: "region", fallback: "code" });
  try {
    const name = regionNames.of(code);
    return name && name !== code && !name.startsWith("不明") ? name : code;
  } catch {
    return code;
  }
}

const gendered = (m: Member, female: string, male: string, either: string) =>
  m.sex === "female" ? female : m.sex === "male" ? male : either;

function relationLabel(member: Member): string {
  switch (member.relation) {
    case "head":
      return "世帯主";
    case "spouse":
      return gendered(member, "妻", "夫", "配偶者");
    case "child":
      return "子";
    case "parent":
      return gendered(member, "母", "父", "父母");
    default:
      return "その他";
  }
}

/**
 * What `from` is to `to`, both described by their relation to the head (the only relations a
 * household holds): 妻, 子, 母, 孫 …; undefined when the household does not say.
 */
export function kinship(from: Member, to: Member): string | undefined {
  const a = from.relation;
  const b = to.relation;
  if (from.id === to.id) return "本人";
  if (b === "head") return a === "other" ? undefined : relationLabel(from);
  if (a === "head") {
    if (b === "spouse") return gendered(from, "妻", "夫", "配偶者");
    if (b === "child") return gendered(from, "母", "父", "親");
    if (b === "parent") return "子";
    return undefined;
  }
  if (a === "spouse" && b === "child") return gendered(from, "母", "父", "親");
  if (a === "child" && b === "spouse") return "子";
  if (a === "child" && b === "child") return "兄弟姉妹";
  if (a === "parent" && b === "child") return gendered(from, "祖母", "祖父", "祖父母");
  if (a === "child" && b === "parent") return "孫";
  if (a === "spouse" && b === "parent") return "子の配偶者";
  if (a === "parent" && b === "spouse") return gendered(from, "配偶者の母", "配偶者の父", "配偶者の父母");
  return undefined;
}

function gradeLabel(grade: number): string {
  if (grade <= 0) return "未就学";
  if (grade <= 6) return `小学${grade}年`;
  if (grade <= 9) return `中学${grade - 6}年`;
  if (grade <= 12) return `高校${grade - 9}年相当`;
  return "";
}

const eventDay = (household: Household) => parseIsoDate(household.event.date);
function ageAtEvent(household: Household, member: Member): number {
  const birth = parseIsoDate(member.birthDate);
  const on = eventDay(household);
  return birth && on ? ageOn(birth, on) : 0;
}
const isAdult = (household: Household, m: Member) => ageAtEvent(household, m) >= 18;
const isDeceased = (household: Household, m: Member) =>
  household.event.type === "death" && household.event.subject === m.id;

/**
 * The member who files when the household does not name a filer: the head when present and alive;
 * for a death, the funeral host if a member, else the head if alive, else a remaining adult (a
 * spouse first); for a move, the head, else the first adult who moves. Undefined when nobody can —
 * the deceased lived alone and the filer came from elsewhere.
 */
export function defaultFilerMember(household: Household): string | undefined {
  const { event, members } = household;
  const alive = members.filter((m) => !isDeceased(household, m));
  if (event.type === "death") {
    const host = alive.find((m) => m.id === event.funeralHost);
    if (host) return host.id;
    return (
      alive.find((m) => m.relation === "head") ??
      alive.find((m) => m.relation === "spouse" && isAdult(household, m)) ??
      alive.find((m) => isAdult(household, m))
    )?.id;
  }
  // 出生届: the father or the mother (戸籍法 §52); 婚姻届・離婚届: the partners, the head among them first.
  if (event.type === "birth") {
    const { father, mother } = parentsOf(household, noAnswers);
    const parents = [father, mother].filter((m): m is Member => m !== undefined);
    const parent = parents.find((m) => m.relation === "head") ?? parents[0];
    if (parent) return parent.id;
  }
  if (event.type === "marriage" || event.type === "divorce") {
    const partners = (event.partners ?? [])
      .map((id) => members.find((m) => m.id === id))
      .filter((m): m is Member => m !== undefined);
    // After a divorce the partner who keeps the children (else who stays) files what follows it.
    const partner =
      event.type === "divorce"
        ? (partners.find((m) => m.id === event.custodian) ??
          partners.find((m) => m.id !== event.leaving && m.relation === "head") ??
          partners.find((m) => m.id !== event.leaving) ??
          partners[0])
        : (partners.find((m) => m.relation === "head") ?? partners[0]);
    if (partner) return partner.id;
  }
  const movers = alive.filter((m) => m.moving !== false);
  return (
    alive.find((m) => m.relation === "head") ??
    movers.find((m) => isAdult(household, m)) ??
    alive.find((m) => isAdult(household, m)) ??
    movers[0]
  )?.id;
}

/** Who fills a 届出人/申請者/請求者 box: a member of the household, or someone else. */
export type Party =
  | { kind: "member"; member: Member }
  | {
      kind: "other";
      name: string;
      kana?: string;
      address?: string;
      phone?: string;
      /** 代理人 / 親族 / 家主, or what the interview says. */
      relation?: string;
    }
  /** Not known yet: this question names them. */
  | { kind: "ask"; ref: FieldRef }
  /** Nobody of the household (a newborn's father who does not live here): the boxes stay blank. */
  | { kind: "none" };

/** The filer of the visit: `household.filer`, else {@link defaultFilerMember}. */
export function filerOf(household: Household): Party {
  const filer = household.filer;
  if (filer && "member" in filer) {
    const member = household.members.find((m) => m.id === filer.member);
    if (member) return { kind: "member", member };
  } else if (filer) {
    return {
      kind: "other",
      name: filer.name,
      ...(filer.kana ? { kana: filer.kana } : {}),
      ...(filer.address ? { address: filer.address } : {}),
      ...(filer.phone ? { phone: filer.phone } : {}),
      relation: filerRelationLabels[filer.relation],
    };
  }
  const id = defaultFilerMember(household);
  const member = household.members.find((m) => m.id === id);
  return member ? { kind: "member", member } : { kind: "ask", ref: { key: "filer" } };
}

const sameName = (a: string, b: string) =>
  normalizeNameText(a).replace(/\s+/g, "") === normalizeNameText(b).replace(/\s+/g, "");

/**
 * The 喪主 who claims the 葬祭費: the member the event names, else the person the interview names —
 * a member or the filer when the name is theirs (so their address is not asked again), else someone
 * whose address is asked.
 */
export function funeralHostOf(household: Household, answers: Answers): Party {
  const { event } = household;
  const member = household.members.find((m) => m.id === event.funeralHost && !isDeceased(household, m));
  if (member) return { kind: "member", member };
  const named = answers.household.funeralHostName;
  if (typeof named !== "string" || named === "") return { kind: "ask", ref: { key: "funeralHostName" } };
  const filer = filerOf(household);
  if (filer.kind === "other" && sameName(filer.name, named)) return filer;
  const namesake = household.members.find(
    (m) => !isDeceased(household, m) && m.name !== undefined && sameName(m.name, named),
  );
  if (namesake) return { kind: "member", member: namesake };
  const address = answers.household.funeralHostAddress;
  return { kind: "other", name: named, ...(typeof address === "string" ? { address } : {}) };
}

/**
 * The members who may claim the 児童手当 for the children concerned: the adults of the household
 * other than those children (and other than someone who died).
 */
export function childAllowanceClaimants(household: Household, concerned: readonly string[] = []): Member[] {
  return household.members.filter(
    (m) => !concerned.includes(m.id) && !isDeceased(household, m) && isAdult(household, m),
  );
}

/**
 * The 児童手当 claimant: the parent with the higher income, chosen in the interview (never assumed) —
 * except after a divorce, where it is the parent who keeps the children (the `custodian`).
 */
export function childAllowanceClaimantOf(household: Household, answers: Answers): Party {
  const { event } = household;
  const custodian =
    event.type === "divorce" ? household.members.find((m) => m.id === event.custodian) : undefined;
  if (custodian) return { kind: "member", member: custodian };
  const id = answers.household.childAllowanceClaimant;
  const member = household.members.find((m) => m.id === id);
  return member ? { kind: "member", member } : { kind: "ask", ref: { key: "childAllowanceClaimant" } };
}

/**
 * 届出人の資格 of a 死亡届 (戸籍法 §87): 同居の親族, 同居者, 同居していない親族, 家主 …; a proxy only
 * brings the form (使者).
 */
function filerCapacity(household: Household): Resolution {
  const filer = filerOf(household);
  if (filer.kind === "ask") return { kind: "ask", ref: filer.ref };
  if (filer.kind === "member") return value(filer.member.relation === "other" ? "同居者" : "同居の親族");
  const relation = household.filer && "relation" in household.filer ? household.filer.relation : undefined;
  if (relation === "other-relative") return value("同居していない親族");
  if (relation === "landlord") return value("家主");
  return value("使者（届出人の代理）");
}

/** The relation a member who files has to the members a form concerns: 本人, 妻, 子, 世帯主 … */
function relationToConcerned(member: Member, household: Household, concerned: readonly string[]): string {
  if (concerned.includes(member.id)) return "本人";
  const people = concerned
    .map((id) => household.members.find((m) => m.id === id))
    .filter((m): m is Member => m !== undefined);
  const head = household.members.find((m) => m.relation === "head");
  const about = people.find((m) => m.relation === "head") ?? people[0] ?? head;
  const relation = about ? kinship(member, about) : undefined;
  if (relation !== undefined && relation !== "本人") return relation;
  return member.relation === "head" ? "世帯主" : "同一世帯員";
}

/**
 * The parties a template's bindings may name: `applicant.name`, `funeralHost.address`, `claimant.kana`;
 * for the 戸籍 届書 the partners (`husband`, `wife`), the newborn (`child`) and its parents (`father`,
 * `mother`), and `subject`, the first member the form concerns (who keeps a surname).
 */
export const partyBindings = [
  "applicant",
  "funeralHost",
  "claimant",
  "husband",
  "wife",
  "child",
  "father",
  "mother",
  "parent",
  "subject",
] as const;
/** What a party binding may print after its dot; the bare party (`applicant`) prints the name. */
export const partyFields = [
  "name",
  "kana",
  "birthDate",
  "sex",
  "relation",
  "address",
  "phone",
  "insurance",
  "age",
  "headRelation",
  "surname",
  "honseki",
  "hittousha",
  "fatherName",
  "motherName",
  "parentRelation",
  "marriageHistory",
  "previousSurname",
  "householdWorkBefore",
] as const;

const memberParty = (member: Member | undefined): Party =>
  member ? { kind: "member", member } : { kind: "none" };

function partyOf(prefix: string, household: Household, answers: Answers, context: ResolveContext): Party {
  switch (prefix) {
    case "funeralHost":
      return funeralHostOf(household, answers);
    case "claimant":
      return childAllowanceClaimantOf(household, answers);
    case "husband":
      return memberParty(partnersOf(household, answers).husband);
    case "wife":
      return memberParty(partnersOf(household, answers).wife);
    case "child":
      return memberParty(newbornOf(household));
    case "father":
      return memberParty(parentsOf(household, answers).father);
    case "mother":
      return memberParty(parentsOf(household, answers).mother);
    case "parent": {
      // The parent whose 本籍 the 出生届 prints: the filer when a parent (asked once), else the mother.
      const { father, mother } = parentsOf(household, answers);
      const filer = filerOf(household);
      const filing = filer.kind === "member" ? filer.member.id : undefined;
      return memberParty([father, mother].find((m) => m?.id === filing) ?? mother ?? father);
    }
    case "subject":
      return memberParty(household.members.find((m) => m.id === context.concerned?.[0]));
    default:
      return filerOf(household);
  }
}

/** The member a party binding names for a form (the filer, a partner, the newborn …), if any. */
export function partyMemberId(
  prefix: string,
  household: Household,
  answers: Answers,
  context: ResolveContext = {},
): string | undefined {
  const party = partyOf(prefix, household, answers, context);
  return party.kind === "member" ? party.member.id : undefined;
}

/**
 * Where to reach a party not known yet: asked with the question that names them, so that naming
 * them can only remove questions (the filer's own address when the 喪主 is the filer), never add any.
 */
function unknownPartyField(
  prefix: string,
  field: string,
  household: Household,
  answers: Answers,
): Resolution | undefined {
  if (field === "phone") return askFor("phone");
  if (field !== "address") return undefined;
  if (prefix === "funeralHost") return askFor("funeralHostAddress");
  if (prefix === "applicant") return askFor("filerAddress");
  return resolveBinding("householdAddress", household, answers);
}

function resolveParty(
  prefix: string,
  party: Party,
  field: string,
  household: Household,
  answers: Answers,
  context: ResolveContext,
): Resolution {
  if (party.kind === "none") return blank;
  if (party.kind === "ask")
    return unknownPartyField(prefix, field, household, answers) ?? { kind: "ask", ref: party.ref };
  if (party.kind === "other") {
    switch (field) {
      case "name":
        return value(party.name);
      case "kana":
        return party.kana ? value(party.kana) : blank;
      case "relation":
        return party.relation ? value(party.relation) : blank;
      case "address":
        return party.address ? value(party.address) : askFor("filerAddress");
      case "phone":
        return party.phone ? value(party.phone) : askFor("phone");
      default:
        return blank;
    }
  }
  const { member } = party;
  switch (field) {
    case "relation":
      return value(relationToConcerned(member, household, context.concerned ?? []));
    case "address":
      return resolveBinding("householdAddress", household, answers);
    case "phone":
      return askFor("phone");
    default:
      return resolveMemberField(field, member, household);
  }
}

/** The filer as the hand-off to the core systems records them (what the 届出人 boxes print). */
export interface FilerSummary {
  /** `member`, or the relation of someone from outside the household. */
  type: "member" | FilerRelation | "unknown";
  /** The member's id when the filer is a member (for the core system, never printed). */
  memberId?: string;
  name?: string;
  kana?: string;
  address?: string;
  phone?: string;
  /** As printed: 本人, 妻, 子 … for a member; 代理人, 親族, 家主 otherwise. */
  relation?: string;
}

/**
 * The filer of a form concerning `concerned`, with every value as the forms print it (an answer
 * where the household does not hold it): the record the hand-off carries.
 */
export function filerSummary(
  household: Household,
  answers: Answers,
  concerned: readonly string[] = [],
): FilerSummary {
  const party = filerOf(household);
  const text = (field: string): string | undefined => {
    const r = resolveParty("applicant", party, field, household, answers, { concerned });
    if (r.kind === "value") return r.text;
    return r.kind === "ask" ? answerText(r.ref, household, answers) : undefined;
  };
  const type: FilerSummary["type"] =
    party.kind === "member"
      ? "member"
      : party.kind === "other" && household.filer && "relation" in household.filer
        ? household.filer.relation
        : "unknown";
  const out: FilerSummary = { type };
  if (party.kind === "member") out.memberId = party.member.id;
  for (const field of ["name", "kana", "address", "phone", "relation"] as const) {
    const value = text(field);
    if (value !== undefined) out[field] = value;
  }
  return out;
}

/** Resolves a member field for one member. */
function resolveMemberField(key: string, member: Member, household: Household): Resolution {
  const resolved = memberValue(key, member, household);
  // A member's value keeps its origin, so a problem with it (a character the font lacks) names the
  // member and the field, whichever box of whichever form prints it.
  return resolved.kind === "value" ? { ...resolved, from: { key, memberId: member.id } } : resolved;
}

const orAsk = (text: string | undefined, key: string, member: Member): Resolution =>
  text ? value(text) : askFor(key, member.id);

function memberValue(key: string, member: Member, household: Household): Resolution {
  const foreign = isForeignResident(member);
  switch (key) {
    case "name":
      return orAsk(member.name, "name", member);
    case "kana":
      return orAsk(member.kana, "kana", member);
    case "birthDate":
      return value(formatWareki(member.birthDate));
    case "sex":
      return member.sex ? value(member.sex === "female" ? "女" : "男") : askFor("sex", member.id);
    case "relation":
    case "headRelation":
      return value(relationLabel(member));
    case "age":
      return value(`満${ageAtEvent(household, member)}歳`);
    case "grade": {
      const birth = parseIsoDate(member.birthDate);
      const on = eventDay(household);
      return birth && on ? value(gradeLabel(gradeOn(birth, on))) : blank;
    }
    case "insurance":
      return value(insuranceLabels[member.insurance]);
    case "careLevel":
      return member.careLevel ? value(careLabels[member.careLevel]) : blank;
    case "surname":
      return member.name ? value(surnameOf(member.name) ?? member.name) : askFor("name", member.id);
    case "previousPensionLabel": {
      const before = member.previousPension ?? member.pension;
      return before ? value(pensionLabels[before]) : blank;
    }
    // 本籍・筆頭者 are kept for Japanese nationals, 国籍・在留 for foreign residents (住基法 §30の45).
    case "honseki":
      return foreign ? blank : orAsk(member.honseki, key, member);
    case "hittousha":
      return foreign ? blank : orAsk(member.hittousha, key, member);
    case "nationality":
      return foreign ? value(nationalityName(nationalityOf(member))) : blank;
    case "residenceStatus":
      return foreign ? orAsk(member.residenceStatus, key, member) : blank;
    case "residenceCardNumber":
      return foreign ? orAsk(member.residenceCardNumber, key, member) : blank;
    case "residencePeriodEnd":
      if (!foreign || permanentStatuses.has(member.residenceStatus ?? "")) return blank;
      return member.residencePeriodEnd
        ? value(formatWareki(member.residencePeriodEnd))
        : askFor(key, member.id);
    default:
      return askFor(key, member.id);
  }
}

/** The address of the household on the form's date: where it lives after a move in, before a move out. */
function householdAddressKey(type: EventType): string {
  if (type === "move-out") return "previousAddress";
  if (type === "move-in" || type === "move-within" || type === "move-between-wards") return "newAddress";
  // A death, a birth, a marriage, a divorce: the household's registered address (registry-facts.ts).
  return "address";
}

const fromAbroad = (household: Household) =>
  household.event.type === "move-in" && household.event.origin === "abroad";

/**
 * Resolves a binding as a template writes it: a household key (`newAddress`), a member key for a
 * given member (`name` in a member column), or a party's field (`applicant.kana`, `funeralHost`).
 * `context` says whom the form concerns (for the filer's relation to them).
 */
export function resolveBinding(
  binding: string,
  household: Household,
  answers: Answers,
  member?: Member,
  context: ResolveContext = {},
): Resolution {
  if (member) return resolveMemberField(binding, member, household);
  const dot = binding.indexOf(".");
  const prefix = dot < 0 ? binding : binding.slice(0, dot);
  if ((partyBindings as readonly string[]).includes(prefix)) {
    const field = dot < 0 ? "name" : binding.slice(dot + 1);
    return resolveParty(
      prefix,
      partyOf(prefix, household, answers, context),
      field,
      household,
      answers,
      context,
    );
  }
  const { event } = household;
  switch (binding) {
    case "movingDate":
      return moveEvents.includes(event.type) ? value(formatWareki(event.date)) : askFor("movingDate");
    case "deathDate":
      return event.type === "death" ? value(formatWareki(event.date)) : blank;
    case "funeralDate":
      return event.funeralDate ? value(formatWareki(event.funeralDate)) : askFor("funeralDate");
    case "eventLabel":
      return value(eventLabels[event.type] ?? "");
    case "headName": {
      const head = household.members.find((m) => m.relation === "head");
      return head ? resolveMemberField("name", head, household) : blank;
    }
    case "householdAddress":
      return resolveBinding(householdAddressKey(event.type), household, answers);
    case "funeralHostName":
      return resolveParty(
        "funeralHost",
        funeralHostOf(household, answers),
        "name",
        household,
        answers,
        context,
      );
    case "filerCapacity":
      return filerCapacity(household);
    case "eventDate":
      return value(formatWareki(event.date));
    case "previousAddress":
      // A move from abroad has no 前住所 in Japan: the form says 国外 and names the country.
      if (fromAbroad(household)) return value("国外");
      return household.previousAddress?.address ? value(household.previousAddress.address) : askFor(binding);
    case "previousHead":
      if (fromAbroad(household)) return blank;
      return household.previousAddress?.householdHead
        ? value(household.previousAddress.householdHead)
        : askFor(binding);
    case "previousCountry":
      return fromAbroad(household) ? askFor(binding) : blank;
    default:
      return resolveFamilyBinding(binding, household, answers);
  }
}

const roleLabel = { husband: "夫", wife: "妻" } as const;
/** 成立 for what the parties conclude before the court, 確定 for what the court decides. */
const courtDivorceWord: Record<string, string> = {
  mediation: "成立",
  settlement: "成立",
  acknowledgment: "認諾",
  adjudication: "確定",
  judgment: "確定",
};

function choiceLabel(key: string, raw: AnswerValue | undefined): string | undefined {
  if (raw === undefined || raw === "") return undefined;
  return fieldByKey.get(key)?.options?.find((o) => o.value === raw)?.label.ja;
}

/** The bindings of the 戸籍 届書 and of the forms that go with a birth, a marriage or a divorce. */
function resolveFamilyBinding(binding: string, household: Household, answers: Answers): Resolution {
  const { event } = household;
  const answered = (key: string) => answers.household[key];
  const names = (members: readonly Member[]) =>
    members.length === 0
      ? blank
      : members.some((m) => !m.name)
        ? askFor("name", members.find((m) => !m.name)?.id)
        : value(members.map((m) => m.name).join("、"));
  switch (binding) {
    case "legitimacy":
      return legitimacyOf(household, answers) ? value("嫡出子") : askFor(binding);
    case "childOrder": {
      const order = childOrderOf(household, answers);
      return order ? value(order) : askFor(binding);
    }
    case "birthFilerCapacity": {
      const filer = filerOf(household);
      if (filer.kind !== "member") return blank;
      const { father, mother } = parentsOf(household, answers);
      if (filer.member.id === father?.id) return value("父");
      if (filer.member.id === mother?.id) return value("母");
      return value("同居者");
    }
    case "marriageSurname": {
      const chosen = marriageSurnameOf(household, answers);
      return chosen ? value(`${roleLabel[chosen]}の氏`) : askFor(binding);
    }
    case "newHittousha":
    case "newHonseki": {
      const chosen =
        marriageSurnameOf(household, answers) ??
        (answered("marriageSurname") as "husband" | "wife" | undefined);
      if (chosen !== "husband" && chosen !== "wife") return askFor("marriageSurname");
      const partner = partnersOf(household, answers)[chosen];
      if (!partner) return blank;
      if (binding === "newHittousha") return resolveMemberField("name", partner, household);
      // The partner whose surname the couple takes already heads a register: the other joins it.
      if (partner.hittousha && partner.name && sameName(partner.hittousha, partner.name))
        return value(`${roleLabel[chosen]}が筆頭者の戸籍に入ります（${partner.honseki ?? "現在の本籍"}）`);
      return askFor("newHonseki");
    }
    case "divorceKind": {
      if (event.divorceType !== "court") return value("協議離婚");
      const kind = answered("courtDivorceKind");
      const label = choiceLabel("courtDivorceKind", kind);
      if (!label) return askFor("courtDivorceKind");
      return value(`${label}（${formatWareki(event.date)} ${courtDivorceWord[String(kind)] ?? "確定"}）`);
    }
    case "returningPartner": {
      const role = returningPartnerOf(household, answers);
      return role ? value(roleLabel[role]) : blank;
    }
    case "divorceRegister":
    case "divorceHonseki":
      return returningPartnerOf(household, answers) ? askFor(binding) : blank;
    case "divorceHittousha": {
      const role = returningPartnerOf(household, answers);
      if (!role) return blank;
      const register = answered("divorceRegister");
      if (register === undefined || register === "") return askFor("divorceRegister");
      if (register === "new") {
        const partner = partnersOf(household, answers)[role];
        return partner ? resolveMemberField("name", partner, household) : blank;
      }
      return askFor(binding);
    }
    case "custodyHusbandChildren":
    case "custodyWifeChildren":
    case "custodyJointChildren": {
      const children = minorChildrenOf(household);
      if (children.length === 0) return blank;
      const who = custodyOf(household, answers) ?? answered("parentalAuthority");
      if (who === undefined || who === "") return askFor("parentalAuthority");
      const mine =
        (binding === "custodyHusbandChildren" && who === "husband") ||
        (binding === "custodyWifeChildren" && who === "wife") ||
        (binding === "custodyJointChildren" && who === "both");
      return mine ? names(children) : blank;
    }
    case "childSupportAgreement":
    case "visitationAgreement":
      return minorChildrenOf(household).length > 0 ? askFor(binding) : blank;
    case "divorceChildren":
      return names(minorChildrenOf(household));
    case "courtDivorceKind":
      return event.divorceType === "court" ? askFor(binding) : blank;
    default:
      return askFor(binding);
  }
}

/** The display text of an answer, or undefined when it was not given. */
export function answerText(ref: FieldRef, household: Household, answers: Answers): string | undefined {
  const raw =
    ref.memberId === undefined ? answers.household[ref.key] : answers.members[ref.memberId]?.[ref.key];
  if (raw === undefined || raw === "") return undefined;
  const field = fieldByKey.get(ref.key);
  if (!field) return String(raw);
  switch (field.type) {
    case "date": {
      if (!parseIsoDate(String(raw))) return String(raw);
      // The 届書 ask 同居を始めたとき and 別居したとき by year and month only.
      const wareki = formatWareki(String(raw));
      return ref.key === "cohabitationDate" || ref.key === "separationDate"
        ? wareki.replace(/\d+日$/, "")
        : wareki;
    }
    case "choice":
      return field.options?.find((o) => o.value === raw)?.label.ja ?? String(raw);
    case "member": {
      const member = household.members.find((m) => m.id === raw);
      return member?.name ?? answers.members[String(raw)]?.name?.toString();
    }
    case "digits":
      // 基礎年金番号 is printed the way the pension book writes it.
      return ref.key === "basicPensionNumber"
        ? `${String(raw).slice(0, 4)}-${String(raw).slice(4)}`
        : String(raw);
    default:
      // A country typed as its code (VN) prints as its name (ベトナム).
      if (ref.key === "previousCountry" && /^[A-Z]{2}$/.test(String(raw)))
        return nationalityName(String(raw));
      if (ref.key === "birthTime") return japaneseTime(String(raw));
      return String(raw);
  }
}

/**
 * The answer keys a binding may print (for the hand-off, which sends a procedure only the answers
 * its form uses): a household key is itself; a party's fields are the answers that fill them.
 */
export function answerKeysOfBinding(binding: string): string[] {
  const prefix = binding.split(".")[0] ?? binding;
  if (prefix === "applicant") return ["filerAddress", "phone", "newAddress", "previousAddress", "address"];
  if (prefix === "funeralHost") return ["funeralHostName", "funeralHostAddress", "phone"];
  if (prefix === "claimant")
    return ["childAllowanceClaimant", "phone", "newAddress", "previousAddress", "address"];
  if (binding === "householdAddress") return ["newAddress", "previousAddress", "address"];
  if (binding === "funeralHostName") return ["funeralHostName"];
  // A partner's, a parent's or the newborn's field: the member answer of that name, and their address.
  if (["husband", "wife", "child", "father", "mother", "parent", "subject"].includes(prefix)) {
    const field = binding.split(".")[1] ?? "name";
    return [field, "address", "phone"];
  }
  const derivedFrom: Record<string, string[]> = {
    newHittousha: ["marriageSurname"],
    newHonseki: ["newHonseki", "marriageSurname"],
    divorceKind: ["courtDivorceKind"],
    divorceHittousha: ["divorceHittousha", "divorceRegister"],
    custodyHusbandChildren: ["parentalAuthority"],
    custodyWifeChildren: ["parentalAuthority"],
    custodyJointChildren: ["parentalAuthority"],
  };
  return derivedFrom[binding] ?? [binding];
}

// ── Which bindings a form uses, and the questions they raise ──────────────────────────────────────

export interface TemplateBindings {
  /** Bindings printed once for the form (household keys and party fields such as `applicant.kana`). */
  household: string[];
  /** Bindings printed for each member of the plan item (both lines of a member table). */
  member: string[];
}

const applies = (events: readonly EventType[] | undefined, type: EventType | undefined) =>
  type === undefined || events === undefined || events.includes(type);

/**
 * The bindings of a template that print for this event (boxes may be limited to some events);
 * without an event, every binding the template names.
 */
export function bindingsFor(template: FormTemplate, event?: EventType): TemplateBindings {
  const household: string[] = [];
  const member: string[] = [];
  if (template.kind === "generated") {
    for (const section of template.sections) {
      if (section.type === "boxes") {
        for (const box of section.boxes) if (box.bind && applies(box.events, event)) household.push(box.bind);
      } else if (section.type === "members") {
        for (const column of [...section.columns, ...(section.detail ?? [])])
          if (applies(column.events, event)) member.push(column.bind);
      }
    }
  } else {
    for (const field of template.fields) if (applies(field.events, event)) household.push(field.bind);
    for (const column of template.members?.columns ?? [])
      if (applies(column.events, event)) member.push(column.bind);
  }
  return { household, member };
}

const isPartyBinding = (binding: string): boolean => {
  const [prefix, field, ...rest] = binding.split(".");
  if (!(partyBindings as readonly string[]).includes(prefix ?? "")) return false;
  return rest.length === 0 && (field === undefined || (partyFields as readonly string[]).includes(field));
};

/** Bindings a template names that the dictionary does not know, or that are in the wrong place. */
export function unknownBindings(template: FormTemplate): string[] {
  const out: string[] = [];
  const { household, member } = bindingsFor(template);
  for (const binding of new Set(household)) {
    if (isPartyBinding(binding)) continue;
    if (fieldByKey.get(binding)?.scope !== "household") out.push(binding);
  }
  for (const binding of new Set(member)) if (fieldByKey.get(binding)?.scope !== "member") out.push(binding);
  return out;
}

export interface InterviewQuestion {
  key: string;
  /** Set for a member field: the member it is asked about. */
  memberId?: string;
  type: FieldType;
  source: FieldSource;
  label: Text;
  hint?: Text;
  /** The choices; for a member choice (the 児童手当 claimant), the members who may be chosen. */
  options?: FieldOption[];
  /** The one-stop forms that print the answer, in plan order. */
  procedureIds: string[];
}

export interface QuestionsOptions {
  templates?: ReadonlyMap<string, FormTemplate>;
  /** The interview's answers so far (an answer may settle who a party is, and so what else is asked). */
  answers?: Answers;
  /** What the registry holds (see {@link mergeKnown}): printed, never asked. */
  known?: Answers;
}

/** The members a member-choice question offers, when the form narrows them. */
function memberOptions(key: string, household: Household, item: PlanItem): FieldOption[] | undefined {
  if (key !== "childAllowanceClaimant") return undefined;
  return childAllowanceClaimants(household, item.members).map((m, i) => ({
    value: m.id,
    label: m.name ? { ja: m.name, en: m.name } : { ja: `${i + 1}人目の方`, en: `Member ${i + 1}` },
  }));
}

/**
 * The questions the counter asks for this plan: exactly the union of the fields the plan's one-stop
 * forms print that neither the household (registry record and event) nor `known` supplies — each
 * field once for the household, or once per member for member fields, however many forms print it.
 *
 * Answers already given do not remove a question: this is the interview's question list; which of
 * them are still unanswered is what renderForms reports as `missing`. A known fact removes it.
 */
export function questionsFor(
  plan: Plan,
  household: Household,
  options: QuestionsOptions = {},
): InterviewQuestion[] {
  const templates = options.templates ?? defaultTemplates;
  const known = options.known ?? noAnswers;
  const answers = mergeKnown(options.answers ?? noAnswers, known);
  const found = new Map<string, InterviewQuestion>();
  const note = (ref: FieldRef, item: PlanItem) => {
    if (isKnown(ref, known)) return;
    const id = `${ref.key}\u0000${ref.memberId ?? ""}`;
    const seen = found.get(id);
    if (seen) {
      if (!seen.procedureIds.includes(item.id)) seen.procedureIds.push(item.id);
      return;
    }
    const field = fieldByKey.get(ref.key);
    if (!field) return;
    const choices = field.options ?? memberOptions(ref.key, household, item);
    found.set(id, {
      key: ref.key,
      ...(ref.memberId === undefined ? {} : { memberId: ref.memberId }),
      type: field.type,
      source: field.source,
      label: field.label,
      ...(field.hint ? { hint: field.hint } : {}),
      ...(choices ? { options: choices } : {}),
      procedureIds: [item.id],
    });
  };
  for (const item of plan.procedures) {
    if (item.handling !== "one-stop") continue;
    const template = templates.get(item.id);
    if (!template) continue;
    const bindings = bindingsFor(template, household.event.type);
    const context = { concerned: item.members };
    for (const binding of bindings.household) {
      const r = resolveBinding(binding, household, answers, undefined, context);
      if (r.kind === "ask") note(r.ref, item);
    }
    for (const id of item.members) {
      const member = household.members.find((m) => m.id === id);
      if (!member) continue;
      for (const binding of bindings.member) {
        const r = resolveBinding(binding, household, answers, member, context);
        if (r.kind === "ask") note(r.ref, item);
      }
    }
  }
  // Dictionary order, then member order: the interview reads the same way for every household.
  const fieldOrder = new Map(fieldDefinitions.map((f, i) => [f.key, i]));
  const memberOrder = new Map(household.members.map((m, i) => [m.id, i]));
  return [...found.values()].sort(
    (a, b) =>
      (fieldOrder.get(a.key) ?? 0) - (fieldOrder.get(b.key) ?? 0) ||
      (memberOrder.get(a.memberId ?? "") ?? -1) - (memberOrder.get(b.memberId ?? "") ?? -1),
  );
}
