import { Hono } from "hono";
import { z } from "zod";
import { notFound } from "../shared/errors";
import { TtlCache } from "../shared/ttl-cache";
import type { AppEnv, AppServices } from "../web/context";
import { clientIp, requireStaff } from "../web/middleware";
import { renderPage } from "../web/respond";
import { destinationCatalog } from "./destination-catalog";
import { buildDestinations, destinationSettings } from "./destinations";
import { presentCounts, presentDestinations, presentLatest, presentOffices } from "./handoff.presenters";
import { handoffRepository } from "./handoff.repository";
import { deliveryStates } from "./handoff.table";
import { HandoffPage } from "./pages/handoff.page";
import { retryDelivery } from "./retry-delivery";
import type { DestinationHealth } from "./worker";

const filterSchema = z.object({
  office: z.string().max(40).default(""),
  state: z.enum(["", ...deliveryStates]).catch(""),
  destination: z.string().max(40).default(""),
  retried: z.string().max(200).optional(),
});

/** The supervisors' view of the hand-off: counts, latest deliveries, destinations, "retry now". */
export function handoffRoutes(deps: AppServices): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const db = deps.database.db;
  const now = () => deps.now?.() ?? new Date();
  app.use("/handoff", requireStaff(deps, ["supervisor", "admin"]));
  app.use("/handoff/*", requireStaff(deps, ["supervisor", "admin"]));

  // The page checks the destinations without changing anything (no folder is made), at most twice a minute.
  const healthCache = new TtlCache<string, DestinationHealth[]>(30_000, 100);
  const healthOf = (municipalityId: string) =>
    healthCache.get(municipalityId, async () => {
      const catalog = destinationCatalog();
      const destinations = buildDestinations(
        {
          municipalities: {
            [municipalityId]: catalog.municipalities[municipalityId] ?? { destinations: [] },
          },
        },
        destinationSettings(deps.config),
      );
      return Promise.all(
        destinations.map(async (d) => ({
          name: d.name,
          municipalityId,
          destination: d.config.id,
          target: d.target,
          problem: await d.check({ create: false }).catch((e: unknown) => String(e)),
        })),
      );
    });

  app.get("/handoff", async (c) => {
    const session = c.get("session");
    if (!session) throw notFound();
    const filter = filterSchema.parse(c.req.query());
    const municipalityId = session.municipalityId;
    const repo = handoffRepository(db);
    const offices = await repo.officeCodes(municipalityId);
    const office = offices.find((o) => o.code === filter.office);
    const names = new Map(offices.map((o) => [o.id, o]));
    const destinations = destinationCatalog().municipalities[municipalityId]?.destinations ?? [];
    const [summary, latest, health] = await Promise.all([
      repo.summary(municipalityId, office?.id),
      repo.latest(
        municipalityId,
        {
          ...(office ? { officeId: office.id } : {}),
          ...(filter.state ? { state: filter.state } : {}),
          ...(filter.destination ? { destination: filter.destination } : {}),
          limit: 50,
        },
        now(),
      ),
      healthOf(municipalityId),
    ]);
    const counts = presentCounts(
      filter.destination ? summary.filter((s) => s.destination === filter.destination) : summary,
      destinations,
      names,
    );
    const view = {
      offices: presentOffices(offices),
      destinations: presentDestinations(destinations, health),
      filter: { office: office?.code ?? "", state: filter.state, destination: filter.destination },
      counts,
      latest: presentLatest(latest, destinations, names),
      retried: filter.retried,
    };
    return renderPage(c, c.get("t")("handoff.title"), (ctx) => <HandoffPage ctx={ctx} view={view} />);
  });

  app.post("/handoff/:id/retry", async (c) => {
    const session = c.get("session");
    if (!session) throw notFound();
    const row = await retryDelivery(db, {
      scope: {
        municipalityId: session.municipalityId,
        staffId: session.staff.id,
        username: session.staff.username,
        officeId: session.officeId,
      },
      deliveryId: c.req.param("id"),
      now: now(),
      requestId: c.get("requestId"),
      ip: clientIp(c),
    });
    return c.redirect(`/handoff?retried=${encodeURIComponent(row.idempotencyKey)}`, 303);
  });

  return app;
}
