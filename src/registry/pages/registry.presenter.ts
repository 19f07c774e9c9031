import {
  benefits,
  careLevels,
  insurances,
  pensionCategories,
  possessions,
  sexes,
} from "../../catalog/vocabulary";
import {
  benefitLabels,
  careLevelLabels,
  insuranceLabels,
  memberFactLabels,
  pensionCategoryLabels,
  possessionLabels,
  relationLabels,
  sexLabels,
} from "../../catalog/vocabulary-labels";
import { formatWareki, formatWesternDate } from "../../shared/dates";
import { type LocaleMap, pickLabel } from "../../shared/locale";
import type { MessageKey, Translate } from "../../web/i18n";
import { tokyoTime } from "../../web/layout";
import {
  countryCodes,
  type DomicileField,
  JAPAN,
  nationalityName,
  type ResidentDomicile,
  residenceStatuses,
  residenceStatusLabel,
  STATELESS,
} from "../domicile";
import { type OpenReason, openReasons } from "../open-household";
import type { EditValues } from "../registry.forms";
import {
  ageOn,
  booleanFacts,
  type ChangeSource,
  type FactField,
  factFields,
  type HouseholdRecord,
  type ResidentChange,
  type ResidentFacts,
  type ResidentRecord,
  type SearchResults,
  todayInJapan,
} from "../resident";

/**
 * Rows and records → what the registry pages show, as text in the reader's language. The pages only
 * lay it out; names and addresses stay as registered (the pages mark them as Japanese).
 */

const text = (map: LocaleMap, t: Translate): string => pickLabel(map, t.locale).text;

/** An ISO date for people: 和暦 in Japanese (as on registry certificates), ISO in English. */
export const displayDate = (iso: string, t: Translate): string =>
  t.locale === "ja" ? formatWareki(iso) : iso;

export interface Choice {
  value: string;
  label: string;
}

/** The sex choices of the search forms, after the "any" (or empty) choice. */
export const sexChoices = (t: Translate): Choice[] =>
  sexes.map((s) => ({ value: s, label: text(sexLabels[s], t) }));

export interface ResultRow {
  id: string;
  householdId: string;
  name: string;
  kana: string;
  birthDate: string;
  sex: string;
  /** Ward and address as registered. */
  address: string;
  /** Card search only: whether the registered address agrees with the card. */
  addressMatches?: boolean;
}

export interface ResultsView {
  rows: ResultRow[];
  more: boolean;
}

export const resultsView = (results: SearchResults, t: Translate): ResultsView => ({
  more: results.more,
  rows: results.residents.map((r) => ({
    id: r.id,
    householdId: r.householdId,
    name: r.name,
    kana: r.kana,
    birthDate: displayDate(r.birthDate, t),
    sex: text(sexLabels[r.sex], t),
    address: `${r.ward}${r.address}`,
    ...(r.addressMatches === undefined ? {} : { addressMatches: r.addressMatches }),
  })),
});

const reasonKeys: Record<OpenReason, MessageKey> = {
  "move-within": "registry.reasonMoveWithin",
  "move-between-wards": "registry.reasonMoveBetweenWards",
  "move-out": "registry.reasonMoveOut",
  death: "registry.reasonDeath",
  "move-in": "registry.reasonMoveIn",
  birth: "registry.reasonBirth",
  marriage: "registry.reasonMarriage",
  divorce: "registry.reasonDivorce",
  certificate: "registry.reasonCertificate",
  change: "registry.reasonChange",
  other: "registry.reasonOther",
};

/** The reasons to open a household, in the order staff choose from. */
export const reasonChoices = (t: Translate): Choice[] =>
  openReasons.map((r) => ({ value: r, label: t(reasonKeys[r]) }));

/** Whom the reason page is about: the name as registered, the birth date for people. */
export const openingFor = (who: { name: string; birthDate: string }, t: Translate) => ({
  name: who.name,
  birthDate: displayDate(who.birthDate, t),
});

const list = (labels: LocaleMap[], t: Translate): string =>
  labels.length > 0 ? labels.map((l) => text(l, t)).join(t("registry.listSeparator")) : t("registry.none");
const yesNo = (value: boolean, t: Translate) => t(value ? "common.yes" : "common.no");

function factValue(facts: ResidentFacts, field: FactField, t: Translate): string {
  switch (field) {
    case "insurance":
      return text(insuranceLabels[facts.insurance], t);
    case "pension":
      return facts.pension ? text(pensionCategoryLabels[facts.pension], t) : t("registry.none");
    case "careLevel":
      return facts.careLevel ? text(careLevelLabels[facts.careLevel], t) : t("registry.none");
    case "benefits":
      return list(
        facts.benefits.map((b) => benefitLabels[b]),
        t,
      );
    case "owns":
      return list(
        facts.owns.map((o) => possessionLabels[o]),
        t,
      );
    default:
      return yesNo(facts[field], t);
  }
}

