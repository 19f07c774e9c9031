import { Hono } from "hono";
import { residentRegistryFor } from "../registry/registry-adapter";
import { placeFrom } from "../registry/search-residents";
import { todayInJapan } from "../shared/dates";
import { AppError, notFound } from "../shared/errors";
import { presentVisitFrame } from "../visits/pages/visit-frame.presenter";
import { verifyIdentityByCard } from "../visits/verify-identity";
import { staffScope } from "../visits/visit-scope";
import type { AppEnv, AppServices } from "../web/context";
import { clientIp, requireStaff } from "../web/middleware";
import { renderPage } from "../web/respond";
import { matchCard, moveInFields, readPostedAttributes } from "./card-visit";
import { CardMatchPage } from "./pages/card-match.page";
import { presentCardMatch } from "./pages/card-match.presenter";

/** The address counter pages reach the card agent at, or undefined when it is turned off. */
export const cardAgentUrl = (config: { CARD_AGENT_PORT: number }): string | undefined =>
  config.CARD_AGENT_PORT > 0 ? `http://127.0.0.1:${config.CARD_AGENT_PORT}` : undefined;

/**
 * The server's side of the card read: where the counter page finds the agent, and the identity check
 * by card + PIN with the registry match it leads to. The PIN never comes here.
 */
export function cardRoutes(deps: AppServices): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const db = deps.database.db;
  const registry = residentRegistryFor(deps.config, deps.database);
  const now = () => deps.now?.() ?? new Date();
  app.use("/card/*", requireStaff(deps));
  app.use("/visits/:id/identity/card", requireStaff(deps));

  app.get("/card/agent", (c) => {
    const url = cardAgentUrl(deps.config);
    if (!url) throw notFound();
    return c.json({ url });
  });

  app.post("/visits/:id/identity/card", async (c) => {
    const form = await c.req.formData().catch(() => Promise.reject(new AppError("MALFORMED_JSON")));
    const get = (name: string) => {
      const v = form.get(name);
      return typeof v === "string" ? v : undefined;
    };
    const version = Number(get("version"));
    const attributes = readPostedAttributes(get);
    if (!Number.isInteger(version) || version < 1) throw new AppError("MALFORMED_JSON");
    if (!attributes) throw new AppError("VALIDATION", [{ path: "", code: "card.invalidAttributes" }]);
    const session = c.get("session");
    const scope = staffScope(session);
    const visit = await verifyIdentityByCard(db, { scope, visitId: c.req.param("id"), version, now: now() });
    const [municipality, offices] = await Promise.all([
      deps.reference.municipality(scope.municipalityId),
      deps.reference.offices(scope.municipalityId),
    ]);
    const results = await matchCard({
      db,
      registry,
      municipalityId: scope.municipalityId,
      place: placeFrom(municipality, offices),
      actor: {
        staffId: scope.staffId,
        username: session?.staff.username ?? "",
        officeId: scope.officeId,
        requestId: c.get("requestId"),
        ip: clientIp(c),
      },
      attributes,
    });
    const frame = await presentVisitFrame(db, visit);
    const moveIn = moveInFields(attributes, todayInJapan(now()));
    return renderPage(c, c.get("t")("card.matchTitle"), (ctx) => (
      <CardMatchPage
        ctx={ctx}
        visit={frame}
        view={presentCardMatch(attributes, results, ctx.t)}
        moveIn={moveIn}
      />
    ));
  });

  return app;
}
