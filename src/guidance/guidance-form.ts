// The staff guidance page keeps its whole state in the form (no JavaScript, nothing stored): this
// module turns submitted fields into a draft the page re-renders, and the draft into engine input.

import { benefits, memberFlags, possessions } from "../catalog/vocabulary";
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

const allowed = (values: string[], codes: readonly string[]) => values.filter((v) => codes.includes(v));

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
      benefits: allowed(get(`${p}benefits`), benefits),
      owns: allowed(get(`${p}owns`), possessions),
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
      flags: memberFlags.filter((f) => m[f] === true),
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
