import { type Context, Hono } from "hono";
import type { SessionContext } from "../auth/session";
import { AppError, notFound, type Problem } from "../shared/errors";
import type { AppEnv, AppServices } from "../web/context";
import { clientIp, requireStaff } from "../web/middleware";
import { renderPage } from "../web/respond";
import { japanTime } from "./calendar";
import { notConfiguredPage } from "./pages/overview.page";
import { offeredLocales } from "./pages/public.presenter";
import { queueSettingsPage } from "./pages/queue-settings.page";
import { settingsFormOf, settingsParseOptions, settingsView } from "./pages/queue-settings.presenter";
import { queueRepository } from "./queue.repository";
import { queueSettingsRepository } from "./queue-settings.repository";
import { parseQueueSettings, type QueueSettingsForm, readSettingsForm } from "./queue-settings.schema";
import { updateQueueSettings } from "./update-queue-settings";

const PATH = "/queue/offices/:officeId/settings";

/**
 * The queue settings screen of an office, for its municipality's administrators: GET shows the form,
 * POST validates it at the edge, saves it in one transaction and comes back to the page (303), so a
 * reload repeats nothing. Another municipality's office is "not found".
 */
export function queueSettingsRoutes(deps: AppServices): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const db = deps.database.db;
  const now = () => deps.now?.() ?? new Date();
  app.use(PATH, requireStaff(deps, ["admin"]));

  const session = (c: Context<AppEnv>): SessionContext => {
    const s = c.get("session");
    if (!s) throw notFound();
    return s;
  };

  const render = async (
    c: Context<AppEnv>,
    form: QueueSettingsForm | undefined,
    problems: Problem[],
    status: 200 | 409 | 422 = 200,
  ) => {
    const s = session(c);
    const repo = queueRepository(db);
    const office = await repo.findOffice(s.municipalityId, c.req.param("officeId") ?? "");
    if (!office) throw notFound();
    const [purposes, counters, offices, inUse] = await Promise.all([
      repo.listPurposes(s.municipalityId, office.officeId),
      repo.listCounters(s.municipalityId, office.officeId),
      repo.listOffices(s.municipalityId),
      queueSettingsRepository(db).purposesWithTicketsOn(
        s.municipalityId,
        office.officeId,
        japanTime(now()).date,
      ),
    ]);
    const offered = offeredLocales(s.municipalityId);
    const { labelLocales } = settingsParseOptions(offered);
    c.header("cache-control", "no-store");
    return renderPage(
      c,
      `${c.get("t")("queue.settingsTitle")}: ${office.name.ja}`,
      (ctx) =>
        queueSettingsPage(
          ctx,
          settingsView({
            t: ctx.t,
            office,
            offices,
            counters,
            offered,
            form: form ?? settingsFormOf(office, purposes, labelLocales),
            lockedPurposeIds: [...inUse],
            problems,
            saved: form === undefined && c.req.query("saved") === "1",
          }),
        ),
      status,
    );
  };

  app.get(PATH, (c) => render(c, undefined, []));

  // The home page's link: the admin's own office when it has a queue, else the first that has one.
  app.get("/queue/settings", requireStaff(deps, ["admin"]), async (c) => {
    const s = session(c);
    const offices = await queueRepository(db).listOffices(s.municipalityId);
    const office = offices.find((o) => o.officeId === s.officeId) ?? offices[0];
    if (office) return c.redirect(`/queue/offices/${office.officeId}/settings`, 303);
    const title = c.get("t")("queue.settingsTitle");
    return renderPage(c, title, (ctx) => notConfiguredPage(ctx, title));
  });

  app.post(PATH, async (c) => {
    const s = session(c);
    const office = await queueRepository(db).findOffice(s.municipalityId, c.req.param("officeId"));
    if (!office) throw notFound();
    const options = settingsParseOptions(offeredLocales(s.municipalityId));
    const form = readSettingsForm(await c.req.parseBody({ all: true }), options.labelLocales);
    const parsed = parseQueueSettings(form, options);
    if (!parsed.ok) return render(c, form, parsed.problems, 422);
    try {
      await updateQueueSettings(db, {
        municipalityId: s.municipalityId,
        officeId: office.officeId,
        settings: parsed.settings,
        actor: { staffId: s.staff.id, username: s.staff.username, officeId: s.officeId },
        requestId: c.get("requestId"),
        ip: clientIp(c),
        now: now(),
      });
    } catch (error) {
      if (error instanceof AppError && (error.code === "VALIDATION" || error.code === "CONFLICT"))
        return render(c, form, error.problems, error.code === "CONFLICT" ? 409 : 422);
      throw error;
    }
    return c.redirect(`/queue/offices/${office.officeId}/settings?saved=1`, 303);
  });

  return app;
}
