import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/support/database";
import { addStaff } from "../auth/add-staff";
import { AppError } from "../shared/errors";
import { kumamotoSeed } from "../tenancy/kumamoto.seed";
import { seedMunicipality } from "../tenancy/municipality-seed";
import { moveVisit } from "./move-visit";
import { openOtherOfficeVisit, otherOfficeReasonProblems } from "./other-office";
import { startVisit } from "./start-visit";
import { counterScope } from "./visit.test-support";
import { loadVisit, type StaffScope } from "./visit-scope";

let t: TestDatabase;
let chuo: StaffScope;
let kita: StaffScope;
const now = new Date("2026-12-07T01:00:00Z");

beforeAll(async () => {
  t = await createTestDatabase();
  await seedMunicipality(t.db, kumamotoSeed);
  chuo = await counterScope(t.db);
  const { staff } = await addStaff(t.db, {
    municipalityId: "kumamoto",
    username: "counter.kita",
    displayName: "北区 職員",
    role: "counter",
    officeCode: "kita",
  });
  kita = { municipalityId: "kumamoto", staffId: staff.id, officeId: staff.officeId, sessionStartedAt: now };
});
afterAll(() => t.close());

const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => "ok",
    (e: unknown) => (e instanceof AppError ? `${e.code} ${e.reason ?? ""}`.trim() : "thrown"),
  );

describe("a visit of another office of the same municipality", () => {
  it("is refused to every use case until the staff member chose to open it with a reason", async () => {
    const visit = await startVisit(t.db, { scope: chuo, counterId: null, now });
    expect(await codeOf(loadVisit(t.db, kita, visit.id))).toBe("FORBIDDEN visits.otherOfficeVisit");
    const move = () => moveVisit(t.db, { scope: kita, visitId: visit.id, version: 1, to: "identity", now });
    expect(await codeOf(move())).toBe("FORBIDDEN visits.otherOfficeVisit");
    await openOtherOfficeVisit({
      db: t.db,
      scope: kita,
      visitId: visit.id,
      reason: "引継ぎ",
      actor: { username: "counter.kita" },
    });
    expect(await codeOf(move())).toBe("ok");
    // The choice holds for that session only; another colleague or a later session is asked again.
    const later = { ...kita, sessionStartedAt: new Date(now.getTime() + 60_000) };
    expect(await codeOf(loadVisit(t.db, later, visit.id))).toBe("FORBIDDEN visits.otherOfficeVisit");
  });

  it("asks for a reason that is short and holds no My Number", () => {
    expect(otherOfficeReasonProblems("").map((p) => p.code)).toEqual(["visits.otherOfficeReasonRequired"]);
    expect(otherOfficeReasonProblems("x".repeat(201)).map((p) => p.code)).toEqual([
      "visits.otherOfficeReasonTooLong",
    ]);
    expect(otherOfficeReasonProblems("1234 5678 9018").map((p) => p.code)).toEqual([
      "common.myNumberRefused",
    ]);
    expect(otherOfficeReasonProblems("窓口の引継ぎ")).toEqual([]);
  });

  it("of another municipality is not found, and no choice opens it", async () => {
    const visit = await startVisit(t.db, { scope: chuo, counterId: null, now });
    const elsewhere = { ...kita, municipalityId: "yatsushiro" };
    const open = openOtherOfficeVisit({
      db: t.db,
      scope: elsewhere,
      visitId: visit.id,
      reason: "x",
      actor: { username: "x" },
    });
    expect(await codeOf(open)).toBe("NOT_FOUND");
  });
});
