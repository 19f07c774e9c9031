import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, rowsOf, type TestDatabase } from "../../test/support/database";
import { commandHelp, mainHelp } from "./help";
import { type Io, main } from "./main";

interface FakeIo extends Io {
  out(): string;
  err(): string;
}

function fakeIo(env: Record<string, string | undefined> = {}): FakeIo {
  let out = "";
  let err = "";
  return {
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
    stdin: Readable.from([]),
    env,
    out: () => out,
    err: () => err,
  };
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === "string") throw new Error("no port");
  return address.port;
}

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), "mg-cli-"));
});
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

describe("madoguchi help", () => {
  it("prints the usage and exits 0 for --help", async () => {
    const io = fakeIo();
    expect(await main(["--help"], io)).toBe(0);
    expect(io.out()).toBe(mainHelp);
    for (const command of ["serve", "migrate", "seed", "user add"]) expect(io.out()).toContain(command);
  });

  it("prints the usage and exits 2 when no command is given", async () => {
    const io = fakeIo();
    expect(await main([], io)).toBe(2);
    expect(io.out()).toBe(mainHelp);
  });

  it.each(Object.keys(commandHelp))(
    "prints the help of %s for --help without touching a database",
    async (name) => {
      const io = fakeIo({ DATA_DIR: join(scratch, "never-created") });
      expect(await main([...name.split(" "), "--help"], io)).toBe(0);
      expect(io.out()).toBe(commandHelp[name]);
      expect(existsSync(join(scratch, "never-created"))).toBe(false);
    },
  );
});

describe("madoguchi with wrong arguments", () => {
  it("exits 2 for an unknown command, naming it", async () => {
    const io = fakeIo();
    expect(await main(["frobnicate"], io)).toBe(2);
    expect(io.err()).toContain("Unknown command: frobnicate");
    expect(io.err()).toContain("不明なコマンド");
  });

  it("exits 2 for 'user' without a subcommand", async () => {
    const io = fakeIo();
    expect(await main(["user"], io)).toBe(2);
  });

  it("exits 2 for 'user add' with a role that does not exist, before opening the database", async () => {
    const io = fakeIo({ DATA_DIR: join(scratch, "bad-role") });
    expect(await main(["user", "add", "--username", "someone", "--role", "boss"], io)).toBe(2);
    expect(io.err()).toContain("--role is one of counter, supervisor, admin");
    expect(existsSync(join(scratch, "bad-role"))).toBe(false);
  });

  it("exits 2 for 'user add' without a username", async () => {
    const io = fakeIo({ DATA_DIR: join(scratch, "no-username") });
    expect(await main(["user", "add"], io)).toBe(2);
    expect(io.err()).toContain("--username is required");
  });

  it("exits 2 for an option it does not know, with the command's help", async () => {
    const io = fakeIo({ DATA_DIR: join(scratch, "unknown-option") });
    expect(await main(["user", "add", "--username", "x", "--colour", "red"], io)).toBe(2);
    expect(io.err()).toContain("--colour");
    expect(io.err()).toContain(commandHelp["user add"]);
  });

  it("exits 1 listing every configuration problem at once", async () => {
    const io = fakeIo({ PORT: "abc", LOG_LEVEL: "loud" });
    expect(await main(["migrate"], io)).toBe(1);
    expect(io.err()).toContain("The configuration is invalid");
    expect(io.err()).toMatch(/PORT="abc"/);
    expect(io.err()).toMatch(/LOG_LEVEL="loud"/);
  });

  it("exits 1 with a message and no stack trace when PostgreSQL is down", async () => {
    const io = fakeIo({ DATABASE_URL: `postgres://madoguchi:pw@127.0.0.1:${await closedPort()}/madoguchi` });
    expect(await main(["migrate"], io)).toBe(1);
    expect(io.err()).toContain("Cannot connect to the database");
    expect(io.err()).toContain("データベース");
    expect(io.err()).not.toMatch(/\n\s+at /);
    expect(io.err()).not.toContain(":pw@");
  });
});

