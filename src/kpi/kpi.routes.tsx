import { readFileSync } from "node:fs";
import { type Context, Hono } from "hono";
import { z } from "zod";
import { auditRepository } from "../auth/audit.repository";
import { hashTicketToken } from "../queue/issue-ticket";
import { rateLimit, TokenBuckets } from "../queue/rate-limit";
import { todayInJapan } from "../shared/dates";
import { notFound, type Problem } from "../shared/errors";
import type { AppEnv, AppServices } from "../web/context";
import { clientIp, requireStaff } from "../web/middleware";
import { renderPage } from "../web/respond";
import { answerSurvey, SURVEY_LINK_TOKEN, type SurveyLanguage, surveyLanguages } from "./answer-survey";
import { exportKpiCsv, exportOpenData } from "./export-kpis";
import { fiscalYearOf, type GroupBy } from "./kpi";
import { KpiDashboardPage } from "./kpi.pages";
import { kpiRepository } from "./kpi.repository";
import { parseKpiQuery } from "./kpi.schema";
import { loadDashboard } from "./load-dashboard";
import { SurveyForm, SurveyMessage, surveyText } from "./survey.pages";
import { type SurveySubject, surveyRepository } from "./survey.repository";

const css = readFileSync(new URL("./kpi.css", import.meta.url), "utf8");
const TOKEN = /^[A-Za-z0-9_-]{32}$/;
const UUID = z.uuid();
const groups: readonly GroupBy[] = ["none", "office", "purpose", "event", "day", "week", "month", "fy"];

const surveyForm = z.object({
  lang: z.enum(surveyLanguages).catch("ja"),
  score: z.string().max(2).optional(),
  comment: z.string().max(5000).optional(),
});

