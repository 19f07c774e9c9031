import { auditRepository } from "../auth/audit.repository";
import type { Db } from "../db/database";
import { hashKioskSecret, type KioskActor, newKioskSecret, PAIRING_MINUTES } from "./kiosk-device";
import { kioskDeviceRepository } from "./kiosk-device.repository";

export interface RegisterKioskDeviceOptions {
  municipalityId: string;
  officeId: string;
  label: string;
  actor: KioskActor;
  requestId?: string | null;
  ip?: string | null;
  now: Date;
}

/**
 * Registers a kiosk device of an office and returns its one-time pairing code, which is shown once
 * and kept only as its SHA-256; the device and the audit entry are written in one transaction.
 */
export async function registerKioskDevice(
  db: Db,
  options: RegisterKioskDeviceOptions,
): Promise<{ deviceId: string; pairingCode: string; expiresAt: Date }> {
  const { municipalityId, officeId, label, actor, now } = options;
  const pairingCode = newKioskSecret();
  const expiresAt = new Date(now.getTime() + PAIRING_MINUTES * 60_000);
  return db.transaction(async (tx) => {
    const device = await kioskDeviceRepository(tx).insert({
      municipalityId,
      officeId,
      label,
      pairingHash: hashKioskSecret(pairingCode),
      pairingExpiresAt: expiresAt,
      createdBy: actor.staffId,
      createdAt: now,
    });
    await auditRepository(tx).record({
      municipalityId,
      action: "queue.kiosk-device.register",
      actorStaffId: actor.staffId,
      actorUsername: actor.username,
      officeId: actor.officeId,
      targetType: "kiosk_device",
      targetId: device.id,
      detail: { officeId, label },
      requestId: options.requestId,
      ip: options.ip,
    });
    return { deviceId: device.id, pairingCode, expiresAt };
  });
}
