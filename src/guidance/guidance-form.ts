// The household form (the staff guidance page and a counter visit's household step) keeps its whole
// state in the form: this module turns submitted fields into a draft the page re-renders, and the
// draft into engine input. Dates stay as typed in the draft (S55.4.2 is shown again as S55.4.2) and
// are read by the one date parser on their way into the household.

import { getMunicipalitySettings, municipalityIds } from "../catalog/municipalities";
import {
  benefits,
  divorceTypes,
  insurances,
  memberFlags,
  pensionCategories,
  possessions,
} from "../catalog/vocabulary";
import { type DateInputProblem, parseDateInput } from "../shared/dates";
import type { Problem } from "../shared/errors";
import type { LocaleMap } from "../shared/locale";
import { containsMyNumber, myNumberRefused } from "../shared/my-number";
import { filerRelations, normalizeNameText } from "./household.schema";
import { crossesPrefecture, type Prefecture, prefectureOfMunicipalityCode } from "./prefecture";
import { memberLabel } from "./problems";
import { readRegion, regionCodes, regionName } from "./regions";

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
  /** ISO 3166-1 alpha-2; "JP" unless said otherwise. */
  nationality: string;
  /** Japanese nationals: 本籍 and 筆頭者. */
  honseki: string;
  hittousha: string;
  /** Foreign residents: 在留資格, 在留カード等の番号, 在留期間の満了の日 (as typed). */
  residenceStatus: string;
  residenceCardNumber: string;
  residencePeriodEnd: string;
  /** marriage, divorce, move-in: the insurance and pension before the event ("" = unchanged). */
  previousInsurance: string;
  previousPension: string;
  /** The member's facts came from the resident registry: shown as read, changed only with a reason. */
  fromRegistry: boolean;
  /** The registry resident the member was read from (for the audit of a change); "" when typed in. */
  residentId: string;
  /** 変更 was pressed: the registry facts are open for editing and `changeReason` is required. */
  unlocked: boolean;
  changeReason: string;
}

export interface EventDraft {
  type: string;
  date: string;
  origin: string;
  destination: string;
  crossPrefecture: boolean;
  subject: string;
  funeralHost: string;
  /** death: the day of the funeral, as typed. */
  funeralDate: string;
  deathRegistered: boolean;
  schoolDistrictChanges: boolean;
  /** birth: the mother (a member choice, "" when she is not in the household); 出生届 already filed. */
  mother: string;
  birthRegistered: boolean;
  /** marriage, divorce: the two partners, as two member choices ("" while not chosen). */
  partners: [string, string];
  /** marriage, divorce: members whose surname changes; divorce: members who keep the married one. */
  surnameChanges: string[];
  keepSurname: string[];
  householdsMerge: boolean;
  marriageRegistered: boolean;
  /** divorce: "agreement" (協議, the default) or "court". */
  divorceType: string;
  custodian: string;
  leaving: string;
  divorceRegistered: boolean;
}

/** The events whose members say their insurance and pension before the event. */
export const previousCoverEvents: readonly string[] = ["move-in", "marriage", "divorce"];

export const filerOther = "other";

/** Who files (届出人): `choice` is a member id (m1, m2 …), "other" for someone not in the household, or "". */
export interface FilerDraft {
  choice: string;
  name: string;
  kana: string;
  address: string;
  phone: string;
  relation: string;
}

export interface PreviousAddressDraft {
  postalCode: string;
  address: string;
  householdHead: string;
}

export interface GuidanceDraft {
  event: EventDraft;
  members: MemberDraft[];
  requests: string[];
  filer: FilerDraft;
  /** move-in from another municipality: 前住所 and its 世帯主; from abroad: the address abroad. */
  previousAddress: PreviousAddressDraft;
  /** move-in from abroad: the country or region moved from (ISO code). */
  previousCountry: string;
  /** move-out: 転出先の住所 (the household's `answers.newAddress`). */
  newAddress: string;
}

export const MAX_MEMBERS = 20;

export const memberId = (index: number): string => `m${index + 1}`;

