import { readFileSync } from "node:fs";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { yatsushiroSeed } from "../../test/support/app";
import { createTestDatabase, type TestDatabase } from "../../test/support/database";
import { AppError } from "../shared/errors";
import { kumamotoSeed } from "../tenancy/kumamoto.seed";
import { seedMunicipality } from "../tenancy/municipality-seed";
import { addStaff } from "./add-staff";
import { auditRepository } from "./audit.repository";
import { authRefusalCodes } from "./auth.errors";
import { sessions, staffRecoveryCodes, staff as staffTable } from "./auth.table";
import { completeTwoFactor } from "./complete-two-factor";
import { disableStaff } from "./disable-staff";
import { enableStaff } from "./enable-staff";
import { endSessions } from "./end-sessions";
import { listSessions } from "./list-sessions";
import { createRecoveryCodes, normaliseRecoveryCode, RECOVERY_CODE_COUNT } from "./recovery-codes";
import { resetPassword } from "./reset-password";
import { resetTotp } from "./reset-totp";
import { resolveSession, type SessionContext } from "./session";
import { signIn } from "./sign-in";
import { staffRepository } from "./staff.repository";
import type { StaffActionOptions } from "./staff-action";
import { currentTotp } from "./totp";
import { unlockStaff } from "./unlock-staff";

const PASSWORD = "a long enough password";
const SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
let database: TestDatabase;
let admin: { id: string; username: string };

beforeAll(async () => {
  database = await createTestDatabase();
  await seedMunicipality(database.db, kumamotoSeed);
  await seedMunicipality(database.db, yatsushiroSeed);
  admin = await makeStaff("lifecycle-admin", "admin");
});
afterAll(async () => {
  await database?.destroy();
});

async function makeStaff(
  username: string,
  role: "counter" | "supervisor" | "admin" = "counter",
  municipalityId = "kumamoto",
) {
  const { staff } = await addStaff(database.db, {
    municipalityId,
    username,
    displayName: username,
    role,
    officeCode: municipalityId === "kumamoto" ? "chuo" : "honcho",
    password: PASSWORD,
  });
  if (role !== "counter") {
    await staffRepository(database.db).setTotpSecret(municipalityId, staff.id, SECRET);
    await staffRepository(database.db).enableTotp(municipalityId, staff.id);
  }
  return staff;
}

const byAdmin = (id: string, municipalityId = "kumamoto"): StaffActionOptions => ({
  municipalityId,
  target: { id },
  actor: { staffId: admin.id, username: admin.username },
  requestId: "req-lifecycle",
});

const attempt = (username: string, password = PASSWORD, now = new Date()) =>
  signIn(database.db, { username, password, now, idleMinutes: 30, lockoutThreshold: 3, lockoutMinutes: 15 });

async function openSession(username: string): Promise<string> {
  const result = await attempt(username);
  if (result.kind !== "ok") throw new Error(`sign-in is ${result.kind}`);
  return result.token;
}

async function sessionOf(token: string): Promise<SessionContext> {
  const resolved = await resolveSession(database.db, token, new Date());
  if (resolved.kind !== "ok") throw new Error(`session is ${resolved.kind}`);
  return resolved.session;
}

const rowOf = async (id: string) =>
  (await database.db.select().from(staffTable).where(eq(staffTable.id, id)))[0];
const sessionCount = async (id: string) =>
  (await database.db.select().from(sessions).where(eq(sessions.staffId, id))).length;
const auditOf = async (action: string, targetId: string) =>
  (await auditRepository(database.db).list("kumamoto", { action, limit: 500 })).filter(
    (e) => e.targetId === targetId,
  );

