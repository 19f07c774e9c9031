import { eq } from "drizzle-orm";
import { addStaff } from "../auth/add-staff";
import type { StaffRole } from "../auth/auth.table";
import { staff } from "../auth/auth.table";
import type { DbOrTx } from "../db/database";
import { seedDemoManual } from "../manual/seed-manual";
import { seedDemoQueue } from "../queue/queue.seed";
import { seedReservationRules } from "../reservations/reservation.seed";
import { kumamotoSeed } from "./kumamoto.seed";
import { seedMunicipality } from "./municipality-seed";
import { municipalities } from "./tenancy.table";

export interface DemoAccount {
  username: string;
  role: StaffRole;
  password: string;
}

const demoAccounts: Array<{ username: string; displayName: string; role: StaffRole }> = [
  { username: "kumamoto-counter", displayName: "窓口 一郎", role: "counter" },
  { username: "kumamoto-supervisor", displayName: "監督 花子", role: "supervisor" },
  { username: "kumamoto-admin", displayName: "管理 太郎", role: "admin" },
];

/**
 * Sets up the Kumamoto demo tenant. Accounts are made only when the tenant has none, each with a
 * random password returned here to be printed once: there is never a fixed default password.
 */
export async function seedDemo(db: DbOrTx): Promise<DemoAccount[]> {
  // Later starts find the tenant and its accounts and cost two queries, not the whole seed.
  const [tenant] = await db
    .select({ id: municipalities.id })
    .from(municipalities)
    .where(eq(municipalities.id, kumamotoSeed.id));
  if (!tenant) await seedMunicipality(db, kumamotoSeed);
  // The ward offices' queue (purposes, bands, counters, hours): first start only, one query later.
  await seedDemoQueue(db, kumamotoSeed.id);
  // The manual and FAQ from content/manual/kumamoto, when the folder is there (src/manual/seed-manual.ts).
  await seedDemoManual(db, kumamotoSeed.id);
  // Booking rules of the ward offices' purposes (src/reservations): first start only, one query later.
  await seedReservationRules(db, kumamotoSeed.id);
  const existing = await db
    .select({ id: staff.id })
    .from(staff)
    .where(eq(staff.municipalityId, kumamotoSeed.id));
  if (existing.length > 0) return [];
  const created: DemoAccount[] = [];
  for (const account of demoAccounts) {
    const { password } = await addStaff(db, {
      municipalityId: kumamotoSeed.id,
      username: account.username,
      displayName: account.displayName,
      role: account.role,
      officeCode: "chuo",
      actor: { username: "seed" },
    });
    created.push({ username: account.username, role: account.role, password });
  }
  return created;
}