/** The fields the registry fills for a member: read-only until 変更 (with a reason). */
export const registryFields = [
  "name",
  "kana",
  "relation",
  "birthDate",
  "sex",
  "nationality",
  "honseki",
  "hittousha",
  "residenceStatus",
  "residenceCardNumber",
  "residencePeriodEnd",
] as const;

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
    nationality: "JP",
    honseki: "",
    hittousha: "",
    residenceStatus: "",
    residenceCardNumber: "",
    residencePeriodEnd: "",
    previousInsurance: "",
    previousPension: "",
    fromRegistry: false,
    residentId: "",
    unlocked: false,
    changeReason: "",
  };
}

export const emptyFiler = (): FilerDraft => ({
  choice: "",
  name: "",
  kana: "",
  address: "",
  phone: "",
  relation: "other-relative",
});

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
      funeralDate: "",
      deathRegistered: false,
      schoolDistrictChanges: false,
      mother: "",
      birthRegistered: false,
      partners: ["", ""],
      surnameChanges: [],
      keepSurname: [],
      householdsMerge: false,
      marriageRegistered: false,
      divorceType: "agreement",
      custodian: "",
      leaving: "",
      divorceRegistered: false,
    },
    members: [emptyMember()],
    requests: [],
    filer: emptyFiler(),
    previousAddress: { postalCode: "", address: "", householdHead: "" },
    previousCountry: "",
    newAddress: "",
  };
}

/** Read access to submitted form fields: every value of a name (checkbox groups repeat it). */
export type FormValues = (name: string) => string[];

const allowed = (values: string[], codes: readonly string[]) => values.filter((v) => codes.includes(v));

/** 在留カード番号 as people type it (full-width, lower case, spaces, hyphens) → "AB12345678CD". */
const cardNumber = (text: string) => text.replace(/[\s\-‐－ー]/g, "").toUpperCase();

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
    const fromRegistry = one(`${p}registry`) !== "";
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
      benefits: allowed(get(`${p}benefits`), benefits),
      owns: allowed(get(`${p}owns`), possessions),
      nationality: readRegion(one(`${p}nationality`)) ?? "JP",
      honseki: one(`${p}honseki`),
      hittousha: one(`${p}hittousha`),
      residenceStatus: one(`${p}residenceStatus`),
      residenceCardNumber: cardNumber(one(`${p}residenceCardNumber`)),
      residencePeriodEnd: one(`${p}residencePeriodEnd`),
      previousInsurance: allowed([one(`${p}previousInsurance`)], insurances)[0] ?? "",
      previousPension: allowed([one(`${p}previousPension`)], pensionCategories)[0] ?? "",
      fromRegistry,
      residentId: fromRegistry ? one(`${p}residentId`) : "",
      unlocked: fromRegistry && one(`${p}unlocked`) !== "",
      changeReason: fromRegistry ? one(`${p}changeReason`) : "",
    });
  }
  const filerRelation = one("filer.relation");
  const abroad = one("event.origin") === "abroad";
  const choice = (value: string) => readMemberChoice(value, members.length);
  const choices = (name: string) => [...new Set(get(name).map(choice).filter(Boolean))];
  const partners = get("event.partners");
  const divorceType = one("event.divorceType");
  return {
    event: {
      type: one("event.type"),
      date: one("event.date"),
      origin: one("event.origin") || "other-municipality",
      destination: one("event.destination") || "other-municipality",
      crossPrefecture: on("event.crossPrefecture"),
      // A birth's newborn has a field of its own (both show without the page's script).
      subject: one("event.type") === "birth" ? one("event.newborn") : one("event.subject"),
      funeralHost: one("event.funeralHost"),
      funeralDate: one("event.funeralDate"),
      deathRegistered: on("event.deathRegistered"),
      schoolDistrictChanges: on("event.schoolDistrictChanges"),
      mother: choice(one("event.mother")),
      birthRegistered: on("event.birthRegistered"),
      partners: [choice(partners[0] ?? ""), choice(partners[1] ?? "")],
      surnameChanges: choices("event.surnameChanges"),
      keepSurname: choices("event.keepSurname"),
      householdsMerge: on("event.householdsMerge"),
      marriageRegistered: on("event.marriageRegistered"),
      divorceType: (divorceTypes as readonly string[]).includes(divorceType) ? divorceType : "agreement",
      custodian: choice(one("event.custodian")),
      leaving: choice(one("event.leaving")),
      divorceRegistered: on("event.divorceRegistered"),
    },
    members,
    requests: get("requests").filter((r) => r === "residenceCertificate"),
    filer: {
      choice: readFilerChoice(one("filer"), members.length),
      name: one("filer.name"),
      kana: one("filer.kana"),
      address: one("filer.address"),
      phone: one("filer.phone"),
      relation: (filerRelations as readonly string[]).includes(filerRelation)
        ? filerRelation
        : "other-relative",
    },
    previousAddress: {
      postalCode: one("previousAddress.postalCode"),
      // Both are on the page without its script; the one of the chosen origin counts.
      address: abroad ? one("previousAddressAbroad") : one("previousAddress.address"),
      householdHead: one("previousAddress.householdHead"),
    },
    previousCountry: readRegion(one("previousCountry")) ?? "",
    newAddress: one("newAddress"),
  };
}