/** A 在留資格 for people: its Japanese name, with the English one before it on English pages. */
const statusText = (name: string, t: Translate): string => {
  const label = residenceStatusLabel(name);
  return t.locale === "ja" || !label?.en ? name : `${label.en} (${name})`;
};

/** 在留期間の満了の日 as written on the card and as people read it: 西暦 with 和暦 beside it. */
export const westernAndWareki = (iso: string, t: Translate): string =>
  t.locale === "ja"
    ? `${formatWesternDate(iso, "ja").replace(/（.）$/, "")}（${formatWareki(iso)}）`
    : `${iso} (${formatWareki(iso)})`;

const domicileLabelKeys: Record<DomicileField, MessageKey> = {
  nationality: "registry.labelNationality",
  honseki: "registry.labelHonseki",
  hittousha: "registry.labelHittousha",
  residenceStatus: "registry.labelResidenceStatus",
  residenceCardNumber: "registry.labelResidenceCardNumber",
  residencePeriodEnd: "registry.labelResidencePeriodEnd",
};

export interface DomicileRow {
  field: DomicileField;
  label: string;
  value: string;
  /** The value is Japanese whatever the page's language (本籍, 筆頭者, a 在留資格 on a Japanese page). */
  japanese: boolean;
}

/**
 * The nationality, then 本籍 and 筆頭者 for a Japanese national, or 在留資格, card number and the end
 * of the period of stay for a foreign resident; what is not known reads as "none".
 */
export function domicileRows(d: ResidentDomicile, t: Translate): DomicileRow[] {
  const row = (field: DomicileField, value: string | null, japanese = false): DomicileRow => ({
    field,
    label: t(domicileLabelKeys[field]),
    value: value ?? t("registry.none"),
    japanese: japanese && value !== null,
  });
  const nationality = row("nationality", nationalityName(d.nationality, t.intlLocale));
  if (d.nationality === JAPAN) {
    return [nationality, row("honseki", d.honseki, true), row("hittousha", d.hittousha, true)];
  }
  const permanent = d.residenceStatus === "永住者" || d.residenceStatus === "特別永住者";
  return [
    nationality,
    row(
      "residenceStatus",
      d.residenceStatus === null ? null : statusText(d.residenceStatus, t),
      t.locale === "ja",
    ),
    row("residenceCardNumber", d.residenceCardNumber),
    d.residencePeriodEnd === null && permanent
      ? { ...row("residencePeriodEnd", null), value: t("registry.periodNone") }
      : row(
          "residencePeriodEnd",
          d.residencePeriodEnd === null ? null : westernAndWareki(d.residencePeriodEnd, t),
        ),
  ];
}

export interface MemberView {
  id: string;
  name: string;
  kana: string;
  relation: string;
  birthDate: string;
  age: string;
  sex: string;
  residentNo: string;
  facts: Array<{ field: FactField; label: string; value: string }>;
  domicile: DomicileRow[];
}

export const memberView = (member: ResidentRecord, today: string, t: Translate): MemberView => ({
  id: member.id,
  name: member.name,
  kana: member.kana,
  relation: text(relationLabels[member.relation], t),
  birthDate: displayDate(member.birthDate, t),
  age: t("registry.age", { age: String(ageOn(member.birthDate, today)) }),
  sex: text(sexLabels[member.sex], t),
  residentNo: member.residentNo,
  facts: factFields.map((field) => ({
    field,
    label: text(memberFactLabels[field], t),
    value: factValue(member, field, t),
  })),
  domicile: domicileRows(member, t),
});

// History fields that are not facts, and where a change came from.
const historyFieldKeys: Record<string, MessageKey> = {
  created: "registry.fieldCreated",
  household: "registry.fieldHousehold",
  ward: "registry.fieldWard",
  address: "registry.fieldAddress",
  relation: "registry.fieldRelation",
  name: "registry.fieldName",
  kana: "registry.fieldKana",
  birthDate: "registry.fieldBirthDate",
  sex: "registry.fieldSex",
  postalCode: "registry.fieldPostalCode",
  ...domicileLabelKeys,
};
const sourceKeys: Record<ChangeSource, MessageKey> = {
  counter: "registry.sourceCounter",
  import: "registry.sourceImport",
  generator: "registry.sourceGenerator",
  "core-system": "registry.sourceCoreSystem",
};
const codeLabels: Record<string, Record<string, LocaleMap>> = {
  insurance: insuranceLabels,
  pension: pensionCategoryLabels,
  careLevel: careLevelLabels,
  benefits: benefitLabels,
  owns: possessionLabels,
  relation: relationLabels,
  sex: sexLabels,
};

function fieldLabel(field: string, t: Translate): string {
  const fact = (memberFactLabels as Record<string, LocaleMap | undefined>)[field];
  if (fact) return text(fact, t);
  const key = historyFieldKeys[field];
  return key ? t(key) : field;
}

