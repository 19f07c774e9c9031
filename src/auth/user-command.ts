import { parseArgs } from "node:util";
import type { Db } from "../db/database";
import { disableStaff } from "./disable-staff";
import { enableStaff } from "./enable-staff";
import { endSessions } from "./end-sessions";
import { listSessions } from "./list-sessions";
import { resetPassword } from "./reset-password";
import { resetTotp } from "./reset-totp";
import type { StaffActionOptions } from "./staff-action";
import { unlockStaff } from "./unlock-staff";

export interface UserCommandIo {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
  stdin: NodeJS.ReadableStream;
}

/** Opens the configured database (migrated) for the duration of `fn`; supplied by the CLI. */
export type WithDb = (fn: (db: Db) => Promise<void>) => Promise<number>;

export const userLifecycleCommands = [
  "disable",
  "enable",
  "reset-password",
  "reset-totp",
  "unlock",
  "sessions",
] as const;
export type UserLifecycleCommand = (typeof userLifecycleCommands)[number];

async function readStdin(stdin: NodeJS.ReadableStream): Promise<string> {
  let text = "";
  for await (const chunk of stdin) text += typeof chunk === "string" ? chunk : chunk.toString("utf8");
  return text.replace(/\r?\n$/, "");
}

const when = (d: Date) => d.toISOString();

/**
 * `madoguchi user <disable|enable|reset-password|reset-totp|unlock|sessions> LOGIN`: the admin page's
 * actions for an operator, each audited with the actor "cli".
 */
export async function userLifecycleCommand(
  command: UserLifecycleCommand,
  args: string[],
  io: UserCommandIo,
  withDb: WithDb,
  settings: { idleMinutes: number },
): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      municipality: { type: "string", default: "kumamoto" },
      ...(command === "reset-password" ? { "password-stdin": { type: "boolean", default: false } } : {}),
      ...(command === "sessions" ? { end: { type: "boolean", default: false } } : {}),
    },
    allowPositionals: true,
    strict: true,
  });
  const [username, ...extra] = positionals;
  if (!username || extra.length > 0) {
    io.stderr.write("職員のユーザー名を1つ指定してください。\nGive one staff username.\n");
    return 2;
  }
  const password =
    command === "reset-password" && values["password-stdin"] ? await readStdin(io.stdin) : undefined;
  const out = (s: string) => io.stdout.write(`${s}\n`);
  return withDb(async (db) => {
    const options: StaffActionOptions = {
      municipalityId: values.municipality ?? "kumamoto",
      target: { username },
      actor: { staffId: null, username: "cli" },
    };
    switch (command) {
      case "disable": {
        const { sessionsEnded } = await disableStaff(db, options);
        out(`${username} を無効にしました（終了したセッション: ${sessionsEnded}） / disabled.`);
        out(`Sessions ended: ${sessionsEnded}.`);
        return;
      }
      case "enable":
        await enableStaff(db, options);
        out(`${username} を有効に戻しました / enabled again.`);
        return;
      case "reset-password": {
        const result = await resetPassword(db, {
          ...options,
          ...(password !== undefined ? { password } : {}),
        });
        out(
          `${username} のパスワードを再設定しました / password reset; sessions ended: ${result.sessionsEnded}.`,
        );
        if (password === undefined)
          out(`新しいパスワード（この一度だけ表示） / new password (shown once): ${result.password}`);
        out("次のサインインで本人が新しいパスワードを決めます / they choose their own at the next sign-in.");
        return;
      }
      case "reset-totp": {
        const { sessionsEnded } = await resetTotp(db, options);
        out(`${username} の2段階認証をリセットしました。次のサインインで設定し直します。`);
        out(
          `Two-step verification reset: it is set up again at the next sign-in. Sessions ended: ${sessionsEnded}.`,
        );
        return;
      }
      case "unlock":
        await unlockStaff(db, options);
        out(`${username} のロックを解除しました / unlocked.`);
        return;
      case "sessions": {
        if (values.end) {
          const { sessionsEnded } = await endSessions(db, options);
          out(`${username} のセッションを終了しました / sessions ended: ${sessionsEnded}.`);
          return;
        }
        const list = await listSessions(db, {
          ...options,
          now: new Date(),
          idleMinutes: settings.idleMinutes,
        });
        if (list.length === 0) {
          out(`${username} のセッションはありません / no open sessions.`);
          return;
        }
        out("started\tlast_active\tends\tip\tuser_agent");
        for (const s of list)
          out(
            [when(s.createdAt), when(s.lastSeenAt), when(s.expiresAt), s.ip ?? "-", s.userAgent ?? "-"].join(
              "\t",
            ),
          );
        return;
      }
    }
  });
}
