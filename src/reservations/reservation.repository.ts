import { and, asc, desc, eq, gte, inArray, isNull, lt, or, sql } from "drizzle-orm";
import type { DbOrTx } from "../db/database";
import type { OfficeHours } from "../queue/calendar";
import { queueOffices, queuePurposes, queueTickets } from "../queue/queue.table";
import type { LocaleMap } from "../shared/locale";
import { isUuid } from "../tenancy/tenancy.repository";
import { offices } from "../tenancy/tenancy.table";
import {
  type ReservationStatus,
  reservationRules,
  reservationSlotLocks,
  reservations,
} from "./reservation.table";
import type { SlotRules } from "./slot-rules";

export type ReservationRow = typeof reservations.$inferSelect;
export type RulesRow = typeof reservationRules.$inferSelect;

/** An office that takes tickets, as booking needs it: its code, names and closed days. */
export interface BookingOffice {
  officeId: string;
  municipalityId: string;
  code: string;
  names: LocaleMap;
  hours: OfficeHours;
}

/** A purpose of an office with its current rules (absent: not offered for booking). */
export interface BookingPurpose {
  purposeId: string;
  officeId: string;
  code: string;
  labels: LocaleMap;
  rules: SlotRules | undefined;
  rulesVersion: number | undefined;
}

/** Seats are taken by bookings, check-ins and holds not yet expired. */
const holdsSeat = (now: Date) =>
  or(
    inArray(reservations.status, ["booked", "checked_in"]),
    and(eq(reservations.status, "held"), sql`${reservations.holdExpiresAt} > ${now.toISOString()}`),
  );

const officeColumns = {
  officeId: queueOffices.officeId,
  municipalityId: queueOffices.municipalityId,
  code: offices.code,
  names: offices.names,
  opensAtMinute: queueOffices.opensAtMinute,
  closesAtMinute: queueOffices.closesAtMinute,
  openWeekdays: queueOffices.openWeekdays,
  observeNationalHolidays: queueOffices.observeNationalHolidays,
  observeYearEnd: queueOffices.observeYearEnd,
  closedDates: queueOffices.closedDates,
};

type OfficeSelect = {
  [K in keyof typeof officeColumns]: (typeof officeColumns)[K]["_"]["data"];
};

const toOffice = (r: OfficeSelect): BookingOffice => ({
  officeId: r.officeId,
  municipalityId: r.municipalityId,
  code: r.code,
  names: r.names,
  hours: {
    opensAtMinute: r.opensAtMinute,
    closesAtMinute: r.closesAtMinute,
    openWeekdays: r.openWeekdays,
    observeNationalHolidays: r.observeNationalHolidays,
    observeYearEnd: r.observeYearEnd,
    closedDates: r.closedDates,
  },
});

/**
 * The only SQL of reservations. Every read of municipal data takes the municipality id, except the
 * lookups by manage-token hash and by code, which serve the resident's own link and the kiosk.
 */