describe("madoguchi on a database", () => {
  let env: Record<string, string>;
  let database: TestDatabase | undefined;

  beforeAll(async () => {
    const url = process.env.DATABASE_URL;
    if (url) {
      // On PostgreSQL: a fresh database of its own, reached through DATABASE_URL like a deployment.
      database = await createTestDatabase();
      const rows = await rowsOf<{ name: string }>(database.db, sql`select current_database() as name`);
      const target = new URL(url);
      target.pathname = `/${rows[0]?.name}`;
      env = { DATABASE_URL: target.toString(), DEMO_RESIDENTS: "0" };
    } else {
      env = { DATA_DIR: join(scratch, "data"), DEMO_RESIDENTS: "0" };
    }
  });
  afterAll(async () => {
    await database?.destroy();
  });

  it("seed creates the demo tenant and prints three demo passwords once", async () => {
    const first = fakeIo(env);
    expect(await main(["seed"], first)).toBe(0);
    expect(first.out()).toContain("The Kumamoto demo tenant is ready");
    const lines = first
      .out()
      .split("\n")
      .filter((l) => /^\s+kumamoto-(counter|supervisor|admin)\s/.test(l));
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(line).toMatch(/\s[A-HJ-NP-Za-km-z2-9]{20}$/);

    const second = fakeIo(env);
    expect(await main(["seed"], second)).toBe(0);
    expect(second.out()).not.toContain("kumamoto-counter");
  });

  it("user add creates an account and prints its password once; the same username again exits 2", async () => {
    const io = fakeIo(env);
    expect(
      await main(["user", "add", "--username", "cli-made", "--role", "supervisor", "--office", "kita"], io),
    ).toBe(0);
    expect(io.out()).toContain("cli-made (supervisor)");
    expect(io.out()).toMatch(/password \(shown once\): [A-HJ-NP-Za-km-z2-9]{20}\n/);

    const again = fakeIo(env);
    expect(await main(["user", "add", "--username", "cli-made"], again)).toBe(2);
    expect(again.err()).toContain('The username "cli-made" is already taken.');
  });

  it("user disable, sessions, enable, reset-password, unlock and reset-totp act on an account and are audited", async () => {
    const run = async (args: string[], stdin: string[] = []) => {
      const io = { ...fakeIo(env), stdin: Readable.from(stdin) };
      const code = await main(args, io);
      return { code, out: io.out(), err: io.err() };
    };
    expect((await run(["user", "add", "--username", "cli-life", "--role", "admin"])).code).toBe(0);

    const sessions = await run(["user", "sessions", "cli-life"]);
    expect(sessions).toMatchObject({ code: 0 });
    expect(sessions.out).toContain("no open sessions");

    const disabled = await run(["user", "disable", "cli-life"]);
    expect(disabled.code).toBe(0);
    expect(disabled.out).toContain("cli-life を無効にしました");
    expect(disabled.out).toContain("Sessions ended: 0.");

    expect((await run(["user", "enable", "cli-life"])).out).toContain("enabled again");

    const reset = await run(["user", "reset-password", "cli-life"]);
    expect(reset.code).toBe(0);
    expect(reset.out).toMatch(/new password \(shown once\): [A-HJ-NP-Za-km-z2-9]{20}\n/);

    const typed = await run(
      ["user", "reset-password", "cli-life", "--password-stdin"],
      ["a typed long password\n"],
    );
    expect(typed.code).toBe(0);
    expect(typed.out).not.toContain("a typed long password");
    expect(typed.out).not.toContain("shown once");
    const short = await run(["user", "reset-password", "cli-life", "--password-stdin"], ["short\n"]);
    expect(short.code).toBe(2);
    expect(short.err).toContain("at least 12 characters");

    expect((await run(["user", "unlock", "cli-life"])).out).toContain("unlocked");
    expect((await run(["user", "reset-totp", "cli-life"])).out).toContain("set up again at the next sign-in");
    expect((await run(["user", "sessions", "cli-life", "--end"])).out).toContain("sessions ended: 0");

    const { openConfiguredDatabase } = await import("../server");
    const { parseConfig } = await import("../config/config");
    const { auditRepository } = await import("../auth/audit.repository");
    const config = parseConfig(env);
    if (!config.ok) throw new Error(config.problems.join("; "));
    const database = await openConfiguredDatabase(config.config);
    try {
      const entries = await auditRepository(database.db).list("kumamoto", { limit: 100 });
      const actions = entries
        .filter((e) => e.detail && (e.detail as { username?: string }).username === "cli-life")
        .map((e) => `${e.action}:${e.actorUsername}`);
      for (const action of [
        "staff.disable",
        "staff.enable",
        "staff.reset-password",
        "staff.unlock",
        "staff.reset-totp",
        "staff.sessions.read",
        "staff.end-sessions",
      ])
        expect(actions).toContain(`${action}:cli`);
    } finally {
      await database.close();
    }
    // Ten commands, each opening and migrating the database like a deployment does.
  }, 120_000);

  it("user disable exits 2 naming an account the municipality does not have, or without one", async () => {
    const io = fakeIo(env);
    expect(await main(["user", "disable", "nobody-here"], io)).toBe(2);
    expect(io.err()).toContain('There is no staff account "nobody-here" in this municipality.');
    expect(io.err()).toContain("職員アカウント「nobody-here」はこの自治体にありません。");
    const other = fakeIo(env);
    expect(await main(["user", "disable", "nobody-here", "--municipality", "yatsushiro"], other)).toBe(2);
    const none = fakeIo({ DATA_DIR: join(scratch, "no-login") });
    expect(await main(["user", "unlock"], none)).toBe(2);
    expect(none.err()).toContain("Give one staff username.");
    expect(existsSync(join(scratch, "no-login"))).toBe(false);
  });

  it("user add exits 2 naming an office that the municipality does not have", async () => {
    const io = fakeIo(env);
    expect(await main(["user", "add", "--username", "cli-nowhere", "--office", "atlantis"], io)).toBe(2);
    expect(io.err()).toContain('There is no office "atlantis"');
  });
});
