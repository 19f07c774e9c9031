import { z } from "zod";
import type { Text } from "../catalog/procedure.schema";
import type { EventType } from "../catalog/vocabulary";
import { parseIsoDate } from "../guidance/calendar";
import type { Plan } from "../guidance/engine";
import { ageOn, gradeOn } from "../guidance/facts";
import { type Household, type Member, normalizeNameText } from "../guidance/household.schema";
import { formatWareki } from "../shared/dates";
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
    .refine((s) => !/[\p{Cc}]/u.test(s), { error: "改行や制御文字は使えません / no line breaks" });
// Names keep the exact character of the register: no NFKC over compatibility ideographs (see
// normalizeNameText), variation selectors kept.
const nameText = z
  .string()
  .transform((s) => normalizeNameText(s).trim())
  .pipe(z.string().min(1).max(40));
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
const isoDate = z.string().refine((s) => parseIsoDate(s) !== null, {
  error: "存在する日付を YYYY-MM-DD で入力してください / a real date as YYYY-MM-DD",
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
  ask("address", "household", "text", t("住所", "Address"), text(120)),
  ask("phone", "household", "phone", t("日中の連絡先電話番号", "Daytime phone number"), phone),
  ask("applicant", "household", "member", t("届出人（窓口に来た方）", "Person filing"), memberId, {
    hint: t("既定は世帯主（死亡は喪主）", "Defaults to the head (for a death, the funeral host)"),
  }),
  ask("newHead", "household", "member", t("新しい世帯主", "New head of household"), memberId),
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
  ask("funeralDate", "household", "date", t("葬儀を行った日", "Date of the funeral"), isoDate),
  ask("deathPlace", "household", "text", t("死亡したところ", "Place of death"), text(80)),
  ask("honseki", "household", "text", t("本籍", "Registered domicile (本籍)"), text(80)),
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
];

export const fieldByKey: ReadonlyMap<string, FieldDefinition> = new Map(
  fieldDefinitions.map((f) => [f.key, f]),
);

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
};
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

function relationLabel(member: Member): string {
  switch (member.relation) {
    case "head":
      return "世帯主";
    case "spouse":
      return member.sex === "female" ? "妻" : member.sex === "male" ? "夫" : "配偶者";
    case "child":
      return "子";
    case "parent":
      return member.sex === "female" ? "母" : member.sex === "male" ? "父" : "父母";
    default:
      return "その他";
  }
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

/**
 * Who files: the head when the head moves, else the first adult who moves; for a death, the funeral
 * host, else a remaining spouse or adult. Staff may name another member (`answers.applicant`).
 */
export function defaultApplicant(household: Household): string | undefined {
  const { event, members } = household;
  const adult = (m: Member) => ageAtEvent(household, m) >= 18;
  if (event.type === "death") {
    if (event.funeralHost) return event.funeralHost;
    const remaining = members.filter((m) => m.id !== event.subject);
    return (
      remaining.find((m) => m.relation === "spouse" && adult(m)) ??
      remaining.find(adult) ??
      remaining[0]
    )?.id;
  }
  const movers = members.filter((m) => m.moving !== false);
  return (movers.find((m) => m.relation === "head") ?? movers.find(adult) ?? movers[0])?.id;
}

export function applicantOf(household: Household, answers: Answers): string | undefined {
  const chosen = answers.household.applicant;
  return typeof chosen === "string" ? chosen : defaultApplicant(household);
}

/** Resolves a member field for one member. */
function resolveMemberField(key: string, member: Member, household: Household): Resolution {
  const resolved = memberValue(key, member, household);
  // A member's value keeps its origin, so a problem with it (a character the font lacks) names the
  // member and the field, whichever box of whichever form prints it.
  return resolved.kind === "value" ? { ...resolved, from: { key, memberId: member.id } } : resolved;
}

function memberValue(key: string, member: Member, household: Household): Resolution {
  switch (key) {
    case "name":
      return member.name ? value(member.name) : askFor("name", member.id);
    case "kana":
      return member.kana ? value(member.kana) : askFor("kana", member.id);
    case "birthDate":
      return value(formatWareki(member.birthDate));
    case "sex":
      return member.sex ? value(member.sex === "female" ? "女" : "男") : askFor("sex", member.id);
    case "relation":
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
    default:
      return askFor(key, member.id);
  }
}

/** The address of the household on the form's date: where it lives after a move in, before a move out. */
function householdAddressKey(type: EventType): string {
  if (type === "move-out") return "previousAddress";
  if (type === "death") return "address";
  return "newAddress";
}

/**
 * Resolves a binding as a template writes it: a household key (`newAddress`), a member key for a
 * given member (`name` in a member column), or `applicant.<member key>`.
 */
export function resolveBinding(
  binding: string,
  household: Household,
  answers: Answers,
  member?: Member,
): Resolution {
  if (member) return resolveMemberField(binding, member, household);
  if (binding.startsWith("applicant.")) {
    const id = applicantOf(household, answers);
    const applicant = household.members.find((m) => m.id === id);
    return applicant ? resolveMemberField(binding.slice("applicant.".length), applicant, household) : blank;
  }
  const { event } = household;
  switch (binding) {
    case "movingDate":
      return moveEvents.includes(event.type) ? value(formatWareki(event.date)) : askFor("movingDate");
    case "deathDate":
      return event.type === "death" ? value(formatWareki(event.date)) : blank;
    case "eventLabel":
      return value(eventLabels[event.type] ?? "");
    case "headName": {
      const head = household.members.find((m) => m.relation === "head");
      return head ? resolveMemberField("name", head, household) : blank;
    }
    case "householdAddress":
      return askFor(householdAddressKey(event.type));
    case "funeralHostName": {
      const host = household.members.find((m) => m.id === event.funeralHost);
      return host ? resolveMemberField("name", host, household) : askFor("funeralHostName");
    }
    case "applicant": {
      const id = applicantOf(household, answers);
      const applicant = household.members.find((m) => m.id === id);
      return applicant ? resolveMemberField("name", applicant, household) : askFor("applicant");
    }
    default:
      return askFor(binding);
  }
}

/** The display text of an answer, or undefined when it was not given. */
export function answerText(ref: FieldRef, household: Household, answers: Answers): string | undefined {
  const raw =
    ref.memberId === undefined ? answers.household[ref.key] : answers.members[ref.memberId]?.[ref.key];
  if (raw === undefined) return undefined;
  const field = fieldByKey.get(ref.key);
  if (!field) return String(raw);
  switch (field.type) {
    case "date":
      return formatWareki(String(raw));
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
      return String(raw);
  }
}

// ── Which bindings a form uses, and the questions they raise ──────────────────────────────────────

export interface TemplateBindings {
  /** Bindings printed once for the form (household keys and `applicant.*`). */
  household: string[];
  /** Bindings printed for each member of the plan item. */
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
        for (const column of section.columns) if (applies(column.events, event)) member.push(column.bind);
      }
    }
  } else {
    for (const field of template.fields) if (applies(field.events, event)) household.push(field.bind);
    for (const column of template.members?.columns ?? [])
      if (applies(column.events, event)) member.push(column.bind);
  }
  return { household, member };
}