/** A posted member choice: a member that exists (m1 … mN), or "" (anything else). */
function readMemberChoice(value: string, memberCount: number): string {
  const match = /^m(\d+)$/.exec(value);
  return match && Number(match[1]) >= 1 && Number(match[1]) <= memberCount ? value : "";
}

/** A posted filer choice: a member that exists, "other", or "" (anything else). */
function readFilerChoice(value: string, memberCount: number): string {
  return value === filerOther ? value : readMemberChoice(value, memberCount);
}

/**
 * The filer the form offers checked when the staff member has not chosen: the head of household
 * when present (for a death, when the head is not the one who died); someone from outside the
 * household when nobody in it can file (a person who lived alone has died); otherwise nobody.
 */
export function defaultFilerChoice(draft: GuidanceDraft): string {
  const deceased = draft.event.type === "death" ? draft.event.subject : "";
  const living = draft.members.map((m, i) => ({ m, id: memberId(i) })).filter(({ id }) => id !== deceased);
  if (living.length === 0) return filerOther;
  return living.find(({ m }) => m.relation === "head")?.id ?? "";
}

/** The filer as the form shows it: the staff member's choice, else the default. */
export const filerChoiceOf = (draft: GuidanceDraft): string =>
  draft.filer.choice || defaultFilerChoice(draft);

/** The typed date as an ISO date when it reads as one; else the text itself (the engine refuses it). */
function isoOrText(text: string): string {
  const read = parseDateInput(text);
  return read.ok ? read.iso : text;
}

export interface HouseholdFromDraftOptions {
  /**
   * The municipality the household is planned for: its prefecture (from its 全国地方公共団体コード)
   * decides whether a move from or to a typed address crosses a prefecture boundary.
   */
  municipalityId?: string | undefined;
}

/** The prefecture of a municipality of the settings (undefined for the national baseline). */
export function prefectureOfMunicipality(municipalityId: string | undefined): Prefecture | undefined {
  if (!municipalityId || !municipalityIds.includes(municipalityId)) return undefined;
  return prefectureOfMunicipalityCode(getMunicipalitySettings(municipalityId).code);
}

/** The address a move's prefecture is read from: 前住所 for a move-in, 転出先 for a move-out. */
export function movedAddressOf(draft: GuidanceDraft): string | undefined {
  const e = draft.event;
  if (e.type === "move-in" && e.origin !== "abroad") return draft.previousAddress.address;
  if (e.type === "move-out" && e.destination !== "abroad") return draft.newAddress;
  return undefined;
}

/**
 * Whether the move crosses a prefecture boundary: read from the address when it names a prefecture
 * the municipality's can be compared with, else as the staff member ticked it; never for abroad.
 */
export function crossPrefectureOf(draft: GuidanceDraft, home: Prefecture | undefined): boolean {
  const address = movedAddressOf(draft);
  if (address === undefined) return false;
  return crossesPrefecture(address, home) ?? draft.event.crossPrefecture;
}

