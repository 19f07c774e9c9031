import { parseArgs } from "node:util";
import { type Config, parseConfig } from "../config/config";
import type { Database } from "../db/database";
import { translator } from "../i18n/translate";
import { AppError } from "../shared/errors";
import { commandHelp, mainHelp } from "./help";

// Each command imports what it needs when it runs: `madoguchi guide` must not pay for loading the
// web server, the database drivers and PGlite.

export interface Io {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
  stdin: NodeJS.ReadableStream;
  env: Record<string, string | undefined>;
}

const processIo = (): Io => ({
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
});

function loadConfig(io: Io): Config | undefined {
  const result = parseConfig(io.env);
  if (result.ok) return result.config;
  io.stderr.write("設定に誤りがあります / The configuration is invalid:\n");
  for (const p of result.problems) io.stderr.write(`  - ${p}\n`);
  return undefined;
}

/** Failures people can act on get their message; anything else is a bug and shows its stack. */
function reportFailure(io: Io, error: unknown): number {
  const code = (error as { code?: unknown }).code;
  if (code === "DATA_DIR_LOCKED" || code === "DATABASE_UNAVAILABLE") {
    io.stderr.write(`${(error as Error).message}\n`);
    return 1;
  }
  if (error instanceof AppError) {
    const ja = translator("ja");
    const en = translator("en");
    for (const p of error.problems)
      io.stderr.write(`${p.path ? `${p.path}: ` : ""}${ja.message(p)} / ${en.message(p)}\n`);
    return 2;
  }
  if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") {
    io.stderr.write(
      "ポートが既に使われています。PORT で別の番号を指定してください。\nThe port is already in use: set PORT to another one.\n",
    );
    return 1;
  }
  io.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return 1;
}

