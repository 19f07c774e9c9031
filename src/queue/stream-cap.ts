/**
 * Open live streams per client address, counted in this process: a stream is a connection to this
 * process, so the count is exact here and needs no shared store (N processes behind a balancer allow a
 * client at most N × the cap in all, each stream still costing only the process that holds it).
 * A key leaves the map with its last stream, so the map holds only clients with a stream open.
 */
export class StreamCap {
  private readonly open = new Map<string, number>();

  constructor(readonly perClient: number) {}

  /** Takes a slot for the client: a function that gives it back (once), or null when the client is at the cap. */
  take(client: string): (() => void) | null {
    const count = this.open.get(client) ?? 0;
    if (count >= this.perClient) return null;
    this.open.set(client, count + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.open.get(client) ?? 1) - 1;
      if (left <= 0) this.open.delete(client);
      else this.open.set(client, left);
    };
  }

  /** Streams the client holds open now. */
  count(client: string): number {
    return this.open.get(client) ?? 0;
  }
}
