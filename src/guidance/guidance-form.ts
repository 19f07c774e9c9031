// The staff guidance page keeps its whole state in the form (no JavaScript, nothing stored): this
// module turns submitted fields into a draft the page re-renders, and the draft into engine input.

import { normalizeNameText } from "./household.schema";

export interface MemberDraft {
  name: string;
  kana: string;
  relation: string;
  birthDate: string;
  sex: string;
  moving: boolean;
  insurance: string;
  pension: string;
  careLevel: string;
  flags: string[];
  benefits: string[];
  owns: string[];
}

export interface EventDraft {
  type: string;
  date: string;
  origin: string;
  destination: string;
  crossPrefecture: boolean;
  subject: string;
  funeralHost: string;
  deathRegistered: boolean;
  schoolDistrictChanges: boolean;
}

export interface GuidanceDraft {
  event: EventDraft;
  members: MemberDraft[];
  requests: string[];
}

type Text = { ja: string; en: string };
export type Option = { value: string; label: Text };

export const phaseOneEvents: Option[] = [
  {
    value: "move-in",
    label: { ja: "転入（他の市区町村・国外から）", en: "Move in (from another municipality or abroad)" },
  },
  { value: "move-within", label: { ja: "転居（同じ区内）", en: "Move within the ward" } },
  {
    value: "move-between-wards",
    label: { ja: "区間異動（市内の他の区へ）", en: "Move to another ward of the city" },
  },
  {
    value: "move-out",
    label: { ja: "転出（他の市区町村・国外へ）", en: "Move out (to another municipality or abroad)" },
  },
  { value: "death", label: { ja: "死亡（おくやみ）", en: "Death (bereavement)" } },
];

export const relations: Option[] = [
  { value: "head", label: { ja: "世帯主", en: "Head of household" } },
  { value: "spouse", label: { ja: "配偶者", en: "Spouse" } },
  { value: "child", label: { ja: "子", en: "Child" } },
  { value: "parent", label: { ja: "父母", en: "Parent" } },
  { value: "other", label: { ja: "その他", en: "Other" } },
];

export const insurances: Option[] = [
  { value: "employee", label: { ja: "被用者保険（社会保険）", en: "Employee health insurance" } },
  { value: "kokuho", label: { ja: "国民健康保険", en: "National Health Insurance" } },
  { value: "kouki", label: { ja: "後期高齢者医療", en: "Late-stage elderly medical care" } },
  { value: "welfare", label: { ja: "生活保護（医療扶助）", en: "Public assistance (no health insurance)" } },
];

export const pensions: Option[] = [
  { value: "", label: { ja: "なし・対象外", en: "None / not applicable" } },
  { value: "cat1", label: { ja: "第1号被保険者", en: "Category 1" } },
  { value: "cat2", label: { ja: "第2号被保険者", en: "Category 2" } },
  { value: "cat3", label: { ja: "第3号被保険者", en: "Category 3" } },
];

export const careLevels: Option[] = [
  { value: "", label: { ja: "なし", en: "None" } },
  ...(["support1", "support2"] as const).map((v, i) => ({
    value: v,
    label: { ja: `要支援${i + 1}`, en: `Support level ${i + 1}` },
  })),
  ...(["care1", "care2", "care3", "care4", "care5"] as const).map((v, i) => ({
    value: v,
    label: { ja: `要介護${i + 1}`, en: `Care level ${i + 1}` },
  })),
];

export const sexes: Option[] = [
  { value: "", label: { ja: "未入力", en: "Not given" } },
  { value: "female", label: { ja: "女", en: "Female" } },
  { value: "male", label: { ja: "男", en: "Male" } },
];

export const memberFlags: Option[] = [
  { value: "myNumberCard", label: { ja: "マイナンバーカードあり", en: "Has a My Number card" } },
  { value: "sealRegistered", label: { ja: "印鑑登録あり", en: "Seal registered" } },
  { value: "pensionRecipient", label: { ja: "年金を受給している", en: "Receives a pension" } },
  { value: "disabilityCertificate", label: { ja: "障害者手帳あり", en: "Has a disability certificate" } },
  { value: "pregnant", label: { ja: "妊娠中", en: "Pregnant" } },
  { value: "needsDaycare", label: { ja: "保育所等の利用を希望", en: "Needs daycare" } },
  { value: "publicServant", label: { ja: "公務員", en: "Public servant" } },
];