/**
 * The engine's input for a draft: only the facts that apply to the event, empty answers left out, so
 * that what the engine refuses is what the staff member actually entered.
 */
export function householdFromDraft(
  draft: GuidanceDraft,
  options: HouseholdFromDraftOptions = {},
): Record<string, unknown> {
  const e = draft.event;
  const isMove = e.type.startsWith("move-");
  const home = prefectureOfMunicipality(options.municipalityId);
  const event: Record<string, unknown> = { type: e.type };
  if (e.date) event.date = isoOrText(e.date);
  if (e.type === "move-in") {
    event.origin = e.origin;
    event.crossPrefecture = crossPrefectureOf(draft, home);
  }
  if (e.type === "move-out") {
    event.destination = e.destination;
    event.crossPrefecture = crossPrefectureOf(draft, home);
  }
  if (e.type === "move-within" || e.type === "move-between-wards")
    event.schoolDistrictChanges = e.schoolDistrictChanges;
  if (e.type === "death") {
    if (e.subject) event.subject = e.subject;
    if (e.funeralHost) event.funeralHost = e.funeralHost;
    if (e.funeralDate) event.funeralDate = isoOrText(e.funeralDate);
    event.deathRegistered = e.deathRegistered;
  }
  Object.assign(event, phase2EventFacts(e));
  const previousCover = previousCoverEvents.includes(e.type);
  const members = draft.members.map((m, i) => {
    const out: Record<string, unknown> = { id: memberId(i), relation: m.relation, insurance: m.insurance };
    if (m.birthDate) out.birthDate = isoOrText(m.birthDate);
    if (m.name) out.name = m.name;
    if (m.kana) out.kana = m.kana;
    if (m.sex) out.sex = m.sex;
    if (isMove && !m.moving) out.moving = false;
    if (m.pension) out.pension = m.pension;
    if (m.careLevel) out.careLevel = m.careLevel;
    for (const flag of m.flags) out[flag] = true;
    if (m.benefits.length > 0) out.benefits = m.benefits;
    if (m.owns.length > 0) out.owns = m.owns;
    if (previousCover && m.previousInsurance) out.previousInsurance = m.previousInsurance;
    if (previousCover && m.previousPension) out.previousPension = m.previousPension;
    // Absent means JP; only the facts of the member's kind are kept (a 本籍 typed before the
    // nationality was changed does not follow a foreign resident).
    if (m.nationality && m.nationality !== "JP") {
      out.nationality = m.nationality;
      if (m.residenceStatus) out.residenceStatus = m.residenceStatus;
      if (m.residenceCardNumber) out.residenceCardNumber = m.residenceCardNumber;
      if (m.residencePeriodEnd) out.residencePeriodEnd = isoOrText(m.residencePeriodEnd);
    } else {
      if (m.honseki) out.honseki = m.honseki;
      if (m.hittousha) out.hittousha = m.hittousha;
    }
    return out;
  });
  const household: Record<string, unknown> = { event, members, requests: draft.requests };
  const filer = filerOf(draft);
  if (filer) household.filer = filer;
  const previous = previousAddressOf(draft);
  if (previous) household.previousAddress = previous;
  if (e.type === "move-out" && draft.newAddress) household.answers = { newAddress: draft.newAddress };
  // From abroad, the country chosen here is the forms' 転入前の国・地域: the interview does not ask it again.
  if (e.type === "move-in" && e.origin === "abroad" && draft.previousCountry) {
    household.answers = { previousCountry: draft.previousCountry };
  }
  return household;
}

/**
 * The facts of a birth, marriage or divorce: only those of the chosen event, and a member choice only
 * when one was made, so that the engine names what is missing (the newborn, the partners).
 */