/** A history value for people: codes by their labels, lists joined, yes/no for flags. */
function historyValue(field: string, value: unknown, t: Translate): string {
  if (typeof value === "string" && field === "nationality") return nationalityName(value, t.intlLocale);
  if (typeof value === "string" && field === "residenceStatus") return statusText(value, t);
  if (typeof value === "string" && field === "residencePeriodEnd") return westernAndWareki(value, t);
  const labels = codeLabels[field];
  const one = (v: unknown) => {
    const label = labels && typeof v === "string" ? labels[v] : undefined;
    return label ? text(label, t) : String(v);
  };
  if (value === null || value === undefined) return t("registry.none");
  if (Array.isArray(value))
    return value.length === 0 ? t("registry.none") : value.map(one).join(t("registry.listSeparator"));
  if (typeof value === "boolean") return yesNo(value, t);
  if (typeof value === "object") return "—";
  return one(value);
}

export interface HistoryRow {
  when: string;
  residentName: string;
  what: string;
  change: string;
  source: string;
  who: string;
  reason: string;
}

export const historyRows = (history: readonly ResidentChange[], t: Translate): HistoryRow[] =>
  history.map((h) => ({
    when: `${todayInJapan(h.occurredAt)} ${tokyoTime(h.occurredAt, t.locale)}`,
    residentName: h.residentName ?? "—",
    what: fieldLabel(h.field, t),
    change:
      h.field === "created"
        ? "—"
        : `${historyValue(h.field, h.oldValue, t)} → ${historyValue(h.field, h.newValue, t)}`,
    source: sourceKeys[h.source] ? t(sourceKeys[h.source]) : h.source,
    who: h.actorUsername ?? "—",
    reason: h.reason ?? "—",
  }));

export interface HouseholdView {
  id: string;
  householdNo: string;
  /** The head's name (the household number when it has no members). */
  title: string;
  address: string;
  /** 〒861-4101, or none. */
  postalCode: string;
  members: MemberView[];
  history: HistoryRow[];
}

export const householdView = (
  household: HouseholdRecord,
  history: readonly ResidentChange[],
  today: string,
  t: Translate,
): HouseholdView => ({
  id: household.id,
  householdNo: household.householdNo,
  title: household.members[0]?.name ?? household.householdNo,
  address: `${household.ward}${household.address}`,
  postalCode: household.postalCode ? `〒${household.postalCode}` : t("registry.none"),
  members: household.members.map((m) => memberView(m, today, t)),
  history: historyRows(history, t),
});

export interface EditView {
  residentId: string;
  householdId: string;
  name: string;
  values: EditValues;
  insurance: { label: string; choices: Choice[] };
  pension: { label: string; choices: Choice[] };
  careLevel: { label: string; choices: Choice[] };
  flags: Choice[];
  benefits: { label: string; choices: Choice[] };
  owns: { label: string; choices: Choice[] };
  nationalities: Choice[];
  residenceStatuses: Choice[];
}

const nationalityChoicesByLocale = new Map<string, Choice[]>();

/** Japan first, then every nationality by its name in the reader's language, 無国籍 last. */
export function nationalityChoices(t: Translate): Choice[] {
  const cached = nationalityChoicesByLocale.get(t.intlLocale);
  if (cached) return cached;
  const collator = new Intl.Collator(t.intlLocale);
  const others = countryCodes
    .filter((code) => code !== JAPAN)
    .map((code) => ({ value: code, label: nationalityName(code, t.intlLocale) }))
    .sort((a, b) => collator.compare(a.label, b.label));
  const choices = [
    { value: JAPAN, label: nationalityName(JAPAN, t.intlLocale) },
    ...others,
    { value: STATELESS, label: nationalityName(STATELESS, t.intlLocale) },
  ];
  nationalityChoicesByLocale.set(t.intlLocale, choices);
  return choices;
}

const choices = <T extends string>(codes: readonly T[], labels: Record<T, LocaleMap>, t: Translate) =>
  codes.map((c) => ({ value: c, label: text(labels[c], t) }));

export const editView = (resident: ResidentRecord, values: EditValues, t: Translate): EditView => ({
  residentId: resident.id,
  householdId: resident.householdId,
  name: resident.name,
  values,
  insurance: { label: text(memberFactLabels.insurance, t), choices: choices(insurances, insuranceLabels, t) },
  pension: {
    label: text(memberFactLabels.pension, t),
    choices: choices(pensionCategories, pensionCategoryLabels, t),
  },
  careLevel: { label: text(memberFactLabels.careLevel, t), choices: choices(careLevels, careLevelLabels, t) },
  flags: booleanFacts.map((f) => ({ value: f, label: text(memberFactLabels[f], t) })),
  benefits: { label: text(memberFactLabels.benefits, t), choices: choices(benefits, benefitLabels, t) },
  owns: { label: text(memberFactLabels.owns, t), choices: choices(possessions, possessionLabels, t) },
  nationalities: nationalityChoices(t),
  residenceStatuses: residenceStatuses.map((s) => ({ value: s.ja, label: statusText(s.ja, t) })),
});