export const benefitOptions: Option[] = [
  { value: "childAllowance", label: { ja: "児童手当", en: "Child allowance" } },
  { value: "childRearingAllowance", label: { ja: "児童扶養手当", en: "Child-rearing allowance" } },
  { value: "specialChildAllowance", label: { ja: "特別児童扶養手当", en: "Special child allowance" } },
  { value: "childMedical", label: { ja: "子ども医療費助成", en: "Child medical subsidy" } },
  {
    value: "singleParentMedical",
    label: { ja: "ひとり親家庭等医療費助成", en: "Single-parent medical subsidy" },
  },
];

export const ownsOptions: Option[] = [
  { value: "lightVehicle", label: { ja: "軽自動車", en: "Light vehicle" } },
  { value: "moped", label: { ja: "原動機付自転車", en: "Moped" } },
  { value: "dog", label: { ja: "犬", en: "Dog" } },
  { value: "realEstate", label: { ja: "土地・家屋", en: "Real estate" } },
];

export const MAX_MEMBERS = 20;

export const memberId = (index: number): string => `m${index + 1}`;

export function emptyMember(relation = "head"): MemberDraft {
  return {
    name: "",
    kana: "",
    relation,
    birthDate: "",
    sex: "",
    moving: true,
    insurance: "employee",
    pension: "",
    careLevel: "",
    flags: [],
    benefits: [],
    owns: [],
  };
}

export function emptyDraft(today: string): GuidanceDraft {
  return {
    event: {
      type: "move-in",
      date: today,
      origin: "other-municipality",
      destination: "other-municipality",
      crossPrefecture: false,
      subject: "",
      funeralHost: "",
      deathRegistered: false,
      schoolDistrictChanges: false,
    },
    members: [emptyMember()],
    requests: [],
  };
}

/** Read access to submitted form fields: every value of a name (checkbox groups repeat it). */
export type FormValues = (name: string) => string[];

const allowed = (values: string[], options: Option[]) =>
  values.filter((v) => options.some((o) => o.value === v));

/**
 * Rebuilds the draft from the submitted form; unknown values are dropped, text is NFKC-normalised
 * except for CJK compatibility ideographs, which a registered name keeps as written (see
 * {@link normalizeNameText}).
 */
export function draftFromForm(get: FormValues): GuidanceDraft {
  const one = (name: string) =>
    normalizeNameText(get(name)[0] ?? "")
      .trim()
      .slice(0, 200);
  const on = (name: string) => get(name).length > 0;
  const count = Math.min(MAX_MEMBERS, Math.max(0, Number.parseInt(one("memberCount"), 10) || 0));
  const members: MemberDraft[] = [];
  for (let i = 0; i < count; i++) {
    const p = `m${i}.`;
    members.push({
      name: one(`${p}name`),
      kana: one(`${p}kana`),
      relation: one(`${p}relation`),
      birthDate: one(`${p}birthDate`),
      sex: one(`${p}sex`),
      moving: on(`${p}moving`),
      insurance: one(`${p}insurance`),
      pension: one(`${p}pension`),
      careLevel: one(`${p}careLevel`),
      flags: allowed(get(`${p}flags`), memberFlags),
      benefits: allowed(get(`${p}benefits`), benefitOptions),
      owns: allowed(get(`${p}owns`), ownsOptions),
    });
  }
  return {
    event: {
      type: one("event.type"),
      date: one("event.date"),
      origin: one("event.origin") || "other-municipality",
      destination: one("event.destination") || "other-municipality",
      crossPrefecture: on("event.crossPrefecture"),
      subject: one("event.subject"),
      funeralHost: one("event.funeralHost"),
      deathRegistered: on("event.deathRegistered"),
      schoolDistrictChanges: on("event.schoolDistrictChanges"),
    },
    members,
    requests: get("requests").filter((r) => r === "residenceCertificate"),
  };
}

/**
 * The engine's input for a draft: only the facts that apply to the event, empty answers left out, so
 * that what the engine refuses is what the staff member actually entered.
 */
