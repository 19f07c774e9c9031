import { z } from "zod";

/**
 * The booking rules of one office and purpose, kept as validated data (a versioned row per change,
 * src/reservations/reservation.table.ts). Slots are computed from these rules and the office's closed
 * days, never stored. Times are minutes after midnight, Japan time.
 */
export const capacityOverrideSchema = z
  .object({
    from: z.iso.date(),
    to: z.iso.date(),
    /** Seats per slot on those days (0: no bookings at all, e.g. a system change day). */
    capacity: z.number().int().min(0).max(50),
  })
  .refine((o) => o.from <= o.to, { message: "from after to", path: ["to"] });

export const slotRulesSchema = z
  .object({
    /** Bookings are taken for this office and purpose. */
    enabled: z.boolean(),
    /** First slot starts at (minute of day). */
    startMinute: z.number().int().min(0).max(1439),
    /** The last slot ends by (minute of day). */
    endMinute: z.number().int().min(1).max(1440),
    slotMinutes: z.number().int().min(5).max(240),
    /** Seats per slot, Sunday first (index 0 = Sunday … 6 = Saturday). */
    capacityByWeekday: z.array(z.number().int().min(0).max(50)).length(7),
    /** Date ranges with another capacity (the last matching range wins). */
    overrides: z.array(capacityOverrideSchema).max(50),
    /** How many days ahead a slot may be booked (today counts as day 0). */
    horizonDays: z.number().int().min(1).max(180),
    /** A slot must start at least this many minutes after booking. */
    leadMinutes: z
      .number()
      .int()
      .min(0)
      .max(7 * 24 * 60),
    /** The share of each slot's seats kept for walk-ins (percent). */
    walkInSharePercent: z.number().int().min(0).max(100),
    /** Moving or cancelling is possible until this many hours before the slot. */
    cancelCutoffHours: z
      .number()
      .int()
      .min(0)
      .max(14 * 24),
    /** Check-in opens this many minutes before the slot. */
    checkInEarlyMinutes: z.number().int().min(0).max(240),
    /** After the slot start, a reservation keeps its place this long; later it becomes a walk-in. */
    graceMinutes: z.number().int().min(0).max(120),
  })
  .refine((r) => r.startMinute < r.endMinute, { message: "start after end", path: ["endMinute"] });

export type SlotRules = z.infer<typeof slotRulesSchema>;
export type CapacityOverride = z.infer<typeof capacityOverrideSchema>;

/** The demo's rules: 9:00–16:00 in 30-minute slots, 2 seats (1 on Mondays, the busiest walk-in day). */
export const defaultSlotRules: SlotRules = {
  enabled: true,
  startMinute: 9 * 60,
  endMinute: 16 * 60,
  slotMinutes: 30,
  capacityByWeekday: [0, 1, 2, 2, 2, 2, 0],
  overrides: [],
  horizonDays: 30,
  leadMinutes: 60,
  walkInSharePercent: 0,
  cancelCutoffHours: 48,
  checkInEarlyMinutes: 30,
  graceMinutes: 10,
};

/** Seats of a slot on a date before the walk-in share: the last override covering it, else the weekday's. */
export function seatsOn(rules: SlotRules, date: string, weekday: number): number {
  let seats = rules.capacityByWeekday[weekday] ?? 0;
  for (const o of rules.overrides) if (o.from <= date && date <= o.to) seats = o.capacity;
  return seats;
}

/** Seats that may be booked: the walk-in share is kept back, rounded in the walk-ins' favour. */
export function bookableSeats(seats: number, walkInSharePercent: number): number {
  return Math.floor((seats * (100 - walkInSharePercent)) / 100);
}
