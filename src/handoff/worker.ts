import { randomUUID } from "node:crypto";
import { setMaxListeners } from "node:events";
import { hostname } from "node:os";
import type { Logger } from "pino";
import type { Database } from "../db/database";
import type { Destination } from "./destinations";
import { type AttemptResult, type ClaimedDelivery, handoffRepository } from "./handoff.repository";
import { buildRecord } from "./record";
import { type AttemptOutcome, type NextStep, nextStep, type RetryPolicy } from "./retry-policy";

export interface HandoffWorkerOptions {
  database: Database;
  destinations: Destination[];
  logger: Logger;
  policy: RetryPolicy;
  /** Deliveries in flight at once in this process. */
  concurrency: number;
  /** How long to sleep when nothing is due. */
  pollMs: number;
  /** How long a claim holds a delivery; longer than any attempt can take. */
  leaseMs: number;
  /** How often a misconfigured destination is checked again. */
  recheckMs?: number;
  now?: () => Date;
  random?: () => number;
  workerId?: string;
}

export interface DestinationHealth {
  name: string;
  municipalityId: string;
  destination: string;
  target: string;
  problem: string | null;
}

export interface HandoffWorker {
  readonly id: string;
  /** Checks every destination (making file-drop folders), logs the misconfigured ones, starts the loop. */
  start(): Promise<DestinationHealth[]>;
  /** Stops claiming and waits for the deliveries in flight to be recorded. */
  stop(): Promise<void>;
  /**
   * Stops at once as a crash would: deliveries in flight are abandoned unrecorded (their requests
   * aborted), to come due again when their lease runs out. For tests of crash recovery on PGlite.
   */
  kill(): void;
  /** Claims one batch, delivers it and records the results (without the loop); returns how many. */
  runOnce(): Promise<number>;
  health(): DestinationHealth[];
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The delivery worker: claim due deliveries (short statement, FOR UPDATE SKIP LOCKED), deliver each
 * outside any transaction, record the result in a short transaction. Any number run at once on
 * PostgreSQL; on PGlite one runs inside the server process.
 */
export function createHandoffWorker(options: HandoffWorkerOptions): HandoffWorker {
  const id = options.workerId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const log = options.logger.child({ worker: id });
  const now = options.now ?? (() => new Date());
  const random = options.random ?? Math.random;
  const repo = handoffRepository(options.database.db);
  const byName = new Map(options.destinations.map((d) => [d.name, d]));
  const problems = new Map<string, string | null>(
    options.destinations.map((d) => [d.name, "not checked yet"]),
  );
  const inFlight = new Set<Promise<void>>();
  const killController = new AbortController();
  // Every request in flight listens to it.
  setMaxListeners(0, killController.signal);
  let stopped = false;
  let loop: Promise<void> | undefined;
  let recheck: NodeJS.Timeout | undefined;
  let lastDbError = 0;

  const enabled = () => [...problems].filter(([, problem]) => problem === null).map(([name]) => name);

  async function checkAll(names: string[]): Promise<void> {
    await Promise.all(
      names.map(async (name) => {
        const destination = byName.get(name);
        if (!destination) return;
        const before = problems.get(name);
        let problem: string | null;
        try {
          problem = await destination.check({ create: true });
        } catch (error) {
          problem = message(error);
        }
        problems.set(name, problem);
        if (problem && problem !== before) {
          log.error(
            { destination: name, target: destination.target, problem },
            "handoff destination misconfigured: its deliveries stay pending until it is fixed",
          );
        } else if (!problem && before && before !== "not checked yet") {
          log.info({ destination: name }, "handoff destination usable again");
        }
      }),
    );
  }

  // Results are recorded in groups: while one transaction commits, the next results gather, so
  // a busy worker pays one commit for many deliveries (group commit) and an idle one waits for none.
  interface Pending {
    claimed: ClaimedDelivery;
    result: AttemptResult;
    done: () => void;
  }
  let queue: Pending[] = [];
  let flushing = false;

  async function recordBatch(batch: Pending[]): Promise<void> {
    // A delivery that reached its destination must not be sent again only because the database
    // blinked: keep trying to record it while the lease lasts.
    const deadline = Date.now() + options.leaseMs;
    for (let wait = 50; ; wait = Math.min(wait * 2, 2_000)) {
      try {
        const recorded = await options.database.db.transaction((tx) =>
          handoffRepository(tx).completeMany(
            batch.map((b) => b.result),
            now(),
          ),
        );
        for (const b of batch) {
          if (!recorded.has(b.result.deliveryId))
            log.info({ key: b.claimed.key }, "lease lost: another worker took this delivery over");
        }
        return;
      } catch (error) {
        if (wait === 50)
          log.warn(
            { deliveries: batch.length, err: message(error) },
            "could not record deliveries yet; retrying",
          );
        if (killController.signal.aborted || Date.now() + wait > deadline) {
          log.warn(
            { keys: batch.map((b) => b.claimed.key), err: message(error) },
            "could not record deliveries; they will come due again",
          );
          return;
        }
        await delay(wait);
      }
    }
  }

  async function flush(): Promise<void> {
    flushing = true;
    try {
      while (queue.length > 0 && !killController.signal.aborted) {
        const batch = queue;
        queue = [];
        await recordBatch(batch);
        for (const b of batch) b.done();
      }
    } finally {
      flushing = false;
      // Killed: what is left is abandoned unrecorded, as a crash would leave it.
      for (const b of queue.splice(0)) b.done();
    }
  }

  function record(claimed: ClaimedDelivery, step: NextStep): Promise<void> {
    return new Promise((resolve) => {
      queue.push({
        claimed,
        result: {
          deliveryId: claimed.deliveryId,
          applicationId: claimed.applicationId,
          leaseToken: claimed.leaseToken,
          state: step.state,
          ...(step.state === "retrying" ? { nextAttemptAt: step.nextAttemptAt } : {}),
          ...(step.state !== "done" ? { error: step.error } : {}),
        },
        done: resolve,
      });
      if (!flushing) void flush();
    });
  }

  async function deliver(claimed: ClaimedDelivery): Promise<void> {
    const name = `${claimed.municipalityId}/${claimed.destination}`;
    const destination = byName.get(name);
    let outcome: AttemptOutcome;
    if (claimed.attempts > options.policy.maxAttempts) {
      outcome = { kind: "permanent", error: "the worker stopped during the last allowed attempt" };
    } else if (!destination) {
      outcome = { kind: "retry", error: `destination ${name} is not configured` };
    } else {
      try {
        outcome = await destination.deliver(buildRecord(claimed), {
          now: now(),
          signal: killController.signal,
          userAgent: `madoguchi-handoff/1 (${id})`,
        });
      } catch (error) {
        outcome = { kind: "retry", error: message(error) };
      }
    }
    if (killController.signal.aborted) return;
    const step = nextStep(options.policy, claimed.attempts, outcome, now(), random());
    await record(claimed, step);
    if (killController.signal.aborted) return;
    if (step.state === "dead") {
      log.error(
        {
          alert: "handoff.dead",
          key: claimed.key,
          destination: name,
          procedureId: claimed.procedureId,
          attempts: claimed.attempts,
          error: step.error,
        },
        "handoff delivery is dead: a supervisor must look (retry now on /handoff)",
      );
    } else if (step.state === "retrying") {
      log.warn(
        { key: claimed.key, destination: name, attempts: claimed.attempts, error: step.error },
        "delivery failed; will retry",
      );
    } else {
      log.debug({ key: claimed.key, destination: name }, "delivered");
    }
  }

  async function claim(limit: number): Promise<ClaimedDelivery[]> {
    const at = now();
    return repo.claim({
      now: at,
      leaseUntil: new Date(at.getTime() + options.leaseMs),
      limit,
      enabled: enabled(),
      workerId: id,
    });
  }

  // The loop naps between claims: until slots free (when it claimed all it could) or for pollMs. It
  // claims again once half the slots are free, not at every one: a claim is a statement, worth a batch.
  const refill = Math.max(1, Math.floor(options.concurrency / 2));
  let wake: (() => void) | undefined;
  let napUntilSlot = false;
  function nap(ms: number, untilSlot: boolean): Promise<void> {
    return new Promise((resolve) => {
      napUntilSlot = untilSlot;
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      }
      wake = done;
    });
  }

