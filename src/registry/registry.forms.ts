import { z } from "zod";
import { benefits, careLevels, insurances, pensionCategories, possessions } from "../catalog/vocabulary";
import { normalizeNameText } from "../guidance/household.schema";
import { parseDateInput } from "../shared/dates";
import type { Problem } from "../shared/errors";
import { containsMyNumber, myNumberRefused } from "../shared/my-number";
import {
  domicileProblems,
  isNationality,
  JAPAN,
  normalizeCardNumber,
  type ResidentDomicile,
  residenceStatusLabel,
} from "./domicile";
import { type OpenReason, openReasons } from "./open-household";
import { problem } from "./registry.errors";
import { nameCharacterFault } from "./registry-csv";
import { booleanFacts, type EditableFacts, type ResidentFacts } from "./resident";
import { tooLong } from "./search-residents";

/**
 * The registry's two posted forms at the edge: what a browser sent → the values to act on (or to show
 * again) and the problems, as codes. No text here: the pages word the problems.
 */

type Body = Record<string, string | File | (string | File)[]>;

export interface OpenFormValues {
  reason: string;
  detail: string;
  residentId: string;
}

const openForm = z.object({
  reason: z.string().max(40).optional(),
  detail: z.string().max(1000).optional(),
  resident: z.string().max(100).optional(),
});

/** The reason to open a household: one of the offered reasons, with details for "other" (≤ 200). */
export function readOpenForm(body: Body): {
  values: OpenFormValues;
  reason: OpenReason | undefined;
  problems: Problem[];
} {
  const parsed = openForm.safeParse(body);
  const values = {
    reason: parsed.success ? (parsed.data.reason ?? "") : "",
    detail: parsed.success ? (parsed.data.detail ?? "").trim() : "",
    residentId: parsed.success ? (parsed.data.resident ?? "") : "",
  };
  const problems: Problem[] = [];
  const reason = openReasons.find((r) => r === values.reason);
  if (!reason) problems.push(problem("reason", "reasonRequired"));
  if (reason === "other" && !values.detail) problems.push(problem("detail", "detailRequired"));
  if (values.detail.length > 200) problems.push(tooLong("detail", "detail", 200));
  // The reason goes into the append-only audit log for ever: never a 個人番号.
  if (containsMyNumber(values.detail)) problems.push({ path: "detail", code: myNumberRefused });
  return { values, reason, problems };
}

export interface EditValues extends EditableFacts {
  reason: string;
  version: number;
  /** 在留期間の満了の日 as typed (西暦 or 和暦), shown again as it was; the fact is `residencePeriodEnd`. */
  residencePeriodEndText?: string;
}

// The edit form at the edge: a field a browser sends once or repeated (checkbox groups), as text.
const all = z
  .unknown()
  .transform((v) => (Array.isArray(v) ? v : v === undefined ? [] : [v]))
  .transform((list) => list.filter((x): x is string => typeof x === "string").map((x) => x.trim()));
const first = all.transform((list) => list[0] ?? "");
const optionalCode = <T extends readonly [string, ...string[]]>(list: T) =>
  first.pipe(z.union([z.literal(""), z.enum(list)])).transform((v) => (v === "" ? null : (v as T[number])));

// A checkbox: ticked sends "1", unticked sends nothing.
const flag = first.transform((v) => v === "1");

/** Each fact as one of the offered choices; the reason required; the version the page was made on. */
export const editFormSchema = z.object({
  insurance: first.pipe(z.enum(insurances)),
  pension: optionalCode(pensionCategories),
  careLevel: optionalCode(careLevels),
  pensionRecipient: flag,
  myNumberCard: flag,
  disabilityCertificate: flag,
  sealRegistered: flag,
  pregnant: flag,
  needsDaycare: flag,
  publicServant: flag,
  benefits: all.pipe(z.array(z.enum(benefits))),
  owns: all.pipe(z.array(z.enum(possessions))),
  reason: first.pipe(z.string().min(1).max(200)),
  version: first.pipe(z.string().regex(/^[1-9]\d{0,8}$/)).transform(Number),
});

/** The fields offered as choices, named in registry.invalidChoice. */
const choiceFields = new Set(["insurance", "pension", "careLevel", "benefits", "owns"]);

/**
 * The edit form → facts, with a problem for every value that is not one of the offered choices.
 * Refused values are kept out of the facts shown again (the form comes back with what is valid).
 */
