import { auditRepository } from "../auth/audit.repository";
import type { Db } from "../db/database";
import { AppError, type Problem } from "../shared/errors";
import { japanTime } from "./calendar";
import { checkBands } from "./numbering";
import { type Purpose, queueRepository } from "./queue.repository";
import { publishQueueEvent } from "./queue-events";
import { type PurposePatch, queueSettingsRepository } from "./queue-settings.repository";
import { problemOf, type QueueSettings } from "./queue-settings.schema";

export interface UpdateQueueSettingsOptions {
  municipalityId: string;
  officeId: string;
  /** Parsed and checked at the edge (parseQueueSettings). */
  settings: QueueSettings;
  actor: { staffId: string; username: string; officeId: string | null };
  requestId?: string | null;
  ip?: string | null;
  now: Date;
}

export interface UpdatedQueueSettings {
  seq: number;
  addedPurposeIds: string[];
}

const officeFields = [
  "opensAtMinute",
  "closesAtMinute",
  "openWeekdays",
  "observeNationalHolidays",
  "observeYearEnd",
  "closedDates",
  "nearlyCalledAhead",
  "displayCaptions",
] as const;
const purposeFields = ["labels", "bandStart", "bandEnd", "defaultServiceMinutes"] as const;

/** Equal as JSON, whatever the order of an object's keys (jsonb keeps its own order). */
const canonical = (value: unknown) =>
  JSON.stringify(value, (_, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
      : v,
  );
const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);

/**
 * Saves an office's queue settings in one transaction that first takes the office's row (as every
 * queue mutation does), so no ticket is issued while the bands are checked and changed. A purpose
 * that issued a ticket today (Japan time) keeps its band: numbers restart daily at the band's start,
 * and a band moved mid-day would repeat or skip numbers. An audit entry lists what changed, and a
 * queue event tells the live displays to reload.
 */
export async function updateQueueSettings(
  db: Db,
  options: UpdateQueueSettingsOptions,
): Promise<UpdatedQueueSettings> {
  const { municipalityId, officeId, settings, now } = options;
  return db.transaction(async (tx) => {
    const repo = queueRepository(tx);
    const writes = queueSettingsRepository(tx);
    const office = await repo.lockOffice(municipalityId, officeId);
    if (!office) throw new AppError("NOT_FOUND");
    const [current, counters] = await Promise.all([
      repo.listPurposes(municipalityId, officeId),
      repo.listCounters(municipalityId, officeId),
    ]);
    const byId = new Map(current.map((p) => [p.id, p]));
    const counterIds = new Set(counters.map((c) => c.id));
    // A purpose or counter the office does not have: a stale or forged form, "not found" as elsewhere.
    for (const p of settings.purposes) {
      if (p.id !== null && !byId.has(p.id)) throw new AppError("NOT_FOUND");
      if (p.counterIds.some((id) => !counterIds.has(id))) throw new AppError("NOT_FOUND");
    }

    // Purposes not on the form (added meanwhile) keep their bands, which the new ones must not overlap.
    const submitted = new Set(settings.purposes.map((p) => p.id));
    const untouched = current.filter((p) => !submitted.has(p.id));
    const overlapping = checkBands([
      ...settings.purposes.map((p) => ({ code: String(p.row), bandStart: p.bandStart, bandEnd: p.bandEnd })),
      ...untouched.map((p) => ({ code: `other:${p.id}`, bandStart: p.bandStart, bandEnd: p.bandEnd })),
    ]);
    if (overlapping.length > 0)
      throw new AppError(
        "VALIDATION",
        overlapping.map((x) => {
          const other = untouched.find((p) => `other:${p.id}` === x.other || `other:${p.id}` === x.code);
          const row = settings.purposes.find((p) => String(p.row) === x.code || String(p.row) === x.other);
          return problemOf(
            { code: "queue.settingsBandOverlap", params: { other: other?.labels ?? { ja: "" } } },
            ["purposes", row?.row ?? 0, "bandStart"],
          );
        }),
      );

    const serviceDate = japanTime(now).date;
    const inUse = await writes.purposesWithTicketsOn(municipalityId, officeId, serviceDate);
    const refused: Problem[] = [];
    for (const p of settings.purposes) {
      const before = p.id ? byId.get(p.id) : undefined;
      if (!before || !inUse.has(before.id)) continue;
      if (before.bandStart !== p.bandStart || before.bandEnd !== p.bandEnd)
        refused.push(
          problemOf({ code: "queue.settingsBandInUse", params: { purpose: before.labels } }, [
            "purposes",
            p.row,
            "bandStart",
          ]),
        );
    }
    if (refused.length > 0) throw new AppError("CONFLICT", refused);

    const officeChanges: Record<string, [unknown, unknown]> = {};
    const patch = {
      opensAtMinute: settings.opensAtMinute,
      closesAtMinute: settings.closesAtMinute,
      openWeekdays: settings.openWeekdays,
      observeNationalHolidays: settings.observeNationalHolidays,
      observeYearEnd: settings.observeYearEnd,
      closedDates: settings.closedDates,
      nearlyCalledAhead: settings.nearlyCalledAhead,
      displayCaptions: settings.displayCaptions,
    };
    for (const f of officeFields) if (!same(office[f], patch[f])) officeChanges[f] = [office[f], patch[f]];
    await writes.updateOffice(municipalityId, officeId, patch);

    const purposeChanges: Record<string, Record<string, [unknown, unknown]>> = {};
    const addedPurposeIds: string[] = [];
    for (const p of settings.purposes) {
      const values: PurposePatch = {
        labels: p.labels,
        bandStart: p.bandStart,
        bandEnd: p.bandEnd,
        defaultServiceMinutes: p.defaultServiceMinutes,
      };
      const before: Purpose | undefined = p.id ? byId.get(p.id) : undefined;
      let id: string;
      if (before) {
        id = before.id;
        const changes: Record<string, [unknown, unknown]> = {};
        for (const f of purposeFields) if (!same(before[f], values[f])) changes[f] = [before[f], values[f]];
        const counterOrder = (ids: string[]) => counters.filter((c) => ids.includes(c.id)).map((c) => c.id);
        if (!same(counterOrder(before.counterIds), counterOrder(p.counterIds)))
          changes.counterIds = [before.counterIds, counterOrder(p.counterIds)];
        if (Object.keys(changes).length === 0) continue;
        purposeChanges[id] = changes;
        await writes.updatePurpose(municipalityId, officeId, id, values);
      } else {
        id = await writes.insertPurpose(municipalityId, officeId, values);
        addedPurposeIds.push(id);
      }
      await writes.setPurposeCounters(municipalityId, id, p.counterIds);
    }

    await auditRepository(tx).record({
      municipalityId,
      action: "queue.settings.update",
      actorStaffId: options.actor.staffId,
      actorUsername: options.actor.username,
      officeId: options.actor.officeId,
      targetType: "queue_office",
      targetId: officeId,
      detail: { office: officeChanges, purposes: purposeChanges, added: addedPurposeIds },
      requestId: options.requestId ?? null,
      ip: options.ip ?? null,
    });
    await publishQueueEvent(tx, { type: "office.changed", municipalityId, officeId, seq: office.eventSeq });
    return { seq: office.eventSeq, addedPurposeIds };
  });
}
