import { type Context, Hono } from "hono";
import { z } from "zod";
import { hashTicketToken } from "../queue/issue-ticket";
import { notFound, type Problem } from "../shared/errors";
import type { Locale } from "../shared/locale";
import { containsMyNumber, myNumberRefused } from "../shared/my-number";
import type { AppEnv, AppServices } from "../web/context";
import { parseLang, translator } from "../web/i18n";
import { requireStaff } from "../web/middleware";
import { createRequestLimiter, rateLimit } from "../web/rate-limit";
import { answerSurvey, SURVEY_LINK_TOKEN, surveyLanguageCode } from "./answer-survey";
import { problem } from "./kpi.errors";
import type { SurveyContext } from "./pages/components";
import { SurveyFormPage } from "./pages/survey-form.page";
import { SurveyMessagePage } from "./pages/survey-message.page";
import { type SurveySubject, surveyRepository } from "./survey.repository";

const TOKEN = /^[A-Za-z0-9_-]{32}$/;
const UUID = z.uuid();

const surveyForm = z.object({
  score: z.string().max(2).optional(),
  comment: z.string().max(5000).optional(),
});

/** Links from before the six languages name やさしい日本語 "easy" (`?lang=easy`). */
const aliases = new Map<string, Locale>([["easy", "ja-x-easy"]]);

/**
 * The survey's language: the one its link or form asks for (`?lang=`, or the form's hidden field), else
 * the reader's (the mg_lang cookie, which the language switch sets).
 */
function surveyLocale(asked: unknown, reader: Locale): Locale {
  if (typeof asked !== "string") return reader;
  return aliases.get(asked) ?? parseLang(asked) ?? reader;
}

type SurveyStatus = 200 | 409 | 422;

/**
 * The residents' satisfaction survey, in any of the six languages. The QR on the ticket carries the
 * ticket's phone token; the QR on the guidance sheet a survey link; the counter tablet opens the visit's
 * survey under the staff member's session and hands the tablet over.
 */
export function surveyRoutes(deps: AppServices): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const db = deps.database.db;
  const now = () => deps.now?.() ?? new Date();
  app.use("/survey/visit/*", requireStaff(deps));
  // Phones behind a carrier's shared address: generous, but bounded.
  const surveyLimit = createRequestLimiter(deps.database, { name: "survey", points: 60, seconds: 60 });
  const limitPublic = rateLimit(surveyLimit, (c) => c.text(c.get("t")("kpi.surveyTooMany"), 429));

  const surveyPage = async (
    c: Context<AppEnv>,
    subject: SurveySubject | undefined,
    channel: "tablet" | "qr",
  ) => {
    if (!subject) throw notFound();
    const raw = c.req.method === "POST" ? await c.req.parseBody() : c.req.query();
    const locale = surveyLocale(raw.lang, c.get("lang"));
    const ctx: SurveyContext = {
      lang: locale,
      t: translator(locale),
      path: c.req.path,
      csrfToken: c.get("csrfToken"),
    };
    const render = (page: ReturnType<typeof SurveyFormPage>, status: SurveyStatus = 200) =>
      c.html(page, status);
    c.header("cache-control", "no-store");
    if (!subject.ended) return render(<SurveyMessagePage ctx={ctx} kind="not-yet" />, 409);
    if (subject.answered) return render(<SurveyMessagePage ctx={ctx} kind="already" />);
    const action = c.req.path;
    if (c.req.method === "GET")
      return render(<SurveyFormPage ctx={ctx} view={{ action, score: "", comment: "", problems: [] }} />);
    const form = surveyForm.safeParse(raw);
    const score = form.success ? Number(form.data.score ?? "") : Number.NaN;
    const comment = form.success ? (form.data.comment ?? "").trim() : "";
    const problems: Problem[] = [];
    if (!Number.isInteger(score) || score < 1 || score > 5)
      problems.push(problem("surveyScoreRequired", "score"));
    if ([...comment].length > 500 || !form.success) problems.push(problem("surveyCommentTooLong", "comment"));
    else if (containsMyNumber(comment)) problems.push({ path: "comment", code: myNumberRefused });
    if (problems.length > 0) {
      const view = { action, score: form.success ? (form.data.score ?? "") : "", comment, problems };
      return render(<SurveyFormPage ctx={ctx} view={view} />, 422);
    }
    const outcome = await answerSurvey(db, {
      subject,
      score,
      comment: comment || null,
      lang: surveyLanguageCode(locale),
      channel,
      now: now(),
    });
    return render(<SurveyMessagePage ctx={ctx} kind={outcome === "recorded" ? "thanks" : "already"} />);
  };

  const byToken = async (token: string) =>
    TOKEN.test(token) ? surveyRepository(db).subjectByTicketToken(hashTicketToken(token)) : undefined;
  // The QR on a visit's guidance sheet.
  const byLink = async (token: string) =>
    SURVEY_LINK_TOKEN.test(token) ? surveyRepository(db).subjectBySurveyLink(token) : undefined;
  const byVisit = async (municipalityId: string, id: string) =>
    UUID.safeParse(id).success ? surveyRepository(db).subjectByVisit(municipalityId, id) : undefined;

  for (const method of ["get", "post"] as const) {
    app[method]("/survey/t/:token", limitPublic, async (c) =>
      surveyPage(c, await byToken(c.req.param("token")), "qr"),
    );
    app[method]("/survey/s/:token", limitPublic, async (c) =>
      surveyPage(c, await byLink(c.req.param("token")), "qr"),
    );
    app[method]("/survey/visit/:visitId", async (c) => {
      const session = c.get("session");
      if (!session) throw notFound();
      return surveyPage(c, await byVisit(session.municipalityId, c.req.param("visitId")), "tablet");
    });
  }

  return app;
}
