// `npm run bench` runs every bench/*.bench.ts; `npm run bench -- guidance foundation` runs those named.
// Each prints its figures beside a baseline measured in the same run, as a ratio.
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(`${w}.`)))
  .sort();
if (files.length === 0) {
  console.error(`No benchmark matches: ${wanted.join(", ")}`);
  process.exit(2);
}
for (const file of files) {
  console.log(`\n## ${file.replace(".bench.ts", "")}`);
  const mod = (await import(pathToFileURL(join(here, file)).href)) as { default: () => Promise<void> };
  await mod.default();
}
