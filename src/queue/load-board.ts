import type { Db } from "../db/database";
import { TtlCache } from "../shared/ttl-cache";
import { isOpenToday, japanTime } from "./calendar";
import { type CounterInfo, type Purpose, queueRepository } from "./queue.repository";
import { type Board, computeBoard } from "./queue-board";

/** Service times older than this do not count in the estimates. */
export const SAMPLE_WINDOW_DAYS = 14;
export const SAMPLES_PER_PURPOSE = 20;
/** A finished ticket's phone page says so for this long; later it says the ticket is no longer in use. */
export const FINISHED_SHOWN_HOURS = 2;

/** An office's purposes and counters: they change a few times a year, not during a day. */
export interface OfficeSetup {
  purposes: Purpose[];
  counters: CounterInfo[];
}

export async function loadOfficeSetup(
  db: Db,
  municipalityId: string,
  officeId: string,
): Promise<OfficeSetup> {
  const repo = queueRepository(db);
  const purposes = await repo.listPurposes(municipalityId, officeId);
  const counters = await repo.listCounters(municipalityId, officeId);
  return { purposes, counters };
}

export interface LoadBoardOptions {
  municipalityId: string;
  officeId: string;
  now: Date;
  /** The office's setup when the caller has it (cached); read otherwise. */
  setup?: OfficeSetup;
}

/**
 * Reads one office's queue (the changing part in one statement) and computes its board. Undefined when
 * the office has no queue.
 */
export async function loadBoard(db: Db, options: LoadBoardOptions): Promise<Board | undefined> {
  const { municipalityId, officeId, now } = options;
  const serviceDate = japanTime(now).date;
  const snapshot = await queueRepository(db).boardSnapshot({
    municipalityId,
    officeId,
    serviceDate,
    dayStart: new Date(`${serviceDate}T00:00:00+09:00`),
    finishedSince: new Date(now.getTime() - FINISHED_SHOWN_HOURS * 3_600_000),
    samplesSince: new Date(now.getTime() - SAMPLE_WINDOW_DAYS * 86_400_000),
    samplesPerPurpose: SAMPLES_PER_PURPOSE,
  });
  if (!snapshot) return undefined;
  const setup = options.setup ?? (await loadOfficeSetup(db, municipalityId, officeId));
  return computeBoard(
    {
      officeId,
      municipalityId,
      seq: snapshot.seq,
      serviceDate,
      nearlyCalledAhead: snapshot.nearlyCalledAhead,
      purposes: setup.purposes,
      counters: setup.counters,
      openCounterIds: new Set(
        snapshot.states.filter((s) => isOpenToday(s, serviceDate)).map((s) => s.counterId),
      ),
      tickets: snapshot.tickets,
      recentCalls: snapshot.calls,
      samples: snapshot.samples,
    },
    now,
  );
}

/**
 * loadBoard with each office's setup kept for `ttlMs` (a changed purpose or counter shows within that
 * time): what the pages and the live streams use, so that a change costs one statement.
 */
export function boardLoader(db: Db, ttlMs = 30_000) {
  const setups = new TtlCache<string, OfficeSetup>(ttlMs, 5_000);
  return (municipalityId: string, officeId: string, now: Date): Promise<Board | undefined> =>
    setups
      .get(`${municipalityId}/${officeId}`, () => loadOfficeSetup(db, municipalityId, officeId))
      .then((setup) => loadBoard(db, { municipalityId, officeId, now, setup }));
}

export type BoardLoader = ReturnType<typeof boardLoader>;