  function launch(claimed: ClaimedDelivery): void {
    const task = deliver(claimed)
      .catch((error) => log.error({ key: claimed.key, err: message(error) }, "delivery task failed"))
      .finally(() => {
        inFlight.delete(task);
        if (napUntilSlot && options.concurrency - inFlight.size >= refill) wake?.();
      });
    inFlight.add(task);
  }

  async function run(): Promise<void> {
    while (!stopped) {
      const free = options.concurrency - inFlight.size;
      if (free < refill) {
        await nap(options.pollMs, true);
        continue;
      }
      let claimed: ClaimedDelivery[];
      try {
        claimed = await claim(free);
      } catch (error) {
        // The database is away (a restart, the network): say so now and then, and keep polling.
        if (Date.now() - lastDbError > 10_000) {
          lastDbError = Date.now();
          log.warn({ err: message(error) }, "cannot claim deliveries: database unavailable; retrying");
        }
        await nap(Math.max(options.pollMs, 200), false);
        continue;
      }
      for (const c of claimed) launch(c);
      // A full batch means more may be due: claim again as soon as half the slots are free.
      await nap(options.pollMs, claimed.length === free);
    }
  }

  return {
    id,
    async start() {
      await checkAll([...byName.keys()]);
      const recheckMs = options.recheckMs ?? 60_000;
      recheck = setInterval(() => {
        const broken = [...problems].filter(([, p]) => p !== null).map(([name]) => name);
        if (broken.length > 0) checkAll(broken).catch(() => {});
      }, recheckMs);
      recheck.unref();
      loop = run();
      return this.health();
    },
    async stop() {
      stopped = true;
      wake?.();
      if (recheck) clearInterval(recheck);
      await loop;
      await Promise.allSettled([...inFlight]);
    },
    kill() {
      killController.abort();
      stopped = true;
      wake?.();
      if (recheck) clearInterval(recheck);
    },
    async runOnce() {
      if ([...problems.values()].every((p) => p === "not checked yet")) await checkAll([...byName.keys()]);
      const claimed = await claim(options.concurrency);
      for (const c of claimed) launch(c);
      await Promise.allSettled([...inFlight]);
      return claimed.length;
    },
    health() {
      return options.destinations.map((d) => ({
        name: d.name,
        municipalityId: d.municipalityId,
        destination: d.config.id,
        target: d.target,
        problem: problems.get(d.name) ?? null,
      }));
    },
  };
}
