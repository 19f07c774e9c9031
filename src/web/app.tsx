import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import { secureHeaders } from "hono/secure-headers";
import { addressRoutes } from "../address/address.routes";
import { authRoutes } from "../auth/auth.routes";
import { staffRoutes } from "../auth/staff.routes";
import { cardAgentUrl, cardRoutes } from "../card/card.routes";
import { guidanceRoutes } from "../guidance/guidance.routes";
import { guidanceApi } from "../guidance/guidance-api.routes";
import { handoffRoutes } from "../handoff/handoff.routes";
import { kpiRoutes } from "../kpi/kpi.routes";
import { manualRoutes } from "../manual/manual.routes";
import { manualPublicRoutes } from "../manual/manual-public.routes";
import { createMetrics } from "../ops/metrics";
import { metricsRoutes, requestMetrics } from "../ops/metrics.routes";
import { preApplyRoutes } from "../preapply/preapply.routes";
import { preApplyApi, preApplyLimiter } from "../preapply/preapply-api.routes";
import { queueRoutes } from "../queue/queue.routes";
import { createQueueEventHub } from "../queue/queue-events";
import { queueSettingsRoutes } from "../queue/queue-settings.routes";
import { registryRoutes } from "../registry/registry.routes";
import { reservationsRoutes } from "../reservations/reservations.routes";
import { reservationsApi } from "../reservations/reservations-api.routes";
import { reservationsWeb } from "../reservations/reservations-shared.routes";
import { AppError } from "../shared/errors";
import { redactError } from "../shared/logger";
import { referenceData } from "../tenancy/reference-data";
import { tenancyRoutes } from "../tenancy/tenancy.routes";
import { visitRoutes } from "../visits/visits.routes";
import { apiReferenceRoute, apiRouter, apiRoutes, openApiInfo } from "./api";
import { clientAddressMiddleware } from "./client-address";
import { compress } from "./compress";
import type { AppDeps, AppServices } from "./context";
import { mapError } from "./error-mapper";
import { homeRoutes } from "./home.routes";
import { csrfProtection, loadSession, noStore, requestContext } from "./middleware";
import { refuseNul } from "./refuse-nul";
import { respondError } from "./respond";
import { staticRoutes } from "./static-assets";

/** HTTPS is on when cookies are marked Secure or residents reach the service at an https: address. */
export function httpsOn(config: Pick<AppDeps["config"], "COOKIE_SECURE" | "PUBLIC_URL">): boolean {
  return config.COOKIE_SECURE || config.PUBLIC_URL.toLowerCase().startsWith("https:");
}

/** Builds the whole web application; the composition root serves it, tests call `app.request()`. */
export function createApp(appDeps: AppDeps) {
  const metrics = createMetrics({
    database: appDeps.database,
    now: () => appDeps.now?.() ?? new Date(),
    logger: appDeps.logger,
    processMetrics: appDeps.processMetrics,
  });
  const deps: AppServices = {
    ...appDeps,
    reference: referenceData(appDeps.database.db),
    queueEvents: createQueueEventHub(appDeps.database, { logger: appDeps.logger }),
    metrics,
  };
  const app = apiRouter();

  // Hono runs middleware in the order it is registered, before the routes mounted after it.
  app.use(requestMetrics(metrics));
  app.use(requestContext(deps));
  app.use(clientAddressMiddleware(deps.config.TRUSTED_PROXIES));
  // br (else gzip) for pages and JSON; static assets come precompressed; an event stream is left alone.
  app.use(compress());
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        fontSrc: ["'self'"],
        // The My Number card agent on the counter PC's loopback address (src/card), when turned on.
        connectSrc: ["'self'", ...[cardAgentUrl(deps.config)].filter((u): u is string => u !== undefined)],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'self'"],
      },
      referrerPolicy: "same-origin",
      crossOriginEmbedderPolicy: false,
      // Over plain HTTP a Strict-Transport-Security header means nothing, and on localhost it would
      // pin every other local service to HTTPS: only when the service is reached over HTTPS.
      strictTransportSecurity: httpsOn(deps.config) ? "max-age=31536000; includeSubDomains" : false,
      // No page uses a microphone, location, payment or device API. The camera: this origin only, for
      // the reception step's QR reader (src/web/client/code-scan.ts; docs/security.md).
      permissionsPolicy: {
        camera: ["self"],
        microphone: [],
        geolocation: [],
        payment: [],
        usb: [],
        serial: [],
        bluetooth: [],
        hid: [],
        midi: [],
        accelerometer: [],
        gyroscope: [],
        magnetometer: [],
      },
    }),
  );
  app.use(noStore());
  app.use(
    bodyLimit({
      maxSize: deps.config.BODY_LIMIT_BYTES,
      onError: () => {
        throw new AppError("PAYLOAD_TOO_LARGE");
      },
    }),
  );
  app.use(loadSession(deps));
  app.use(csrfProtection());
  app.use(refuseNul());

  app.route("/", staticRoutes());
  app.route("/", metricsRoutes(metrics, deps.config.METRICS_ALLOW));
  app.route("/", apiRoutes(deps));
  app.route("/", authRoutes(deps));
  app.route("/", homeRoutes(deps));
  app.route("/", tenancyRoutes(deps));
  app.route("/", staffRoutes(deps));
  app.route("/", registryRoutes(deps));
  app.route("/", addressRoutes(deps));
  app.route("/", guidanceApi(deps));
  const preApplyLimit = preApplyLimiter(deps);
  app.route("/", preApplyApi(deps, preApplyLimit));
  app.route("/", preApplyRoutes(deps, preApplyLimit));
  app.route("/", guidanceRoutes(deps));
  app.route("/", cardRoutes(deps));
  app.route("/", visitRoutes(deps));
  app.route("/", queueRoutes(deps));
  app.route("/", queueSettingsRoutes(deps));
  app.route("/", handoffRoutes(deps));
  app.route("/", kpiRoutes(deps));
  app.route("/", manualRoutes(deps));
  app.route("/", manualPublicRoutes(deps));
  const reservations = reservationsWeb(deps);
  app.route("/", reservationsApi(reservations));
  app.route("/", reservationsRoutes(reservations));
  app.doc("/api/openapi.json", openApiInfo);
  apiReferenceRoute(app);

  app.notFound((c) => respondError(c, mapError(new AppError("NOT_FOUND"))));
  app.onError((error, c) => {
    let mapped = mapError(error);
    if (error instanceof HTTPException) {
      // Hono's own validators throw 400 for a body that is not JSON or not a form.
      mapped = mapError(new AppError(error.status === 413 ? "PAYLOAD_TOO_LARGE" : "MALFORMED_JSON"));
    }
    const log = c.get("log") ?? deps.logger;
    if (mapped.status >= 500)
      log.error({ err: redactError(error), code: mapped.code, path: c.req.path }, "request failed");
    else log.info({ code: mapped.code, path: c.req.path }, "request refused");
    return respondError(c, mapped);
  });
  return app;
}

export type App = ReturnType<typeof createApp>;
