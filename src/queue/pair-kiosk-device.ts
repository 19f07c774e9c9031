import { auditRepository } from "../auth/audit.repository";
import type { Db } from "../db/database";
import { hashKioskSecret, KIOSK_SECRET, newKioskSecret } from "./kiosk-device";
import { kioskDeviceRepository } from "./kiosk-device.repository";

export interface PairKioskDeviceOptions {
  pairingCode: string;
  requestId?: string | null;
  ip?: string | null;
  now: Date;
}

/**
 * Spends a pairing code: in one transaction, under the device's row lock, the code's hash is swapped
 * for a new device token's, so a code pairs one browser once (a second request finds no code). Returns
 * the token for the browser's cookie and the device's office, or undefined for a code that is unknown,
 * spent, expired or revoked.
 */
export async function pairKioskDevice(
  db: Db,
  options: PairKioskDeviceOptions,
): Promise<{ token: string; officeId: string } | undefined> {
  const { pairingCode, now } = options;
  if (!KIOSK_SECRET.test(pairingCode)) return undefined;
  const pairingHash = hashKioskSecret(pairingCode);
  return db.transaction(async (tx) => {
    const repo = kioskDeviceRepository(tx);
    const device = await repo.findPairable(pairingHash, now, true);
    if (!device) return undefined;
    const token = newKioskSecret();
    if (!(await repo.pair(device.id, pairingHash, hashKioskSecret(token), now))) return undefined;
    await auditRepository(tx).record({
      municipalityId: device.municipalityId,
      action: "queue.kiosk-device.pair",
      targetType: "kiosk_device",
      targetId: device.id,
      detail: { officeId: device.officeId },
      requestId: options.requestId,
      ip: options.ip,
    });
    return { token, officeId: device.officeId };
  });
}