/** Bindings a template names that the dictionary does not know, or that are in the wrong place. */
export function unknownBindings(template: FormTemplate): string[] {
  const out: string[] = [];
  const { household, member } = bindingsFor(template);
  for (const binding of new Set(household)) {
    const isApplicant = binding.startsWith("applicant.");
    const field = fieldByKey.get(isApplicant ? binding.slice("applicant.".length) : binding);
    if (!field || field.scope !== (isApplicant ? "member" : "household")) out.push(binding);
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
  options?: FieldOption[];
  /** The one-stop forms that print the answer, in plan order. */
  procedureIds: string[];
}

/**
 * The questions the counter asks for this plan: exactly the union of the fields the plan's one-stop
 * forms print that the household (registry record and event) cannot supply — each field once for the
 * household, or once per member for member fields, however many forms print it.
 *
 * Answers already given do not remove a question: this is the interview's question list; which of
 * them are still unanswered is what renderForms reports as `missing`.
 */
export function questionsFor(
  plan: Plan,
  household: Household,
  options: { templates?: ReadonlyMap<string, FormTemplate>; answers?: Answers } = {},
): InterviewQuestion[] {
  const templates = options.templates ?? defaultTemplates;
  const answers = options.answers ?? noAnswers;
  const found = new Map<string, InterviewQuestion>();
  const note = (ref: FieldRef, procedureId: string) => {
    const id = `${ref.key}\u0000${ref.memberId ?? ""}`;
    const known = found.get(id);
    if (known) {
      if (!known.procedureIds.includes(procedureId)) known.procedureIds.push(procedureId);
      return;
    }
    const field = fieldByKey.get(ref.key);
    if (!field) return;
    found.set(id, {
      key: ref.key,
      ...(ref.memberId === undefined ? {} : { memberId: ref.memberId }),
      type: field.type,
      source: field.source,
      label: field.label,
      ...(field.hint ? { hint: field.hint } : {}),
      ...(field.options ? { options: field.options } : {}),
      procedureIds: [procedureId],
    });
  };
  for (const item of plan.procedures) {
    if (item.handling !== "one-stop") continue;
    const template = templates.get(item.id);
    if (!template) continue;
    const bindings = bindingsFor(template, household.event.type);
    for (const binding of bindings.household) {
      const r = resolveBinding(binding, household, answers);
      if (r.kind === "ask") note(r.ref, item.id);
    }
    for (const id of item.members) {
      const member = household.members.find((m) => m.id === id);
      if (!member) continue;
      for (const binding of bindings.member) {
        const r = resolveBinding(binding, household, answers, member);
        if (r.kind === "ask") note(r.ref, item.id);
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
