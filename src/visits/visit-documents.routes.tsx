import { type Context, Hono } from "hono";
import QRCode from "qrcode";
import { settingsForMunicipality } from "../catalog/municipalities";
import { draftFromHousehold } from "../guidance/guidance-form";
import { surveyLinkToken } from "../kpi/answer-survey";
import { todayInJapan } from "../shared/dates";
import { notFound } from "../shared/errors";
import type { AppEnv, AppServices } from "../web/context";
import { renderPage } from "../web/respond";
import { VisitSheetPage } from "./pages/sheet.page";
import { visitRepository } from "./visit.repository";
import { renderVisitForms, visitFormInputs } from "./visit-forms";
import { loadVisit, staffScope } from "./visit-scope";
import { presentSheetPlan } from "./visits.presenters";

const scopeOf = (c: Context<AppEnv>) => staffScope(c.get("session"));

const pdfHeaders = (extra: Record<string, string> = {}) => ({
  "content-type": "application/pdf",
  "cache-control": "no-store",
  ...extra,
});

/**
 * What a visit produces on paper: the forms (preview or signed), each accepted application's form and
 * the resident's guidance sheet. Mounted by visitRoutes, behind its requireStaff.
 */
export function visitDocumentRoutes(deps: AppServices): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const now = () => deps.now?.() ?? new Date();
  const db = deps.database.db;

  app.get("/visits/:id/forms.pdf", async (c) => {
    const visit = await loadVisit(db, scopeOf(c), c.req.param("id"));
    if (!["review", "signature", "accepted", "closed"].includes(visit.state)) throw notFound();
    const signature = await visitRepository(db).findSignature(visit.municipalityId, visit.id);
    const inputs = visitFormInputs(visit);
    const rendered = await renderVisitForms(visit, inputs, {
      ...(signature ? { signaturePng: signature.imagePng } : {}),
      filedOn: todayInJapan(signature?.signedAt ?? now()),
    });
    return c.body(
      rendered.pdf as never,
      200,
      pdfHeaders({ "content-disposition": "inline; filename=forms.pdf" }),
    );
  });

  app.get("/visits/:id/applications/:applicationId/form.pdf", async (c) => {
    const visit = await loadVisit(db, scopeOf(c), c.req.param("id"));
    const application = await visitRepository(db).findApplication(
      visit.municipalityId,
      visit.id,
      c.req.param("applicationId"),
    );
    if (!application) throw notFound();
    return c.body(application.formPdf as never, 200, pdfHeaders());
  });

  app.get("/visits/:id/sheet", async (c) => {
    const visit = await loadVisit(db, scopeOf(c), c.req.param("id"));
    if (!visit.plan || !visit.household) throw notFound();
    const today = todayInJapan(now());
    const draft = draftFromHousehold(visitFormInputs(visit).household as never, today);
    // The survey's QR: one link per visit, the same on every reprint.
    const token = await surveyLinkToken(db, visit.municipalityId, visit.id);
    const url = `${new URL(c.req.url).origin}/survey/s/${token}`;
    const qrSvg = await QRCode.toString(url, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
    const view = {
      plan: presentSheetPlan(visit),
      draft,
      settings: settingsForMunicipality(visit.municipalityId),
      today,
      survey: { url, qrSvg },
    };
    return renderPage(c, c.get("t")("visits.sheetTitle"), (ctx) => <VisitSheetPage ctx={ctx} view={view} />);
  });

  return app;
}
