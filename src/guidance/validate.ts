import { type PensionCategory, pensionCategories, phase1Events } from "../catalog/vocabulary";
import { type CalendarDate, parseIsoDate } from "./calendar";
import { ageOn } from "./facts";
import { canonicalHousehold, type Household, householdSchema } from "./household.schema";
import { type HouseholdProblem, problem, problemsFromIssues } from "./problems";

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
      out.push(
        problem(
          "member.duplicate-id",
          raw,
          ["members", index, "id"],
          `番号「${id}」の世帯員が2人以上います。番号は一人ずつ別にしてください。`,
          `More than one member has the id "${id}"; ids must be unique.`,
        ),
      );
    }
    ids.add(id);
  });

  const type = text(event?.type);
  if (type === "birth" || type === "marriage" || type === "divorce") {
    out.push(
      problem(
        "event.unsupported",
        raw,
        ["event", "type"],
        `「${type}」の案内にはまだ対応していません（対応: ${phase1Events.join(", ")}）。`,
        `Guidance for "${type}" is not available yet (supported: ${phase1Events.join(", ")}).`,
      ),
    );
  }
  const subject = text(event?.subject);
  if (type === "death" && event?.subject === undefined) {
    out.push(
      problem(
        "event.subject-missing",
        raw,
        ["event", "subject"],
        "亡くなった方（subject）の番号がありません。",
        "A death needs the subject: the id of the member who died.",
      ),
    );
  }
  if (subject !== undefined && !ids.has(subject)) {
    out.push(
      problem(
        "event.subject-unknown",
        raw,
        ["event", "subject"],
        `亡くなった方の番号「${subject}」の世帯員がいません。`,
        `The subject "${subject}" is not the id of any member.`,
      ),
    );
  }
  const host = text(event?.funeralHost);
  if (host !== undefined && !ids.has(host)) {
    out.push(
      problem(
        "event.funeral-host-unknown",
        raw,
        ["event", "funeralHost"],
        `喪主の番号「${host}」の世帯員がいません。`,
        `The funeral host "${host}" is not the id of any member.`,
      ),
    );
  } else if (host !== undefined && host === subject) {
    out.push(
      problem(
        "event.funeral-host-is-subject",
        raw,
        ["event", "funeralHost"],
        "喪主が亡くなった方と同じになっています。",
        "The funeral host cannot be the member who died.",
      ),
    );
  }

  const on = date(event?.date);
  if (!on) return out;
  members.forEach((member, index) => {
    const birth = date(member?.birthDate);
    if (!member || !birth) return;
    const age = ageOn(birth, on);
    if (age < 0) {
      out.push(
        problem(
          "member.born-after-event",
          raw,
          ["members", index, "birthDate"],
          `生年月日 ${member.birthDate} が出来事の日 ${event?.date} より後です。`,
          `Birth date ${member.birthDate} is after the event date ${event?.date}.`,
        ),
      );
      return;
    }
    const insurance = member.insurance;
    if (insurance === "kouki" && age < 65) {
      out.push(
        problem(
          "member.kouki-under-65",
          raw,
          ["members", index, "insurance"],
          `後期高齢者医療（kouki）は65歳以上の方の保険です。この方は${age}歳です。`,
          `kouki (late-stage elderly medical care) starts at 65 at the earliest; this member is ${age}.`,
        ),
      );
    }
    if ((insurance === "kokuho" || insurance === "employee") && age >= 75) {
      out.push(
        problem(
          "member.insurance-over-75",
          raw,
          ["members", index, "insurance"],
          `75歳以上の方は後期高齢者医療に加入します（${insurance} ではありません）。この方は${age}歳です。`,
          `At 75 or over a member is covered by kouki, not ${insurance}; this member is ${age}.`,
        ),
      );
    }
    if (isPensionCategory(member.pension) && (age < 20 || age > 59)) {
      out.push(
        problem(
          "member.pension-age",
          raw,
          ["members", index, "pension"],
          `国民年金の種別は20〜59歳の方だけに書きます。この方は${age}歳です。`,
          `A national pension category applies only to ages 20–59; this member is ${age}.`,
        ),
      );
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