/** Supervisors' dashboard and exports, and the residents' satisfaction survey (tablet and QR). */
export function kpiRoutes(deps: AppServices): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const db = deps.database.db;
  const now = () => deps.now?.() ?? new Date();
  const supervisors = requireStaff(deps, ["supervisor", "admin"]);
  app.use("/kpi", supervisors);
  app.use("/kpi/*", supervisors);
  app.use("/survey/visit/*", requireStaff(deps));
  // Phones behind a carrier's shared address: generous, but bounded.
  const limitPublic = rateLimit(new TokenBuckets(60, 1), (c) => c.text("Too Many Requests", 429));

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
    return { parsed, names: { offices, purposes } };
  };

  app.get("/kpi", async (c) => {
    const session = c.get("session");
    if (!session) throw notFound();
    const { parsed, names } = await filters(session.municipalityId, c.req.query());
    const title = c.get("lang") === "ja" ? "窓口の指標（KPI）" : "Counter KPIs";
    const problems = parsed.ok ? [] : parsed.problems;
    const dashboard = parsed.ok
      ? await loadDashboard(db, {
          municipalityId: session.municipalityId,
          from: parsed.query.from,
          to: parsed.query.to,
          officeId: names.offices.find((o) => o.code === parsed.query.officeCode)?.id,
          kpi: parsed.query.kpi,
          by: parsed.query.by,
          granularity: parsed.query.granularity,
          now: now(),
        })
      : null;
    return renderPage(c, title, (ctx) => (
      <KpiDashboardPage
        ctx={ctx}
        query={parsed.query}
        problems={problems}
        names={names}
        dashboard={dashboard}
      />
    ));
  });

  const refusedExport = (
    c: Context<AppEnv>,
    problems: Problem[],
    names: Awaited<ReturnType<typeof filters>>["names"],
    query: Awaited<ReturnType<typeof filters>>["parsed"]["query"],
  ) =>
    renderPage(c, c.get("lang") === "ja" ? "窓口の指標（KPI）" : "Counter KPIs", (ctx) => (
      <KpiDashboardPage ctx={ctx} query={query} problems={problems} names={names} dashboard={null} />
    ));

  app.get("/kpi/export.csv", async (c) => {
    const session = c.get("session");
    if (!session) throw notFound();
    const raw = c.req.query();
    const { parsed, names } = await filters(session.municipalityId, raw);
    const group = groups.find((g) => g === (raw.group ?? "month"));
    const problems = parsed.ok ? [] : [...parsed.problems];
    if (!group)
      problems.push({
        path: "by",
        ja: "集計の単位が選択肢にありません。",
        en: "That grouping is not one of the choices.",
      });
    if (problems.length > 0 || !group) return refusedExport(c, problems, names, parsed.query);
    const q = parsed.query;
    const body = await exportKpiCsv(db, {
      municipalityId: session.municipalityId,
      kpi: q.kpi,
      from: q.from,
      to: q.to,
      officeCode: q.officeCode,
      groupBy: group,
      bom: q.bom,
      lang: c.get("lang"),
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
      return refusedExport(
        c,
        [
          {
            path: "",
            ja: "年度は2000から2100の数字で指定してください。",
            en: "Give the fiscal year as a number from 2000 to 2100.",
          },
        ],
        names,
        parsed.query,
      );
    const code = (await kpiRepository(db).municipalityCode(session.municipalityId)) ?? session.municipalityId;
    const body = await exportOpenData(db, {
      municipalityId: session.municipalityId,
      municipalityCode: code,
      fiscalYear: fy,
      bom: parsed.query.bom,
      now: now(),
    });
    c.header("content-type", "text/csv; charset=utf-8");
    c.header("content-disposition", `attachment; filename="kpi-open-data-${code}-fy${fy}.csv"`);
    return c.body(body);
  });

  // The satisfaction survey. The QR on the ticket carries the ticket's phone token; the counter
  // tablet opens the visit's survey under the staff member's session and hands the tablet over.
  const surveyPage = async (
    c: Context<AppEnv>,
    subject: SurveySubject | undefined,
    channel: "tablet" | "qr",
  ) => {
    if (!subject) throw notFound();
    const form = surveyForm.safeParse(c.req.method === "POST" ? await c.req.parseBody() : c.req.query());
    const lang: SurveyLanguage = form.success ? form.data.lang : "ja";
    const text = surveyText[lang];
    c.header("cache-control", "no-store");
    if (!subject.ended)
      return renderPage(c, text.title, () => <SurveyMessage lang={lang} kind="not-yet" />, 409);
    if (subject.answered)
      return renderPage(c, text.title, () => <SurveyMessage lang={lang} kind="already" />);
    if (c.req.method === "GET")
      return renderPage(c, text.title, (ctx) => (
        <SurveyForm
          action={c.req.path}
          lang={lang}
          csrfToken={ctx.csrfToken}
          problems={[]}
          score=""
          comment=""
        />
      ));
    const score = form.success ? Number(form.data.score ?? "") : Number.NaN;
    const comment = form.success ? (form.data.comment ?? "").trim() : "";
    const problems: Problem[] = [];
    if (!Number.isInteger(score) || score < 1 || score > 5)
      problems.push({
        path: "score",
        ja: surveyText[lang === "en" ? "ja" : lang].scoreRequired,
        en: surveyText.en.scoreRequired,
      });
    if ([...comment].length > 500 || !form.success)
      problems.push({
        path: "comment",
        ja: surveyText[lang === "en" ? "ja" : lang].commentTooLong,
        en: surveyText.en.commentTooLong,
      });
    if (problems.length > 0)
      return renderPage(
        c,
        text.title,
        (ctx) => (
          <SurveyForm
            action={c.req.path}
            lang={lang}
            csrfToken={ctx.csrfToken}
            problems={problems}
            score={form.success ? (form.data.score ?? "") : ""}
            comment={comment}
          />
        ),
        422,
      );
    const outcome = await answerSurvey(db, {
      subject,
      score,
      comment: comment || null,
      lang,
      channel,
      now: now(),
    });
    return renderPage(c, text.title, () => (
      <SurveyMessage lang={lang} kind={outcome === "recorded" ? "thanks" : "already"} />
    ));
  };

  const byToken = async (token: string) =>
    TOKEN.test(token) ? surveyRepository(db).subjectByTicketToken(hashTicketToken(token)) : undefined;
  app.get("/survey/t/:token", limitPublic, async (c) =>
    surveyPage(c, await byToken(c.req.param("token")), "qr"),
  );
  app.post("/survey/t/:token", limitPublic, async (c) =>
    surveyPage(c, await byToken(c.req.param("token")), "qr"),
  );

  // The QR on a visit's guidance sheet.
  const byLink = async (token: string) =>
    SURVEY_LINK_TOKEN.test(token) ? surveyRepository(db).subjectBySurveyLink(token) : undefined;
  app.get("/survey/s/:token", limitPublic, async (c) =>
    surveyPage(c, await byLink(c.req.param("token")), "qr"),
  );
  app.post("/survey/s/:token", limitPublic, async (c) =>
    surveyPage(c, await byLink(c.req.param("token")), "qr"),
  );

  const byVisit = async (municipalityId: string, id: string) =>
    UUID.safeParse(id).success ? surveyRepository(db).subjectByVisit(municipalityId, id) : undefined;
  for (const method of ["get", "post"] as const)
    app[method]("/survey/visit/:visitId", async (c) => {
      const session = c.get("session");
      if (!session) throw notFound();
      return surveyPage(c, await byVisit(session.municipalityId, c.req.param("visitId")), "tablet");
    });

  return app;
}
