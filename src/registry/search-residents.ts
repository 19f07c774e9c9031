import { z } from "zod";
import { auditRepository } from "../auth/audit.repository";
import type { DbOrTx } from "../db/database";
import { dateProblem, parseDateInput } from "../shared/dates";
import type { Problem } from "../shared/errors";
import { splitAddress } from "./name-key";
import type { StaffActor } from "./open-household";
import { problem } from "./registry.errors";
import type { ResidentRegistryPort } from "./registry.port";
import type { SearchResults } from "./resident";

export interface SearchForm {
  name: string;
  match: "prefix" | "partial";
  birthDate: string;
  sex: "" | "female" | "male";
  address: string;
}

export interface Place {
  /** The municipality's own name, dropped from a typed or card address (熊本市). */
  municipalityName: string;
  /** Its wards (中央区, …), empty for a city without wards. */
  wards: readonly string[];
}

/**
 * The place a typed address is read against, from the municipality and its offices: a designated
 * city's ward offices are named after their wards (中央区役所 → 中央区).
 */
export function placeFrom(
  municipality: { names: { ja: string } } | undefined,
  offices: ReadonlyArray<{ kind: string; names: { ja: string } }>,
): Place {
  const wards = offices
    .filter((o) => o.kind === "ward" && o.names.ja.endsWith("区役所"))
    .map((o) => o.names.ja.slice(0, -2));
  return { municipalityName: municipality?.names.ja ?? "", wards };
}

// The query string at the edge: every field optional text; a value that is not one of the choices
// falls back to the default rather than failing, since a search form is retyped, not repaired.
const text = z.unknown().transform((v) => (typeof v === "string" ? v.trim() : ""));

export const searchQuerySchema = z.object({
  name: text,
  match: text.pipe(z.enum(["prefix", "partial"]).catch("prefix")),
  birthDate: text,
  sex: text.pipe(z.enum(["", "female", "male"]).catch("")),
  address: text,
});

/** Reads the search page's query string, tolerating anything a browser or a person sends. */
export function readSearchForm(query: Record<string, string | undefined>): SearchForm {
  // Every key present (an absent one as undefined), as zod reads a piped field only when present.
  const { name, match, birthDate, sex, address } = query;
  return searchQuerySchema.parse({ name, match, birthDate, sex, address });
}

/**
 * The date of birth as typed (S55.4.2, 昭和55年4月2日, １９８０－０４－０２ …) read by the one parser:
 * its ISO date, or the problem of the birthDate field. The form keeps the typed text, which the page
 * shows again with what it read.
 */
export function birthDateOf(typed: string): { iso: string } | { problem: Problem } {
  const read = parseDateInput(typed);
  return read.ok ? { iso: read.iso } : { problem: dateProblem("birthDate", read.code, "birthDate") };
}
const isoBirthDate = (typed: string): string | undefined => {
  const read = typed ? birthDateOf(typed) : undefined;
  return read && "iso" in read ? read.iso : undefined;
};
const birthDateProblem = (typed: string): Problem | undefined => {
  const read = birthDateOf(typed);
  return "problem" in read ? read.problem : undefined;
};

/** `field` names the field in the message (name, cardName, address, detail, reason). */
export const tooLong = (path: string, field: string, max: number): Problem =>
  problem(path, "tooLong", { field, max: String(max) });

export function searchProblems(form: SearchForm): Problem[] {
  const problems: Problem[] = [];
  if (!form.name && !form.birthDate && !form.address) problems.push(problem("name", "needCriterion"));
  if (form.name.length > 50) problems.push(tooLong("name", "name", 50));
  const refused = form.birthDate ? birthDateProblem(form.birthDate) : undefined;
  if (refused) problems.push(refused);
  if (form.address.length > 100) problems.push(tooLong("address", "address", 100));
  return problems;
}

export interface SearchResidentsOptions {
  db: DbOrTx;
  registry: ResidentRegistryPort;
  municipalityId: string;
  place: Place;
  form: SearchForm;
  /** Who searched: every search that reaches the registry is written to the audit log. */
  actor: StaffActor;
}

