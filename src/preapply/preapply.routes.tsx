import { readFileSync } from "node:fs";
import { type Context, Hono } from "hono";
import QRCode from "qrcode";
import { z } from "zod";
import { getMunicipalitySettings, municipalityIds } from "../catalog/municipalities";
import { eventTypes } from "../catalog/vocabulary";
import { publicUrl } from "../config/config";
import {
  applyMemberAction,
  draftFromForm,
  draftFromHousehold,
  draftProblems,
  emptyDraft,
  emptyMember,
  fieldIdForPath,
  type GuidanceDraft,
  householdFromDraft,
} from "../guidance/guidance-form";
import { guideHousehold } from "../guidance/guide";
import type { Household } from "../guidance/household.schema";
import { todayInJapan } from "../shared/dates";
import { AppError, notFound, type Problem } from "../shared/errors";
import { tenancyRepository } from "../tenancy/tenancy.repository";
import type { AppEnv, AppServices } from "../web/context";
import { residentLocales, translator } from "../web/i18n";
import { clientIp } from "../web/middleware";
import type { RequestLimiter } from "../web/rate-limit";
import { CheckPage } from "./pages/check.page";
import { EntryPage } from "./pages/entry.page";
import type { ResidentContext } from "./pages/frame";
import { HouseholdPage } from "./pages/household.page";
import { MessagePage } from "./pages/message.page";
import { presentResidentEntry, presentResidentPlan } from "./pages/resident.presenter";
import { StartPage } from "./pages/start.page";
import { SummaryPage } from "./pages/summary.page";
import { DEFAULT_PRE_APPLICATION_DAYS, hashToken, TOKEN } from "./pre-application";
import { preApplicationRepository } from "./pre-application.repository";
import { submitPreApplication } from "./submit-pre-application";
import { withdrawPreApplication } from "./withdraw-pre-application";

const css = readFileSync(new URL("./preapply.css", import.meta.url), "utf8");
const eventChoice = z.enum(eventTypes);

/**
 * The resident's pre-application pages (public, no account): /pre-apply/{municipality} to choose the
 * event, the household form, the check page with the plan and the privacy notice, and 送信; then the
 * entry's own page /pre-apply/t/{token} (the QR's URL) with the code, the image, the printable summary
 * and withdrawing. Every page is `no-store` (the app's default) and works without JavaScript.
 */
