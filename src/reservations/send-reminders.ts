import type { Db } from "../db/database";
import { japanTime } from "../queue/calendar";
import type { Notifier, ReminderMessage } from "./notifier";
import { type ReservationRow, reservationRepository } from "./reservation.repository";
import { addDaysIso, japanInstant } from "./slots";

/** The dedup key of a reservation's reminder: one per reservation and slot date, so a move re-arms it. */
export const reminderKey = (r: Pick<ReservationRow, "id" | "start">): string =>
  `${r.id}:${japanTime(r.start).date}`;

/** Tomorrow in Japan, as the instants that bound it. */
export function tomorrowSpan(now: Date): { from: Date; to: Date; date: string } {
  const date = addDaysIso(japanTime(now).date, 1);
  return { from: japanInstant(date, 0), to: japanInstant(addDaysIso(date, 1), 0), date };
}

/** Tomorrow's bookings that still await a reminder (the staff list shows them). */
export async function dueReminders(db: Db, municipalityId: string, now: Date): Promise<ReservationRow[]> {
  const { from, to } = tomorrowSpan(now);
  return reservationRepository(db).dueForReminder(municipalityId, from, to);
}

/**
 * Sends the day-before reminders of a municipality's bookings that have an e-mail address, each once:
 * the dedup key is claimed before sending (a second run, or a second process, finds it taken), and
 * given back if the mail server refuses, so a later run tries again.
 */
export async function sendReminders(
  db: Db,
  notifier: Notifier,
  options: {
    municipalityId: string;
    now: Date;
    compose: (r: ReservationRow) => Promise<Omit<ReminderMessage, "to">>;
  },
): Promise<{ sent: number; failed: number }> {
  if (notifier.kind !== "smtp") return { sent: 0, failed: 0 };
  const repo = reservationRepository(db);
  let sent = 0;
  let failed = 0;
  for (const r of await dueReminders(db, options.municipalityId, options.now)) {
    if (!r.email) continue;
    if (!(await repo.claimReminder(r.id, reminderKey(r), options.now))) continue;
    try {
      await notifier.send({ to: r.email, ...(await options.compose(r)) });
      sent++;
    } catch {
      await repo.releaseReminder(r.id);
      failed++;
    }
  }
  return { sent, failed };
}

/** Staff marks a listed reminder done (telephoned): claims its key, once. */
export async function markReminded(db: Db, municipalityId: string, id: string, now: Date): Promise<boolean> {
  const repo = reservationRepository(db);
  const r = await repo.findInMunicipality(municipalityId, id);
  if (r?.status !== "booked") return false;
  return repo.claimReminder(r.id, reminderKey(r), now);
}
