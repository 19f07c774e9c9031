import type { Config } from "../config/config";
import type { Database } from "../db/database";
import { httpRegistry } from "./http-registry";
import { localRegistry } from "./local-registry";
import type { ResidentRegistryPort } from "./registry.port";

/** The registry the configuration names: the local copy by default, or the core system over HTTP. */
export function residentRegistryFor(
  config: Pick<Config, "REGISTRY_ADAPTER" | "REGISTRY_HTTP_URL" | "REGISTRY_HTTP_TOKEN">,
  database: Pick<Database, "db">,
): ResidentRegistryPort {
  if (config.REGISTRY_ADAPTER === "http") {
    // parseConfig refuses http without both; this guards configs built by hand (tests, tools).
    if (!config.REGISTRY_HTTP_URL || !config.REGISTRY_HTTP_TOKEN) {
      throw new Error("REGISTRY_ADAPTER=http needs REGISTRY_HTTP_URL and REGISTRY_HTTP_TOKEN");
    }
    return httpRegistry({ baseUrl: config.REGISTRY_HTTP_URL, token: config.REGISTRY_HTTP_TOKEN });
  }
  return localRegistry(database);
}
