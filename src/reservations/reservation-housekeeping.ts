import type { Db } from "../db/database";
import type { Notifier, ReminderMessage } from "./notifier";
import { type ReservationRow, reservationRepository } from "./reservation.repository";
import { sendReminders } from "./send-reminders";
import { sweepNoShows } from "./sweep-no-shows";

/** What one housekeeping round did: counts only, so the log holds no personal data. */
export interface ReservationHousekeepingCounts {
  municipalities: number;
  noShows: number;
  remindersSent: number;
  remindersFailed: number;
  /** Municipalities whose sweep or reminders failed (logged by the caller, the others carry on). */
  errors: number;
}

/**
 * The server's periodic round for reservations: in every municipality with bookings (every office of
 * each), bookings past their grace period become no-shows (audited as `system`), and — only when the
 * notifier is SMTP — tomorrow's reminders go out, each once (the dedup key). Without SMTP nothing is
 * sent: staff keep reading tomorrow's list on /reservations/staff.
 */
export async function reservationHousekeeping(
  db: Db,
  options: {
    notifier: Notifier;
    compose: (r: ReservationRow) => Promise<Omit<ReminderMessage, "to">>;
    now: Date;
  },
): Promise<ReservationHousekeepingCounts> {
  const counts: ReservationHousekeepingCounts = {
    municipalities: 0,
    noShows: 0,
    remindersSent: 0,
    remindersFailed: 0,
    errors: 0,
  };
  for (const municipalityId of await reservationRepository(db).municipalitiesWithBookings()) {
    counts.municipalities++;
    try {
      counts.noShows += await sweepNoShows(db, {
        municipalityId,
        now: options.now,
        actor: { username: "system" },
      });
      if (options.notifier.kind === "smtp") {
        const r = await sendReminders(db, options.notifier, {
          municipalityId,
          now: options.now,
          compose: options.compose,
        });
        counts.remindersSent += r.sent;
        counts.remindersFailed += r.failed;
      }
    } catch {
      counts.errors++;
    }
  }
  return counts;
}
