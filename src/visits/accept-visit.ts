import { createHash } from "node:crypto";
import { PDFDocument } from "pdf-lib";
import { auditRepository } from "../auth/audit.repository";
import type { Db } from "../db/database";
import { enqueueDeliveries } from "../handoff/enqueue-deliveries";
import { todayInJapan } from "../shared/dates";
import type { SignedForm } from "./sign-visit";
import { type VisitRow, visitRepository } from "./visit.repository";
import { missingAnswerProblem, renderVisitForms, unansweredQuestions, visitFormInputs } from "./visit-forms";
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

async function splitBundle(bundle: Uint8Array, pages: number[][]): Promise<Uint8Array[]> {
  const source = await PDFDocument.load(bundle);
  const out: Uint8Array[] = [];
  for (const formPages of pages) {
    const doc = await PDFDocument.create();
    const copied = await doc.copyPages(
      source,
      formPages.map((p) => p - 1),
    );
    for (const page of copied) doc.addPage(page);
    out.push(await doc.save());
  }
  return out;
}

/**
 * Accepts a signed visit in ONE transaction: one application per procedure and member group (its
 * form PDF, its data as JSON, its status), the measures, and the move to "accepted". Anything that
 * fails rolls all of it back, leaving the visit exactly as it was. Refused while a form is incomplete
 * or when the forms no longer match what the resident signed.
 */
export async function acceptVisit(db: Db, options: AcceptVisitOptions): Promise<VisitRow> {
  const repo = visitRepository(db);
  const visit = await loadVisit(db, options.scope, options.visitId);
  if (visit.version !== options.version) throw visitConflict();
  if (visit.state !== "signature") throw refuse("notSigned");
  const signature = await repo.findSignature(options.scope.municipalityId, visit.id);
  if (!signature) throw refuse("noSignature", undefined, "signature");
  const inputs = visitFormInputs(visit);
  const missing = unansweredQuestions(inputs);
  if (missing.length > 0) {
    throw refuseAll(missing.map(missingAnswerProblem));
  }
  const rendered = await renderVisitForms(visit, inputs, {
    signaturePng: signature.imagePng,
    filedOn: todayInJapan(signature.signedAt),
  });
  const signed = signature.forms as SignedForm[];
  const same =
    signed.length === rendered.forms.length &&
    rendered.forms.every(
      (f, i) => signed[i]?.procedureId === f.procedureId && signed[i]?.contentHash === f.contentHash,
    );
  if (!same) throw refuse("formsChanged");
  const pdfs = await splitBundle(
    rendered.pdf,
    rendered.forms.map((f) => f.pages),
  );
  const plan = inputs.plan.procedures;
  const measures: VisitMeasures = {
    formsProduced: rendered.forms.length,
    fieldsFilledBySystem: rendered.forms.reduce((sum, f) => sum + f.filled, 0),
    questionsAsked: inputs.questions.length,
    namesWrittenByResident: 0,
    signatures: 1,
    proceduresDeclined: (visit.declined as unknown[]).length,
    guidanceOnly: plan.filter((p) => p.handling === "guidance").length,
  };
  return db.transaction(async (tx) => {
    const locked = await visitRepository(tx).findForUpdate(options.scope.municipalityId, visit.id);
    if (!locked || locked.version !== options.version || locked.state !== "signature") throw visitConflict();
    const applications = await visitRepository(tx).insertApplications(
      rendered.forms.map((form, i) => {
        const pdf = pdfs[i] as Uint8Array;
        const item = plan.find((p) => p.id === form.procedureId);
        return {
          municipalityId: options.scope.municipalityId,
          visitId: visit.id,
          procedureId: form.procedureId,
          members: form.members,
          data: {
            procedureId: form.procedureId,
            name: form.name,
            event: inputs.household.event,
            members: inputs.household.members.filter((m) => form.members.includes(m.id)),
            answers: inputs.rawAnswers,
            deadline: item?.deadline ?? null,
            contentHash: form.contentHash,
          },
          formPdf: pdf,
          contentHash: createHash("sha256").update(pdf).digest("hex"),
          status: "accepted" as const,
          createdAt: options.now,
        };
      }),
    );
    // The hand-off to the core systems is enqueued with the applications: both commit or neither.
    await enqueueDeliveries(tx, { municipalityId: options.scope.municipalityId, applications });
    const accepted = await saveVisit(
      tx,
      options.scope,
      locked,
      options.version,
      "accepted",
      { measures, acceptedAt: options.now },
      options.now,
    );
    await auditRepository(tx).record({
      municipalityId: options.scope.municipalityId,
      action: "visit.accept",
      actorStaffId: options.scope.staffId,
      officeId: options.scope.officeId,
      targetType: "visit",
      targetId: visit.id,
      detail: { forms: rendered.forms.length },
    });
    return accepted;
  });
}
