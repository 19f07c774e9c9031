import { readFileSync } from "node:fs";
import { type Context, Hono } from "hono";
import { auditRepository } from "../auth/audit.repository";
import { loadManualKpis } from "../manual/load-manual-kpis";
import { loadPreApplicationKpis } from "../preapply/load-pre-application-kpis";
import { loadReservationKpis } from "../reservations/load-reservation-kpis";
import { todayInJapan } from "../shared/dates";
import { notFound, type Problem } from "../shared/errors";
import type { AppEnv, AppServices } from "../web/context";
import { translator } from "../web/i18n";
import { clientIp, requireStaff } from "../web/middleware";
import { renderPage } from "../web/respond";
import { exportKpiCsv, exportOpenData } from "./export-kpis";
import { fiscalYearOf, type GroupBy } from "./kpi";
import { problem } from "./kpi.errors";
import { type Names, presentKpiPage } from "./kpi.presenters";
import { kpiRepository } from "./kpi.repository";
import { type KpiQuery, parseKpiQuery } from "./kpi.schema";
import { loadDashboard } from "./load-dashboard";
import { labelText } from "./pages/components";
import { KpiDashboardPage } from "./pages/kpi-dashboard.page";
import { surveyRoutes } from "./survey.routes";

const css = readFileSync(new URL("./kpi.css", import.meta.url), "utf8");
const groups: readonly GroupBy[] = ["none", "office", "purpose", "event", "day", "week", "month", "fy"];

/** Supervisors' dashboard and exports, and the residents' satisfaction survey (survey.routes.tsx). */
export function kpiRoutes(deps: AppServices): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const db = deps.database.db;
  const now = () => deps.now?.() ?? new Date();
  const supervisors = requireStaff(deps, ["supervisor", "admin"]);
  app.use("/kpi", supervisors);
  app.use("/kpi/*", supervisors);

  // The dashboard's and the survey's few rules; the survey's copy is public (residents have no session).
  for (const path of ["/kpi/kpi.css", "/survey/survey.css"])
    app.get(path, (c) => {
      c.header("content-type", "text/css; charset=utf-8");
      c.header("cache-control", "public, max-age=300");
      return c.body(css);
    });

  const filters = async (municipalityId: string, raw: Record<string, string>) => {
    const repo = kpiRepository(db);
    const [offices, purposes] = await Promise.all([
      repo.offices(municipalityId),
      repo.purposes(municipalityId),
    ]);
    const parsed = parseKpiQuery(
      raw,
      todayInJapan(now()),
      offices.map((o) => o.code),
    );
    const names: Names = { offices, purposes };
    return { parsed, names };
  };

  /** The dashboard with its filters' problems and no figures: an impossible filter or export. */
  const refused = (c: Context<AppEnv>, problems: Problem[], names: Names, query: KpiQuery) =>
    renderPage(c, c.get("t")("kpi.title"), (ctx) => (
      <KpiDashboardPage ctx={ctx} view={presentKpiPage(query, problems, names, null)} />
    ));

  app.get("/kpi", async (c) => {
    const session = c.get("session");
    if (!session) throw notFound();
    const { parsed, names } = await filters(session.municipalityId, c.req.query());
    if (!parsed.ok) return refused(c, parsed.problems, names, parsed.query);
    const q = parsed.query;
    const dashboard = await loadDashboard(db, {
      municipalityId: session.municipalityId,
      from: q.from,
      to: q.to,
      officeId: names.offices.find((o) => o.code === q.officeCode)?.id,
      kpi: q.kpi,
      by: q.by,
      granularity: q.granularity,
      now: now(),
    });
    const preApplications = await loadPreApplicationKpis(db, {
      municipalityId: session.municipalityId,
      from: q.from,
      to: q.to,
      now: now(),
    });
    // Reservations (src/reservations): booked, checked in, no-show and waits of the period.
    const reservations = await loadReservationKpis(db, {
      municipalityId: session.municipalityId,
      from: q.from,
      to: q.to,
    });
    // The manual and FAQ (src/manual): searches, no-result and click shares, "was this helpful?".
    const manual = await loadManualKpis(db, {
      municipalityId: session.municipalityId,
      from: q.from,
      to: q.to,
    });
    return renderPage(c, c.get("t")("kpi.title"), (ctx) => (
      <KpiDashboardPage
        ctx={ctx}
        view={presentKpiPage(q, [], names, dashboard)}
        preApplications={preApplications}
        reservations={reservations}
        manual={manual}
      />
    ));
  });

  app.get("/kpi/export.csv", async (c) => {
    const session = c.get("session");
    if (!session) throw notFound();
    const raw = c.req.query();
    const { parsed, names } = await filters(session.municipalityId, raw);
    const group = groups.find((g) => g === (raw.group ?? "month"));
    const problems = parsed.ok ? [] : [...parsed.problems];
    if (!group) problems.push(problem("groupNotAChoice", "by"));
    if (problems.length > 0 || !group) return refused(c, problems, names, parsed.query);
    const q = parsed.query;
    const t = c.get("t");
    const body = await exportKpiCsv(db, {
      municipalityId: session.municipalityId,
      kpi: q.kpi,
      from: q.from,
      to: q.to,
      officeCode: q.officeCode,
      groupBy: group,
      bom: q.bom,
      say: (label) => labelText(label, t),
      now: now(),
    });
    await auditRepository(db).record({
      municipalityId: session.municipalityId,
      action: "kpi.export",
      actorStaffId: session.staff.id,
      actorUsername: session.staff.username,
      officeId: session.officeId,
      targetType: "kpi",
      targetId: q.kpi,
      detail: { from: q.from, to: q.to, office: q.officeCode, group },
      requestId: c.get("requestId"),
      ip: clientIp(c),
    });
    c.header("content-type", "text/csv; charset=utf-8");
    c.header(
      "content-disposition",
      `attachment; filename="kpi-${q.kpi}-${q.from}-${q.to}${q.officeCode ? `-${q.officeCode}` : ""}-${group}.csv"`,
    );
    return c.body(body);
  });

  app.get("/kpi/open-data.csv", async (c) => {
    const session = c.get("session");
    if (!session) throw notFound();
    const raw = c.req.query();
    const { parsed, names } = await filters(session.municipalityId, { encoding: raw.encoding ?? "" });
    const fy = Number(raw.fy ?? fiscalYearOf(todayInJapan(now())));
    if (!Number.isInteger(fy) || fy < 2000 || fy > 2100)
      return refused(c, [problem("fiscalYearInvalid")], names, parsed.query);
    const code = (await kpiRepository(db).municipalityCode(session.municipalityId)) ?? session.municipalityId;
    // Published as the city publishes: in Japanese, whatever the reader's language.
    const ja = translator("ja");
    const body = await exportOpenData(db, {
      municipalityId: session.municipalityId,
      municipalityCode: code,
      fiscalYear: fy,
      bom: parsed.query.bom,
      sayInJapanese: (label) => labelText(label, ja),
      now: now(),
    });
    c.header("content-type", "text/csv; charset=utf-8");
    c.header("content-disposition", `attachment; filename="kpi-open-data-${code}-fy${fy}.csv"`);
    return c.body(body);
  });

  app.route("/", surveyRoutes(deps));
  return app;
}
