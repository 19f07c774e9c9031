/**
 * `npm run lint:openapi`: builds the app (on an in-memory database that is never queried; nothing
 * listens), writes its OpenAPI document to a temporary file and lints it with Redocly (redocly.yaml).
 * `--out FILE` keeps the document there instead. Redocly runs offline: no telemetry, no update check.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import pino from "pino";
import { defaultConfig } from "../src/config/config";
import { openDatabase } from "../src/db/database";
import { openApiInfo } from "../src/web/api";
import { createApp } from "../src/web/app";

const root = resolve(fileURLToPath(new URL("..", import.meta.url)));
const outIndex = process.argv.indexOf("--out");
const kept = outIndex >= 0 ? process.argv[outIndex + 1] : undefined;
const dir = kept ? undefined : mkdtempSync(join(tmpdir(), "madoguchi-openapi-"));
const file = kept ? resolve(kept) : join(dir ?? "", "openapi.json");

const database = await openDatabase({ kind: "pglite" });
try {
  const app = createApp({
    database,
    config: defaultConfig({ DEMO_SEED: false }),
    logger: pino({ level: "silent" }),
  });
  writeFileSync(file, `${JSON.stringify(app.getOpenAPIDocument(openApiInfo), null, 2)}\n`);
} finally {
  await database.close();
}

const result = spawnSync(
  join(root, "node_modules", ".bin", "redocly"),
  ["lint", file, "--config", join(root, "redocly.yaml"), "--format", "codeframe"],
  {
    stdio: "inherit",
    env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true", NO_COLOR: "1" },
  },
);
if (dir) rmSync(dir, { recursive: true, force: true });
process.exitCode = result.status ?? 1;
