/**
 * A small in-process cache whose entries expire after `ttlMs`. Concurrent loads of one key share a
 * single promise, so a burst of requests costs one database query. Bounded: the oldest entry goes first.
 */
export class TtlCache<K, V> {
  private readonly entries = new Map<K, { at: number; value: Promise<V> }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
    private readonly clock: () => number = Date.now,
  ) {}

  get(key: K, load: () => PromiseLike<V>): Promise<V> {
    const now = this.clock();
    const hit = this.entries.get(key);
    if (hit && now - hit.at < this.ttlMs) return hit.value;
    // Promise.resolve: a Drizzle query is a lazy thenable that would run again on every await.
    const value = Promise.resolve(load());
    this.entries.delete(key);
    this.entries.set(key, { at: now, value });
    // A failed load is not remembered: the next request asks again.
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    return value;
  }

  delete(key: K): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}
