import { type Context, Hono } from "hono";
import { z } from "zod";
import { settingsForMunicipality } from "../catalog/municipalities";
import { householdForGuidance } from "../registry/household-for-guidance";
import { residentRegistryFor } from "../registry/registry-adapter";
import { todayInJapan } from "../shared/dates";
import { AppError, notFound, type Problem } from "../shared/errors";
import type { AppEnv, AppServices } from "../web/context";
import { parseLang } from "../web/i18n";
import { requireStaff } from "../web/middleware";
import { renderPage } from "../web/respond";
import type { Plan } from "./engine";
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
} from "./guidance-form";
import { guideHousehold } from "./guide";
import { GuidancePage } from "./pages/guidance.page";
import { presentPlanGroups } from "./pages/guidance.presenter";
import { GuidanceSheet } from "./pages/guidance-sheet";

// The events of a household already in the registry, as the household page's link may name them.
const registryEvents = z.enum([
  "move-within",
  "move-between-wards",
  "move-out",
  "death",
  "birth",
  "marriage",
  "divorce",
]);

export function guidanceRoutes(deps: AppServices): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use("/guidance", requireStaff(deps));
  const today = () => todayInJapan(deps.now?.() ?? new Date());

  const page = (
    c: Context<AppEnv>,
    draft: GuidanceDraft,
    options: { problems?: Problem[]; plan?: Plan; sheetLang?: string | undefined; status?: 200 | 422 } = {},
  ) => {
    const settings = settingsForMunicipality(c.get("session")?.municipalityId ?? "national");
    const t = c.get("t");
    const plan = options.plan ? presentPlanGroups(options.plan, draft, settings, t) : undefined;
    return renderPage(
      c,
      t("guidance.pageTitle"),
      (ctx) => (
        <GuidancePage
          ctx={ctx}
          draft={draft}
          problems={options.problems ?? []}
          plan={plan}
          sheetLang={options.sheetLang}
        />
      ),
      options.status ?? 200,
    );
  };

  const registry = residentRegistryFor(deps.config, deps.database);
  app.get("/guidance", async (c) => {
    const householdId = c.req.query("household");
    if (!householdId) return page(c, emptyDraft(today()));
    // "Start guidance for this household" from the registry: the members arrive filled in, once this
    // staff member has opened the household with a reason (the audit entry); otherwise they give one.
    const session = c.get("session");
    if (!session) throw notFound();
    const found = await householdForGuidance({
      db: deps.database.db,
      registry,
      municipalityId: session.municipalityId,
      householdId,
      staffId: session.staff.id,
      sessionStartedAt: session.createdAt,
      now: deps.now?.() ?? new Date(),
      eventDate: today(),
    });
    if (found.kind === "needs-reason") return c.redirect(found.openPath, 303);
    const type = registryEvents.catch("move-within").parse(c.req.query("event"));
    const draft = draftFromHousehold(
      { event: { type, date: today() }, members: found.members.map((m) => ({ ...m })) },
      today(),
      { fromRegistry: true },
    );
    return page(c, draft);
  });

  app.post("/guidance", async (c) => {
    const form = await c.req.formData().catch(() => Promise.reject(new AppError("MALFORMED_JSON")));
    const get = (name: string) => form.getAll(name).filter((v): v is string => typeof v === "string");
    const draft = draftFromForm(get);
    if (draft.members.length === 0) draft.members.push(emptyMember());
    const action = get("action")[0] ?? "plan";
    // The resident's language for the printed sheet; the staff page keeps its own.
    const sheetLang = parseLang(get("sheetLang")[0]);
    if (applyMemberAction(draft, action)) return page(c, draft, { sheetLang });
    const formProblems = draftProblems(draft);
    if (formProblems.length > 0) return page(c, draft, { problems: formProblems, sheetLang, status: 422 });
    const session = c.get("session");
    const settings = settingsForMunicipality(session?.municipalityId ?? "national");
    const result = guideHousehold(householdFromDraft(draft, { municipalityId: settings.id }), settings);
    if (!result.ok) {
      const problems = result.error.problems.map((p) => ({
        ...p,
        path: fieldIdForPath(p.path, draft.event.type),
      }));
      return page(c, draft, { problems, sheetLang, status: 422 });
    }
    if (action === "sheet") {
      const lang = sheetLang ?? c.get("lang");
      // The municipality's own departments are at the office this staff member works at.
      const office = session
        ? await deps.reference.office(session.municipalityId, session.officeId)
        : undefined;
      // The title stays in the page's language (a <title> cannot mark another); the sheet is in the resident's.
      return renderPage(c, c.get("t")("guidance.sheet.title"), () => (
        <GuidanceSheet
          plan={result.plan}
          draft={draft}
          settings={settings}
          lang={lang}
          today={today()}
          officeCode={office?.code}
        />
      ));
    }
    return page(c, draft, { plan: result.plan, sheetLang });
  });
  return app;
}
