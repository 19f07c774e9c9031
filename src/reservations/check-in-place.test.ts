import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/support/database";
import { issueTicket } from "../queue/issue-ticket";
import { loadBoard } from "../queue/load-board";
import { queueRepository } from "../queue/queue.repository";
import { bookReservation } from "./book-reservation";
import { checkInReservation } from "./check-in-reservation";
import { checkInNowRules, seedBookableOffice } from "./reservation.test-support";

// A checked-in reservation's receipt says how many are ahead of it as the call order will count them:
// from its slot's start, not from the moment it checked in.
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedBookableOffice(database.db, { moveout: checkInNowRules });
});

afterAll(async () => {
  await database?.destroy();
});

describe("checking in a reservation", () => {
  it("prints the place the board gives it, counted from its slot's start", async () => {
    const db = database.db;
    const now = new Date();
    // A slot 45 to 60 minutes ahead: checked in early, it waits from the slot's start.
    const start = new Date(Math.ceil((now.getTime() + 45 * 60_000) / 900_000) * 900_000);
    const made = await bookReservation(db, {
      municipalityId: "kumamoto",
      officeCode: "chuo",
      purposeCode: "moveout",
      start,
      person: { name: "予約 花子" },
      now,
    });
    const { officeId, purposeId } = made.reservation;
    // Three walk-ins are already waiting, from 20 minutes ago to now.
    for (const minutesAgo of [20, 10, 0])
      await issueTicket(db, {
        municipalityId: "kumamoto",
        officeId,
        purposeId,
        now: new Date(now.getTime() - minutesAgo * 60_000),
      });
    const checked = await checkInReservation(db, { token: made.token, now });
    const row = await queueRepository(db).findTicketByTokenHash(checked.issued.ticket.tokenHash);
    expect(row?.waitingSince.getTime()).toBe(start.getTime());
    const board = await loadBoard(db, { municipalityId: "kumamoto", officeId, now });
    const ahead = board?.tickets.get(checked.issued.ticket.id)?.ahead;
    expect(checked.issued.place.ahead).toBe(ahead);
    // Its slot is more than its head start away: everyone who arrived before is ahead of it.
    expect(ahead).toBe(3);
  });
});
