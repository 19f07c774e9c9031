import { type Context, Hono } from "hono";
import QRCode from "qrcode";
import { settingsForMunicipality } from "../catalog/municipalities";
import { publicUrl } from "../config/config";
import { cutPages, formTitle } from "../forms/pdf-archive";
import { draftFromHousehold } from "../guidance/guidance-form";
import { surveyLinkToken } from "../kpi/answer-survey";
import { todayInJapan } from "../shared/dates";
import { notFound } from "../shared/errors";
import type { AppEnv, AppServices } from "../web/context";
import { parseLang, residentLocales } from "../web/i18n";
import { renderPage } from "../web/respond";
import { VisitSheetPage } from "./pages/sheet.page";
import { visitRepository } from "./visit.repository";
import { renderVisitForms, visitFormInputs } from "./visit-forms";
import { auditVisitRead } from "./visit-read-audit.routes";
import { loadVisit, staffScope } from "./visit-scope";
import { presentSheetPlan } from "./visits.presenters";

const scopeOf = (c: Context<AppEnv>) => staffScope(c.get("session"));

/**
 * A PDF shown in the browser, saved under a name with the visit's date and a short piece of its id —
 * never a person's name: `madoguchi-2026-12-07-3f2a9c1b.pdf`. Both forms of the file name (RFC 6266):
 * the plain one for old clients, `filename*` for the rest.
 */
function pdfHeaders(date: string, ...ids: string[]): Record<string, string> {
  const name = ["madoguchi", date, ...ids.map((id) => id.slice(0, 8))]
    .join("-")
    .replace(/[^0-9A-Za-z-]/g, "");
  return {
    "content-type": "application/pdf",
    "cache-control": "no-store",
    "content-disposition": `inline; filename="${name}.pdf"; filename*=UTF-8''${encodeURIComponent(name)}.pdf`,
  };
}

/**
 * What a visit produces on paper: the forms (preview or signed), each accepted application's form and
 * the resident's guidance sheet. Mounted by visitRoutes, behind its requireStaff. Each read of one is
 * audited (src/visits/visit-read-audit.routes.ts).
 */
export function visitDocumentRoutes(deps: AppServices): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const now = () => deps.now?.() ?? new Date();
  const db = deps.database.db;

  app.get("/visits/:id/forms.pdf", async (c) => {
    const visit = await loadVisit(db, scopeOf(c), c.req.param("id"));
    if (!["review", "signature", "accepted", "closed"].includes(visit.state)) throw notFound();
    await auditVisitRead(db, c, visit, "forms");
    const signature = await visitRepository(db).findSignature(visit.municipalityId, visit.id);
    const filedOn = todayInJapan(signature?.signedAt ?? now());
    // Once signed, the bundle is the one the resident signed, as it was kept: never drawn again.
    if (signature?.bundlePdf && visit.state !== "review") {
      return c.body(signature.bundlePdf as never, 200, pdfHeaders(filedOn, visit.id));
    }
    const inputs = visitFormInputs(visit);
    const rendered = await renderVisitForms(visit, inputs, {
      ...(signature?.imagePng ? { signaturePng: signature.imagePng } : {}),
      filedOn,
    });
    return c.body(rendered.pdf as never, 200, pdfHeaders(filedOn, visit.id));
  });

  app.get("/visits/:id/applications/:applicationId/form.pdf", async (c) => {
    const visit = await loadVisit(db, scopeOf(c), c.req.param("id"));
    const applicationId = c.req.param("applicationId");
    const document = await visitRepository(db).findApplicationDocument(
      visit.municipalityId,
      visit.id,
      applicationId,
    );
    if (!document) throw notFound();
    await auditVisitRead(db, c, visit, "application", { detail: { applicationId } });
    const filedOn = todayInJapan(document.at);
    const headers = pdfHeaders(filedOn, visit.id, applicationId);
    if (document.kind === "stored") return c.body(document.pdf as never, 200, headers);
    // Cut from the signed bundle when asked for: its pages, the one font subset they share.
    const pdf = await cutPages(document.bundle, {
      firstPage: document.firstPage,
      lastPage: document.lastPage,
      title: formTitle(document.name, filedOn),
    });
    return c.body(pdf as never, 200, headers);
  });

  app.get("/visits/:id/sheet", async (c) => {
    const visit = await loadVisit(db, scopeOf(c), c.req.param("id"));
    if (!visit.plan || !visit.household) throw notFound();
    const today = todayInJapan(now());
    const draft = draftFromHousehold(visitFormInputs(visit).household as never, today);
    // The resident's language, chosen by staff above the sheet (`?lang=`); else the page's own.
    const languages = residentLocales(visit.municipalityId);
    const asked = parseLang(c.req.query("lang"));
    const pageLang = c.get("lang");
    const lang = asked && languages.includes(asked) ? asked : languages.includes(pageLang) ? pageLang : "ja";
    // The survey's QR: one link per visit, the same on every reprint, on the public address (never
    // the request's Host), opening the survey in the sheet's language.
    await auditVisitRead(db, c, visit, "sheet", { detail: { lang } });
    const token = await surveyLinkToken(db, visit.municipalityId, visit.id);
    const url = publicUrl(
      deps.config,
      `/survey/s/${token}${lang === "ja" ? "" : `?lang=${encodeURIComponent(lang)}`}`,
    );
    const qrSvg = await QRCode.toString(url, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
    const office = await deps.reference.office(visit.municipalityId, visit.officeId);
    const view = {
      visitId: visit.id,
      plan: presentSheetPlan(visit),
      draft,
      settings: settingsForMunicipality(visit.municipalityId),
      today,
      lang,
      languages,
      officeCode: office?.code,
      survey: { url, qrSvg },
    };
    return renderPage(c, c.get("t")("visits.sheetTitle"), (ctx) => <VisitSheetPage ctx={ctx} view={view} />);
  });

  return app;
}
