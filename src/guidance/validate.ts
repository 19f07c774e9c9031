import { type PensionCategory, pensionCategories, phase1Events } from "../catalog/vocabulary";
import { type CalendarDate, parseIsoDate } from "./calendar";
import { ageOn } from "./facts";
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
  if (type === "birth" || type === "marriage" || type === "divorce") {
    out.push(
      problem("event.unsupported", raw, ["event", "type"], { type, supported: phase1Events.join(", ") }),
    );
  }
  const subject = text(event?.subject);
  if (type === "death" && event?.subject === undefined) {
    out.push(problem("event.subject-missing", raw, ["event", "subject"]));
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
  members.forEach((member, index) => {
    const birth = date(member?.birthDate);
    if (!member || !birth) return;
    const age = ageOn(birth, on);
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
    if (isPensionCategory(member.pension) && (age < 20 || age > 59)) {
      out.push(problem("member.pension-age", raw, ["members", index, "pension"], { age }));
    }
  });
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
