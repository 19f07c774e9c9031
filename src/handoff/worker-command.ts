import { parseArgs } from "node:util";
import type { Config } from "../config/config";
import { openDatabase } from "../db/database";
import { translator } from "../i18n/translate";
import { createLogger } from "../shared/logger";
import { problemMessage } from "./handoff.presenters";
import { configureHandoff, createConfiguredWorker } from "./start-handoff";
import type { DestinationHealth } from "./worker";

interface Io {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
}

/**
 * `madoguchi worker`: one delivery worker process on PostgreSQL; start as many as needed, on any
 * machine that reaches the database. Stops on SIGINT or SIGTERM after recording what is in flight.
 */
export async function workerCommand(args: string[], io: Io, config: Config): Promise<number> {
  const { values } = parseArgs({ args, options: { concurrency: { type: "string" } }, strict: true });
  if (!config.DATABASE_URL) {
    io.stderr.write(
      "worker コマンドは PostgreSQL（DATABASE_URL）でのみ使えます。PGlite は1つのプロセスしかデータを開けないため、配信はサーバーのプロセス内で行います（WORKER_IN_PROCESS=true）。\n" +
        "The worker command needs PostgreSQL (DATABASE_URL). PGlite opens its data in one process only, so on PGlite the server delivers in its own process (WORKER_IN_PROCESS=true).\n",
    );
    return 2;
  }
  const concurrency = values.concurrency ? Number(values.concurrency) : config.HANDOFF_CONCURRENCY;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) {
    io.stderr.write("--concurrency は 1〜64 です / --concurrency is 1 to 64.\n");
    return 2;
  }
  const catalog = configureHandoff(config);
  const logger = createLogger({ level: config.LOG_LEVEL, service: "madoguchi-worker" });
  const database = await openDatabase({ kind: "postgres", url: config.DATABASE_URL, max: concurrency + 2 });
  try {
    await database.migrate();
    const worker = createConfiguredWorker(
      { ...config, HANDOFF_CONCURRENCY: concurrency },
      database,
      catalog,
      logger,
    );
    const health = await worker.start();
    for (const line of describeProblems(health)) io.stderr.write(`${line}\n`);
    io.stdout.write(
      `配信ワーカーを起動しました / Delivery worker running: ${worker.id} (${health.length} destinations, concurrency ${concurrency})\n`,
    );
    await new Promise<void>((resolve) => {
      process.once("SIGINT", resolve);
      process.once("SIGTERM", resolve);
    });
    io.stdout.write("配信ワーカーを停止しています… / Stopping the delivery worker…\n");
    await worker.stop();
    return 0;
  } finally {
    await database.close();
  }
}

/** Two lines per misconfigured destination, for the console at start: what is wrong and what to do. */
export function describeProblems(health: DestinationHealth[]): string[] {
  const ja = translator("ja");
  const en = translator("en");
  return health.flatMap((h) => {
    if (!h.problem) return [];
    const { message, detail } = problemMessage(h.problem);
    const more = detail ? ` (${detail})` : "";
    return [
      `連携先 ${h.name} の設定に問題があります。配信は待機のまま保持します。${ja.message(message)}${more}`,
      `  Destination ${h.name} is misconfigured; its deliveries stay pending. ${en.message(message)}${more}`,
    ];
  });
}