function phase2EventFacts(e: EventDraft): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const list = (key: "surnameChanges" | "keepSurname") => {
    if (e[key].length > 0) out[key] = e[key];
  };
  const partners = () => {
    const chosen = e.partners.filter(Boolean);
    if (chosen.length > 0) out.partners = chosen;
  };
  if (e.type === "birth") {
    if (e.subject) out.subject = e.subject;
    if (e.mother) out.mother = e.mother;
    out.birthRegistered = e.birthRegistered;
  } else if (e.type === "marriage") {
    partners();
    list("surnameChanges");
    out.householdsMerge = e.householdsMerge;
    out.marriageRegistered = e.marriageRegistered;
  } else if (e.type === "divorce") {
    partners();
    out.divorceType = e.divorceType || "agreement";
    if (e.custodian) out.custodian = e.custodian;
    if (e.leaving) out.leaving = e.leaving;
    list("surnameChanges");
    list("keepSurname");
    out.divorceRegistered = e.divorceRegistered;
  }
  return out;
}

function filerOf(draft: GuidanceDraft): Record<string, unknown> | undefined {
  const choice = filerChoiceOf(draft);
  if (choice === "") return undefined;
  if (choice !== filerOther) return { member: choice };
  const f = draft.filer;
  // Nothing typed for someone from outside: no filer yet (the form asks for the name when anything is).
  if (!f.name && !f.kana && !f.address && !f.phone) return undefined;
  const out: Record<string, unknown> = { name: f.name, relation: f.relation };
  if (f.kana) out.kana = f.kana;
  if (f.address) out.address = f.address;
  if (f.phone) out.phone = f.phone;
  return out;
}

function previousAddressOf(draft: GuidanceDraft): Record<string, unknown> | undefined {
  if (draft.event.type !== "move-in") return undefined;
  const p = draft.previousAddress;
  const out: Record<string, unknown> = {};
  if (draft.event.origin === "abroad") {
    // From abroad the 前住所 is the country (as the 住民異動届 writes it), then the address there.
    const country = draft.previousCountry ? regionName(draft.previousCountry, "ja") : "";
    const address = [country, p.address].filter(Boolean).join(" ");
    if (address) out.address = address;
    return Object.keys(out).length > 0 ? out : undefined;
  }
  if (p.postalCode) out.postalCode = p.postalCode;
  if (p.address) out.address = p.address;
  if (p.householdHead) out.householdHead = p.householdHead;
  return Object.keys(out).length > 0 ? out : undefined;
}

/** A country written at the start of an address abroad, by its Japanese name: the code and the rest. */
function splitCountry(address: string): { country: string; rest: string } {
  let best = { country: "", rest: address };
  for (const code of regionCodes) {
    const name = regionName(code, "ja");
    if (address.startsWith(name) && name.length > (best.country ? regionName(best.country, "ja").length : 0))
      best = { country: code, rest: address.slice(name.length).trim() };
  }
  return best;
}

export interface DraftFromHouseholdOptions {
  /** The members were read from the resident registry (their ids are residents'): lock their facts. */
  fromRegistry?: boolean;
}

