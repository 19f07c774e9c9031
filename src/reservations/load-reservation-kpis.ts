import type { DbOrTx } from "../db/database";
import { reservationRepository } from "./reservation.repository";
import { addDaysIso, japanInstant } from "./slots";

export interface ReservationKpis {
  /** Bookings whose slot lies in the period (checked in, late, no-show or still to come). */
  booked: number;
  checkedIn: number;
  /** Arrived after the grace period: served as walk-ins. */
  late: number;
  noShow: number;
  cancelled: number;
  /** Mean minutes until called, with a booking (from the slot's start when early) and without. */
  waitBooked: { minutes: number; count: number } | null;
  waitWalkIn: { minutes: number; count: number } | null;
}

/** The reservation figures of a period (ISO dates, Japan, inclusive) for the KPI dashboard. */
export async function loadReservationKpis(
  db: DbOrTx,
  p: { municipalityId: string; from: string; to: string },
): Promise<ReservationKpis> {
  const { byStatus, waits } = await reservationRepository(db).kpis(
    p.municipalityId,
    japanInstant(p.from, 0),
    japanInstant(addDaysIso(p.to, 1), 0),
  );
  const n = (s: string) => byStatus.get(s as never) ?? 0;
  const wait = (kind: string) => {
    const w = waits.get(kind as never);
    return w && w.seconds !== null && w.n > 0
      ? { minutes: Math.round(w.seconds / 6) / 10, count: w.n }
      : null;
  };
  const checkedIn = n("checked_in");
  const late = n("walk_in");
  const noShow = n("no_show");
  return {
    booked: checkedIn + late + noShow + n("booked"),
    checkedIn,
    late,
    noShow,
    cancelled: n("cancelled"),
    waitBooked: wait("reservation"),
    waitWalkIn: wait("normal"),
  };
}
