import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/support/database";
import { AppError } from "../shared/errors";
import { kumamotoSeed } from "../tenancy/kumamoto.seed";
import { seedMunicipality } from "../tenancy/municipality-seed";
import { addStaff } from "./add-staff";
import { auditRepository } from "./audit.repository";
import { sessions, staff as staffTable } from "./auth.table";
import { completeTwoFactor, pendingTotpSecret } from "./complete-two-factor";
import { extendSession, hashToken, resolveSession, SESSION_MAX_HOURS, type SessionContext } from "./session";
import { sessionRepository } from "./session.repository";
import { type SignInOptions, signIn } from "./sign-in";
import { staffRepository } from "./staff.repository";
import { currentTotp } from "./totp";

const PASSWORD = "a long enough password";
const t0 = new Date("2026-04-01T09:00:00+09:00");
const minutes = (n: number, from = t0) => new Date(from.getTime() + n * 60_000);

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedMunicipality(database.db, kumamotoSeed);
});
afterAll(async () => {
  await database?.destroy();
});

async function makeStaff(username: string, role: "counter" | "supervisor" | "admin" = "counter") {
  const { staff } = await addStaff(database.db, {
    municipalityId: "kumamoto",
    username,
    displayName: username,
    role,
    officeCode: "chuo",
    password: PASSWORD,
  });
  return staff;
}

const attempt = (username: string, password: string, now = t0, extra: Partial<SignInOptions> = {}) =>
  signIn(database.db, {
    username,
    password,
    now,
    idleMinutes: 30,
    lockoutThreshold: 5,
    lockoutMinutes: 15,
    ...extra,
  });

async function sessionFor(token: string, now = t0): Promise<SessionContext> {
  const resolved = await resolveSession(database.db, token, now);
  if (resolved.kind !== "ok") throw new Error(`session is ${resolved.kind}`);
  return resolved.session;
}

