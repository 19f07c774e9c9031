import type { Db } from "../db/database";
import { effectiveState, hashToken, TOKEN, transition } from "./pre-application";
import { preApplicationRepository } from "./pre-application.repository";
import { refuse } from "./preapply.errors";

export interface WithdrawPreApplicationOptions {
  token: string;
  now: Date;
}

/**
 * The resident takes their pre-application back (from the page their QR opens): its household is
 * cleared at once and the code no longer opens anything. Only a submitted, unexpired entry can be.
 */
export async function withdrawPreApplication(
  db: Db,
  { token, now }: WithdrawPreApplicationOptions,
): Promise<void> {
  if (!TOKEN.test(token)) throw refuse("codeUnknown");
  await db.transaction(async (tx) => {
    const repo = preApplicationRepository(tx);
    const row = await repo.lockByTokenHash(hashToken(token));
    if (!row) throw refuse("codeUnknown");
    if (!transition(effectiveState(row, now), "withdrawn").ok) throw refuse("notWithdrawable");
    await repo.markWithdrawn(row.id, now);
  });
}