export const SEARCH_ACTION = "registry.search";
export const CARD_SEARCH_ACTION = "registry.card-search";

/**
 * A search lists names, birth dates and addresses, so it is audited like an opening: who, when, which
 * kinds of criteria, and the residents (and their households) it showed, by id. The typed values
 * themselves are not copied into the log, which would otherwise become a second register of personal
 * data. One entry per search, however many residents it lists.
 */
async function auditSearch(
  options: Omit<SearchResidentsOptions, "form">,
  action: string,
  criteria: Record<string, string>,
  results: SearchResults,
): Promise<void> {
  await auditRepository(options.db).record({
    municipalityId: options.municipalityId,
    action,
    actorStaffId: options.actor.staffId,
    actorUsername: options.actor.username,
    officeId: options.actor.officeId,
    targetType: "registry",
    detail: {
      criteria: Object.keys(criteria).filter((k) => criteria[k]),
      shown: results.residents.length,
      residentIds: results.residents.map((r) => r.id),
      householdIds: [...new Set(results.residents.map((r) => r.householdId))],
      more: results.more,
      adapter: options.registry.kind,
    },
    requestId: options.actor.requestId ?? null,
    ip: options.actor.ip ?? null,
  });
}

/** The search page's query: problems for the error summary, or the results. */
export async function searchResidents(
  options: SearchResidentsOptions,
): Promise<{ problems: Problem[] } | { results: SearchResults }> {
  const problems = searchProblems(options.form);
  if (problems.length > 0) return { problems };
  const { form } = options;
  const address = form.address
    ? splitAddress(form.address, options.place.municipalityName, options.place.wards)
    : undefined;
  const results = await options.registry.search(options.municipalityId, {
    name: form.name || undefined,
    match: form.match,
    birthDate: isoBirthDate(form.birthDate),
    sex: form.sex || undefined,
    ward: address?.ward,
    address: address?.rest || undefined,
  });
  await auditSearch(
    options,
    SEARCH_ACTION,
    { name: form.name, birthDate: form.birthDate, sex: form.sex, address: form.address },
    results,
  );
  return { results };
}

export interface CardForm {
  name: string;
  birthDate: string;
  sex: "" | "female" | "male";
  address: string;
}

export function readCardForm(query: Record<string, string | undefined>): CardForm {
  const { name, birthDate, sex, address } = readSearchForm(query);
  return { name, birthDate, sex, address };
}

export function cardProblems(form: CardForm): Problem[] {
  const problems: Problem[] = [];
  const required = (field: keyof CardForm) => problems.push(problem(field, "cardRequired", { field }));
  if (!form.name) required("name");
  else if (form.name.length > 50) problems.push(tooLong("name", "cardName", 50));
  if (!form.address) required("address");
  else if (form.address.length > 100) problems.push(tooLong("address", "address", 100));
  if (!form.birthDate) required("birthDate");
  else {
    const refused = birthDateProblem(form.birthDate);
    if (refused) problems.push(refused);
  }
  if (!form.sex) required("sex");
  return problems;
}

/** The card's four attributes → the matching residents, each marked whether the address agrees. */
export async function findByCard(
  options: Omit<SearchResidentsOptions, "form"> & { form: CardForm },
): Promise<{ problems: Problem[] } | { results: SearchResults }> {
  const problems = cardProblems(options.form);
  if (problems.length > 0) return { problems };
  const { form } = options;
  const address = splitAddress(form.address, options.place.municipalityName, options.place.wards);
  const results = await options.registry.findByCard(options.municipalityId, {
    name: form.name,
    birthDate: isoBirthDate(form.birthDate) ?? "",
    sex: form.sex as "female" | "male",
    ward: address.ward,
    address: address.rest,
  });
  await auditSearch(options, CARD_SEARCH_ACTION, { ...form }, results);
  return { results };
}
