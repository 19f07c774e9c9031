import { type Context, Hono } from "hono";
import type { Child } from "hono/jsx";
import { AppError, notFound, type Problem } from "../shared/errors";
import type { AppEnv, AppServices } from "../web/context";
import type { PageContext } from "../web/layout";
import { clientIp, requireStaff } from "../web/middleware";
import { renderPage } from "../web/respond";
import { openHousehold, type StaffActor, viewHousehold } from "./open-household";
import { CardPage } from "./pages/card.page";
import { EditPage } from "./pages/edit.page";
import { HouseholdPage } from "./pages/household.page";
import { OpenPage } from "./pages/open.page";
import {
  editView,
  householdView,
  openingFor,
  type ResultsView,
  reasonChoices,
  resultsView,
  sexChoices,
} from "./pages/registry.presenter";
import { SearchPage } from "./pages/search.page";
import { type EditValues, type OpenFormValues, readEditForm, readOpenForm } from "./registry.forms";
import { residentRegistryFor } from "./registry-adapter";
import { type ResidentRecord, type SearchResults, todayInJapan } from "./resident";
import { findByCard, placeFrom, readCardForm, readSearchForm, searchResidents } from "./search-residents";
import { updateResidentFacts } from "./update-resident-facts";

/**
 * Staff pages of the resident registry: search, card search, the reason to open a household, the
 * household with its history, and the edit of a member's facts. Every page is for signed-in staff of
 * the municipality; another tenant's ids are "not found". Names travel in the query string of the
 * search (a GET form, so it works without JavaScript and the back button repeats nothing) but the
 * request log records only the path.
 */