describe("disableStaff", () => {
  it("disables the account, deletes its sessions in the same step, and audits it", async () => {
    const member = await makeStaff("lifecycle-disable");
    const first = await openSession(member.username);
    await openSession(member.username);
    expect(await sessionCount(member.id)).toBe(2);

    expect(await disableStaff(database.db, byAdmin(member.id))).toEqual({ sessionsEnded: 2 });
    expect((await rowOf(member.id))?.disabled).toBe(true);
    expect(await sessionCount(member.id)).toBe(0);
    expect((await resolveSession(database.db, first, new Date())).kind).toBe("none");
    expect((await attempt(member.username)).kind).toBe("invalid");
    expect(await auditOf("staff.disable", member.id)).toEqual([
      expect.objectContaining({
        outcome: "success",
        actorStaffId: admin.id,
        actorUsername: admin.username,
        targetType: "staff",
        requestId: "req-lifecycle",
        detail: { username: member.username, sessionsEnded: 2, wasDisabled: false },
      }),
    ]);
  });

  it("lets session lookup refuse a disabled account's session even if a row were left", async () => {
    const member = await makeStaff("lifecycle-disabled-row");
    const token = await openSession(member.username);
    // Only the flag, not the rows: lookup itself must refuse the session.
    await staffRepository(database.db).setDisabled("kumamoto", member.id, true);
    expect((await resolveSession(database.db, token, new Date())).kind).toBe("expired");
  });

  it("refuses an administrator disabling themselves, changes nothing and audits the refusal", async () => {
    const error = await disableStaff(database.db, byAdmin(admin.id)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).reason).toBe("auth.cannotDisableSelf");
    expect((await rowOf(admin.id))?.disabled).toBe(false);
    expect(await auditOf("staff.disable", admin.id)).toEqual([
      expect.objectContaining({ outcome: "denied", detail: { reason: "auth.cannotDisableSelf" } }),
    ]);
  });

  it("does not find an account of another municipality", async () => {
    const other = await makeStaff("lifecycle-yatsushiro", "counter", "yatsushiro");
    const error = await disableStaff(database.db, byAdmin(other.id)).catch((e: unknown) => e);
    expect((error as AppError).code).toBe("NOT_FOUND");
    expect((await rowOf(other.id))?.disabled).toBe(false);
    const byName = await disableStaff(database.db, {
      ...byAdmin(other.id),
      target: { username: other.username },
    }).catch((e: unknown) => e);
    expect((byName as AppError).reason).toBe("auth.unknownStaff");
  });
});

describe("enableStaff", () => {
  it("lets a disabled account sign in again and audits it", async () => {
    const member = await makeStaff("lifecycle-enable");
    await disableStaff(database.db, byAdmin(member.id));
    await enableStaff(database.db, { ...byAdmin(member.id), target: { username: member.username } });
    expect((await attempt(member.username)).kind).toBe("ok");
    expect(await auditOf("staff.enable", member.id)).toEqual([
      expect.objectContaining({
        outcome: "success",
        detail: { username: member.username, wasDisabled: true },
      }),
    ]);
  });
});

describe("resetPassword", () => {
  it("makes a one-time password that signs in, retires the old one, ends sessions, and never audits the password", async () => {
    const member = await makeStaff("lifecycle-password");
    const token = await openSession(member.username);
    const result = await resetPassword(database.db, byAdmin(member.id));
    expect(result).toMatchObject({ username: member.username, sessionsEnded: 1 });
    expect(result.password).toMatch(/^[A-HJ-NP-Za-km-z2-9]{20}$/);
    expect((await resolveSession(database.db, token, new Date())).kind).toBe("none");
    expect((await attempt(member.username)).kind).toBe("invalid");
    const signedIn = await attempt(member.username, result.password);
    expect(signedIn).toMatchObject({ kind: "ok", mustChangePassword: true });
    if (signedIn.kind === "ok") expect((await sessionOf(signedIn.token)).stage).toBe("password-change");
    expect((await rowOf(member.id))?.passwordHash.startsWith("$argon2id$")).toBe(true);
    const [entry] = await auditOf("staff.reset-password", member.id);
    expect(entry).toMatchObject({ outcome: "success", detail: { generated: true, sessionsEnded: 1 } });
    expect(JSON.stringify(entry)).not.toContain(result.password);
  });

  it("sets a given password and refuses one shorter than 12 characters", async () => {
    const member = await makeStaff("lifecycle-password-given");
    await resetPassword(database.db, { ...byAdmin(member.id), password: "another long password" });
    expect((await attempt(member.username, "another long password")).kind).toBe("ok");
    const error = await resetPassword(database.db, { ...byAdmin(member.id), password: "short" }).catch(
      (e: unknown) => e,
    );
    expect((error as AppError).problems).toEqual([{ path: "password", code: "auth.passwordTooShort" }]);
  });
});

