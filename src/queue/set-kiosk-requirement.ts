import { auditRepository } from "../auth/audit.repository";
import type { Db } from "../db/database";
import { notFound } from "../shared/errors";
import type { KioskActor } from "./kiosk-device";
import { kioskDeviceRepository } from "./kiosk-device.repository";

export interface SetKioskRequirementOptions {
  municipalityId: string;
  officeId: string;
  required: boolean;
  actor: KioskActor;
  requestId?: string | null;
  ip?: string | null;
}

/** Turns the office's "only registered kiosk devices issue tickets" on or off, audited, in one transaction. */
export async function setKioskRequirement(db: Db, options: SetKioskRequirementOptions): Promise<void> {
  const { municipalityId, officeId, required, actor } = options;
  await db.transaction(async (tx) => {
    if (!(await kioskDeviceRepository(tx).setRequired(municipalityId, officeId, required))) throw notFound();
    await auditRepository(tx).record({
      municipalityId,
      action: "queue.kiosk-device.requirement",
      actorStaffId: actor.staffId,
      actorUsername: actor.username,
      officeId: actor.officeId,
      targetType: "office",
      targetId: officeId,
      detail: { kioskRequiresDevice: required },
      requestId: options.requestId,
      ip: options.ip,
    });
  });
}
