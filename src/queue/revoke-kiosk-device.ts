import { auditRepository } from "../auth/audit.repository";
import type { Db } from "../db/database";
import { notFound } from "../shared/errors";
import type { KioskActor } from "./kiosk-device";
import { kioskDeviceRepository } from "./kiosk-device.repository";

export interface RevokeKioskDeviceOptions {
  municipalityId: string;
  officeId: string;
  deviceId: string;
  actor: KioskActor;
  requestId?: string | null;
  ip?: string | null;
  now: Date;
}

/** Revokes a kiosk device (its token stops working at once) and audits it, in one transaction. */
export async function revokeKioskDevice(db: Db, options: RevokeKioskDeviceOptions): Promise<void> {
  const { municipalityId, officeId, deviceId, actor, now } = options;
  await db.transaction(async (tx) => {
    const revoked = await kioskDeviceRepository(tx).revoke(
      municipalityId,
      officeId,
      deviceId,
      actor.staffId,
      now,
    );
    if (!revoked) throw notFound();
    await auditRepository(tx).record({
      municipalityId,
      action: "queue.kiosk-device.revoke",
      actorStaffId: actor.staffId,
      actorUsername: actor.username,
      officeId: actor.officeId,
      targetType: "kiosk_device",
      targetId: deviceId,
      detail: { officeId, label: revoked.label },
      requestId: options.requestId,
      ip: options.ip,
    });
  });
}