export function readEditForm(
  body: Body,
  currentVersion: number,
): { values: EditValues; problems: Problem[] } {
  // Every key present (an absent one as undefined), as zod reads a piped field only when present.
  const parsed = editFormSchema.safeParse(
    Object.fromEntries(Object.keys(editFormSchema.shape).map((key) => [key, body[key]])),
  );
  const problems: Problem[] = [];
  const failed = new Set<string>();
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? "");
      if (failed.has(key)) continue;
      failed.add(key);
      if (key === "reason") {
        problems.push(
          first.parse(body.reason)
            ? tooLong("reason", "reason", 200)
            : problem("reason", "editReasonRequired"),
        );
      } else if (choiceFields.has(key)) {
        problems.push(problem(key, "invalidChoice", { field: key }));
      }
    }
  }
  // What the page shows again: each valid value, the offered choices among the rest.
  const lenient = (key: string) => first.parse(body[key]);
  const code = <T extends string>(key: string, list: readonly T[]): T | null =>
    list.find((x) => x === lenient(key)) ?? null;
  const subset = <T extends string>(key: string, list: readonly T[]): T[] =>
    list.filter((x) => all.parse(body[key]).includes(x));
  const flags = Object.fromEntries(booleanFacts.map((f) => [f, lenient(f) === "1"])) as Record<
    (typeof booleanFacts)[number],
    boolean
  >;
  const facts: ResidentFacts = parsed.success
    ? {
        insurance: parsed.data.insurance,
        pension: parsed.data.pension,
        careLevel: parsed.data.careLevel,
        ...flags,
        benefits: parsed.data.benefits,
        owns: parsed.data.owns,
      }
    : {
        insurance: code("insurance", insurances) ?? "kokuho",
        pension: code("pension", pensionCategories),
        careLevel: code("careLevel", careLevels),
        ...flags,
        benefits: subset("benefits", benefits),
        owns: subset("owns", possessions),
      };
  const version = parsed.success
    ? parsed.data.version
    : Number.parseInt(lenient("version"), 10) || currentVersion;
  const domicile = readDomicileFields(lenient, problems);
  // The reason goes into the audit log for ever and 本籍・筆頭者 into the record: never a 個人番号.
  for (const key of ["reason", "honseki", "hittousha", "residenceCardNumber"]) {
    if (containsMyNumber(lenient(key)) && !problems.some((p) => p.path === key))
      problems.push({ path: key, code: myNumberRefused });
  }
  return {
    values: { ...facts, ...domicile.values, reason: lenient("reason"), version },
    problems,
  };
}

/**
 * The 戸籍 and 在留 fields of the edit form: the nationality and the status as one of the offered
 * choices, 本籍 and 筆頭者 normalised as typed names are (NFKC outside the compatibility ideographs),
 * the card number in capitals, the end of the period of stay in 西暦 or 和暦 through the one date
 * parser. Each is then checked against the others (domicile.ts). What cannot be read is shown again
 * as typed and stored as nothing.
 */
function readDomicileFields(
  text: (key: string) => string,
  problems: Problem[],
): { values: ResidentDomicile & { residencePeriodEndText: string } } {
  const before = problems.length;
  const orNull = (value: string) => (value === "" ? null : value);
  const nationalityText = text("nationality").toUpperCase();
  const nationality = nationalityText === "" ? JAPAN : nationalityText;
  if (!isNationality(nationality))
    problems.push(problem("nationality", "invalidChoice", { field: "nationality" }));
  const statusText = text("residenceStatus");
  if (statusText !== "" && !residenceStatusLabel(statusText))
    problems.push(problem("residenceStatus", "invalidChoice", { field: "residenceStatus" }));
  const free = (key: "honseki" | "hittousha", max: number): string | null => {
    const value = normalizeNameText(text(key)).trim();
    if (value.length > max) problems.push(tooLong(key, key, max));
    else if (value && nameCharacterFault(value))
      problems.push(problem(key, "domicileCharacters", { field: key, value }));
    return orNull(value);
  };
  const honseki = free("honseki", 200);
  const hittousha = free("hittousha", 100);
  const periodText = text("residencePeriodEnd");
  let residencePeriodEnd: string | null = null;
  if (periodText !== "") {
    const read = parseDateInput(periodText);
    if (read.ok) residencePeriodEnd = read.iso;
    else problems.push(problem("residencePeriodEnd", "residencePeriodEndInvalid", { value: periodText }));
  }
  const values = {
    nationality: isNationality(nationality) ? nationality : JAPAN,
    honseki,
    hittousha,
    residenceStatus: residenceStatusLabel(statusText) ? statusText : null,
    residenceCardNumber: orNull(normalizeCardNumber(text("residenceCardNumber")).slice(0, 20)),
    residencePeriodEnd,
    residencePeriodEndText: periodText.slice(0, 40),
  };
  // The checks of the facts together, once each field could be read.
  if (problems.length === before) {
    for (const { field, ...m } of domicileProblems(values)) problems.push({ path: field, ...m });
  }
  return { values };
}
