import { type PensionCategory, pensionCategories } from "../catalog/vocabulary";
import { addDays, type CalendarDate, parseIsoDate } from "./calendar";
import { ageOn, pensionAges } from "./facts";
import { canonicalHousehold, type Household, householdSchema } from "./household.schema";
import { type HouseholdProblem, insuranceLabel, problem, problemsFromIssues } from "./problems";

export type ParseResult = { ok: true; household: Household } | { ok: false; problems: HouseholdProblem[] };

const record = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
const text = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);
const isPensionCategory = (value: unknown): value is PensionCategory =>
  pensionCategories.includes(value as PensionCategory);
const date = (value: unknown): CalendarDate | null =>
  typeof value === "string" ? parseIsoDate(value) : null;

/**
 * The contradictions of catalogue section 2. They read the raw input defensively, so they also run
 * when the schema has already failed elsewhere: the resident hears about every problem at once.
 * A field the schema rejected is skipped here rather than reported twice.
 */
export function findContradictions(raw: unknown): HouseholdProblem[] {
  const root = record(raw);
  if (!root) return [];
  const out: HouseholdProblem[] = [];
  const event = record(root.event);
  const members = Array.isArray(root.members) ? root.members.map(record) : [];
  const ids = new Set<string>();
  members.forEach((member, index) => {
    const id = text(member?.id);
    if (id === undefined || id === "") return;
    if (ids.has(id)) {
      out.push(problem("member.duplicate-id", raw, ["members", index, "id"], { id }));
    }
    ids.add(id);
  });

  const type = text(event?.type);
  const subject = text(event?.subject);
  if (type === "death" && event?.subject === undefined) {
    out.push(problem("event.subject-missing", raw, ["event", "subject"]));
  }
  if (type === "birth" && event?.subject === undefined) {
    out.push(problem("event.newborn-missing", raw, ["event", "subject"]));
  }
  if (subject !== undefined && !ids.has(subject)) {
    out.push(problem("event.subject-unknown", raw, ["event", "subject"], { subject }));
  }
  const host = text(event?.funeralHost);
  if (host !== undefined && !ids.has(host)) {
    out.push(problem("event.funeral-host-unknown", raw, ["event", "funeralHost"], { host }));
  } else if (host !== undefined && host === subject) {
    out.push(problem("event.funeral-host-is-subject", raw, ["event", "funeralHost"]));
  }

  const filer = record(root.filer);
  const filerMember = text(filer?.member);
  if (filerMember !== undefined && filerMember !== "" && !ids.has(filerMember)) {
    out.push(problem("filer.member-unknown", raw, ["filer", "member"], { filer: filerMember }));
  } else if (type === "death" && filerMember !== undefined && filerMember === subject) {
    out.push(problem("filer.is-deceased", raw, ["filer", "member"]));
  }

  out.push(...phase2Contradictions(raw, event, members, ids, type));

  const on = date(event?.date);
  const funeral = date(event?.funeralDate);
  if (on && funeral && String(event?.funeralDate) < String(event?.date)) {
    out.push(
      problem("event.funeral-date-before-death", raw, ["event", "funeralDate"], {
        funeralDate: String(event?.funeralDate),
        eventDate: String(event?.date),
      }),
    );
  }
  if (!on) return out;
  // 国民年金 ages are reached the day before the birthday ("…歳に達した日"): the age a day later.
  const legalDay = addDays(on, 1);
  members.forEach((member, index) => {
    const birth = date(member?.birthDate);
    if (!member || !birth) return;
    const age = ageOn(birth, on);
    const legalAge = ageOn(birth, legalDay);
    if (age < 0) {
      out.push(
        problem("member.born-after-event", raw, ["members", index, "birthDate"], {
          birthDate: String(member.birthDate),
          eventDate: String(event?.date),
        }),
      );
      return;
    }
    const insurance = member.insurance;
    if (insurance === "kouki" && age < 65) {
      out.push(problem("member.kouki-under-65", raw, ["members", index, "insurance"], { age }));
    }
    if ((insurance === "kokuho" || insurance === "employee") && age >= 75) {
      out.push(
        problem("member.insurance-over-75", raw, ["members", index, "insurance"], {
          insurance: insuranceLabel(insurance),
          age,
        }),
      );
    }
    for (const field of ["pension", "previousPension"] as const) {
      const category = member[field];
      if (!isPensionCategory(category)) continue;
      const [min, max] = pensionAges[category];
      if (legalAge < min || legalAge > max)
        out.push(
          problem("member.pension-age", raw, ["members", index, field], {
            category,
            min,
            max,
            age: legalAge,
          }),
        );
    }
  });
  return out;
}

