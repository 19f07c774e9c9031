import { auditRepository } from "../auth/audit.repository";
import type { Db } from "../db/database";
import { parseAnswers } from "../forms/answers";
import { filerSummary } from "../forms/field-dictionary";
import { sha256Hex } from "../forms/pdf-archive";
import { enqueueDeliveries } from "../handoff/enqueue-deliveries";
import { todayInJapan } from "../shared/dates";
import { AppError } from "../shared/errors";
import { type SignedForm, signedForms } from "./sign-visit";
import { type SignatureSeal, type VisitRow, visitRepository } from "./visit.repository";
import {
  formsWithCosigner,
  missingAnswerProblem,
  renderVisitForms,
  unansweredQuestions,
  visitFormInputs,
} from "./visit-forms";
import { loadVisit, type StaffScope, saveVisit, visitConflict } from "./visit-scope";
import { refuse, refuseAll } from "./visits.errors";

export interface AcceptVisitOptions {
  scope: StaffScope;
  visitId: string;
  version: number;
  now: Date;
}

/** What one visit produced, recorded for the KPIs: the whole point is zero names written by hand. */
export interface VisitMeasures {
  formsProduced: number;
  fieldsFilledBySystem: number;
  questionsAsked: number;
  namesWrittenByResident: number;
  signatures: number;
  proceduresDeclined: number;
  guidanceOnly: number;
}

const isComplete = (f: SignedForm): f is Required<SignedForm> =>
  f.name !== undefined && f.firstPage !== undefined && f.lastPage !== undefined && f.filled !== undefined;

/**
 * The signed forms, once the kept bundle is checked against what signing recorded — without reading
 * or drawing it: the visit has not changed since it was signed (its version), the bundle's bytes
 * still have the SHA-256 taken then, and every form has its pages. Otherwise formsChanged: the
 * resident signs again.
 */
function checkedForms(visit: VisitRow, seal: SignatureSeal): Required<SignedForm>[] {
  const forms = seal.forms as SignedForm[];
  if (seal.visitVersion !== visit.version || !seal.bundleIntact || !forms.every(isComplete)) {
    throw refuse("formsChanged");
  }
  return forms;
}

/** A signature taken before 0013 has no bundle kept: accept renders and keeps it once, then goes on. */
class NoBundleKept extends Error {}

/**
 * Renders the signed bundle of a signature taken before bundles were kept, compares it with the
 * hashes signed (as accept always did), and keeps it with the signature — in its own transaction,
 * under the visit's lock and version, leaving the visit as it is.
 */
async function keepBundleOfOldSignature(db: Db, options: AcceptVisitOptions): Promise<void> {
  const visit = await loadVisit(db, options.scope, options.visitId);
  const signature = await visitRepository(db).findSignature(options.scope.municipalityId, visit.id);
  if (!signature) throw refuse("noSignature", undefined, "signature");
  const rendered = await renderVisitForms(visit, visitFormInputs(visit), {
    ...(signature.imagePng ? { signaturePng: signature.imagePng } : {}),
    ...(signature.cosignaturePng ? { cosignaturePng: signature.cosignaturePng } : {}),
    filedOn: todayInJapan(signature.signedAt),
  });
  const signed = signature.forms as SignedForm[];
  const same =
    signed.length === rendered.forms.length &&
    rendered.forms.every(
      (f, i) => signed[i]?.procedureId === f.procedureId && signed[i]?.contentHash === f.contentHash,
    );
  if (!same) throw refuse("formsChanged");
  await db.transaction(async (tx) => {
    const locked = await visitRepository(tx).findForUpdate(options.scope.municipalityId, visit.id);
    if (!locked || locked.version !== options.version || locked.state !== "signature") throw visitConflict();
    await visitRepository(tx).keepBundle(options.scope.municipalityId, signature.id, {
      forms: signedForms(rendered.forms),
      bundlePdf: rendered.pdf,
      bundleSha256: sha256Hex(rendered.pdf),
      visitVersion: locked.version,
    });
  });
}

