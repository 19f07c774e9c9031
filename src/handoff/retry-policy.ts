/**
 * When to try a failed delivery again, and when to stop: a pure function of the attempt number and a
 * random draw, so the schedule can be read, tested as a table and scaled down for tests.
 *
 * The interval before attempt n+1 grows geometrically from `minDelayMs` (n = 1) to `maxDelayMs`, and
 * is spread by ±`jitter` so that deliveries which failed together (a core system went down) do not all
 * come back in the same second. After `maxAttempts` failed attempts the delivery is dead: it waits for
 * a person. The default — one minute doubling to one day, 16 attempts — keeps trying for about five
 * and a half days, so a core system that is down over a long weekend loses nothing.
 */
export interface RetryPolicy {
  minDelayMs: number;
  maxDelayMs: number;
  factor: number;
  /** Fraction of the interval added or removed at random: 0.2 spreads 10 minutes over 8 to 12. */
  jitter: number;
  maxAttempts: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  minDelayMs: 60_000,
  maxDelayMs: 86_400_000,
  factor: 2,
  jitter: 0.2,
  maxAttempts: 16,
};

/** The interval after failed attempt `attempt` (1-based), before jitter. */
export function baseDelayMs(policy: RetryPolicy, attempt: number): number {
  const n = Math.max(1, Math.floor(attempt));
  return Math.min(policy.maxDelayMs, policy.minDelayMs * policy.factor ** (n - 1));
}

/**
 * The interval after failed attempt `attempt`, with jitter from `random` in [0, 1): 0.5 gives the base
 * interval. Never below `minDelayMs` nor above `maxDelayMs`.
 */
export function retryDelayMs(policy: RetryPolicy, attempt: number, random: number): number {
  const base = baseDelayMs(policy, attempt);
  const spread = base * policy.jitter * (2 * Math.min(Math.max(random, 0), 1) - 1);
  return Math.round(Math.min(policy.maxDelayMs, Math.max(policy.minDelayMs, base + spread)));
}

/** What one attempt came to, as the destination judged it. */
export type AttemptOutcome =
  | { kind: "done"; detail?: string }
  | { kind: "retry"; error: string }
  | { kind: "permanent"; error: string };

export type NextStep =
  | { state: "done" }
  | { state: "retrying"; nextAttemptAt: Date; error: string }
  | { state: "dead"; error: string };

/** The state a delivery moves to after attempt number `attempts` ended with `outcome`. */
export function nextStep(
  policy: RetryPolicy,
  attempts: number,
  outcome: AttemptOutcome,
  now: Date,
  random: number,
): NextStep {
  if (outcome.kind === "done") return { state: "done" };
  if (outcome.kind === "permanent") return { state: "dead", error: outcome.error };
  if (attempts >= policy.maxAttempts) {
    return { state: "dead", error: `${outcome.error} (gave up after ${attempts} attempts)` };
  }
  return {
    state: "retrying",
    nextAttemptAt: new Date(now.getTime() + retryDelayMs(policy, attempts, random)),
    error: outcome.error,
  };
}

/** The whole schedule without jitter: the interval after each failed attempt, for docs and tests. */
export function schedule(policy: RetryPolicy): number[] {
  return Array.from({ length: Math.max(0, policy.maxAttempts - 1) }, (_, i) => baseDelayMs(policy, i + 1));
}
