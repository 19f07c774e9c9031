import { createHash, randomBytes } from "node:crypto";
import type { DbOrTx } from "../db/database";
import { kioskDeviceRepository } from "./kiosk-device.repository";

/** How long a pairing code opens the pairing page after it was shown to the supervisor. */
export const PAIRING_MINUTES = 30;

/** 256 random bits, URL-safe: a pairing code or a device token. */
export const newKioskSecret = (): string => randomBytes(32).toString("base64url");
export const hashKioskSecret = (secret: string): string => createHash("sha256").update(secret).digest("hex");
/** What a secret of newKioskSecret looks like; anything else is refused before any query. */
export const KIOSK_SECRET = /^[A-Za-z0-9_-]{43}$/;

/** Who acts on a device, for the audit log. */
export interface KioskActor {
  staffId: string;
  username: string;
  officeId: string | null;
}

/**
 * Whether the browser's device token (from its cookie) belongs to a paired, unrevoked device of this
 * office. With `issuing`, a device that passes is marked as used now, for the list's "last ticket".
 */
export async function isRegisteredKiosk(
  db: DbOrTx,
  options: { officeId: string; token: string | undefined; now: Date; issuing?: boolean },
): Promise<boolean> {
  const { officeId, token, now, issuing = false } = options;
  if (!token || !KIOSK_SECRET.test(token)) return false;
  const repo = kioskDeviceRepository(db);
  const device = await repo.findActive(officeId, hashKioskSecret(token));
  if (!device) return false;
  if (issuing) await repo.touch(device.id, now);
  return true;
}