/**
 * Accepts a signed visit in ONE transaction: one application per procedure and member group (its
 * pages of the signed bundle, its data as JSON, its status), the hand-off deliveries, the measures,
 * and the move to "accepted". Nothing is drawn: the bundle signing rendered and hashed is filed as it
 * was kept, once the database has checked it against the hash recorded at signing. Anything that
 * fails rolls all of it back, leaving the visit exactly as it was. Refused while a form is incomplete
 * or when the forms no longer match what the resident signed.
 */
export async function acceptVisit(db: Db, options: AcceptVisitOptions): Promise<VisitRow> {
  try {
    return await acceptKeptBundle(db, options);
  } catch (error) {
    if (!(error instanceof NoBundleKept)) throw error;
    await keepBundleOfOldSignature(db, options);
    return acceptKeptBundle(db, options);
  }
}

async function acceptKeptBundle(db: Db, options: AcceptVisitOptions): Promise<VisitRow> {
  const { municipalityId } = options.scope;
  return db.transaction(async (tx) => {
    const repo = visitRepository(tx);
    // Locked first: signing (the only writer of the signature) and every other change wait for us.
    const found = await repo.findForUpdateWithSeal(municipalityId, options.visitId);
    if (!found) throw new AppError("NOT_FOUND");
    const { visit, seal } = found;
    if (visit.version !== options.version) throw visitConflict();
    if (visit.state !== "signature") throw refuse("notSigned");
    if (!seal) throw refuse("noSignature", undefined, "signature");
    if (!seal.hasBundle) throw new NoBundleKept();
    const inputs = visitFormInputs(visit);
    const missing = unansweredQuestions(inputs);
    if (missing.length > 0) throw refuseAll(missing.map(missingAnswerProblem(inputs.household)));
    const forms = checkedForms(visit, seal);
    const plan = inputs.plan.procedures;
    const measures: VisitMeasures = {
      formsProduced: forms.length,
      fieldsFilledBySystem: forms.reduce((sum, f) => sum + f.filled, 0),
      questionsAsked: inputs.questions.length,
      // The other 届出人's box of a 婚姻届 or 離婚届 is signed by hand when they did not sign at the counter.
      namesWrittenByResident: seal.cosigned ? 0 : formsWithCosigner(visit, inputs),
      signatures: seal.cosigned ? 2 : 1,
      proceduresDeclined: (visit.declined as unknown[]).length,
      guidanceOnly: plan.filter((p) => p.handling === "guidance").length,
    };
    const { answers } = parseAnswers(inputs.rawAnswers, inputs.household);
    const applications = await repo.insertApplications(
      forms.map((form) => {
        const item = plan.find((p) => p.id === form.procedureId);
        return {
          municipalityId,
          visitId: visit.id,
          procedureId: form.procedureId,
          members: form.members,
          data: {
            procedureId: form.procedureId,
            name: form.name,
            event: inputs.householdFor(form.procedureId).event,
            members: inputs.household.members.filter((m) => form.members.includes(m.id)),
            answers: inputs.rawAnswers,
            deadline: item?.deadline ?? null,
            due: item?.due ?? null,
            contentHash: form.contentHash,
            // Who filed, as the forms print it: the hand-off's 届出人 (src/handoff/record.ts).
            filer: filerSummary(inputs.household, answers, form.members),
          },
          signatureId: seal.id,
          firstPage: form.firstPage,
          lastPage: form.lastPage,
          contentHash: form.contentHash,
          status: "accepted" as const,
          createdAt: options.now,
        };
      }),
    );
    // The hand-off to the core systems is enqueued with the applications: both commit or neither.
    await enqueueDeliveries(tx, {
      municipalityId,
      applications,
      officeOf: new Map([[visit.id, visit.officeId]]),
    });
    const accepted = await saveVisit(
      tx,
      options.scope,
      visit,
      options.version,
      "accepted",
      { measures, acceptedAt: options.now },
      options.now,
    );
    await auditRepository(tx).record({
      municipalityId,
      action: "visit.accept",
      actorStaffId: options.scope.staffId,
      officeId: options.scope.officeId,
      targetType: "visit",
      targetId: visit.id,
      detail: { forms: forms.length, bundleSha256: seal.bundleSha256 },
    });
    return accepted;
  });
}