export function reservationRepository(db: DbOrTx) {
  return {
    /** The reservation checked in with this queue ticket, if any. */
    async findByTicket(municipalityId: string, ticketId: string): Promise<ReservationRow | undefined> {
      const [row] = await db
        .select()
        .from(reservations)
        .where(and(eq(reservations.municipalityId, municipalityId), eq(reservations.ticketId, ticketId)));
      return row;
    },

    /** The municipalities with bookings still to sweep or remind (housekeeping's list, ids only). */
    async municipalitiesWithBookings(): Promise<string[]> {
      const rows = await db
        .selectDistinct({ municipalityId: reservations.municipalityId })
        .from(reservations)
        .where(eq(reservations.status, "booked"));
      return rows.map((r) => r.municipalityId);
    },

    async listOffices(municipalityId: string): Promise<BookingOffice[]> {
      const rows = await db
        .select(officeColumns)
        .from(queueOffices)
        .innerJoin(offices, eq(offices.id, queueOffices.officeId))
        .where(eq(queueOffices.municipalityId, municipalityId))
        .orderBy(asc(offices.sortOrder), asc(offices.code));
      return rows.map(toOffice);
    },

    async findOfficeByCode(municipalityId: string, code: string): Promise<BookingOffice | undefined> {
      const rows = await db
        .select(officeColumns)
        .from(queueOffices)
        .innerJoin(offices, eq(offices.id, queueOffices.officeId))
        .where(and(eq(queueOffices.municipalityId, municipalityId), eq(offices.code, code)));
      return rows[0] ? toOffice(rows[0]) : undefined;
    },

    /** An office with a queue by its id alone, for the kiosk's check-in page (the id names the tenant). */
    async findPublicOffice(officeId: string): Promise<BookingOffice | undefined> {
      if (!isUuid(officeId)) return undefined;
      const rows = await db
        .select(officeColumns)
        .from(queueOffices)
        .innerJoin(offices, eq(offices.id, queueOffices.officeId))
        .where(eq(queueOffices.officeId, officeId));
      return rows[0] ? toOffice(rows[0]) : undefined;
    },

    async findOfficeById(municipalityId: string, officeId: string): Promise<BookingOffice | undefined> {
      if (!isUuid(officeId)) return undefined;
      const rows = await db
        .select(officeColumns)
        .from(queueOffices)
        .innerJoin(offices, eq(offices.id, queueOffices.officeId))
        .where(and(eq(queueOffices.municipalityId, municipalityId), eq(queueOffices.officeId, officeId)));
      return rows[0] ? toOffice(rows[0]) : undefined;
    },

    /** An office by its code and one of its active purposes by its code, with the current rules: one query. */
    async findTarget(
      municipalityId: string,
      officeCode: string,
      purposeCode: string,
    ): Promise<{ office: BookingOffice; purpose: BookingPurpose | undefined } | undefined> {
      const rows = await db
        .select({
          ...officeColumns,
          purposeId: queuePurposes.id,
          purposeCode: queuePurposes.code,
          labels: queuePurposes.labels,
          rules: reservationRules.rules,
          rulesVersion: reservationRules.version,
        })
        .from(queueOffices)
        .innerJoin(offices, eq(offices.id, queueOffices.officeId))
        .leftJoin(
          queuePurposes,
          and(
            eq(queuePurposes.officeId, queueOffices.officeId),
            eq(queuePurposes.code, purposeCode),
            eq(queuePurposes.active, true),
          ),
        )
        .leftJoin(
          reservationRules,
          and(eq(reservationRules.purposeId, queuePurposes.id), isNull(reservationRules.supersededAt)),
        )
        .where(and(eq(queueOffices.municipalityId, municipalityId), eq(offices.code, officeCode)));
      const r = rows[0];
      if (!r) return undefined;
      const office = toOffice(r);
      if (!r.purposeId || !r.purposeCode || !r.labels) return { office, purpose: undefined };
      return {
        office,
        purpose: {
          purposeId: r.purposeId,
          officeId: office.officeId,
          code: r.purposeCode,
          labels: r.labels,
          rules: r.rules ?? undefined,
          rulesVersion: r.rulesVersion ?? undefined,
        },
      };
    },

    /** An office's active purposes with their current rules, in the kiosk's order. */
    async listPurposes(municipalityId: string, officeId: string): Promise<BookingPurpose[]> {
      const rows = await db
        .select({
          purposeId: queuePurposes.id,
          officeId: queuePurposes.officeId,
          code: queuePurposes.code,
          labels: queuePurposes.labels,
          rules: reservationRules.rules,
          rulesVersion: reservationRules.version,
        })
        .from(queuePurposes)
        .leftJoin(
          reservationRules,
          and(eq(reservationRules.purposeId, queuePurposes.id), isNull(reservationRules.supersededAt)),
        )
        .where(
          and(
            eq(queuePurposes.municipalityId, municipalityId),
            eq(queuePurposes.officeId, officeId),
            eq(queuePurposes.active, true),
          ),
        )
        .orderBy(asc(queuePurposes.sortOrder), asc(queuePurposes.bandStart));
      return rows.map((r) => ({
        ...r,
        rules: r.rules ?? undefined,
        rulesVersion: r.rulesVersion ?? undefined,
      }));
    },

    async rulesHistory(municipalityId: string, purposeId: string): Promise<RulesRow[]> {
      if (!isUuid(purposeId)) return [];
      return db
        .select()
        .from(reservationRules)
        .where(
          and(eq(reservationRules.municipalityId, municipalityId), eq(reservationRules.purposeId, purposeId)),
        )
        .orderBy(desc(reservationRules.version))
        .limit(50);
    },

    /** The current rules row, locked: saving a version closes it in the same transaction. */
    async lockCurrentRules(municipalityId: string, purposeId: string): Promise<RulesRow | undefined> {
      const rows = await db
        .select()
        .from(reservationRules)
        .where(
          and(
            eq(reservationRules.municipalityId, municipalityId),
            eq(reservationRules.purposeId, purposeId),
            isNull(reservationRules.supersededAt),
          ),
        )
        .for("update");
      return rows[0];
    },

    async supersedeRules(id: string, at: Date): Promise<void> {
      await db.update(reservationRules).set({ supersededAt: at }).where(eq(reservationRules.id, id));
    },

    async insertRules(values: typeof reservationRules.$inferInsert): Promise<RulesRow> {
      const [row] = await db.insert(reservationRules).values(values).returning();
      if (!row) throw new Error("rules not inserted");
      return row;
    },

    /** Seats taken per slot start (epoch ms) of a purpose between two instants. */
    async takenBetween(purposeId: string, from: Date, to: Date, now: Date): Promise<Map<number, number>> {
      const rows = await db
        .select({ start: reservations.start, n: sql<number>`count(*)::int` })
        .from(reservations)
        .where(
          and(
            eq(reservations.purposeId, purposeId),
            gte(reservations.start, from),
            lt(reservations.start, to),
            holdsSeat(now),
          ),
        )
        .groupBy(reservations.start);
      return new Map(rows.map((r) => [new Date(r.start).getTime(), Number(r.n)]));
    },

    /**
     * Takes the slot's lock row (made on first use) for the rest of the transaction: every booking,
     * move and check of seats of this slot waits here, so the count that follows is exact.
     */
    async lockSlot(municipalityId: string, purposeId: string, start: Date): Promise<void> {
      await db
        .insert(reservationSlotLocks)
        .values({ municipalityId, purposeId, start })
        .onConflictDoNothing();
      await db
        .select({ start: reservationSlotLocks.start })
        .from(reservationSlotLocks)
        .where(and(eq(reservationSlotLocks.purposeId, purposeId), eq(reservationSlotLocks.start, start)))
        .for("update");
    },

    async countTaken(purposeId: string, start: Date, now: Date, exceptId?: string): Promise<number> {
      const [row] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(reservations)
        .where(
          and(
            eq(reservations.purposeId, purposeId),
            eq(reservations.start, start),
            holdsSeat(now),
            exceptId ? sql`${reservations.id} <> ${exceptId}` : undefined,
          ),
        );
      return Number(row?.n ?? 0);
    },

    async codeExists(code: string): Promise<boolean> {
      const rows = await db
        .select({ id: reservations.id })
        .from(reservations)
        .where(eq(reservations.code, code))
        .limit(1);
      return rows.length > 0;
    },

    async insert(values: typeof reservations.$inferInsert): Promise<ReservationRow> {
      const [row] = await db.insert(reservations).values(values).returning();
      if (!row) throw new Error("reservation not inserted");
      return row;
    },

    async findByTokenHash(tokenHash: string): Promise<ReservationRow | undefined> {
      const rows = await db.select().from(reservations).where(eq(reservations.tokenHash, tokenHash));
      return rows[0];
    },

    async findByCode(code: string): Promise<ReservationRow | undefined> {
      const rows = await db.select().from(reservations).where(eq(reservations.code, code));
      return rows[0];
    },

    async lock(id: string): Promise<ReservationRow | undefined> {
      const rows = await db.select().from(reservations).where(eq(reservations.id, id)).for("update");
      return rows[0];
    },

    async update(
      id: string,
      values: Partial<Omit<typeof reservations.$inferInsert, "id" | "municipalityId">>,
    ): Promise<ReservationRow> {
      const [row] = await db.update(reservations).set(values).where(eq(reservations.id, id)).returning();
      if (!row) throw new Error("reservation not updated");
      return row;
    },

    /** The numbers of some tickets (a checked-in reservation's ticket), by ticket id. */
    async ticketNumbers(municipalityId: string, ids: readonly string[]): Promise<Map<string, number>> {
      if (ids.length === 0) return new Map();
      const rows = await db
        .select({ id: queueTickets.id, number: queueTickets.number })
        .from(queueTickets)
        .where(and(eq(queueTickets.municipalityId, municipalityId), inArray(queueTickets.id, [...ids])));
      return new Map(rows.map((r) => [r.id, r.number]));
    },

    /** An office's reservations of a status between two instants, in slot order. */
    async listForOffice(p: {
      municipalityId: string;
      officeId: string;
      from: Date;
      to: Date;
      statuses: readonly ReservationStatus[];
      limit?: number;
    }): Promise<ReservationRow[]> {
      return db
        .select()
        .from(reservations)
        .where(
          and(
            eq(reservations.municipalityId, p.municipalityId),
            eq(reservations.officeId, p.officeId),
            gte(reservations.start, p.from),
            lt(reservations.start, p.to),
            inArray(reservations.status, [...p.statuses]),
          ),
        )
        .orderBy(asc(reservations.start), asc(reservations.code))
        .limit(p.limit ?? 500);
    },

    /** Booked reservations of a municipality whose grace ended before `before`, locked for the sweep. */
    async lockOverdue(municipalityId: string, before: Date): Promise<ReservationRow[]> {
      return db
        .select()
        .from(reservations)
        .where(
          and(
            eq(reservations.municipalityId, municipalityId),
            eq(reservations.status, "booked"),
            lt(reservations.start, before),
          ),
        )
        .orderBy(asc(reservations.start))
        .limit(1000)
        .for("update", { skipLocked: true });
    },

    /** Booked reservations of a municipality between two instants with no reminder yet. */
    async dueForReminder(municipalityId: string, from: Date, to: Date): Promise<ReservationRow[]> {
      return db
        .select()
        .from(reservations)
        .where(
          and(
            eq(reservations.municipalityId, municipalityId),
            eq(reservations.status, "booked"),
            gte(reservations.start, from),
            lt(reservations.start, to),
            isNull(reservations.reminderKey),
          ),
        )
        .orderBy(asc(reservations.start))
        .limit(2000);
    },

    /** Claims a reminder's dedup key: true for the one caller that set it, false when already claimed. */
    async claimReminder(id: string, key: string, at: Date): Promise<boolean> {
      const rows = await db
        .update(reservations)
        .set({ reminderKey: key, remindedAt: at })
        .where(and(eq(reservations.id, id), isNull(reservations.reminderKey)))
        .returning({ id: reservations.id });
      return rows.length > 0;
    },

    async releaseReminder(id: string): Promise<void> {
      await db
        .update(reservations)
        .set({ reminderKey: null, remindedAt: null })
        .where(eq(reservations.id, id));
    },

    async findInMunicipality(municipalityId: string, id: string): Promise<ReservationRow | undefined> {
      if (!isUuid(id)) return undefined;
      const rows = await db
        .select()
        .from(reservations)
        .where(and(eq(reservations.municipalityId, municipalityId), eq(reservations.id, id)));
      return rows[0];
    },

    /** Counts for the KPI panel: reservations by status, and mean waits of reservation vs walk-in tickets. */
    async kpis(municipalityId: string, from: Date, to: Date) {
      const byStatus = await db
        .select({ status: reservations.status, n: sql<number>`count(*)::int` })
        .from(reservations)
        .where(
          and(
            eq(reservations.municipalityId, municipalityId),
            gte(reservations.start, from),
            lt(reservations.start, to),
          ),
        )
        .groupBy(reservations.status);
      const waits = await db
        .select({
          kind: queueTickets.kind,
          n: sql<number>`count(*)::int`,
          // A reservation waits from its slot's start when it came early; a walk-in from its issue.
          seconds: sql<
            number | null
          >`avg(extract(epoch from (${queueTickets.firstCalledAt} - case when ${queueTickets.kind} = 'reservation' then greatest(${queueTickets.issuedAt}, ${queueTickets.waitingSince}) else ${queueTickets.issuedAt} end)))`,
        })
        .from(queueTickets)
        .where(
          and(
            eq(queueTickets.municipalityId, municipalityId),
            gte(queueTickets.issuedAt, from),
            lt(queueTickets.issuedAt, to),
            sql`${queueTickets.firstCalledAt} is not null`,
            inArray(queueTickets.kind, ["normal", "reservation"]),
          ),
        )
        .groupBy(queueTickets.kind);
      return {
        byStatus: new Map(byStatus.map((r) => [r.status, Number(r.n)])),
        waits: new Map(
          waits.map((r) => [
            r.kind,
            { n: Number(r.n), seconds: r.seconds === null ? null : Number(r.seconds) },
          ]),
        ),
      };
    },
  };
}

export type ReservationRepository = ReturnType<typeof reservationRepository>;
