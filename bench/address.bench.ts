// Issue 16 figures: postal code → address and bank/branch code → name from packaged data. Each data set
// is read on its first lookup; measured in a fresh process: that first lookup's time beside a plain
// JSON.parse of the same files (the least any loader does), the heap the data keeps beside its size on
// disk, and warm lookups beside a Map.get of the same keys. `npm run bench -- address`.
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { fmt } from "./support";

interface Cold {
  found: boolean;
  postalFirstMs: number;
  postalParseMs: number;
  postalBytes: number;
  postalHeapMiB: number;
  bankFirstMs: number;
  bankParseMs: number;
  bankBytes: number;
  bankHeapMiB: number;
  postalWarmNs: number;
  mapNs: number;
  codes: number;
  bankWarmNs: number;
  rssMiB: number;
}

export default async function run(): Promise<void> {
  const out = execFileSync(
    process.execPath,
    ["--expose-gc", "--import", "tsx", join(import.meta.dirname, "address-cold.ts")],
    { encoding: "utf8" },
  );
  const r = JSON.parse(out.trim().split("\n").at(-1) ?? "{}") as Cold;
  if (!r.found) throw new Error("address bench: the lookups did not find 860-0806 or bank 0001 branch 001");
  const mib = (bytes: number) => fmt(bytes / 2 ** 20, 1);
  console.log(
    `first postal lookup (loads the data): ${fmt(r.postalFirstMs, 1)} ms (JSON.parse of its ${mib(r.postalBytes)} MiB baseline ${fmt(r.postalParseMs, 1)} ms, ${fmt(r.postalFirstMs / r.postalParseMs, 1)}×)`,
  );
  console.log(
    `first bank lookup (loads the data): ${fmt(r.bankFirstMs, 1)} ms (JSON.parse of its ${mib(r.bankBytes)} MiB baseline ${fmt(r.bankParseMs, 1)} ms, ${fmt(r.bankFirstMs / r.bankParseMs, 1)}×)`,
  );
  console.log(
    `heap kept: postal ${fmt(r.postalHeapMiB, 1)} MiB (${mib(r.postalBytes)} MiB on disk), banks ${fmt(r.bankHeapMiB, 1)} MiB (${mib(r.bankBytes)} MiB on disk); process RSS ${fmt(r.rssMiB)} MiB`,
  );
  console.log(
    `warm postal lookup: ${fmt(r.postalWarmNs)} ns over all ${fmt(r.codes)} codes (Map.get baseline ${fmt(r.mapNs)} ns); warm bank lookup ${fmt(r.bankWarmNs)} ns`,
  );
}
