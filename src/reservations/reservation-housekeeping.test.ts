import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/support/database";
import { auditRepository } from "../auth/audit.repository";
import type { Notifier } from "./notifier";
import { listNotifier } from "./notifier";
import { reservationRepository } from "./reservation.repository";
import { reservations } from "./reservation.table";
import { seedBookableOffice } from "./reservation.test-support";
import { reservationHousekeeping } from "./reservation-housekeeping";
import { tomorrowSpan } from "./send-reminders";

// The server's housekeeping round (src/server.ts, every 10 minutes): sweeps no-shows in every
// municipality with bookings and sends tomorrow's reminders once, only through SMTP.
let database: TestDatabase;
const compose = async () => ({ subject: "s", text: "t" });

async function book(code: string, start: Date, email: string | null) {
  const repo = reservationRepository(database.db);
  const [office] = await repo.listOffices("kumamoto");
  const purpose = (await repo.listPurposes("kumamoto", office?.officeId ?? "")).find(
    (p) => p.code === "move",
  );
  return repo.insert({
    municipalityId: "kumamoto",
    officeId: office?.officeId ?? "",
    purposeId: purpose?.purposeId ?? "",
    code,
    status: "booked",
    start,
    end: new Date(start.getTime() + 30 * 60_000),
    name: "熊本 太郎",
    email,
    tokenHash: code.repeat(8),
    createdAt: new Date(),
    updatedAt: new Date(),
  });
}

const statusOf = async (id: string) =>
  (await database.db.select().from(reservations).where(eq(reservations.id, id)))[0]?.status;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedBookableOffice(database.db);
});

afterAll(async () => {
  await database?.destroy();
});

describe("the reservations housekeeping round", () => {
  it("sweeps a booking past its grace period as a no-show (audited as the system) and leaves a future one", async () => {
    const now = new Date();
    const late = await book("11110001", new Date(now.getTime() - 3 * 3_600_000), null);
    const coming = await book("11110002", new Date(now.getTime() + 3 * 3_600_000), null);
    const counts = await reservationHousekeeping(database.db, { notifier: listNotifier, compose, now });
    expect(counts).toMatchObject({ noShows: 1, remindersSent: 0, errors: 0 });
    expect(await statusOf(late.id)).toBe("no_show");
    expect(await statusOf(coming.id)).toBe("booked");
    const audit = await auditRepository(database.db).list("kumamoto", { action: "reservation.noShow" });
    expect(audit.find((a) => a.targetId === late.id)?.actorUsername).toBe("system");
    expect(
      (await reservationHousekeeping(database.db, { notifier: listNotifier, compose, now })).noShows,
    ).toBe(0);
  });

  it("sends tomorrow's reminder once through SMTP, and sends nothing without SMTP", async () => {
    const now = new Date();
    const noon = new Date(tomorrowSpan(now).from.getTime() + 12 * 3_600_000);
    const r = await book("11110003", noon, "taro@example.jp");
    const sent: string[] = [];
    const smtp: Notifier = { kind: "smtp", send: async (m) => void sent.push(m.to) };
    // The staff list's way: nothing sent, the key stays free for the list.
    expect(
      (await reservationHousekeeping(database.db, { notifier: listNotifier, compose, now })).remindersSent,
    ).toBe(0);
    const [unclaimed] = await database.db.select().from(reservations).where(eq(reservations.id, r.id));
    expect(unclaimed?.reminderKey).toBeNull();
    const first = await reservationHousekeeping(database.db, { notifier: smtp, compose, now });
    const second = await reservationHousekeeping(database.db, { notifier: smtp, compose, now });
    expect(first.remindersSent).toBe(1);
    expect(second.remindersSent).toBe(0);
    expect(sent).toEqual(["taro@example.jp"]);
  });
});