/** A household JSON (e.g. from the registry) as a draft, so the page can open pre-filled. */
export function draftFromHousehold(
  household: {
    event?: Record<string, unknown> & { type?: string; date?: string };
    members: Array<Record<string, unknown>>;
    requests?: string[];
    filer?: unknown;
    previousAddress?: unknown;
    answers?: unknown;
  },
  today: string,
  options: DraftFromHouseholdOptions = {},
): GuidanceDraft {
  const base = emptyDraft(today);
  const str = (v: unknown) => (typeof v === "string" ? v : "");
  const arr = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);
  const obj = (v: unknown): Record<string, unknown> =>
    typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  const members = household.members.slice(0, MAX_MEMBERS);
  const e = household.event ?? {};
  const flag = (v: unknown) => v === true;
  const event: EventDraft = {
    type: str(e.type) || base.event.type,
    date: str(e.date) || base.event.date,
    origin: str(e.origin) || base.event.origin,
    destination: str(e.destination) || base.event.destination,
    crossPrefecture: flag(e.crossPrefecture),
    subject: str(e.subject),
    funeralHost: str(e.funeralHost),
    funeralDate: str(e.funeralDate),
    deathRegistered: flag(e.deathRegistered),
    schoolDistrictChanges: flag(e.schoolDistrictChanges),
    mother: str(e.mother),
    birthRegistered: flag(e.birthRegistered),
    partners: [arr(e.partners)[0] ?? "", arr(e.partners)[1] ?? ""],
    surnameChanges: arr(e.surnameChanges),
    keepSurname: arr(e.keepSurname),
    householdsMerge: flag(e.householdsMerge),
    marriageRegistered: flag(e.marriageRegistered),
    divorceType: str(e.divorceType) || base.event.divorceType,
    custodian: str(e.custodian),
    leaving: str(e.leaving),
    divorceRegistered: flag(e.divorceRegistered),
  };
  const draft: GuidanceDraft = {
    event,
    members: members.map((m) => ({
      name: str(m.name),
      kana: str(m.kana),
      relation: str(m.relation) || "other",
      birthDate: str(m.birthDate),
      sex: str(m.sex),
      moving: m.moving !== false,
      insurance: str(m.insurance) || "employee",
      pension: str(m.pension),
      careLevel: str(m.careLevel),
      flags: memberFlags.filter((f) => m[f] === true),
      benefits: arr(m.benefits),
      owns: arr(m.owns),
      nationality: readRegion(str(m.nationality)) ?? "JP",
      honseki: str(m.honseki),
      hittousha: str(m.hittousha),
      residenceStatus: str(m.residenceStatus),
      residenceCardNumber: str(m.residenceCardNumber),
      residencePeriodEnd: str(m.residencePeriodEnd),
      previousInsurance: str(m.previousInsurance),
      previousPension: str(m.previousPension),
      fromRegistry: options.fromRegistry === true,
      residentId: options.fromRegistry === true ? str(m.id) : "",
      unlocked: false,
      changeReason: "",
    })),
    requests: household.requests ?? [],
    filer: emptyFiler(),
    previousAddress: { ...base.previousAddress },
    previousCountry: "",
    newAddress: str(obj(household.answers).newAddress),
  };
  // Member references (the deceased, the funeral host, the filer) point at the household's ids;
  // the form numbers members by position.
  const position = (id: string) => {
    const index = members.findIndex((m) => m.id === id);
    return index >= 0 ? memberId(index) : id;
  };
  if (event.subject) event.subject = position(event.subject);
  if (event.funeralHost) event.funeralHost = position(event.funeralHost);
  if (event.mother) event.mother = position(event.mother);
  if (event.custodian) event.custodian = position(event.custodian);
  if (event.leaving) event.leaving = position(event.leaving);
  event.partners = [
    event.partners[0] ? position(event.partners[0]) : "",
    event.partners[1] ? position(event.partners[1]) : "",
  ];
  event.surnameChanges = event.surnameChanges.map(position);
  event.keepSurname = event.keepSurname.map(position);
  const filer = obj(household.filer);
  if (typeof filer.member === "string") {
    draft.filer.choice = position(filer.member);
  } else if (typeof filer.name === "string") {
    draft.filer = {
      choice: filerOther,
      name: filer.name,
      kana: str(filer.kana),
      address: str(filer.address),
      phone: str(filer.phone),
      relation: str(filer.relation) || "other-relative",
    };
  }
  const previous = obj(household.previousAddress);
  if (event.type === "move-in" && event.origin === "abroad") {
    const { country, rest } = splitCountry(str(previous.address));
    draft.previousCountry = country;
    draft.previousAddress.address = rest;
  } else {
    draft.previousAddress = {
      postalCode: str(previous.postalCode),
      address: str(previous.address),
      householdHead: str(previous.householdHead),
    };
  }
  return draft;
}

/**
 * The form field id for an engine problem path: "members[1].birthDate" → "m1-birthDate". A birth's
 * `event.subject` (the newborn) has its own field, apart from the deceased of a death.
 */
