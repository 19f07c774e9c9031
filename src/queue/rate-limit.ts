import type { Context, Env, MiddlewareHandler } from "hono";

/**
 * Token buckets per key (the client's address), in memory: each request takes a token, tokens come
 * back at a steady rate up to the bucket's size. Bounded: past `maxKeys` the least recently used
 * bucket is forgotten (a forgotten client starts again with a full bucket).
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    readonly capacity: number,
    readonly refillPerSecond: number,
    private readonly maxKeys = 50_000,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Takes a token: 0 when allowed, else the seconds until one is back. */
  take(key: string): number {
    const now = this.clock();
    const b = this.buckets.get(key);
    let tokens = this.capacity;
    if (b) tokens = Math.min(this.capacity, b.tokens + ((now - b.at) / 1000) * this.refillPerSecond);
    this.buckets.delete(key);
    if (tokens < 1) {
      this.buckets.set(key, { tokens, at: now });
      return Math.max(1, Math.ceil((1 - tokens) / this.refillPerSecond));
    }
    this.buckets.set(key, { tokens: tokens - 1, at: now });
    if (this.buckets.size > this.maxKeys) {
      const oldest = this.buckets.keys().next();
      if (!oldest.done) this.buckets.delete(oldest.value);
    }
    return 0;
  }
}

/**
 * Refuses a client over its budget with 429 and Retry-After. `keyOf` names the client (its address,
 * which the web layer knows how to read); `refused` renders the answer.
 */
export function rateLimit<E extends Env>(
  buckets: TokenBuckets,
  keyOf: (c: Context<E>) => string | null,
  refused: (c: Context<E>, retryAfterSeconds: number) => Response | Promise<Response>,
): MiddlewareHandler<E> {
  return async (c, next) => {
    const wait = buckets.take(keyOf(c) ?? "unknown");
    if (wait > 0) {
      c.header("retry-after", String(wait));
      return refused(c, wait);
    }
    return next();
  };
}
