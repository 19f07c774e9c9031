import { bigint, index, integer, pgTable, varchar } from "drizzle-orm/pg-core";

/**
 * Request counts of the shared rate limits (src/web/rate-limit.ts), in the layout rate-limiter-flexible's
 * RateLimiterPostgres reads and writes: `key` is "<budget>:<client address>", `expire` the window's end
 * in milliseconds since the epoch. Declared here so drizzle-kit knows the table migration 0018 made.
 */
export const rateLimits = pgTable(
  "rate_limits",
  {
    key: varchar("key", { length: 255 }).primaryKey(),
    points: integer("points").notNull().default(0),
    expire: bigint("expire", { mode: "number" }),
  },
  (t) => [index("rate_limits_expire").on(t.expire)],
);