export function fieldIdForPath(path: string, eventType?: string): string {
  if (eventType === "birth" && /^event\.subject/.test(path)) return "event-newborn";
  const member = path.match(/^members\[(\d+)\](?:\.(\w+))?/);
  if (member) return `m${member[1]}-${member[2] ?? "relation"}`;
  // The second partner has a select of its own; a list's member is shown in the list's group.
  if (/^event\.partners\[1\]/.test(path)) return "event-partners-1";
  const event = path.match(/^event\.(\w+)/);
  if (event) return `event-${event[1]}`;
  const filer = path.match(/^filer(?:\.(\w+))?/);
  if (filer) return filer[1] && filer[1] !== "member" ? `filer-${filer[1]}` : "filer";
  const previous = path.match(/^previousAddress(?:\.(\w+))?/);
  if (previous) return `previousAddress-${previous[1] ?? "address"}`;
  if (/^answers\.newAddress/.test(path)) return "newAddress";
  return "event-type";
}

/** The action of the birth's 「生まれた子を追加」 button. */
export const ADD_NEWBORN = "add-newborn";

/**
 * The form's own buttons: "add a member", "add the newborn", "remove member N" and "change member N's
 * registry facts" change the draft and re-show the form (the page's script does the same without a
 * round trip). Returns true when the action was one of those (nothing is to be planned yet).
 */
/**
 * The nationality a newborn's row starts with, from the parents the form knows (the mother, and the
 * head or spouse who is her partner; both when no mother is chosen): Japanese when either parent is
 * (国籍法 §2), otherwise the mother's — or the one parent's — for staff to confirm. The field stays
 * editable: the form cannot know a parent outside the household.
 */
export function newbornNationality(draft: GuidanceDraft): string {
  const at = (id: string) => (/^m\d+$/.test(id) ? draft.members[Number(id.slice(1)) - 1] : undefined);
  const couple = draft.members.filter((m) => m.relation === "head" || m.relation === "spouse");
  const mother = at(draft.event.mother);
  const parents = mother
    ? [mother, ...(couple.includes(mother) ? couple.filter((m) => m !== mother) : [])]
    : couple;
  if (parents.length === 0 || parents.some((m) => m.nationality === "JP")) return "JP";
  return (parents[0] as MemberDraft).nationality;
}

export function applyMemberAction(draft: GuidanceDraft, action: string): boolean {
  if (action === "add") {
    if (draft.members.length < MAX_MEMBERS)
      draft.members.push(emptyMember(draft.members.length === 1 ? "spouse" : "child"));
    return true;
  }
  if (action === ADD_NEWBORN) {
    // A child born on the event's day, chosen as the newborn: the registry does not know them yet.
    if (draft.members.length < MAX_MEMBERS) {
      draft.members.push({
        ...emptyMember("child"),
        birthDate: draft.event.date,
        nationality: newbornNationality(draft),
      });
      draft.event.subject = memberId(draft.members.length - 1);
    }
    return true;
  }
  if (action.startsWith("unlock:")) {
    const member = draft.members[Number(action.slice("unlock:".length))];
    if (member?.fromRegistry) member.unlocked = true;
    return true;
  }
  if (!action.startsWith("remove:")) return false;
  const index = Number(action.slice("remove:".length));
  if (Number.isInteger(index) && index >= 0 && index < draft.members.length && draft.members.length > 1) {
    draft.members.splice(index, 1);
    // Members are numbered by position: the deceased, the funeral host and the filer must follow
    // their person, and a removed person's role must not pass to whoever moves into the number.
    const renumber = (id: string) => {
      const n = Number(id.slice(1)) - 1;
      if (!/^m\d+$/.test(id) || n < index) return id;
      return n === index ? "" : memberId(n - 1);
    };
    const e = draft.event;
    e.subject = renumber(e.subject);
    e.funeralHost = renumber(e.funeralHost);
    e.mother = renumber(e.mother);
    e.partners = [renumber(e.partners[0]), renumber(e.partners[1])];
    e.custodian = renumber(e.custodian);
    e.leaving = renumber(e.leaving);
    e.surnameChanges = e.surnameChanges.map(renumber).filter(Boolean);
    e.keepSurname = e.keepSurname.map(renumber).filter(Boolean);
    draft.filer.choice = renumber(draft.filer.choice);
  }
  return true;
}

/** A member as the form's messages name them: the name, or 「2人目の方」 when none is typed. */
export const memberLabelOf = (draft: GuidanceDraft, index: number): LocaleMap =>
  memberLabel(draft.members[index]?.name ?? "", index);