export function preApplyRoutes(deps: AppServices, limiter: RequestLimiter): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const db = deps.database.db;
  const now = () => deps.now?.() ?? new Date();

  app.get("/pre-apply/preapply.css", (c) => {
    c.header("content-type", "text/css; charset=utf-8");
    c.header("cache-control", "public, max-age=300");
    return c.body(css);
  });

  const context = (c: Context<AppEnv>, municipalityId: string, base: string): ResidentContext => {
    const languages = residentLocales(municipalityId);
    const asked = c.get("lang");
    const lang = languages.includes(asked) ? asked : "ja";
    c.header("x-robots-tag", "noindex");
    return {
      lang,
      t: translator(lang),
      path: c.req.path,
      session: undefined,
      csrfToken: c.get("csrfToken"),
      warningMinutes: 0,
      languages,
      base,
    };
  };
  const daysOf = (municipalityId: string) =>
    getMunicipalitySettings(municipalityId).preApplicationDays ?? DEFAULT_PRE_APPLICATION_DAYS;
  const today = () => todayInJapan(now());

  // ------------------------------------------------------------------ the entry's own page (its QR)
  const entryOf = async (c: Context<AppEnv>) => {
    const token = c.req.param("token") ?? "";
    const row = TOKEN.test(token)
      ? await preApplicationRepository(db).findByTokenHash(hashToken(token))
      : undefined;
    if (!row) throw notFound();
    const ctx = context(c, row.municipalityId, `/pre-apply/${row.municipalityId}`);
    const url = publicUrl(deps.config, `/pre-apply/t/${token}`);
    const qrSvg = await QRCode.toString(url, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
    const settings = getMunicipalitySettings(row.municipalityId);
    let plan: ReturnType<typeof presentResidentPlan> | undefined;
    if (row.state === "submitted" && row.household) {
      const guided = guideHousehold(row.household, settings);
      if (guided.ok) plan = presentResidentPlan(guided.plan, row.household as Household, settings);
    }
    return { ctx, view: presentResidentEntry(row, token, { url, qrSvg, now: now(), plan }), url };
  };

  app.get("/pre-apply/t/:token", async (c) => {
    const { ctx, view } = await entryOf(c);
    return c.html(<EntryPage ctx={ctx} view={view} fresh={c.req.query("new") === "1"} />);
  });

  app.get("/pre-apply/t/:token/summary", async (c) => {
    const { ctx, view } = await entryOf(c);
    if (view.state !== "submitted") return c.html(<EntryPage ctx={ctx} view={view} fresh={false} />);
    return c.html(<SummaryPage ctx={ctx} view={view} />);
  });

  app.get("/pre-apply/t/:token/qr.png", async (c) => {
    const { view, url } = await entryOf(c);
    if (view.state !== "submitted") throw notFound();
    const png = await QRCode.toBuffer(url, { type: "png", margin: 2, width: 480, errorCorrectionLevel: "M" });
    c.header("content-type", "image/png");
    c.header("content-disposition", 'attachment; filename="madoguchi-pre-application.png"');
    return c.body(new Uint8Array(png));
  });

  app.post("/pre-apply/t/:token/withdraw", async (c) => {
    const { ctx } = await entryOf(c);
    try {
      await withdrawPreApplication(db, { token: c.req.param("token"), now: now() });
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== "CONFLICT") throw error;
      return c.html(
        <MessagePage ctx={ctx} title={ctx.t("preapply.withdrawTitle")} problems={error.problems} />,
        409,
      );
    }
    const t = ctx.t;
    return c.html(
      <MessagePage ctx={ctx} title={t("preapply.withdrawnTitle")} text={t("preapply.withdrawnLead")} />,
    );
  });

  // ---------------------------------------------------------------- entering a new pre-application
  const municipalityOf = async (c: Context<AppEnv>) => {
    const id = c.req.param("municipality") ?? "";
    if (id === "national" || !municipalityIds.includes(id)) throw notFound();
    if (!(await tenancyRepository(db).getMunicipality(id))) throw notFound();
    return { id, ctx: context(c, id, `/pre-apply/${id}`) };
  };

  app.get("/pre-apply", async (c) => {
    const served = [];
    for (const id of municipalityIds)
      if (id !== "national" && (await tenancyRepository(db).getMunicipality(id))) served.push(id);
    if (served.length === 0) throw notFound();
    return c.redirect(`/pre-apply/${served[0]}`, 303);
  });

  app.get("/pre-apply/:municipality", async (c) => {
    const { id, ctx } = await municipalityOf(c);
    return c.html(<StartPage ctx={ctx} days={daysOf(id)} />);
  });

  const householdPage = (ctx: ResidentContext, draft: GuidanceDraft, problems: Problem[] = []) => (
    <HouseholdPage ctx={ctx} draft={draft} problems={problems} />
  );

  app.get("/pre-apply/:municipality/household", async (c) => {
    const { id, ctx } = await municipalityOf(c);
    const event = eventChoice.safeParse(c.req.query("event"));
    if (!event.success) {
      const problem = ctx.t("preapply.eventRequired");
      return c.html(<StartPage ctx={ctx} days={daysOf(id)} error={problem} />, 422);
    }
    const draft = emptyDraft(today());
    draft.event.type = event.data;
    return c.html(householdPage(ctx, draft));
  });

  /** The household as the engine reads it, or the form again with every problem (422). */
  const planOf = (id: string, draft: GuidanceDraft) => {
    const problems = draftProblems(draft);
    if (problems.length > 0) return { problems };
    const household = householdFromDraft(draft, { municipalityId: id });
    const result = guideHousehold(household, getMunicipalitySettings(id));
    if (!result.ok)
      return {
        problems: result.error.problems.map((p) => ({
          ...p,
          path: fieldIdForPath(p.path, draft.event.type),
        })),
      };
    return { household, plan: result.plan, problems: [] as Problem[] };
  };

  app.post("/pre-apply/:municipality/household", async (c) => {
    const { id, ctx } = await municipalityOf(c);
    const form = await c.req.formData().catch(() => Promise.reject(new AppError("MALFORMED_JSON")));
    const get = (name: string) => form.getAll(name).filter((v): v is string => typeof v === "string");
    const action = get("action")[0] ?? "plan";
    const draft = action === "edit" ? draftOfJson(get("household")[0], today()) : draftFromForm(get);
    if (draft.members.length === 0) draft.members.push(emptyMember());
    if (action === "edit" || applyMemberAction(draft, action)) return c.html(householdPage(ctx, draft));
    const planned = planOf(id, draft);
    if (!planned.plan) return c.html(householdPage(ctx, draft, planned.problems), 422);
    const settings = getMunicipalitySettings(id);
    const view = presentResidentPlan(planned.plan, planned.household as unknown as Household, settings);
    return c.html(
      <CheckPage ctx={ctx} plan={view} householdJson={JSON.stringify(planned.household)} days={daysOf(id)} />,
    );
  });

  app.post("/pre-apply/:municipality/submit", async (c) => {
    const { id, ctx } = await municipalityOf(c);
    const wait = await limiter.take(clientIp(c) ?? "unknown");
    if (wait > 0) {
      c.header("retry-after", String(wait));
      const t = ctx.t;
      return c.html(
        <MessagePage ctx={ctx} title={t("preapply.tooManyTitle")} text={t("preapply.tooMany")} />,
        429,
      );
    }
    const form = await c.req.formData().catch(() => Promise.reject(new AppError("MALFORMED_JSON")));
    const text = form.get("household");
    let household: unknown;
    try {
      household = JSON.parse(typeof text === "string" ? text : "");
    } catch {
      throw new AppError("MALFORMED_JSON");
    }
    try {
      const created = await submitPreApplication(db, {
        municipalityId: id,
        household,
        lang: ctx.lang,
        now: now(),
      });
      return c.redirect(`/pre-apply/t/${created.token}?new=1`, 303);
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== "VALIDATION") throw error;
      const draft = draftOfJson(typeof text === "string" ? text : "", today());
      const problems = error.problems.map((p) => ({
        ...p,
        path: fieldIdForPath(p.path.replace(/^household\.?/, ""), draft.event.type),
      }));
      return c.html(householdPage(ctx, draft, problems), 422);
    }
  });

  return app;
}

/** The household the check page carried, back as a form draft ("戻って直す"); unreadable → a new form. */
function draftOfJson(text: string | undefined, today: string): GuidanceDraft {
  try {
    const value = JSON.parse(text ?? "") as unknown;
    if (typeof value !== "object" || value === null || Array.isArray(value)) return emptyDraft(today);
    const { members, ...rest } = value as { members?: unknown };
    if (!Array.isArray(members)) return emptyDraft(today);
    // Whatever came back is read as leniently as a form: members that are not objects are dropped.
    const objects = members.filter(
      (m): m is Record<string, unknown> => typeof m === "object" && m !== null && !Array.isArray(m),
    );
    const event = (rest as { event?: unknown }).event;
    return draftFromHousehold(
      {
        ...(rest as Record<string, unknown>),
        event:
          typeof event === "object" && event !== null && !Array.isArray(event)
            ? (event as Record<string, unknown>)
            : {},
        members: objects,
      } as Parameters<typeof draftFromHousehold>[0],
      today,
    );
  } catch {
    return emptyDraft(today);
  }
}
