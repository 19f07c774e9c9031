import { Hono } from "hono";
import { notFound } from "../shared/errors";
import { pickLabel } from "../shared/locale";
import type { AppDeps, AppEnv } from "../web/context";
import { requireStaff } from "../web/middleware";
import { renderPage, staffLang } from "../web/respond";
import { OfficePage } from "./pages/office.page";
import { OfficesPage } from "./pages/offices.page";
import { officeRows, officeView } from "./tenancy.presenters";
import { tenancyRepository } from "./tenancy.repository";

export function tenancyRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use("/offices", requireStaff(deps));
  app.use("/offices/*", requireStaff(deps));

  app.get("/offices", async (c) => {
    const session = c.get("session");
    if (!session) throw notFound();
    const offices = officeRows(await tenancyRepository(deps.database.db).listOffices(session.municipalityId));
    return renderPage(c, c.get("t")("tenancy.offices"), (ctx) => <OfficesPage ctx={ctx} offices={offices} />);
  });

  app.get("/offices/:id", async (c) => {
    const session = c.get("session");
    if (!session) throw notFound();
    const repo = tenancyRepository(deps.database.db);
    const office = await repo.findOffice(session.municipalityId, c.req.param("id"));
    if (!office) throw notFound();
    const view = officeView(office, await repo.listCounters(session.municipalityId, office.id));
    const title = pickLabel(view.names, staffLang(c.get("lang"))).text;
    return renderPage(c, title, (ctx) => <OfficePage ctx={ctx} office={view} />);
  });
  return app;
}