describe("unlockStaff", () => {
  it("lifts a lock-out so the right password signs in at once, and audits it", async () => {
    const member = await makeStaff("lifecycle-unlock");
    for (let i = 0; i < 3; i++) await attempt(member.username, "wrong password!");
    expect((await attempt(member.username)).kind).toBe("locked");
    await unlockStaff(database.db, byAdmin(member.id));
    expect(await rowOf(member.id)).toMatchObject({ failedAttempts: 0, lockedUntil: null });
    expect((await attempt(member.username)).kind).toBe("ok");
    const [entry] = await auditOf("staff.unlock", member.id);
    expect(entry?.detail).toMatchObject({ failedAttempts: 3 });
  });
});

describe("listSessions and endSessions", () => {
  it("lists open sessions without their tokens, ends them all, and audits both", async () => {
    const member = await makeStaff("lifecycle-sessions");
    const token = await openSession(member.username);
    await openSession(member.username);
    const list = await listSessions(database.db, { ...byAdmin(member.id), now: new Date(), idleMinutes: 30 });
    expect(list).toHaveLength(2);
    expect(Object.keys(list[0] ?? {}).sort()).toEqual([
      "createdAt",
      "expiresAt",
      "ip",
      "lastSeenAt",
      "stage",
      "userAgent",
    ]);
    expect(JSON.stringify(list)).not.toContain(token);
    expect(await endSessions(database.db, byAdmin(member.id))).toEqual({ sessionsEnded: 2 });
    expect(await sessionCount(member.id)).toBe(0);
    expect((await attempt(member.username)).kind).toBe("ok");
    expect(await auditOf("staff.sessions.read", member.id)).toHaveLength(1);
    expect(await auditOf("staff.end-sessions", member.id)).toEqual([
      expect.objectContaining({ detail: { username: member.username, sessionsEnded: 2 } }),
    ]);
  });
});

const codeStep = (session: SessionContext, code: string, now = new Date()) =>
  completeTwoFactor(database.db, {
    session,
    code,
    now,
    idleMinutes: 30,
    lockoutThreshold: 5,
    lockoutMinutes: 15,
  });