const list = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];

/**
 * The refusals of catalogue section 5: who the newborn, the mother and the partners are, and that
 * the lists of the marriage or divorce name members and agree with each other.
 */
function phase2Contradictions(
  raw: unknown,
  event: Record<string, unknown> | undefined,
  members: (Record<string, unknown> | undefined)[],
  ids: ReadonlySet<string>,
  type: string | undefined,
): HouseholdProblem[] {
  const out: HouseholdProblem[] = [];
  if (!event) return out;
  const indexOf = (id: string) => members.findIndex((m) => m?.id === id);
  const about = (id: string) => ({ about: indexOf(id) });
  const subject = text(event.subject);
  if (type === "birth" && subject !== undefined && ids.has(subject)) {
    const at = indexOf(subject);
    const newborn = members[at];
    if (newborn?.relation !== undefined && newborn.relation !== "child" && newborn.relation !== "other")
      out.push(problem("event.newborn-relation", raw, ["members", at, "relation"]));
    if (typeof newborn?.birthDate === "string" && newborn.birthDate !== event.date)
      out.push(
        problem("event.newborn-birth-date", raw, ["members", at, "birthDate"], {
          birthDate: newborn.birthDate,
          eventDate: String(event.date),
        }),
      );
  }
  const mother = text(event.mother);
  if (mother !== undefined && !ids.has(mother))
    out.push(problem("event.member-unknown", raw, ["event", "mother"], { id: mother }));
  else if (mother !== undefined && mother === subject)
    out.push(problem("event.mother-is-newborn", raw, ["event", "mother"]));

  const partners = event.partners;
  const couple = type === "marriage" || type === "divorce";
  if (couple && partners === undefined)
    out.push(problem("event.partners-missing", raw, ["event", "partners"]));
  const named = list(partners);
  if (Array.isArray(partners) && (partners.length !== 2 || new Set(named).size !== 2))
    out.push(problem("event.partners-not-two", raw, ["event", "partners"]));
  const known = named.filter((id) => ids.has(id));
  for (const [at, id] of named.entries())
    if (!ids.has(id)) out.push(problem("event.member-unknown", raw, ["event", "partners", at], { id }));

  const on = date(event.date);
  if (type === "marriage" && on)
    for (const id of new Set(known)) {
      const at = indexOf(id);
      const birth = date(members[at]?.birthDate);
      if (birth && ageOn(birth, on) < 18)
        out.push(
          problem("event.partner-under-18", raw, ["members", at, "birthDate"], { age: ageOn(birth, on) }),
        );
    }

  for (const field of ["custodian", "leaving"] as const) {
    const id = text(event[field]);
    if (id === undefined) continue;
    if (!ids.has(id)) out.push(problem("event.member-unknown", raw, ["event", field], { id }));
    else if (!named.includes(id))
      out.push(problem(`event.${field}-not-partner`, raw, ["event", field], {}, about(id)));
  }

  const changes = list(event.surnameChanges);
  const keeps = list(event.keepSurname);
  for (const field of ["surnameChanges", "keepSurname"] as const)
    for (const [at, id] of list(event[field]).entries())
      if (!ids.has(id)) out.push(problem("event.member-unknown", raw, ["event", field, at], { id }));
  for (const id of new Set(keeps))
    if (ids.has(id) && changes.includes(id))
      out.push(problem("event.surname-both", raw, ["event", "keepSurname"], {}, about(id)));
  return out;
}

/** Problems about the event first, then members in input order; stable within each. */
function position(p: HouseholdProblem): number {
  if (p.path.startsWith("event")) return 0;
  const match = /^members\[(\d+)\]/.exec(p.path);
  return match ? 1 + Number(match[1]) : Number.MAX_SAFE_INTEGER;
}

/**
 * Reads a household as the engine needs it: schema (strict, real dates, NFKC names) plus the
 * contradiction checks. Either the household or every problem found, never a guess.
 */
export function parseHousehold(raw: unknown): ParseResult {
  const parsed = householdSchema.safeParse(raw);
  const problems = parsed.success ? [] : problemsFromIssues(parsed.error, raw);
  problems.push(...findContradictions(raw));
  if (parsed.success && problems.length === 0)
    return { ok: true, household: canonicalHousehold(parsed.data) };
  problems.sort((a, b) => position(a) - position(b));
  return { ok: false, problems };
}
