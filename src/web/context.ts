import type { Logger } from "pino";
import type { SessionContext } from "../auth/session";
import type { Config } from "../config/config";
import type { Database } from "../db/database";
import type { AppMetrics } from "../ops/metrics";
import type { QueueEventHub } from "../queue/queue-events";
import type { ReferenceData } from "../tenancy/reference-data";
import type { Lang, Translate } from "./i18n";

/** What the composition root hands the web layer; tests build the same from an in-memory database. */
export interface AppDeps {
  database: Database;
  config: Config;
  logger: Logger;
  now?: () => Date;
  /** Process metrics (CPU, memory, event loop, GC) in GET /metrics: the server turns them on. */
  processMetrics?: boolean;
}

/** What routes receive: the dependencies plus the per-process caches that createApp builds once. */
export interface AppServices extends AppDeps {
  reference: ReferenceData;
  /** Live queue events (in process on PGlite, LISTEN/NOTIFY on PostgreSQL); built by createApp. */
  queueEvents?: QueueEventHub;
  /** GET /metrics for this app instance (its own registry); built by createApp. */
  metrics?: AppMetrics;
}

export type AppEnv = {
  Variables: {
    requestId: string;
    lang: Lang;
    t: Translate;
    log: Logger;
    session: SessionContext | undefined;
    /** The CSRF token for forms on this page: the session's, or the anonymous cookie's before sign-in. */
    csrfToken: string;
    /** The request carried a session cookie that had expired: sign-in says so. */
    sessionExpired: boolean;
    /** SESSION_WARNING_MINUTES, for the page's session bar. */
    sessionWarningMinutes: number;
    /** The server's clock when the request arrived (the session bar counts down from it). */
    now: Date;
    /** The client's address: the socket's, or X-Forwarded-For's from a trusted proxy (src/web/client-address.ts). */
    clientAddress: string | null;
  };
};