describe("recovery codes", () => {
  it("makes ten codes shown once and keeps only their hashes", async () => {
    const member = await makeStaff("lifecycle-codes", "supervisor");
    const codes = await createRecoveryCodes(database.db, {
      ...byAdmin(member.id),
      actor: { staffId: member.id, username: member.username },
    });
    expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(codes).size).toBe(RECOVERY_CODE_COUNT);
    for (const code of codes) expect(code).toMatch(/^[A-HJ-NP-Z2-9]{4}(-[A-HJ-NP-Z2-9]{4}){3}$/);
    const rows = await database.db
      .select()
      .from(staffRecoveryCodes)
      .where(eq(staffRecoveryCodes.staffId, member.id));
    expect(rows).toHaveLength(RECOVERY_CODE_COUNT);
    const stored = JSON.stringify(rows);
    for (const code of codes) {
      expect(stored).not.toContain(code);
      expect(stored).not.toContain(normaliseRecoveryCode(code));
    }
    expect(await auditOf("auth.recovery-codes.create", member.id)).toEqual([
      expect.objectContaining({ actorStaffId: member.id, detail: { username: member.username, count: 10 } }),
    ]);
  });

  it("refuses codes for an account without two-step verification", async () => {
    const member = await makeStaff("lifecycle-codes-counter");
    const error = await createRecoveryCodes(database.db, byAdmin(member.id)).catch((e: unknown) => e);
    expect((error as AppError).reason).toBe("auth.recoveryCodesNeedTotp");
  });

  it("accepts a recovery code once in place of a TOTP code, however it is typed", async () => {
    const member = await makeStaff("lifecycle-codes-use", "supervisor");
    const codes = await createRecoveryCodes(database.db, byAdmin(member.id));
    const code = codes[0] as string;
    const typed = ` ${code.toLowerCase().replace(/-/g, " ")} `;
    const first = await codeStep(await sessionOf(await openSession(member.username)), typed);
    expect(first).toMatchObject({ kind: "ok", enrolled: false });
    const entries = (
      await auditRepository(database.db).list("kumamoto", { action: "auth.recovery-code" })
    ).filter((e) => e.actorStaffId === member.id);
    expect(entries).toEqual([expect.objectContaining({ outcome: "success", detail: { remaining: 9 } })]);

    const again = await codeStep(await sessionOf(await openSession(member.username)), code);
    expect(again).toEqual({ kind: "invalid" });
    const failures = (await auditRepository(database.db).list("kumamoto", { action: "auth.totp" })).filter(
      (e) => e.actorStaffId === member.id && e.outcome === "failure",
    );
    expect(failures[0]?.detail).toMatchObject({ reason: "recovery-code", failedAttempts: 1 });
  });

  it("lets exactly one of two parallel uses of the same code through", async () => {
    const member = await makeStaff("lifecycle-codes-race", "supervisor");
    const [code] = await createRecoveryCodes(database.db, byAdmin(member.id));
    const a = await sessionOf(await openSession(member.username));
    const b = await sessionOf(await openSession(member.username));
    const results = await Promise.all([codeStep(a, code as string), codeStep(b, code as string)]);
    expect(results.filter((r) => r.kind === "ok")).toHaveLength(1);
  });

  it("are not accepted while enrolling, where only the new authenticator's code counts", async () => {
    const member = await makeStaff("lifecycle-codes-enrol", "supervisor");
    const [code] = await createRecoveryCodes(database.db, byAdmin(member.id));
    await resetTotp(database.db, byAdmin(member.id));
    await staffRepository(database.db).setTotpSecret("kumamoto", member.id, SECRET);
    const session = await sessionOf(await openSession(member.username));
    expect(session.stage).toBe("totp-setup");
    expect(await codeStep(session, code as string)).toEqual({ kind: "invalid" });
    expect(await codeStep(session, currentTotp(SECRET))).toMatchObject({ kind: "ok", enrolled: true });
  });
});

describe("resetTotp", () => {
  it("forgets the key and the recovery codes, ends sessions, and sends the next sign-in to enrolment", async () => {
    const member = await makeStaff("lifecycle-reset-totp", "admin");
    const codes = await createRecoveryCodes(database.db, byAdmin(member.id));
    await openSession(member.username);
    expect(await resetTotp(database.db, byAdmin(member.id))).toEqual({ sessionsEnded: 1 });
    expect(await rowOf(member.id)).toMatchObject({
      totpSecret: null,
      totpEnabled: false,
      totpLastStep: null,
    });
    const rows = await database.db
      .select()
      .from(staffRecoveryCodes)
      .where(eq(staffRecoveryCodes.staffId, member.id));
    expect(rows).toEqual([]);
    const session = await sessionOf(await openSession(member.username));
    expect(session.stage).toBe("totp-setup");
    expect(await codeStep(session, codes[0] as string)).toEqual({ kind: "invalid" });
    expect(await auditOf("staff.reset-totp", member.id)).toEqual([
      expect.objectContaining({
        detail: { username: member.username, wasEnrolled: true, recoveryCodesDeleted: 10, sessionsEnded: 1 },
      }),
    ]);
  });
});

describe("refusal messages", () => {
  it("have text in Japanese and English", () => {
    for (const lang of ["ja", "en"]) {
      const catalogue = JSON.parse(
        readFileSync(new URL(`../../locales/${lang}/auth.json`, import.meta.url), "utf8"),
      ) as Record<string, string>;
      for (const code of authRefusalCodes)
        expect(catalogue[code.replace(/^auth\./, "")], `${lang} ${code}`).toBeTruthy();
    }
  });
});
