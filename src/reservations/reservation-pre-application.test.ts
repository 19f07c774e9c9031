import { readFileSync } from "node:fs";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { yatsushiroSeed } from "../../test/support/app";
import { createTestDatabase, type TestDatabase } from "../../test/support/database";
import { preApplications } from "../preapply/pre-application.table";
import { submitPreApplication } from "../preapply/submit-pre-application";
import { AppError } from "../shared/errors";
import { seedMunicipality } from "../tenancy/municipality-seed";
import { tenancyRepository } from "../tenancy/tenancy.repository";
import { visitForCalledTicket } from "../visits/start-visit";
import { counterScope } from "../visits/visit.test-support";
import { bookReservation } from "./book-reservation";
import { checkInReservation } from "./check-in-reservation";
import { confirmReservation } from "./confirm-reservation";
import { reservations } from "./reservation.table";
import { checkInNowRules, seedBookableOffice } from "./reservation.test-support";

// A booking that carries a pre-application: only its id is stored, checked at confirm time (same
// municipality, submitted, not expired); once checked in and called, the visit opens prefilled from it.
let database: TestDatabase;
const family = JSON.parse(
  readFileSync(new URL("../../test/fixtures/examples/move-in-young-family.json", import.meta.url), "utf8"),
);
const person = { name: "熊本 太郎" };

/** A held seat in the next 15-minute slot (check-in opens an hour before, so it can check in now). */
async function hold(now: Date) {
  const start = new Date(Math.ceil((now.getTime() + 60_000) / 900_000) * 900_000);
  const held = await bookReservation(database.db, {
    municipalityId: "kumamoto",
    officeCode: "chuo",
    purposeCode: "moveout",
    start,
    now,
  });
  return held.token;
}

/** Checks the booking in and calls its ticket to a one-stop counter: the visit that opens. */
async function checkInAndCall(token: string, now: Date) {
  const checkedIn = await checkInReservation(database.db, { token, now });
  const scope = await counterScope(database.db);
  const [counter] = await tenancyRepository(database.db).listCounters("kumamoto", scope.officeId);
  return database.db.transaction((tx) =>
    visitForCalledTicket(tx, {
      scope,
      ticketId: checkedIn.issued.ticket.id,
      counterId: counter?.id ?? "",
      visitId: null,
      now,
    }),
  );
}

const problemsOf = async (run: Promise<unknown>) => {
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return (error as AppError).problems;
};

beforeAll(async () => {
  database = await createTestDatabase();
  await seedBookableOffice(database.db, { moveout: checkInNowRules });
  await seedMunicipality(database.db, yatsushiroSeed);
});

afterAll(async () => {
  await database?.destroy();
});

describe("a reservation with a pre-application", () => {
  it("refuses an unknown code, another municipality's and an expired one by the field, and stores nothing", async () => {
    const now = new Date();
    const token = await hold(now);
    const other = await submitPreApplication(database.db, {
      municipalityId: "yatsushiro",
      household: family,
      lang: "ja",
      now,
    });
    const mine = await submitPreApplication(database.db, {
      municipalityId: "kumamoto",
      household: family,
      lang: "ja",
      now: new Date(now.getTime() - 40 * 86_400_000),
    });
    for (const [code, message] of [
      ["ZZZZZZZZZZ", "reservations.field.preApplication"],
      [other.code, "reservations.field.preApplication"],
      [mine.code, "reservations.field.preApplicationUnusable"],
    ] as const) {
      const problems = await problemsOf(
        confirmReservation(database.db, { token, person, preApplication: code, now }),
      );
      expect(problems).toEqual([{ path: "preApplication", code: message }]);
    }
    const confirmed = await confirmReservation(database.db, { token, person, now });
    expect(confirmed.status).toBe("booked");
    expect(confirmed.preApplicationId).toBeNull();
  });

  it("stores the pre-application's id, and the visit of its called ticket opens prefilled from it", async () => {
    const now = new Date();
    const token = await hold(now);
    const pre = await submitPreApplication(database.db, {
      municipalityId: "kumamoto",
      household: family,
      lang: "ja",
      now,
    });
    const confirmed = await confirmReservation(database.db, { token, person, preApplication: pre.code, now });
    expect(confirmed.preApplicationId).toBe(pre.row.id);
    const [stored] = await database.db.select().from(reservations).where(eq(reservations.id, confirmed.id));
    expect(JSON.stringify(stored)).not.toContain(pre.code);

    const visit = await checkInAndCall(token, now);
    expect(visit.source).toBe("pre-application");
    expect(visit.household).not.toBeNull();
    const [entry] = await database.db
      .select()
      .from(preApplications)
      .where(eq(preApplications.id, pre.row.id));
    expect(entry?.state).toBe("consumed");
    expect(entry?.visitId).toBe(visit.id);
  });

  it("opens an empty visit, as a walk-in's, when the pre-application was used since the booking", async () => {
    const now = new Date();
    const token = await hold(now);
    const pre = await submitPreApplication(database.db, {
      municipalityId: "kumamoto",
      household: family,
      lang: "ja",
      now,
    });
    await confirmReservation(database.db, { token, person, preApplication: pre.code, now });
    await database.db
      .update(preApplications)
      .set({ state: "withdrawn" })
      .where(eq(preApplications.id, pre.row.id));
    const visit = await checkInAndCall(token, now);
    expect(visit.state).toBe("reception");
    expect(visit.household).toBeNull();
  });
});
