import { Hono } from "hono";
import { z } from "zod";
import { sessionRepository } from "../auth/session.repository";
import { tenancyRepository } from "../tenancy/tenancy.repository";
import type { AppEnv, AppServices } from "./context";
import { requireStaff } from "./middleware";
import { HomePage } from "./pages/home.page";
import { renderPage } from "./respond";

export function homeRoutes(deps: AppServices): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get("/", requireStaff(deps), async (c) => {
    const session = c.get("session");
    if (!session) return c.notFound();
    const [municipality, office, counters] = await Promise.all([
      deps.reference.municipality(session.municipalityId),
      deps.reference.office(session.municipalityId, session.officeId),
      deps.reference.counters(session.municipalityId, session.officeId),
    ]);
    const chosen = c.req.query("counter") === "set";
    return renderPage(c, c.get("t")("common.homeTitle"), (ctx) => (
      <HomePage
        ctx={ctx}
        chosen={chosen}
        displayName={session.staff.displayName}
        role={session.staff.role}
        municipality={municipality?.names}
        office={office?.names}
        counters={counters.map((x) => ({ id: x.id, labels: x.labels }))}
        counterId={session.counterId}
      />
    ));
  });

  app.post("/session/counter", requireStaff(deps), async (c) => {
    const session = c.get("session");
    if (!session) return c.notFound();
    const form = z.object({ counterId: z.string().max(100) }).safeParse(await c.req.parseBody());
    // "No counter" chosen again: nothing to change.
    if (form.success && form.data.counterId === "") return c.redirect("/", 303);
    const counter = form.success
      ? await tenancyRepository(deps.database.db).findCounter(session.municipalityId, form.data.counterId)
      : undefined;
    // Only a counter of the staff member's own office can be chosen; anything else is "not found".
    if (!counter || counter.officeId !== session.officeId) return c.notFound();
    await sessionRepository(deps.database.db).update(session.idHash, { counterId: counter.id });
    return c.redirect("/?counter=set", 303);
  });

  return app;
}