export function registryRoutes(deps: AppServices): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const registry = residentRegistryFor(deps.config, deps.database);
  const db = deps.database.db;
  const now = () => deps.now?.() ?? new Date();
  app.use("/registry", requireStaff(deps));
  app.use("/registry/*", requireStaff(deps));

  const session = (c: Context<AppEnv>) => {
    const s = c.get("session");
    if (!s) throw notFound();
    return s;
  };
  const actor = (c: Context<AppEnv>): StaffActor => {
    const s = session(c);
    return {
      staffId: s.staff.id,
      username: s.staff.username,
      officeId: s.officeId,
      requestId: c.get("requestId"),
      ip: clientIp(c),
    };
  };
  const place = async (municipalityId: string) => {
    const [municipality, offices] = await Promise.all([
      deps.reference.municipality(municipalityId),
      deps.reference.offices(municipalityId),
    ]);
    return placeFrom(municipality, offices);
  };
  const searchOptions = async (c: Context<AppEnv>) => {
    const { municipalityId } = session(c);
    return { db, actor: actor(c), registry, municipalityId, place: await place(municipalityId) };
  };

  app.get("/registry", (c) => c.redirect("/registry/search", 303));

  type Outcome = { problems: Problem[] } | { results: SearchResults } | undefined;
  const renderSearch = (
    c: Context<AppEnv>,
    title: "registry.search" | "registry.cardSearch",
    outcome: Outcome,
    page: (ctx: PageContext, problems: Problem[], results: ResultsView | undefined) => Child,
  ) => {
    const problems = outcome && "problems" in outcome ? outcome.problems : [];
    const results = (ctx: PageContext) =>
      outcome && "results" in outcome ? resultsView(outcome.results, ctx.t) : undefined;
    return renderPage(
      c,
      c.get("t")(title),
      (ctx) => page(ctx, problems, results(ctx)),
      problems.length > 0 ? 422 : 200,
    );
  };
  const submitted = (c: Context<AppEnv>) => Object.keys(c.req.query()).length > 0;

  app.get("/registry/search", async (c) => {
    const form = readSearchForm(c.req.query());
    const outcome = submitted(c) ? await searchResidents({ ...(await searchOptions(c)), form }) : undefined;
    return renderSearch(c, "registry.search", outcome, (ctx, problems, results) => (
      <SearchPage ctx={ctx} form={form} sexes={sexChoices(ctx.t)} problems={problems} results={results} />
    ));
  });

  app.get("/registry/card", async (c) => {
    const form = readCardForm(c.req.query());
    const outcome = submitted(c) ? await findByCard({ ...(await searchOptions(c)), form }) : undefined;
    return renderSearch(c, "registry.cardSearch", outcome, (ctx, problems, results) => (
      <CardPage ctx={ctx} form={form} sexes={sexChoices(ctx.t)} problems={problems} results={results} />
    ));
  });

  // The reason page; it names the person chosen in the search when they belong to this household.
  const renderOpen = async (c: Context<AppEnv>, values: OpenFormValues, problems: Problem[]) => {
    const household = await registry.household(session(c).municipalityId, c.req.param("id") ?? "");
    if (!household) throw notFound();
    const who = values.residentId ? household.members.find((m) => m.id === values.residentId) : undefined;
    return renderPage(
      c,
      c.get("t")("registry.openTitle"),
      (ctx) => (
        <OpenPage
          ctx={ctx}
          householdId={household.id}
          who={who ? openingFor(who, ctx.t) : undefined}
          reasons={reasonChoices(ctx.t)}
          values={{ ...values, residentId: who?.id ?? "" }}
          problems={problems}
        />
      ),
      problems.length > 0 ? 422 : 200,
    );
  };

  app.get("/registry/households/:id/open", (c) =>
    renderOpen(c, { reason: "", detail: "", residentId: c.req.query("resident") ?? "" }, []),
  );

  app.post("/registry/households/:id/open", async (c) => {
    const householdId = c.req.param("id");
    const { values, reason, problems } = readOpenForm(await c.req.parseBody());
    if (!reason || problems.length > 0) return renderOpen(c, values, problems);
    await openHousehold({
      db,
      registry,
      municipalityId: session(c).municipalityId,
      householdId,
      residentId: values.residentId || undefined,
      reason,
      detail: values.detail,
      actor: actor(c),
    });
    return c.redirect(`/registry/households/${householdId}`, 303);
  });

  /** The household, when this staff member has opened it with a reason in this session. */
  const opened = (c: Context<AppEnv>, householdId: string) => {
    const s = session(c);
    return viewHousehold({
      db,
      registry,
      municipalityId: s.municipalityId,
      householdId,
      staffId: s.staff.id,
      sessionStartedAt: s.createdAt,
      now: now(),
    });
  };

  app.get("/registry/households/:id", async (c) => {
    const householdId = c.req.param("id");
    const view = await opened(c, householdId);
    if (view.kind === "needs-reason") {
      // An unknown or another municipality's household is "not found" here too, not a reason form.
      if (!(await registry.household(session(c).municipalityId, householdId))) throw notFound();
      return c.redirect(`/registry/households/${householdId}/open`, 303);
    }
    const saved = c.req.query("saved");
    const t = c.get("t");
    return renderPage(c, t("registry.household"), (ctx) => (
      <HouseholdPage
        ctx={ctx}
        household={householdView(view.household, view.history, todayInJapan(now()), ctx.t)}
        notice={
          saved === "1" ? ctx.t("registry.saved") : saved === "0" ? ctx.t("registry.noChange") : undefined
        }
      />
    ));
  });

  /** The resident, when this staff member has opened their household with a reason. */
  const openedResident = async (c: Context<AppEnv>) => {
    const resident = await registry.resident(session(c).municipalityId, c.req.param("id") ?? "");
    if (!resident) throw notFound();
    return { resident, opened: (await opened(c, resident.householdId)).kind === "ok" };
  };
  const reasonPage = (resident: ResidentRecord) =>
    `/registry/households/${resident.householdId}/open?resident=${resident.id}`;
  const renderEdit = (
    c: Context<AppEnv>,
    resident: ResidentRecord,
    values: EditValues,
    problems: Problem[],
    status: 200 | 409 | 422 = 200,
  ) =>
    renderPage(
      c,
      c.get("t")("registry.editTitle", { name: resident.name }),
      (ctx) => <EditPage ctx={ctx} view={editView(resident, values, ctx.t)} problems={problems} />,
      status,
    );

  app.get("/registry/residents/:id/edit", async (c) => {
    const { resident, opened } = await openedResident(c);
    if (!opened) return c.redirect(reasonPage(resident), 303);
    return renderEdit(c, resident, { ...resident, reason: "" }, []);
  });

  app.post("/registry/residents/:id/edit", async (c) => {
    const { resident, opened } = await openedResident(c);
    if (!opened) return c.redirect(reasonPage(resident), 303);
    const { values, problems } = readEditForm(await c.req.parseBody({ all: true }), resident.version);
    if (problems.length > 0) return renderEdit(c, resident, values, problems, 422);
    const { reason, version, residencePeriodEndText: _, ...facts } = values;
    try {
      const { changed } = await updateResidentFacts({
        db,
        registry,
        municipalityId: session(c).municipalityId,
        resident,
        expectedVersion: version,
        facts,
        reason,
        actor: actor(c),
        today: todayInJapan(now()),
      });
      return c.redirect(
        `/registry/households/${resident.householdId}?saved=${changed.length > 0 ? 1 : 0}`,
        303,
      );
    } catch (error) {
      if (error instanceof AppError && error.code === "VALIDATION")
        return renderEdit(c, resident, values, error.problems, 422);
      if (error instanceof AppError && error.code === "CONFLICT") {
        // Shown again with the facts as they are now, so that the staff member decides on fresh data.
        const fresh = (await registry.resident(session(c).municipalityId, resident.id)) ?? resident;
        return renderEdit(c, fresh, { ...fresh, reason }, error.problems, 409);
      }
      throw error;
    }
  });

  return app;
}
