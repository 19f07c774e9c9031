import { createHash } from "node:crypto";
import type { PlanItem } from "../guidance/engine";
import type { Household, Member } from "../guidance/household.schema";
import {
  type Answers,
  answerText,
  bindingsFor,
  type FieldRef,
  partyMemberId,
  type ResolveContext,
  resolveBinding,
} from "./field-dictionary";
import type { FormTemplate } from "./form-template.schema";

/** One printed value: its text (undefined = blank box) and the field it came from. */
export interface Cell {
  text: string | undefined;
  /** The field the value belongs to: the question behind it, or the binding itself. */
  field: string;
  memberId?: string;
  /** Set when the value is an interview answer not given yet: the box prints blank. */
  missing?: FieldRef;
}

export interface MemberRow {
  member: Member;
  cells: ReadonlyMap<string, Cell>;
}

/** A plan item's form with every binding resolved: what layout.ts and overlay.ts draw. */
export interface FilledForm {
  item: PlanItem;
  template: FormTemplate;
  household: Household;
  /** Household bindings (boxes) → cell. */
  cells: ReadonlyMap<string, Cell>;
  rows: MemberRow[];
  /** Unanswered questions this form prints, each once. */
  missing: FieldRef[];
  /** Values the system filled in (from the registry, the event or the interview). */
  filled: number;
  /**
   * Which signature boxes take the visit's signature: every box of a form with one signer; on a form
   * whose boxes belong to named parties (婚姻届: 夫になる人, 妻になる人), only the filer's.
   */
  signs: { primary: boolean; second: boolean };
  /**
   * On a form of two named 届出人 of whom the visit's signer is one: the other (a member), whose own
   * drawn signature goes into their box when they sign at the counter too.
   */
  cosigner?: string;
  contentHash: string;
}

function cellFor(
  binding: string,
  household: Household,
  answers: Answers,
  member: Member | undefined,
  context: ResolveContext,
): Cell {
  const r = resolveBinding(binding, household, answers, member, context);
  const owner = member === undefined ? {} : { memberId: member.id };
  if (r.kind === "value") {
    if (r.from)
      return { text: r.text, field: r.from.key, ...(r.from.memberId ? { memberId: r.from.memberId } : {}) };
    return { text: r.text, field: binding, ...owner };
  }
  if (r.kind === "blank") return { text: undefined, field: binding, ...owner };
  const text = answerText(r.ref, household, answers);
  const of = r.ref.memberId === undefined ? {} : { memberId: r.ref.memberId };
  return text === undefined
    ? { text: undefined, field: r.ref.key, ...of, missing: r.ref }
    : { text, field: r.ref.key, ...of };
}

/**
 * Resolves a form for one plan item. Pure: the same household, answers and template give the same
 * cells and the same content hash (the hash the signature record keeps for each form).
 */
export function fillForm(
  item: PlanItem,
  template: FormTemplate,
  household: Household,
  answers: Answers,
  filedOn?: string,
): FilledForm {
  const bindings = bindingsFor(template, household.event.type);
  const context: ResolveContext = { concerned: item.members };
  const cells = new Map<string, Cell>();
  for (const binding of bindings.household)
    cells.set(binding, cellFor(binding, household, answers, undefined, context));
  const rows: MemberRow[] = [];
  for (const id of item.members) {
    const member = household.members.find((m) => m.id === id);
    if (!member) continue;
    const rowCells = new Map<string, Cell>();
    for (const binding of bindings.member)
      rowCells.set(binding, cellFor(binding, household, answers, member, context));
    rows.push({ member, cells: rowCells });
  }
  const missing: FieldRef[] = [];
  const seen = new Set<string>();
  let filled = 0;
  for (const cell of [...cells.values(), ...rows.flatMap((r) => [...r.cells.values()])]) {
    if (cell.text !== undefined) filled++;
    if (!cell.missing) continue;
    const id = `${cell.missing.key}\u0000${cell.missing.memberId ?? ""}`;
    if (!seen.has(id)) missing.push(cell.missing);
    seen.add(id);
  }
  const signer = partyMemberId("applicant", household, answers);
  const stamps = (party: string | undefined) =>
    party === undefined ||
    (signer !== undefined && partyMemberId(party, household, answers, context) === signer);
  const owned = template.kind === "generated" && template.signature.party !== undefined;
  const signs =
    template.kind === "generated"
      ? {
          primary: stamps(template.signature.party),
          second: template.cosignature ? stamps(template.cosignature.party) : false,
        }
      : { primary: true, second: false };
  const other =
    template.kind === "generated" && template.cosignature && signs.primary !== signs.second
      ? signs.primary
        ? template.cosignature.party
        : template.signature.party
      : undefined;
  const cosigner = other === undefined ? undefined : partyMemberId(other, household, answers, context);
  const content = {
    ...(owned ? { signs } : {}),
    procedureId: item.id,
    template: `${template.kind}:${template.procedureId}@${template.version}`,
    event: household.event.type,
    filedOn: filedOn ?? null,
    members: item.members,
    cells: [...cells].map(([binding, cell]) => [binding, cell.text ?? null]),
    rows: rows.map((r) => [r.member.id, [...r.cells].map(([binding, cell]) => [binding, cell.text ?? null])]),
  };
  const contentHash = createHash("sha256").update(JSON.stringify(content)).digest("hex");
  return {
    item,
    template,
    household,
    cells,
    rows,
    missing,
    filled,
    signs,
    ...(cosigner ? { cosigner } : {}),
    contentHash,
  };
}
