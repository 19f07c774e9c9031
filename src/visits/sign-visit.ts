import type { Db } from "../db/database";
import { todayInJapan } from "../shared/dates";
import { AppError } from "../shared/errors";
import { checkSignaturePng } from "./signature-image";
import { type VisitRow, visitRepository } from "./visit.repository";
import { renderVisitForms, unansweredQuestions, visitFormInputs } from "./visit-forms";
import { loadVisit, type StaffScope, saveVisit, visitConflict } from "./visit-scope";

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

const signatureProblem = (ja: string, en: string) =>
  new AppError("VALIDATION", [{ path: "signature", ja, en }]);

/**
 * Takes the resident's one signature: stamps it into every form, stores it once with the forms it was
 * applied to and each form's content hash, and moves the visit to "signature" (ready to accept).
 */
export async function signVisit(db: Db, options: SignVisitOptions): Promise<VisitRow> {
  const checked = checkSignaturePng(options.signature);
  if (!checked.ok) {
    if (checked.reason === "empty")
      throw signatureProblem(
        "署名がありません。署名欄にご署名ください。",
        "The signature is empty. Please sign in the box.",
      );
    if (checked.reason === "size")
      throw signatureProblem("署名の画像が大きすぎます。", "The signature image is too large.");
    throw signatureProblem(
      "署名を読み取れませんでした。もう一度ご署名ください。",
      "The signature could not be read. Please sign again.",
    );
  }
  const visit = await loadVisit(db, options.scope, options.visitId);
  if (visit.version !== options.version) throw visitConflict();
  if (visit.state !== "review") {
    throw new AppError("CONFLICT", [
      { path: "", ja: "内容の確認の段階でのみ署名できます。", en: "The resident signs at the review step." },
    ]);
  }
  const inputs = visitFormInputs(visit);
  const missing = unansweredQuestions(inputs);
  if (missing.length > 0) {
    throw new AppError(
      "VALIDATION",
      missing.map((q) => ({
        path: "",
        ja: `未入力: ${q.label.ja}${q.memberId ? `（${q.memberId}）` : ""}`,
        en: `Missing: ${q.label.en}${q.memberId ? ` (${q.memberId})` : ""}`,
      })),
    );
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
