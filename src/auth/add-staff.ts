import type { DbOrTx } from "../db/database";
import { AppError, type Problem } from "../shared/errors";
import { tenancyRepository } from "../tenancy/tenancy.repository";
import { auditRepository } from "./audit.repository";
import type { StaffRole } from "./auth.table";
import { generatePassword, hashPassword } from "./password";
import { type Staff, staffRepository } from "./staff.repository";

export interface AddStaffOptions {
  municipalityId: string;
  username: string;
  displayName: string;
  role: StaffRole;
  officeCode: string;
  /** When absent a random password is made and returned once; it is never stored in clear. */
  password?: string;
  actor?: { staffId?: string; username: string };
}

/** Creates a staff account in one transaction and returns it with the password to hand over. */
export async function addStaff(
  db: DbOrTx,
  options: AddStaffOptions,
): Promise<{ staff: Staff; password: string }> {
  const problems: Problem[] = [];
  if (!/^[a-z0-9][a-z0-9._-]{2,63}$/.test(options.username)) {
    problems.push({
      path: "username",
      code: "auth.usernameFormat",
    });
  }
  if (options.password !== undefined && options.password.length < 12) {
    problems.push({
      path: "password",
      code: "auth.passwordTooShort",
    });
  }
  const office = await tenancyRepository(db).findOfficeByCode(options.municipalityId, options.officeCode);
  if (!office) {
    problems.push({
      path: "office",
      code: "auth.unknownOffice",
      params: { office: options.officeCode },
    });
  }
  if (await staffRepository(db).usernameExists(options.username)) {
    problems.push({
      path: "username",
      code: "auth.usernameTaken",
      params: { username: options.username },
    });
  }
  if (problems.length > 0 || !office) throw new AppError("VALIDATION", problems);
  const password = options.password ?? generatePassword();
  const created = await db.transaction(async (tx) => {
    const member = await staffRepository(tx).insert({
      municipalityId: options.municipalityId,
      username: options.username,
      displayName: options.displayName.normalize("NFKC"),
      role: options.role,
      officeId: office.id,
      passwordHash: await hashPassword(password),
    });
    await auditRepository(tx).record({
      municipalityId: options.municipalityId,
      action: "staff.create",
      actorStaffId: options.actor?.staffId ?? null,
      actorUsername: options.actor?.username ?? "cli",
      targetType: "staff",
      targetId: member.id,
      officeId: office.id,
      detail: { username: member.username, role: member.role },
    });
    return member;
  });
  return { staff: created, password };
}
