import { serve } from "@hono/node-server";
import { sessionRepository } from "./auth/session.repository";
import type { Config } from "./config/config";
import { type Database, openDatabase } from "./db/database";
import { startDemoHandoff } from "./handoff/demo-handoff";
import { configureHandoff, createConfiguredWorker } from "./handoff/start-handoff";
import { describeProblems } from "./handoff/worker-command";
import { refreshAllKpiRollups } from "./kpi/kpi-rollups.repository";
import { warmManual } from "./manual/warm-manual";
import { purgePreApplications } from "./preapply/purge-pre-applications";
import { seedDemoRegistry } from "./registry/generate-registry";
import { todayInJapan } from "./registry/resident";
import { createNotifier } from "./reservations/notifier";
import { reservationHousekeeping } from "./reservations/reservation-housekeeping";
import { reminderComposer } from "./reservations/reservations-shared.routes";
import { createLogger } from "./shared/logger";
import { kumamotoSeed } from "./tenancy/kumamoto.seed";
import { type DemoAccount, seedDemo } from "./tenancy/seed-demo";
import { createApp } from "./web/app";

export interface RunningServer {
  url: string;
  database: Database;
  stop(): Promise<void>;
}

/** Opens the configured database: PostgreSQL when DATABASE_URL is set, else PGlite in DATA_DIR. */
export function openConfiguredDatabase(config: Config): Promise<Database> {
  return config.DATABASE_URL
    ? openDatabase({ kind: "postgres", url: config.DATABASE_URL })
    : openDatabase({ kind: "pglite", dataDir: config.DATA_DIR });
}

export function printDemoAccounts(accounts: DemoAccount[], write: (line: string) => void): void {
  if (accounts.length === 0) return;
  write("");
  write("デモ用の職員アカウントを作成しました（パスワードはこの一度だけ表示します）:");
  write("Demo staff accounts were created (the passwords are shown this once only):");
  for (const a of accounts) write(`  ${a.username.padEnd(22)} ${a.role.padEnd(11)} ${a.password}`);
  write("  監督者・管理者は初回サインイン時に2段階認証を設定します。");
  write("  Supervisors and admins set up two-step verification at their first sign-in.");
}

/** The composition root: database, migrations, demo data, web app and housekeeping, in that order. */
export async function startServer(config: Config, write: (line: string) => void): Promise<RunningServer> {
  const logger = createLogger({ level: config.LOG_LEVEL, service: "madoguchi" });
  const handoffCatalog = configureHandoff(config);
  const database = await openConfiguredDatabase(config);
  try {
    await database.migrate();
    if (config.DEMO_SEED) {
      printDemoAccounts(await seedDemo(database.db), write);
      // First start only: a later start finds residents with one indexed query and goes on.
      const generated = await seedDemoRegistry(database.db, {
        municipalityId: kumamotoSeed.id,
        residents: config.DEMO_RESIDENTS,
        asOf: todayInJapan(),
      });
      if (generated > 0)
        write(`デモの住民 ${generated} 人を生成しました / Generated ${generated} demo residents.`);
    }
  } catch (error) {
    await database.close();
    throw error;
  }
  // The demo tenant's API core system: a generated secret and a local receiver (src/handoff/demo-handoff.ts).
  const demoHandoff = config.DEMO_SEED ? await startDemoHandoff(config, handoffCatalog) : undefined;
  for (const line of demoHandoff?.lines ?? []) write(line);
  const handoffConfig = demoHandoff?.config ?? config;
  const app = createApp({ database, config: handoffConfig, logger, processMetrics: true });
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, () => resolve(s));
    s.once("error", reject);
  }).catch(async (error) => {
    await database.close();
    throw error;
  });
  // The manual's search index and analyser, built in the background so that no first search waits.
  warmManual(database.db, [kumamotoSeed.id]).catch((err) =>
    logger.warn({ err }, "could not prepare the manual's search"),
  );
  const reminderNotifier = createNotifier(config);
  const housekeeping = setInterval(() => {
    sessionRepository(database.db)
      .deleteExpired(new Date())
      .catch((err) => logger.warn({ err }, "could not delete expired sessions"));
    // Pre-applications past their day become expired; expired and withdrawn ones lose their household.
    purgePreApplications(database.db, new Date())
      .then((counts) => logger.info({ preApplications: counts }, "pre-applications expired and purged"))
      .catch((err) => logger.warn({ err }, "could not purge pre-applications"));
    // Bookings past their grace period become no-shows; tomorrow's reminders go out once (SMTP only).
    reservationHousekeeping(database.db, {
      notifier: reminderNotifier,
      compose: reminderComposer(database.db),
      now: new Date(),
    })
      .then((counts) =>
        logger.info({ reservations: counts }, "reservation no-shows swept and reminders sent"),
      )
      .catch((err) => logger.warn({ err }, "could not sweep reservations or send reminders"));
  }, 10 * 60_000);
  housekeeping.unref();
  // The KPI rollups follow the day's changes before anyone opens the dashboard (which refreshes too).
  let rolling = false;
  const kpiRollups = setInterval(() => {
    if (rolling) return;
    rolling = true;
    refreshAllKpiRollups(database.db)
      .catch((err) => logger.warn({ err }, "could not refresh the KPI rollups"))
      .finally(() => {
        rolling = false;
      });
  }, 5 * 60_000);
  kpiRollups.unref();
  // The delivery worker runs here unless separate `madoguchi worker` processes do (PostgreSQL only).
  const worker = config.WORKER_IN_PROCESS
    ? createConfiguredWorker(handoffConfig, database, handoffCatalog, logger)
    : undefined;
  if (worker) for (const line of describeProblems(await worker.start())) write(line);
  const url = `http://${config.HOST === "0.0.0.0" ? "localhost" : config.HOST}:${config.PORT}`;
  return {
    url,
    database,
    stop: async () => {
      clearInterval(housekeeping);
      clearInterval(kpiRollups);
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await worker?.stop();
      await demoHandoff?.close();
      await database.close();
    },
  };
}
