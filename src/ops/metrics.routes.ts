import { Hono, type MiddlewareHandler } from "hono";
import { routePath } from "hono/route";
import { addressMatcher } from "../shared/address-range";
import { AppError } from "../shared/errors";
import type { AppEnv } from "../web/context";
import { clientIp } from "../web/middleware";
import type { AppMetrics } from "./metrics";

/**
 * Times every request and counts it under the pattern of the route that answered it
 * (`/visits/:id`, never `/visits/0b6f…`), so no id or personal data becomes a label. Registered
 * first, so it sees the answer of every later middleware and of the error handler.
 */
export function requestMetrics(metrics: AppMetrics): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    await next();
    // After next() the route index points at the handler (or middleware) that answered.
    const route = routePath(c) || "(none)";
    metrics.observeRequest(c.req.method, route, c.res.status, (performance.now() - started) / 1000);
  };
}

/**
 * GET /metrics in the Prometheus text format, for the addresses in METRICS_ALLOW only; anyone else
 * gets the same 404 as a path that does not exist. The address is the one `clientIp` gives (the
 * socket's), so a reverse proxy on this machine must not forward /metrics (docs/operations.md).
 */
export function metricsRoutes(metrics: AppMetrics, allow: readonly string[]): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const allowed = addressMatcher(allow);
  app.get("/metrics", async (c) => {
    if (!allowed(clientIp(c))) throw new AppError("NOT_FOUND");
    const body = await metrics.scrape();
    return c.body(body, 200, { "content-type": metrics.registry.contentType });
  });
  return app;
}
