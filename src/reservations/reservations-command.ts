import { parseArgs } from "node:util";
import type { Config } from "../config/config";
import type { Db } from "../db/database";
import { createNotifier } from "./notifier";
import { reminderComposer } from "./reservations-shared.routes";
import { sendReminders } from "./send-reminders";
import { sweepNoShows } from "./sweep-no-shows";

interface Io {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
}

type WithDb = (fn: (db: Db) => Promise<unknown>) => Promise<number>;

const municipalityOf = (args: string[]): string => {
  const { values } = parseArgs({
    args,
    options: { municipality: { type: "string", default: "kumamoto" } },
    strict: true,
  });
  return values.municipality;
};

/** `madoguchi reservations sweep [--municipality ID]`: bookings past their grace period become no-shows (audited). */
export async function reservationsSweepCommand(args: string[], io: Io, withDb: WithDb): Promise<number> {
  const municipalityId = municipalityOf(args);
  return withDb(async (db) => {
    const swept = await sweepNoShows(db, { municipalityId, now: new Date(), actor: { username: "cli" } });
    io.stdout.write(`来庁されなかった予約 ${swept} 件を記録しました / ${swept} no-shows recorded\n`);
  });
}

/** `madoguchi reservations remind [--municipality ID]`: the day-before e-mails (SMTP_URL), each once. */
export async function reservationsRemindCommand(
  args: string[],
  io: Io,
  withDb: WithDb,
  config: Config,
): Promise<number> {
  const municipalityId = municipalityOf(args);
  const notifier = createNotifier(config);
  if (notifier.kind !== "smtp") {
    io.stderr.write(
      "SMTP_URL が設定されていません。明日の予約は職員ページ /reservations/staff の一覧で電話でお知らせしてください / SMTP_URL is not set: staff read tomorrow's list at /reservations/staff\n",
    );
    return 1;
  }
  return withDb(async (db) => {
    const { sent, failed } = await sendReminders(db, notifier, {
      municipalityId,
      now: new Date(),
      compose: reminderComposer(db),
    });
    io.stdout.write(
      `お知らせ ${sent} 件を送りました（失敗 ${failed} 件）/ ${sent} reminders sent, ${failed} failed\n`,
    );
  });
}
