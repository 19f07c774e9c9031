import type { Db } from "../db/database";
import { parseAnswers } from "../forms/answers";
import { AppError } from "../shared/errors";
import type { VisitRow } from "./visit.repository";
import { unansweredQuestions, visitFormInputs } from "./visit-forms";
import { loadVisit, type StaffScope, saveVisit } from "./visit-scope";

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

/** Stores the interview answers (all checked against the field dictionary) and, when asked, moves on. */
export async function saveAnswers(db: Db, options: SaveAnswersOptions): Promise<VisitRow> {
  return db.transaction(async (tx) => {
    const visit = await loadVisit(tx, options.scope, options.visitId);
    if (visit.state !== "interview") {
      throw new AppError("CONFLICT", [
        { path: "", ja: "聞き取りの段階ではありません。", en: "The visit is not at the interview step." },
      ]);
    }
    const inputs = visitFormInputs(visit);
    const parsed = parseAnswers(options.answers, inputs.household);
    if (parsed.problems.length > 0) {
      throw new AppError(
        "VALIDATION",
        parsed.problems.map((p) => ({ path: answerFieldId(p.key, p.memberId), ja: p.ja, en: p.en })),
      );
    }
    const next = visitFormInputs({ ...visit, answers: options.answers });
    const missing = unansweredQuestions(next);
    if (options.proceed && missing.length > 0) {
      throw new AppError(
        "VALIDATION",
        missing.map((q) => {
          const who = q.memberId ? `（${q.memberId}）` : "";
          return {
            path: answerFieldId(q.key, q.memberId),
            ja: `${q.label.ja}${who}を入力してください。`,
            en: `Enter ${q.label.en}${q.memberId ? ` (${q.memberId})` : ""}.`,
          };
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
