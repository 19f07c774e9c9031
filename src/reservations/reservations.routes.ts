import { Hono } from "hono";
import type { AppEnv } from "../web/context";
import { reservationsKioskRoutes } from "./reservations-kiosk.routes";
import { reservationsManageRoutes } from "./reservations-manage.routes";
import { reservationsPublicRoutes } from "./reservations-public.routes";
import type { ReservationsWeb } from "./reservations-shared.routes";
import { reservationsStaffRoutes } from "./reservations-staff.routes";

/**
 * The reservations' pages: booking steps under /reservations/book/<municipality>, the resident's own
 * reservation under /reservations/r/<token>, the kiosk's check-in under /reservations/kiosk/<office>,
 * and staff pages under /reservations/staff. The JSON API is reservationsApi (mounted on its own so the
 * OpenAPI document includes it).
 */
export function reservationsRoutes(web: ReservationsWeb): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.route("/", reservationsStaffRoutes(web));
  app.route("/", reservationsKioskRoutes(web));
  app.route("/", reservationsManageRoutes(web));
  app.route("/", reservationsPublicRoutes(web));
  return app;
}