async function serveCommand(io: Io): Promise<number> {
  const config = loadConfig(io);
  if (!config) return 1;
  const line = (s: string) => io.stdout.write(`${s}\n`);
  const { startServer } = await import("../server");
  const server = await startServer(config, line);
  line("");
  line(`Madoguchi を起動しました / Madoguchi is running: ${server.url}`);
  line(
    `  データベース / database: ${server.database.kind === "pglite" ? `PGlite (${config.DATA_DIR})` : "PostgreSQL"}`,
  );
  line(`  ブラウザで ${server.url}/signin を開き、上のデモアカウントでサインインしてください。`);
  line(`  Open ${server.url}/signin and sign in with a demo account printed on first start.`);
  line("  停止するには Ctrl+C / Press Ctrl+C to stop.");
  await new Promise<void>((resolve) => {
    let stopping = false;
    const stop = () => {
      if (stopping) return;
      stopping = true;
      line("停止しています… / Stopping…");
      server.stop().then(resolve, resolve);
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  return 0;
}

async function withDatabase<T>(io: Io, fn: (database: Database) => Promise<T>) {
  const config = loadConfig(io);
  if (!config) return 1;
  const { openConfiguredDatabase } = await import("../server");
  const database = await openConfiguredDatabase(config);
  try {
    await database.migrate();
    await fn(database);
    return 0;
  } finally {
    await database.close();
  }
}

/** `manual list|search` read the content folder (no database) unless --db; `manual import` writes to it. */
async function manualCli(sub: string, args: string[], io: Io): Promise<number> {
  const { manualCommand } = await import("../manual/manual-command");
  return manualCommand(sub, args, io, (fn) => withDatabase(io, ({ db }) => fn(db)));
}

async function userAddCommand(args: string[], io: Io): Promise<number> {
  const { staffRoles } = await import("../auth/auth.table");
  const { values } = parseArgs({
    args,
    options: {
      municipality: { type: "string", default: "kumamoto" },
      username: { type: "string" },
      name: { type: "string" },
      role: { type: "string", default: "counter" },
      office: { type: "string", default: "chuo" },
    },
    strict: true,
  });
  const role = staffRoles.find((r) => r === values.role);
  if (!values.username || !role) {
    io.stderr.write(
      `--username は必須です。--role は ${staffRoles.join(" / ")} のいずれかです。\n--username is required; --role is one of ${staffRoles.join(", ")}.\n`,
    );
    return 2;
  }
  const username = values.username;
  return withDatabase(io, async ({ db }) => {
    const { addStaff } = await import("../auth/add-staff");
    const { staff, password } = await addStaff(db, {
      municipalityId: values.municipality ?? "kumamoto",
      username,
      displayName: values.name ?? username,
      role,
      officeCode: values.office ?? "chuo",
      actor: { username: "cli" },
    });
    io.stdout.write(`${staff.username} (${staff.role}) を作成しました / created.\n`);
    io.stdout.write(`パスワード（この一度だけ表示） / password (shown once): ${password}\n`);
  });
}

type Command = (args: string[], io: Io) => Promise<number>;

/** `user disable|enable|reset-password|reset-totp|unlock|sessions LOGIN`, each audited as "cli". */
const userLifecycle =
  (name: "disable" | "enable" | "reset-password" | "reset-totp" | "unlock" | "sessions"): Command =>
  async (args, io) => {
    const { userLifecycleCommand } = await import("../auth/user-command");
    const config = parseConfig(io.env);
    return userLifecycleCommand(name, args, io, (fn) => withDatabase(io, ({ db }) => fn(db)), {
      idleMinutes: config.ok ? config.config.SESSION_IDLE_MINUTES : 30,
    });
  };

const commands: Record<string, Command> = {
  serve: (_args, io) => serveCommand(io),
  migrate: (_args, io) =>
    withDatabase(io, async () => {
      io.stdout.write("マイグレーションを適用しました / Migrations applied.\n");
    }),
  seed: (_args, io) =>
    withDatabase(io, async ({ db }) => {
      const { seedDemo } = await import("../tenancy/seed-demo");
      const { printDemoAccounts } = await import("../server");
      const accounts = await seedDemo(db);
      io.stdout.write("デモ自治体（熊本市）を用意しました / The Kumamoto demo tenant is ready.\n");
      printDemoAccounts(accounts, (s) => io.stdout.write(`${s}\n`));
    }),
  "user add": userAddCommand,
  "user disable": userLifecycle("disable"),
  "user enable": userLifecycle("enable"),
  "user reset-password": userLifecycle("reset-password"),
  "user reset-totp": userLifecycle("reset-totp"),
  "user unlock": userLifecycle("unlock"),
  "user sessions": userLifecycle("sessions"),
  "registry generate": async (args, io) => {
    const { registryGenerateCommand } = await import("../registry/registry-command");
    return registryGenerateCommand(args, io, (fn) => withDatabase(io, ({ db }) => fn(db)));
  },
  "registry import": async (args, io) => {
    const { registryImportCommand } = await import("../registry/registry-command");
    return registryImportCommand(args, io, (fn) => withDatabase(io, ({ db }) => fn(db)));
  },
  "registry search": async (args, io) => {
    const { registrySearchCommand } = await import("../registry/registry-command");
    return registrySearchCommand(args, io, (fn) => withDatabase(io, ({ db }) => fn(db)));
  },
  "registry rekey": async (args, io) => {
    const { registryRekeyCommand } = await import("../registry/registry-command");
    return registryRekeyCommand(args, io, (fn) => withDatabase(io, ({ db }) => fn(db)));
  },
  "registry household": async (args, io) => {
    const { registryHouseholdCommand } = await import("../registry/registry-command");
    return registryHouseholdCommand(args, io, (fn) => withDatabase(io, ({ db }) => fn(db)));
  },
  "card-agent": async (args, io) => {
    const config = loadConfig(io);
    if (!config) return 1;
    const { cardAgentCommand } = await import("../card/agent-command");
    return cardAgentCommand(args, io, {
      server: config.PUBLIC_URL,
      port: config.CARD_AGENT_PORT || 47110,
      readerName: config.CARD_READER_NAME,
    });
  },
  "demo simulate": async (args, io) => {
    const { demoSimulateCommand } = await import("../kpi/demo-command");
    return demoSimulateCommand(args, io, (fn) => withDatabase(io, ({ db }) => fn(db)));
  },
  "manual list": (args, io) => manualCli("list", args, io),
  "manual search": (args, io) => manualCli("search", args, io),
  "manual import": (args, io) => manualCli("import", args, io),
  "demo clear": async (args, io) => {
    const { demoClearCommand } = await import("../kpi/demo-command");
    return demoClearCommand(args, io, (fn) => withDatabase(io, ({ db }) => fn(db)));
  },
  "reservations sweep": async (args, io) => {
    const { reservationsSweepCommand } = await import("../reservations/reservations-command");
    return reservationsSweepCommand(args, io, (fn) => withDatabase(io, ({ db }) => fn(db)));
  },
  "reservations remind": async (args, io) => {
    const config = loadConfig(io);
    if (!config) return 1;
    const { reservationsRemindCommand } = await import("../reservations/reservations-command");
    return reservationsRemindCommand(args, io, (fn) => withDatabase(io, ({ db }) => fn(db)), config);
  },
  worker: async (args, io) => {
    const config = loadConfig(io);
    if (!config) return 1;
    const { workerCommand } = await import("../handoff/worker-command");
    return workerCommand(args, io, config);
  },
  guide: async (args, io) => {
    const { runGuide } = await import("../guidance/guide-command");
    return runGuide(args, { stdin: io.stdin, stdout: io.stdout, stderr: io.stderr });
  },
  forms: async (args, io) => {
    const { runForms } = await import("../forms/forms-command");
    return runForms(args, { stdin: io.stdin, stdout: io.stdout, stderr: io.stderr });
  },
};

/** `madoguchi <command> [options]`: returns the exit code. */
export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  const [first, second] = argv;
  if (!first || first === "--help" || first === "-h" || first === "help") {
    io.stdout.write(mainHelp);
    return first ? 0 : 2;
  }
  const name =
    (first === "user" ||
      first === "registry" ||
      first === "demo" ||
      first === "manual" ||
      first === "reservations") &&
    second
      ? `${first} ${second}`
      : first;
  const command = commands[name];
  if (!command) {
    io.stderr.write(`不明なコマンドです / Unknown command: ${name}\n\n${mainHelp}`);
    return 2;
  }
  const rest = argv.slice(name.split(" ").length);
  const help = commandHelp[name];
  if (help && (rest.includes("--help") || rest.includes("-h"))) {
    io.stdout.write(help);
    return 0;
  }
  try {
    return await command(rest, io);
  } catch (error) {
    if ((error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      io.stderr.write(`${(error as Error).message}\n\n${help ?? mainHelp}`);
      return 2;
    }
    return reportFailure(io, error);
  }
}