describe("addStaff", () => {
  it("stores a hash, never the password, and audits the creation", async () => {
    const member = await makeStaff("add-staff-one");
    const [row] = await database.db.select().from(staffTable).where(eq(staffTable.id, member.id));
    expect(row?.passwordHash.startsWith("$argon2id$")).toBe(true);
    expect(row?.passwordHash).not.toContain(PASSWORD);
    const entries = await auditRepository(database.db).list("kumamoto", { action: "staff.create" });
    expect(entries.find((e) => e.targetId === member.id)).toMatchObject({
      targetType: "staff",
      actorUsername: "cli",
      detail: { username: "add-staff-one", role: "counter" },
    });
  });

  it("makes a random password when none is given and returns it once", async () => {
    const { staff, password } = await addStaff(database.db, {
      municipalityId: "kumamoto",
      username: "add-staff-random",
      displayName: "ランダム",
      role: "counter",
      officeCode: "kita",
    });
    expect(password).toHaveLength(20);
    expect((await attempt(staff.username, password)).kind).toBe("ok");
  });

  it("lists every problem of the input together", async () => {
    await makeStaff("add-staff-taken");
    const error = await addStaff(database.db, {
      municipalityId: "kumamoto",
      username: "X",
      displayName: "x",
      role: "counter",
      officeCode: "atlantis",
      password: "short",
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("VALIDATION");
    expect((error as AppError).problems.map((p) => p.path).sort()).toEqual([
      "office",
      "password",
      "username",
    ]);

    const taken = await addStaff(database.db, {
      municipalityId: "kumamoto",
      username: "add-staff-taken",
      displayName: "x",
      role: "counter",
      officeCode: "chuo",
    }).catch((e: unknown) => e);
    expect((taken as AppError).problems).toEqual([expect.objectContaining({ path: "username" })]);
  });

  it("refuses an office code of another municipality", async () => {
    await seedMunicipality(database.db, {
      id: "other",
      code: "999999",
      nameJa: "他市",
      nameEn: "Other City",
      departments: [],
      offices: [
        { code: "honcho", kind: "ward", nameJa: "本庁", nameEn: "City Hall", oneStop: true, counters: [] },
      ],
    });
    const error = await addStaff(database.db, {
      municipalityId: "kumamoto",
      username: "add-staff-wrong-office",
      displayName: "x",
      role: "counter",
      officeCode: "honcho",
    }).catch((e: unknown) => e);
    expect((error as AppError).problems).toEqual([expect.objectContaining({ path: "office" })]);
  });
});

describe("signIn", () => {
  it("opens an active session for counter staff and stores only the token's hash", async () => {
    const member = await makeStaff("sign-in-counter");
    const result = await attempt("sign-in-counter", PASSWORD);
    expect(result).toMatchObject({ kind: "ok", needsTotp: false });
    if (result.kind !== "ok") return;
    const rows = await database.db.select().from(sessions).where(eq(sessions.staffId, member.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.idHash).toBe(hashToken(result.token));
    expect(rows[0]?.idHash).not.toBe(result.token);
    expect(rows[0]?.stage).toBe("active");
    expect(rows[0]?.expiresAt).toEqual(minutes(30));
  });

  it("stops supervisors and admins at the second step: enrolment first, then the code", async () => {
    const member = await makeStaff("sign-in-supervisor", "supervisor");
    const first = await attempt("sign-in-supervisor", PASSWORD);
    expect(first).toMatchObject({ kind: "ok", needsTotp: true });
    if (first.kind !== "ok") return;
    expect((await sessionFor(first.token)).stage).toBe("totp-setup");

    await staffRepository(database.db).setTotpSecret(
      "kumamoto",
      member.id,
      "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP",
    );
    await staffRepository(database.db).enableTotp("kumamoto", member.id);
    const second = await attempt("sign-in-supervisor", PASSWORD);
    if (second.kind !== "ok") throw new Error("sign-in failed");
    expect((await sessionFor(second.token)).stage).toBe("password");
  });

  it("answers an unknown user exactly like a wrong password, and audits it without a tenant", async () => {
    await makeStaff("sign-in-wrong");
    expect(await attempt("sign-in-nobody", PASSWORD)).toEqual({ kind: "invalid" });
    expect(await attempt("sign-in-wrong", "not the password")).toEqual({ kind: "invalid" });
    const rows = await database.db.select().from(staffTable).where(eq(staffTable.username, "sign-in-wrong"));
    expect(rows[0]?.failedAttempts).toBe(1);
  });

  it("refuses a disabled account with the right password", async () => {
    const member = await makeStaff("sign-in-disabled");
    await database.db.update(staffTable).set({ disabled: true }).where(eq(staffTable.id, member.id));
    expect(await attempt("sign-in-disabled", PASSWORD)).toEqual({ kind: "invalid" });
  });

  it("locks the account at the threshold, refuses the right password while locked, and lets it in afterwards", async () => {
    await makeStaff("sign-in-lock");
    for (let i = 1; i < 5; i++)
      expect((await attempt("sign-in-lock", "wrong", minutes(i))).kind).toBe("invalid");
    const fifth = await attempt("sign-in-lock", "wrong", minutes(5));
    expect(fifth).toEqual({ kind: "locked", until: minutes(20) });
    expect(await attempt("sign-in-lock", PASSWORD, minutes(19))).toEqual({
      kind: "locked",
      until: minutes(20),
    });
    expect((await attempt("sign-in-lock", PASSWORD, minutes(21))).kind).toBe("ok");
    const [row] = await database.db.select().from(staffTable).where(eq(staffTable.username, "sign-in-lock"));
    expect(row).toMatchObject({ failedAttempts: 0, lockedUntil: null });
    const actions = (await auditRepository(database.db).list("kumamoto", { limit: 500 }))
      .filter((e) => e.actorUsername === "sign-in-lock")
      .map((e) => `${e.action}:${e.outcome}`)
      .reverse();
    expect(actions).toEqual([
      ...Array(5).fill("auth.sign-in:failure"),
      "auth.lock:success",
      "auth.sign-in:denied",
      "auth.sign-in:success",
    ]);
  });

  it("keeps the right password out when it arrives in parallel with 20 wrong ones past the threshold", async () => {
    await makeStaff("sign-in-parallel");
    const wrong = Array.from({ length: 20 }, () => attempt("sign-in-parallel", "wrong"));
    const results = await Promise.all([...wrong, attempt("sign-in-parallel", PASSWORD)]);
    expect(results.at(-1)?.kind).toBe("locked");
    expect(results.filter((r) => r.kind === "ok")).toHaveLength(0);
    const [row] = await database.db
      .select()
      .from(staffTable)
      .where(eq(staffTable.username, "sign-in-parallel"));
    expect(row?.lockedUntil).toEqual(minutes(15));
    const rows = await database.db
      .select()
      .from(sessions)
      .where(eq(sessions.staffId, row?.id ?? ""));
    expect(rows).toHaveLength(0);
    // No more passwords are checked than the threshold allows; the rest are refused unheard.
    const failures = (await auditRepository(database.db).list("kumamoto", { limit: 500 })).filter(
      (e) => e.actorUsername === "sign-in-parallel" && e.action === "auth.sign-in" && e.outcome === "failure",
    );
    expect(failures.length).toBeLessThanOrEqual(5);
  });

  it("counts failures from zero again after a successful sign-in", async () => {
    await makeStaff("sign-in-reset");
    for (let i = 0; i < 4; i++) await attempt("sign-in-reset", "wrong");
    expect((await attempt("sign-in-reset", PASSWORD)).kind).toBe("ok");
    for (let i = 0; i < 4; i++) expect((await attempt("sign-in-reset", "wrong")).kind).toBe("invalid");
  });
});

describe("sessions", () => {
  it("resolve an unknown token to none", async () => {
    expect(await resolveSession(database.db, "no-such-token", t0)).toEqual({ kind: "none" });
  });

  it("expire at their idle limit and are deleted when found expired", async () => {
    await makeStaff("session-idle");
    const result = await attempt("session-idle", PASSWORD);
    if (result.kind !== "ok") throw new Error("sign-in failed");
    expect((await resolveSession(database.db, result.token, minutes(29))).kind).toBe("ok");
    expect(await resolveSession(database.db, result.token, minutes(30))).toEqual({ kind: "expired" });
    expect(await sessionRepository(database.db).findByHash(hashToken(result.token))).toBeUndefined();
  });

  it("extend to the idle limit from now, but never past 12 hours from sign-in", async () => {
    await makeStaff("session-extend");
    const result = await attempt("session-extend", PASSWORD);
    if (result.kind !== "ok") throw new Error("sign-in failed");
    let now = t0;
    let extensions = 0;
    for (let step = 1; step <= 40; step++) {
      now = minutes(25, now);
      const resolved = await resolveSession(database.db, result.token, now);
      if (now.getTime() - t0.getTime() >= SESSION_MAX_HOURS * 3_600_000) {
        expect(resolved.kind).toBe("expired");
        break;
      }
      extensions++;
      if (resolved.kind !== "ok") throw new Error(`expired early at step ${step}`);
      const expiresAt = await extendSession(database.db, resolved.session, 30, now);
      const cap = minutes(SESSION_MAX_HOURS * 60);
      expect(expiresAt).toEqual(new Date(Math.min(minutes(30, now).getTime(), cap.getTime())));
      expect((await sessionRepository(database.db).findByHash(resolved.session.idHash))?.expiresAt).toEqual(
        expiresAt,
      );
    }
    // 28 extensions every 25 minutes reach 11h40; the next at 12h05 finds the session over.
    expect(extensions).toBe(28);
    expect(await sessionRepository(database.db).findByHash(hashToken(result.token))).toBeUndefined();
  });

  it("end when the account is disabled", async () => {
    const member = await makeStaff("session-disabled");
    const result = await attempt("session-disabled", PASSWORD);
    if (result.kind !== "ok") throw new Error("sign-in failed");
    await database.db.update(staffTable).set({ disabled: true }).where(eq(staffTable.id, member.id));
    expect((await resolveSession(database.db, result.token, t0)).kind).toBe("expired");
  });
});

describe("completeTwoFactor", () => {
  const secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
  const options = { lockoutThreshold: 5, lockoutMinutes: 15, idleMinutes: 30 };

  async function enrolled(username: string) {
    const member = await makeStaff(username, "admin");
    await staffRepository(database.db).setTotpSecret("kumamoto", member.id, secret);
    await staffRepository(database.db).enableTotp("kumamoto", member.id);
    const result = await attempt(username, PASSWORD);
    if (result.kind !== "ok") throw new Error("sign-in failed");
    return { member, token: result.token };
  }

  it("refuses a wrong code and keeps the session at the password stage", async () => {
    const { token } = await enrolled("totp-wrong");
    const session = await sessionFor(token);
    const wrong = currentTotp(secret, t0.getTime()) === "000000" ? "111111" : "000000";
    expect(await completeTwoFactor(database.db, { session, code: wrong, now: t0, ...options })).toEqual({
      kind: "invalid",
    });
    expect((await sessionFor(token)).stage).toBe("password");
  });

  it("makes the session active with the right code", async () => {
    const { token } = await enrolled("totp-right");
    const session = await sessionFor(token);
    const code = currentTotp(secret, t0.getTime());
    const result = await completeTwoFactor(database.db, { session, code, now: t0, ...options });
    if (result.kind !== "ok") throw new Error(`two-factor ${result.kind}`);
    expect((await sessionFor(result.token)).stage).toBe("active");
  });

  it("ends the password-step session and hands back a new token for the active one", async () => {
    const { token } = await enrolled("totp-rotate");
    const session = await sessionFor(token);
    const code = currentTotp(secret, t0.getTime());
    const result = await completeTwoFactor(database.db, { session, code, now: t0, ...options });
    if (result.kind !== "ok") throw new Error(`two-factor ${result.kind}`);
    expect(result.token).not.toBe(token);
    expect(await resolveSession(database.db, token, t0)).toEqual({ kind: "none" });
    expect((await sessionFor(result.token)).stage).toBe("active");
  });

  it("refuses the same code a second time within its window", async () => {
    const { member } = await enrolled("totp-replay");
    const code = currentTotp(secret, t0.getTime());
    const first = await attempt("totp-replay", PASSWORD);
    if (first.kind !== "ok") throw new Error("sign-in failed");
    const ok = await completeTwoFactor(database.db, {
      session: await sessionFor(first.token),
      code,
      now: t0,
      ...options,
    });
    expect(ok.kind).toBe("ok");
    const second = await attempt("totp-replay", PASSWORD, minutes(0.25));
    if (second.kind !== "ok") throw new Error("sign-in failed");
    const replay = await completeTwoFactor(database.db, {
      session: await sessionFor(second.token, minutes(0.25)),
      code,
      now: minutes(0.25),
      ...options,
    });
    expect(replay).toEqual({ kind: "invalid" });
    expect((await sessionFor(second.token, minutes(0.25))).stage).toBe("password");
    const entries = await auditRepository(database.db).list("kumamoto", { action: "auth.totp" });
    const failures = entries.filter((e) => e.actorStaffId === member.id && e.outcome === "failure");
    expect(failures.map((e) => e.detail)).toContainEqual(expect.objectContaining({ reason: "reused" }));
  });

  it("refuses a code from a time step before the last one used", async () => {
    await enrolled("totp-earlier");
    const later = minutes(1);
    const first = await attempt("totp-earlier", PASSWORD, later);
    if (first.kind !== "ok") throw new Error("sign-in failed");
    // The code of the next period is accepted a little early, for clocks a little apart.
    const ahead = await completeTwoFactor(database.db, {
      session: await sessionFor(first.token, later),
      code: currentTotp(secret, later.getTime() + 30_000),
      now: later,
      ...options,
    });
    expect(ahead.kind).toBe("ok");
    const second = await attempt("totp-earlier", PASSWORD, later);
    if (second.kind !== "ok") throw new Error("sign-in failed");
    const current = await completeTwoFactor(database.db, {
      session: await sessionFor(second.token, later),
      code: currentTotp(secret, later.getTime()),
      now: later,
      ...options,
    });
    expect(current).toEqual({ kind: "invalid" });
  });

  it("locks the account and ends the session after repeated wrong codes", async () => {
    const { token, member } = await enrolled("totp-lock");
    const session = await sessionFor(token);
    const wrong = currentTotp(secret, t0.getTime()) === "000000" ? "111111" : "000000";
    const results = [];
    for (let i = 0; i < 5; i++) {
      results.push(
        (await completeTwoFactor(database.db, { session, code: wrong, now: t0, ...options })).kind,
      );
    }
    expect(results).toEqual(["invalid", "invalid", "invalid", "invalid", "locked"]);
    expect(await sessionRepository(database.db).findByHash(session.idHash)).toBeUndefined();
    const [row] = await database.db.select().from(staffTable).where(eq(staffTable.id, member.id));
    expect(row?.lockedUntil).toEqual(minutes(15));
  });

  it("enrols a new supervisor with the pending secret, which stays the same until enrolment", async () => {
    const member = await makeStaff("totp-enrol", "supervisor");
    const result = await attempt("totp-enrol", PASSWORD);
    if (result.kind !== "ok") throw new Error("sign-in failed");
    const session = await sessionFor(result.token);
    const pending = await pendingTotpSecret(database.db, session);
    expect(await pendingTotpSecret(database.db, session)).toBe(pending);
    const code = currentTotp(pending, t0.getTime());
    expect(await completeTwoFactor(database.db, { session, code, now: t0, ...options })).toMatchObject({
      kind: "ok",
    });
    const [row] = await database.db.select().from(staffTable).where(eq(staffTable.id, member.id));
    expect(row).toMatchObject({ totpSecret: pending, totpEnabled: true });
    const entries = await auditRepository(database.db).list("kumamoto", { action: "auth.totp-enrol" });
    expect(entries.some((e) => e.actorStaffId === member.id && e.outcome === "success")).toBe(true);
  });
});
