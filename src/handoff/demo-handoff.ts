import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Config } from "../config/config";
import type { DestinationCatalog } from "./destination.schema";
import { createReferenceReceiver, type ReferenceReceiver } from "./reference-receiver";
import { MIN_SECRET_LENGTH } from "./signature";

/** The demo tenants whose HTTP core systems run on this machine when nobody configured them. */
const DEMO_MUNICIPALITIES = ["kumamoto"];
const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);

export interface DemoHandoff {
  /** The configuration with the generated secrets added to HANDOFF_SECRETS. */
  config: Config;
  /** One line per receiver started, for the console. */
  lines: string[];
  close(): Promise<void>;
}

/**
 * The demo tenant's hand-off, working out of the box. For each HTTP destination of a demo municipality
 * that has no secret in HANDOFF_SECRETS and points at this machine, a secret is generated once (kept
 * in DATA_DIR/handoff/demo-secrets.json, readable by the owner only) and the reference receiver
 * (docs/handoff.md) listens at the destination's address, keeping its applied keys beside it. A
 * destination with a secret of its own, or pointing elsewhere, is left as configured: a real
 * misconfiguration is then reported in plain words at start and on the hand-off page.
 */
export async function startDemoHandoff(config: Config, catalog: DestinationCatalog): Promise<DemoHandoff> {
  const secrets = { ...(config.HANDOFF_SECRETS ?? {}) };
  const dir = join(config.DATA_DIR, "handoff");
  const file = join(dir, "demo-secrets.json");
  let kept: Record<string, string> = {};
  try {
    kept = JSON.parse(readFileSync(file, "utf8")) as Record<string, string>;
  } catch {}
  const receivers: ReferenceReceiver[] = [];
  const lines: string[] = [];
  let changed = false;
  for (const municipalityId of DEMO_MUNICIPALITIES) {
    for (const d of catalog.municipalities[municipalityId]?.destinations ?? []) {
      if (d.kind !== "http") continue;
      const name = `${municipalityId}/${d.id}`;
      const url = new URL(d.url);
      if (secrets[name] || !LOOPBACK.has(url.hostname)) continue;
      let secret = kept[name];
      if (!secret || secret.length < MIN_SECRET_LENGTH) {
        secret = randomBytes(32).toString("base64url");
        kept[name] = secret;
        changed = true;
      }
      const receiver = createReferenceReceiver({
        secrets: [secret],
        keysFile: join(dir, "demo-receiver", `${d.id}.keys`),
      });
      try {
        await receiver.listen(Number(url.port || 80), url.hostname.replace(/^\[|\]$/g, ""));
      } catch {
        // The port is taken (another receiver runs there): the secret is still the one it should use.
        await receiver.close().catch(() => {});
        lines.push(
          `デモの連携先 ${name} の受信側を ${url.host} で起動できませんでした（使用中）。 / Could not start the demo receiver for ${name} at ${url.host} (in use).`,
        );
        secrets[name] = secret;
        continue;
      }
      receivers.push(receiver);
      secrets[name] = secret;
      lines.push(
        `デモの連携先 ${name} の受信側を ${url.origin} で起動しました。 / Started the demo receiver for ${name} at ${url.origin}.`,
      );
    }
  }
  if (changed) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, `${JSON.stringify(kept, null, 2)}\n`, { mode: 0o600 });
  }
  return {
    config: { ...config, HANDOFF_SECRETS: secrets },
    lines,
    close: async () => {
      await Promise.all(receivers.map((r) => r.close()));
    },
  };
}
