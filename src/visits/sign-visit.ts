import type { Db } from "../db/database";
import { sha256Hex } from "../forms/pdf-archive";
import type { RenderedForm } from "../forms/render";
import { todayInJapan } from "../shared/dates";
import { type ProxyWriting, signatureNoteOf } from "./proxy-writing";
import { checkSignaturePng } from "./signature-image";
import { type VisitRow, visitRepository } from "./visit.repository";
import {
  missingAnswerProblem,
  renderVisitForms,
  unansweredQuestions,
  visitCosigners,
  visitFormInputs,
} from "./visit-forms";
import { loadVisit, type StaffScope, saveVisit, visitConflict } from "./visit-scope";
import { refuse, refuseAll } from "./visits.errors";

export interface SignVisitOptions {
  scope: StaffScope;
  visitId: string;
  version: number;
  /** The PNG data URL from the tablet's signature pad. */
  signature?: string;
  /**
   * The other 届出人's own drawn signature (a 婚姻届's other partner), when they sign at the counter too;
   * without it their box says to sign by hand. Ignored when no form has such a box.
   */
  cosignature?: string;
  /** 代筆 instead of a drawn signature: already confirmed by a second staff member (proxy-writing.ts). */
  proxy?: ProxyWriting;
  now: Date;
}

/** The drawn signature as PNG bytes, refused when empty, too large or not a PNG. */
function drawnSignature(signature: string, field = "signature"): Uint8Array {
  const checked = checkSignaturePng(signature);
  if (checked.ok) return checked.png;
  const reason =
    checked.reason === "empty"
      ? "signatureEmpty"
      : checked.reason === "size"
        ? "signatureTooLarge"
        : "signatureUnreadable";
  throw refuse(reason, undefined, field);
}

/** One form as signed: kept with the signature, it is what accept files without rendering again. */
export interface SignedForm {
  procedureId: string;
  /** The form's name as printed (the plan's procedure name). Absent in signatures taken before 0013. */
  name?: string;
  members: string[];
  contentHash: string;
  /** Its pages of the signed bundle, 1-based and inclusive. Absent in signatures taken before 0013. */
  firstPage?: number;
  lastPage?: number;
  /** Values the system filled in (a measure of the visit). */
  filled?: number;
}

/** The forms of a rendered bundle as the signature keeps them. A form's pages are always consecutive. */
export function signedForms(forms: readonly RenderedForm[]): SignedForm[] {
  return forms.map((f) => {
    const firstPage = f.pages[0] ?? 0;
    const lastPage = f.pages.at(-1) ?? 0;
    if (firstPage < 1 || f.pages.some((p, i) => p !== firstPage + i)) {
      throw new Error(`form ${f.procedureId} has pages ${f.pages.join(",")}: not one consecutive range`);
    }
    return {
      procedureId: f.procedureId,
      name: f.name,
      members: f.members,
      contentHash: f.contentHash,
      firstPage,
      lastPage,
      filled: f.filled,
    };
  });
}

/**
 * Takes the resident's one signature: stamps it into every form, stores it once with the signed
 * bundle (its SHA-256, each form's pages and content hash, the visit's version) and moves the visit
 * to "signature", ready to accept without rendering again.
 */
export async function signVisit(db: Db, options: SignVisitOptions): Promise<VisitRow> {
  const png = options.proxy ? undefined : drawnSignature(options.signature ?? "");
  const visit = await loadVisit(db, options.scope, options.visitId);
  if (visit.version !== options.version) throw visitConflict();
  if (visit.state !== "review") throw refuse("signOnlyAtReview");
  const inputs = visitFormInputs(visit);
  const missing = unansweredQuestions(inputs);
  if (missing.length > 0) {
    throw refuseAll(missing.map(missingAnswerProblem(inputs.household)));
  }
  const cosignature =
    options.cosignature && visitCosigners(visit, inputs).length > 0
      ? drawnSignature(options.cosignature, "cosignature")
      : undefined;
  // Rendering takes a while: do it before the transaction, then write only if nothing changed meanwhile.
  const rendered = await renderVisitForms(visit, inputs, {
    ...(png ? { signaturePng: png } : {}),
    ...(cosignature ? { cosignaturePng: cosignature } : {}),
    ...(options.proxy ? { signatureNote: signatureNoteOf(options.proxy) } : {}),
    filedOn: todayInJapan(options.now),
  });
  const forms = signedForms(rendered.forms);
  const bundleSha256 = sha256Hex(rendered.pdf);
  return db.transaction(async (tx) => {
    const current = await visitRepository(tx).findForUpdate(options.scope.municipalityId, visit.id);
    if (!current || current.version !== options.version) throw visitConflict();
    const signed = await saveVisit(tx, options.scope, current, options.version, "signature", {}, options.now);
    await visitRepository(tx).upsertSignature({
      municipalityId: options.scope.municipalityId,
      visitId: visit.id,
      imagePng: png ?? null,
      cosignaturePng: cosignature ?? null,
      proxyWriting: options.proxy ?? null,
      forms,
      bundlePdf: rendered.pdf,
      bundleSha256,
      visitVersion: signed.version,
      signedAt: options.now,
    });
    return signed;
  });
}
