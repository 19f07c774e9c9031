import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { isAbsolute, join, resolve } from "node:path";
import type { Config } from "../config/config";
import type { DestinationCatalog, DestinationConfig } from "./destination.schema";
import { checkFolder, dropRecord } from "./file-drop";
import { postRecord } from "./http-destination";
import type { HandoffRecord } from "./record";
import type { AttemptOutcome } from "./retry-policy";
import { MIN_SECRET_LENGTH } from "./signature";

/** How the destinations of the catalogue are reached on this installation (from the config). */
export interface DestinationSettings {
  dropDir: string;
  secrets: Record<string, string>;
  httpTimeoutMs: number;
}

export function destinationSettings(config: Config): DestinationSettings {
  return {
    dropDir: resolve(config.HANDOFF_DROP_DIR ?? join(config.DATA_DIR, "handoff")),
    secrets: config.HANDOFF_SECRETS ?? {},
    httpTimeoutMs: config.HANDOFF_HTTP_TIMEOUT_MS,
  };
}

/** One configured destination of one municipality, ready to deliver. */
export interface Destination {
  municipalityId: string;
  config: DestinationConfig;
  /** `${municipalityId}/${id}`: the name used in HANDOFF_SECRETS and in logs. */
  name: string;
  /** The folder or the URL, for people. */
  target: string;
  /** Null when usable; else why not. `create` lets a file drop make its folder. */
  check(options: { create: boolean }): Promise<string | null>;
  deliver(
    record: HandoffRecord,
    context: { now: Date; signal?: AbortSignal; userAgent?: string },
  ): Promise<AttemptOutcome>;
}

async function checkHost(url: string): Promise<string | null> {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, "");
  if (isIP(host) !== 0) return null;
  try {
    await lookup(host);
    return null;
  } catch (error) {
    return `unknown host ${host} (${(error as NodeJS.ErrnoException).code ?? "lookup failed"})`;
  }
}

export function buildDestinations(catalog: DestinationCatalog, settings: DestinationSettings): Destination[] {
  const out: Destination[] = [];
  for (const [municipalityId, { destinations }] of Object.entries(catalog.municipalities)) {
    for (const config of destinations) {
      const name = `${municipalityId}/${config.id}`;
      if (config.kind === "file") {
        const folder = isAbsolute(config.folder) ? config.folder : join(settings.dropDir, config.folder);
        const target = { folder, encoding: config.encoding, layout: config.layout };
        out.push({
          municipalityId,
          config,
          name,
          target: folder,
          check: ({ create }) => checkFolder(folder, create),
          deliver: (record, context) => dropRecord(target, record, context.now),
        });
      } else {
        const secret = settings.secrets[name];
        const timeoutMs = config.timeoutMs ?? settings.httpTimeoutMs;
        out.push({
          municipalityId,
          config,
          name,
          target: config.url,
          check: async () => {
            if (!secret) return `no secret: set HANDOFF_SECRETS["${name}"]`;
            if (secret.length < MIN_SECRET_LENGTH)
              return `the secret in HANDOFF_SECRETS["${name}"] is shorter than ${MIN_SECRET_LENGTH} characters`;
            return checkHost(config.url);
          },
          deliver: (record, context) =>
            postRecord({
              url: config.url,
              secret: secret ?? "",
              timeoutMs,
              record,
              now: context.now,
              ...(context.signal ? { signal: context.signal } : {}),
              ...(context.userAgent ? { userAgent: context.userAgent } : {}),
            }),
        });
      }
    }
  }
  return out;
}
