import type { Context, MiddlewareHandler } from "hono";
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import type { Database } from "../db/database";
import { clientAddress } from "./client-address";
import type { AppEnv } from "./context";

/** A budget of requests per client address: `points` in each window of `seconds`. */
export interface Limit {
  /** Names the budget (the key prefix in the shared table): "queue-issue", "survey". */
  name: string;
  points: number;
  seconds: number;
}

/** The table migration 0018 creates; the library's own CREATE TABLE never runs (`tableCreated`). */
export const RATE_LIMIT_TABLE = "rate_limits";

export interface RequestLimiter {
  /** Counts one request of the key: 0 when allowed, else the whole seconds until the window ends. */
  take(key: string): Promise<number>;
}

/**
 * A limit counted where every process sees it: in PostgreSQL when the service runs on it (one row per
 * budget and client, updated by one atomic upsert, so N processes allow the budget once, not N
 * times), in memory on PGlite, where one process holds the data directory by construction. Should
 * PostgreSQL fail to answer, the process counts in its own memory meanwhile (the library's insurance
 * limiter) rather than refusing or letting everyone through.
 */
export function createRequestLimiter(database: Pick<Database, "pool">, limit: Limit): RequestLimiter {
  const options = { keyPrefix: limit.name, points: limit.points, duration: limit.seconds };
  const memory = new RateLimiterMemory(options);
  const limiter = database.pool
    ? new RateLimiterPostgres({
        ...options,
        storeClient: database.pool,
        tableName: RATE_LIMIT_TABLE,
        tableCreated: true,
        insuranceLimiter: memory,
      })
    : memory;
  return {
    async take(key) {
      try {
        await limiter.consume(key);
        return 0;
      } catch (refusal) {
        if (refusal instanceof RateLimiterRes) return Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
        throw refusal;
      }
    },
  };
}

/**
 * Refuses a client over its budget with 429 and Retry-After; `refused` words the answer (a page, or
 * plain text for a stream or a program). The client is its address (`clientAddress`: the socket's, or
 * X-Forwarded-For's from a trusted proxy).
 */
export function rateLimit(
  limiter: RequestLimiter,
  refused: (c: Context<AppEnv>, retryAfterSeconds: number) => Response | Promise<Response>,
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const wait = await limiter.take(clientAddress(c) ?? "unknown");
    if (wait > 0) {
      c.header("retry-after", String(wait));
      return refused(c, wait);
    }
    return next();
  };
}
