import type { Logger } from "pino";
import type { Config } from "../config/config";
import type { Database } from "../db/database";
import type { DestinationCatalog } from "./destination.schema";
import { destinationCatalog, loadDestinationsFile, useDestinationCatalog } from "./destination-catalog";
import { buildDestinations, destinationSettings } from "./destinations";
import type { RetryPolicy } from "./retry-policy";
import { createHandoffWorker, type HandoffWorker } from "./worker";

/**
 * Makes HANDOFF_DESTINATIONS_FILE, when set, this process's destination catalogue; a file that cannot
 * be read or does not validate stops the start with every problem listed. Returns the catalogue.
 */
export function configureHandoff(config: Config): DestinationCatalog {
  if (config.HANDOFF_DESTINATIONS_FILE)
    useDestinationCatalog(loadDestinationsFile(config.HANDOFF_DESTINATIONS_FILE));
  return destinationCatalog();
}

export function retryPolicyOf(config: Config): RetryPolicy {
  return {
    minDelayMs: config.HANDOFF_RETRY_MIN_MS,
    maxDelayMs: config.HANDOFF_RETRY_MAX_MS,
    factor: 2,
    jitter: 0.2,
    maxAttempts: config.HANDOFF_MAX_ATTEMPTS,
  };
}

/** The delivery worker as configured: the server runs one inside, `madoguchi worker` runs one per process. */
export function createConfiguredWorker(
  config: Config,
  database: Database,
  catalog: DestinationCatalog,
  logger: Logger,
): HandoffWorker {
  return createHandoffWorker({
    database,
    destinations: buildDestinations(catalog, destinationSettings(config)),
    logger,
    policy: retryPolicyOf(config),
    concurrency: config.HANDOFF_CONCURRENCY,
    pollMs: config.HANDOFF_POLL_MS,
    leaseMs: config.HANDOFF_LEASE_MS,
  });
}
