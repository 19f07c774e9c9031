import type { Db } from "../db/database";
import { todayInJapan } from "../shared/dates";
import { checkSignaturePng } from "./signature-image";
import { type VisitRow, visitRepository } from "./visit.repository";
import { missingAnswerProblem, renderVisitForms, unansweredQuestions, visitFormInputs } from "./visit-forms";
import { loadVisit, type StaffScope, saveVisit, visitConflict } from "./visit-scope";
import { refuse, refuseAll } from "./visits.errors";

export interface SignVisitOptions {
  scope: StaffScope;
  visitId: string;
  version: number;
  /** The PNG data URL from the tablet's signature pad. */
  signature: string;
  now: Date;
}

export interface SignedForm {
  procedureId: string;
  members: string[];
  contentHash: string;
}

/**
 * Takes the resident's one signature: stamps it into every form, stores it once with the forms it was
 * applied to and each form's content hash, and moves the visit to "signature" (ready to accept).
 */
export async function signVisit(db: Db, options: SignVisitOptions): Promise<VisitRow> {
  const checked = checkSignaturePng(options.signature);
  if (!checked.ok) {
    const reason =
      checked.reason === "empty"
        ? "signatureEmpty"
        : checked.reason === "size"
          ? "signatureTooLarge"
          : "signatureUnreadable";
    throw refuse(reason, undefined, "signature");
  }
  const visit = await loadVisit(db, options.scope, options.visitId);
  if (visit.version !== options.version) throw visitConflict();
  if (visit.state !== "review") throw refuse("signOnlyAtReview");
  const inputs = visitFormInputs(visit);
  const missing = unansweredQuestions(inputs);
  if (missing.length > 0) {
    throw refuseAll(missing.map(missingAnswerProblem));
  }
  // Rendering takes a while: do it before the transaction, then write only if nothing changed meanwhile.
  const rendered = await renderVisitForms(visit, inputs, {
    signaturePng: checked.png,
    filedOn: todayInJapan(options.now),
  });
  const forms: SignedForm[] = rendered.forms.map((f) => ({
    procedureId: f.procedureId,
    members: f.members,
    contentHash: f.contentHash,
  }));
  return db.transaction(async (tx) => {
    const current = await visitRepository(tx).findForUpdate(options.scope.municipalityId, visit.id);
    if (!current || current.version !== options.version) throw visitConflict();
    await visitRepository(tx).upsertSignature({
      municipalityId: options.scope.municipalityId,
      visitId: visit.id,
      imagePng: checked.png,
      forms,
      signedAt: options.now,
    });
    return saveVisit(tx, options.scope, current, options.version, "signature", {}, options.now);
  });
}