const dateProblemKey: Record<DateInputProblem, string> = {
  "date.invalid": "guidance.form.problem.dateInvalid",
  "date.notExist": "guidance.form.problem.dateNotExist",
  "date.outsideEra": "guidance.form.problem.dateOutsideEra",
};

/**
 * What the form itself refuses before the engine sees the household, each at its field's id: a
 * date that cannot be read or does not exist, a registry fact opened for change without a reason,
 * and someone from outside the household filing without a name. Codes and parameters only.
 */
export function draftProblems(draft: GuidanceDraft): Problem[] {
  const out: Problem[] = [];
  const date = (text: string, path: string, field: string, member?: number) => {
    if (!text) return;
    const read = parseDateInput(text);
    if (read.ok) return;
    out.push({
      path,
      code: dateProblemKey[read.code],
      params: {
        field,
        given: text,
        hasMember: member === undefined ? "no" : "yes",
        member: member === undefined ? "" : memberLabelOf(draft, member),
      },
    });
  };
  date(draft.event.date, "event-date", "eventDate");
  if (draft.event.type === "death") date(draft.event.funeralDate, "event-funeralDate", "funeralDate");
  draft.members.forEach((m, i) => {
    date(m.birthDate, `m${i}-birthDate`, "birthDate", i);
    if (m.nationality !== "JP")
      date(m.residencePeriodEnd, `m${i}-residencePeriodEnd`, "residencePeriodEnd", i);
    if (m.fromRegistry && m.unlocked && !m.changeReason)
      out.push({
        path: `m${i}-changeReason`,
        code: "guidance.form.problem.changeReasonRequired",
        params: { member: memberLabelOf(draft, i) },
      });
  });
  const f = draft.filer;
  if (filerChoiceOf(draft) === filerOther && !f.name && (f.kana || f.address || f.phone))
    out.push({ path: "filer-name", code: "guidance.form.problem.filerNameRequired" });
  out.push(...myNumberProblems(draft));
  return out;
}

/**
 * Every free-text field of the form holding a 個人番号 (shared/my-number.ts): refused before the
 * household is stored with a visit, sent in a hand-off or printed on a form.
 */
function myNumberProblems(draft: GuidanceDraft): Problem[] {
  const e = draft.event;
  const fields: [path: string, text: string][] = [
    ["event-subject", e.subject],
    ["event-funeralHost", e.funeralHost],
    ...draft.members.flatMap((m, i): [string, string][] => [
      [`m${i}-name`, m.name],
      [`m${i}-kana`, m.kana],
      [`m${i}-honseki`, m.honseki],
      [`m${i}-hittousha`, m.hittousha],
      [`m${i}-residenceStatus`, m.residenceStatus],
      [`m${i}-residenceCardNumber`, m.residenceCardNumber],
      [`m${i}-changeReason`, m.changeReason],
    ]),
    ["filer-name", draft.filer.name],
    ["filer-kana", draft.filer.kana],
    ["filer-address", draft.filer.address],
    ["filer-phone", draft.filer.phone],
    ["previousAddress-postalCode", draft.previousAddress.postalCode],
    [
      e.origin === "abroad" ? "previousAddressAbroad" : "previousAddress-address",
      draft.previousAddress.address,
    ],
    ["previousAddress-householdHead", draft.previousAddress.householdHead],
    ["newAddress", draft.newAddress],
  ];
  return fields
    .filter(([, text]) => containsMyNumber(text))
    .map(([path]) => ({ path, code: myNumberRefused }));
}

/**
 * The registry facts the staff member opened for change, with the reason each was given: what the
 * visit records in its audit entry. `member` is the member's id in the household built from the draft.
 */
export function registryChanges(
  draft: GuidanceDraft,
): Array<{ member: string; residentId: string; reason: string }> {
  return draft.members.flatMap((m, i) =>
    m.fromRegistry && m.unlocked
      ? [{ member: memberId(i), residentId: m.residentId, reason: m.changeReason }]
      : [],
  );
}