export function householdFromDraft(draft: GuidanceDraft): Record<string, unknown> {
  const e = draft.event;
  const isMove = e.type.startsWith("move-");
  const event: Record<string, unknown> = { type: e.type };
  if (e.date) event.date = e.date;
  if (e.type === "move-in") {
    event.origin = e.origin;
    event.crossPrefecture = e.crossPrefecture;
  }
  if (e.type === "move-out") {
    event.destination = e.destination;
    event.crossPrefecture = e.crossPrefecture;
  }
  if (e.type === "move-within" || e.type === "move-between-wards")
    event.schoolDistrictChanges = e.schoolDistrictChanges;
  if (e.type === "death") {
    if (e.subject) event.subject = e.subject;
    if (e.funeralHost) event.funeralHost = e.funeralHost;
    event.deathRegistered = e.deathRegistered;
  }
  const members = draft.members.map((m, i) => {
    const out: Record<string, unknown> = { id: memberId(i), relation: m.relation, insurance: m.insurance };
    if (m.birthDate) out.birthDate = m.birthDate;
    if (m.name) out.name = m.name;
    if (m.kana) out.kana = m.kana;
    if (m.sex) out.sex = m.sex;
    if (isMove && !m.moving) out.moving = false;
    if (m.pension) out.pension = m.pension;
    if (m.careLevel) out.careLevel = m.careLevel;
    for (const flag of m.flags) out[flag] = true;
    if (m.benefits.length > 0) out.benefits = m.benefits;
    if (m.owns.length > 0) out.owns = m.owns;
    return out;
  });
  return { event, members, requests: draft.requests };
}

/** A household JSON (e.g. from the registry) as a draft, so the page can open pre-filled. */
export function draftFromHousehold(
  household: {
    event?: Partial<EventDraft> & { type?: string; date?: string };
    members: Array<Record<string, unknown>>;
    requests?: string[];
  },
  today: string,
): GuidanceDraft {
  const base = emptyDraft(today);
  const str = (v: unknown) => (typeof v === "string" ? v : "");
  const arr = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);
  return {
    event: { ...base.event, ...(household.event ?? {}) } as EventDraft,
    members: household.members.slice(0, MAX_MEMBERS).map((m) => ({
      name: str(m.name),
      kana: str(m.kana),
      relation: str(m.relation) || "other",
      birthDate: str(m.birthDate),
      sex: str(m.sex),
      moving: m.moving !== false,
      insurance: str(m.insurance) || "employee",
      pension: str(m.pension),
      careLevel: str(m.careLevel),
      flags: memberFlags.map((f) => f.value).filter((f) => m[f] === true),
      benefits: arr(m.benefits),
      owns: arr(m.owns),
    })),
    requests: household.requests ?? [],
  };
}

/** The form field id for an engine problem path: "members[1].birthDate" → "m1-birthDate". */
export function fieldIdForPath(path: string): string {
  const member = path.match(/^members\[(\d+)\](?:\.(\w+))?/);
  if (member) return `m${member[1]}-${member[2] ?? "relation"}`;
  const event = path.match(/^event\.(\w+)/);
  if (event) return `event-${event[1]}`;
  return "event-type";
}

/**
 * The form's own buttons: "add a member" and "remove member N" change the draft and re-show the form.
 * Returns true when the action was one of those (nothing is to be planned yet).
 */
export function applyMemberAction(draft: GuidanceDraft, action: string): boolean {
  if (action === "add") {
    if (draft.members.length < MAX_MEMBERS)
      draft.members.push(emptyMember(draft.members.length === 1 ? "spouse" : "child"));
    return true;
  }
  if (!action.startsWith("remove:")) return false;
  const index = Number(action.slice("remove:".length));
  if (Number.isInteger(index) && index >= 0 && index < draft.members.length && draft.members.length > 1) {
    draft.members.splice(index, 1);
    // Members are numbered by position: the deceased and the funeral host must follow their person,
    // and a removed person's role must not pass to whoever moves into the number.
    const renumber = (id: string) => {
      const n = Number(id.slice(1)) - 1;
      if (!/^m\d+$/.test(id) || n < index) return id;
      return n === index ? "" : memberId(n - 1);
    };
    draft.event.subject = renumber(draft.event.subject);
    draft.event.funeralHost = renumber(draft.event.funeralHost);
  }
  return true;
}
