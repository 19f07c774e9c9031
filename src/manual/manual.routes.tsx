import { type Context, Hono } from "hono";
import { z } from "zod";
import type { StaffRole } from "../auth/auth.table";
import { todayInJapan } from "../shared/dates";
import { notFound } from "../shared/errors";
import type { AppEnv, AppServices } from "../web/context";
import { requireStaff } from "../web/middleware";
import { pageContext, renderPage } from "../web/respond";
import { loadManualAdmin } from "./load-manual-admin";
import { manualAdminRoutes } from "./manual-admin.routes";
import { entryForProcedure, entryIdSchema } from "./manual-entry";
import { publishedLibrary } from "./manual-library";
import {
  presentEntryItems,
  presentHits,
  presentManualAdmin,
  presentStaffEntry,
  publicEntryHref,
  staffEntryHref,
} from "./pages/manual.presenter";
import { ManualAdminPage } from "./pages/manual-admin.page";
import { ManualEntryPage } from "./pages/manual-entry.page";
import { ManualIndexPage } from "./pages/manual-index.page";
import { searchManual } from "./search-manual";

const MANAGERS: readonly StaffRole[] = ["supervisor", "admin"];
const searchQuery = z.object({ q: z.string().max(500).catch("") });

/** The staff manual (/manual, every signed-in role) and its administration (/manual/admin, supervisors and admins). */
export function manualRoutes(deps: AppServices): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const db = deps.database.db;
  const now = () => deps.now?.() ?? new Date();
  app.use("/manual", requireStaff(deps));
  app.use("/manual/*", requireStaff(deps));
  app.use("/manual/admin", requireStaff(deps, MANAGERS));
  app.use("/manual/admin/*", requireStaff(deps, MANAGERS));

  const sessionOf = (c: Context<AppEnv>) => {
    const session = c.get("session");
    if (!session) throw notFound();
    return session;
  };
  const canManage = (c: Context<AppEnv>) => MANAGERS.includes(sessionOf(c).staff.role);
  const entryParam = (c: Context<AppEnv>) => {
    const id = entryIdSchema.safeParse(c.req.param("id"));
    if (!id.success) throw notFound();
    return id.data;
  };

  app.get("/manual", async (c) => {
    const session = sessionOf(c);
    const ctx = pageContext(c);
    const { q } = searchQuery.parse(c.req.query());
    const library = await publishedLibrary(db, session.municipalityId);
    const found = q.trim()
      ? await searchManual(db, {
          municipalityId: session.municipalityId,
          query: q,
          audience: "staff",
          lang: ctx.lang,
          now: now(),
        })
      : null;
    const view = {
      query: q,
      hits: found ? presentHits(found.hits, staffEntryHref) : null,
      entries: presentEntryItems(library.entries, ctx.lang, todayInJapan(now()), staffEntryHref),
      canManage: canManage(c),
    };
    return renderPage(c, ctx.t("manual.title"), (ctx) => <ManualIndexPage ctx={ctx} view={view} />);
  });

  // A plan line links by procedure id: its own entry (proc-…), else the first entry that names it.
  app.get("/manual/procedures/:procedureId", async (c) => {
    const session = sessionOf(c);
    const library = await publishedLibrary(db, session.municipalityId);
    const id = entryForProcedure(library.entries, c.req.param("procedureId"));
    if (!id) throw notFound();
    return c.redirect(staffEntryHref(id), 302);
  });

  app.get("/manual/entries/:id", async (c) => {
    const session = sessionOf(c);
    const ctx = pageContext(c);
    const library = await publishedLibrary(db, session.municipalityId);
    const entry = library.index.entry(entryParam(c));
    if (!entry) throw notFound();
    const view = presentStaffEntry(entry, ctx.lang === "en" ? "en" : "ja", todayInJapan(now()), {
      version: library.version(entry.id),
      publicHref: entry.audience === "staff" ? null : publicEntryHref(session.municipalityId, entry.id),
    });
    return renderPage(c, view.title.text, (ctx) => (
      <ManualEntryPage ctx={ctx} view={view} canManage={canManage(c)} />
    ));
  });

  app.get("/manual/admin", async (c) => {
    const session = sessionOf(c);
    const ctx = pageContext(c);
    const data = await loadManualAdmin(db, session.municipalityId, now());
    const view = presentManualAdmin(data, ctx.lang, todayInJapan(now()));
    return renderPage(c, ctx.t("manual.adminTitle"), (ctx) => <ManualAdminPage ctx={ctx} view={view} />);
  });

  app.route("/", manualAdminRoutes(deps));
  return app;
}
