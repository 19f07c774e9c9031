import { Hono } from "hono";
import { notFound } from "../shared/errors";
import type { AppDeps, AppEnv } from "../web/context";
import { requireStaff } from "../web/middleware";
import { renderPage } from "../web/respond";
import { tenancyRepository } from "./tenancy.repository";

export function tenancyRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use("/offices", requireStaff(deps));
  app.use("/offices/*", requireStaff(deps));

  app.get("/offices", async (c) => {
    const session = c.get("session");
    if (!session) throw notFound();
    const offices = await tenancyRepository(deps.database.db).listOffices(session.municipalityId);
    return renderPage(c, c.get("t")("offices"), (ctx) => (
      <>
        <h1>{ctx.t("offices")}</h1>
        <table>
          <thead>
            <tr>
              <th scope="col">{ctx.t("name")}</th>
              <th scope="col">{ctx.t("kind")}</th>
              <th scope="col">{ctx.t("oneStop")}</th>
            </tr>
          </thead>
          <tbody>
            {offices.map((o) => (
              <tr>
                <td>
                  <a href={`/offices/${o.id}`}>{ctx.lang === "ja" ? o.nameJa : o.nameEn}</a>
                </td>
                <td>{ctx.t(o.kind === "ward" ? "officeKindWard" : "officeKindBranch")}</td>
                <td>{ctx.t(o.oneStop ? "yes" : "no")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </>
    ));
  });

  app.get("/offices/:id", async (c) => {
    const session = c.get("session");
    if (!session) throw notFound();
    const repo = tenancyRepository(deps.database.db);
    const office = await repo.findOffice(session.municipalityId, c.req.param("id"));
    if (!office) throw notFound();
    const counters = await repo.listCounters(session.municipalityId, office.id);
    const name = c.get("lang") === "ja" ? office.nameJa : office.nameEn;
    return renderPage(c, name, (ctx) => (
      <>
        <h1>{name}</h1>
        <h2>{ctx.t("counters")}</h2>
        <table>
          <thead>
            <tr>
              <th scope="col">{ctx.t("number")}</th>
              <th scope="col">{ctx.t("name")}</th>
              <th scope="col">{ctx.t("oneStop")}</th>
            </tr>
          </thead>
          <tbody>
            {counters.map((x) => (
              <tr>
                <td>{x.number}</td>
                <td>{ctx.lang === "ja" ? x.labelJa : x.labelEn}</td>
                <td>{ctx.t(x.oneStop ? "yes" : "no")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </>
    ));
  });
  return app;
}
