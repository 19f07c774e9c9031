import { parseArgs } from "node:util";
import type { Db } from "../db/database";
import { clearDemo } from "./clear-demo";
import { simulateDemo } from "./simulate-demo";

interface Io {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
}

type WithDb = (fn: (db: Db) => Promise<unknown>) => Promise<number>;

/** `madoguchi demo simulate --days N [--per-day N] [--seed N] [--municipality ID]` */
export async function demoSimulateCommand(args: string[], io: Io, withDb: WithDb): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      days: { type: "string", default: "90" },
      "per-day": { type: "string", default: "12" },
      seed: { type: "string", default: "1" },
      municipality: { type: "string", default: "kumamoto" },
    },
    strict: true,
  });
  const days = Number(values.days);
  const perDay = Number(values["per-day"]);
  const seed = Number(values.seed);
  if (
    !Number.isInteger(days) ||
    days < 1 ||
    days > 731 ||
    !Number.isInteger(perDay) ||
    perDay < 1 ||
    perDay > 500
  ) {
    io.stderr.write(
      "--days は1〜731、--per-day は1〜500の整数です。\n--days is a whole number from 1 to 731 and --per-day from 1 to 500.\n",
    );
    return 2;
  }
  return withDb(async (db) => {
    io.stdout.write(`デモの来庁を ${days} 日分つくります / Simulating ${days} days of counter visits…\n`);
    const result = await simulateDemo(db, {
      municipalityId: values.municipality ?? "kumamoto",
      days,
      perDay,
      seed: Number.isFinite(seed) ? seed : 1,
      now: new Date(),
      progress: (line) => io.stdout.write(`  ${line}\n`),
    });
    io.stdout.write(
      `番号札 ${result.tickets} 枚（${result.days} 開庁日）、受付完了 ${result.visitsAccepted} 件・取りやめ ${result.visitsCancelled} 件、アンケート ${result.surveyAnswers} 件をデモデータとして作成しました。\n` +
        `Created ${result.tickets} tickets over ${result.days} open days, ${result.visitsAccepted} accepted and ${result.visitsCancelled} cancelled visits, and ${result.surveyAnswers} survey answers, marked as demo data.\n` +
        "消すには / To remove them: npx madoguchi demo clear\n",
    );
  });
}

/** `madoguchi demo clear [--municipality ID]` */
export async function demoClearCommand(args: string[], io: Io, withDb: WithDb): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { municipality: { type: "string", default: "kumamoto" } },
    strict: true,
  });
  return withDb(async (db) => {
    const removed = await clearDemo(db, { municipalityId: values.municipality ?? "kumamoto" });
    io.stdout.write(
      `デモの番号札 ${removed} 枚を削除しました / Removed ${removed} demo tickets and their data.\n`,
    );
  });
}
