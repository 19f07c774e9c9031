import type { Db } from "../db/database";
import { parseAnswers } from "../forms/answers";
import { AppError } from "../shared/errors";
import type { VisitRow } from "./visit.repository";
import { memberParams, unansweredQuestions, visitFormInputs } from "./visit-forms";
import { loadVisit, type StaffScope, saveVisit } from "./visit-scope";
import { refuse, refuseAll, visitProblem } from "./visits.errors";

export interface SaveAnswersOptions {
  scope: StaffScope;
  visitId: string;
  version: number;
  /** Answers by field key; member fields as { key: { memberId: value } }. Empty values are dropped. */
  answers: Record<string, unknown>;
  /** Go on to the review when every question is answered. */
  proceed: boolean;
  now: Date;
}

export const answerFieldId = (key: string, memberId?: string): string =>
  memberId ? `q-${key}-${memberId}` : `q-${key}`;

/** The interview's fields a.<key> and a.<key>.<memberId> back into the answers document; blanks are left out. */
export function answersFromFields(all: (name: string) => string[], names: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of names) {
    if (!name.startsWith("a.")) continue;
    const value = (all(name)[0] ?? "").normalize("NFKC").trim();
    if (value === "") continue;
    const [, key, memberId] = name.split(".");
    if (!key) continue;
    if (memberId) {
      const byMember = (out[key] as Record<string, unknown> | undefined) ?? {};
      byMember[memberId] = value;
      out[key] = byMember;
    } else out[key] = value;
  }
  return out;
}

/** Stores the interview answers (all checked against the field dictionary) and, when asked, moves on. */
export async function saveAnswers(db: Db, options: SaveAnswersOptions): Promise<VisitRow> {
  return db.transaction(async (tx) => {
    const visit = await loadVisit(tx, options.scope, options.visitId);
    if (visit.state !== "interview") throw refuse("notAtInterview");
    const inputs = visitFormInputs(visit);
    const parsed = parseAnswers(options.answers, inputs.household);
    if (parsed.problems.length > 0) {
      // The forms module's own message codes (forms.answerInvalid …), linked to the field on the page.
      throw new AppError(
        "VALIDATION",
        parsed.problems.map((p) => ({
          path: answerFieldId(p.key, p.memberId),
          code: p.code,
          params: p.params,
        })),
        "visits.answerInvalid",
      );
    }
    // The questions of the answers as posted: a follow-up one of them reveals is checked and asked too.
    const next = visitFormInputs({ ...visit, answers: options.answers });
    // A choice of person is one of those the form allows (the 児童手当 claimant is a parent, never the child).
    const notOffered = next.questions.filter((q) => {
      if (q.type !== "member" || !q.options) return false;
      const chosen = options.answers[q.key];
      return typeof chosen === "string" && chosen !== "" && !q.options.some((o) => o.value === chosen);
    });
    if (notOffered.length > 0) {
      throw refuseAll(
        notOffered.map((q) =>
          visitProblem("answerNotOffered", { label: { ...q.label } }, answerFieldId(q.key, q.memberId)),
        ),
      );
    }
    const missing = unansweredQuestions(next);
    if (options.proceed && missing.length > 0) {
      throw refuseAll(
        missing.map((q) => {
          const path = answerFieldId(q.key, q.memberId);
          return q.memberId
            ? visitProblem(
                "memberAnswerRequired",
                { label: { ...q.label }, ...memberParams(inputs.household, q.memberId) },
                path,
              )
            : visitProblem("answerRequired", { label: { ...q.label } }, path);
        }),
      );
    }
    return saveVisit(
      tx,
      options.scope,
      visit,
      options.version,
      options.proceed ? "review" : "interview",
      { answers: options.answers },
      options.now,
    );
  });
}
