import { sql } from "drizzle-orm";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/shared/logger";
import { createApp } from "../../src/web/app";
import { createTestApp, type TestApp } from "../support/app";

// The values of a failed query (a typed name, a birth date) must never reach the log.
let t: TestApp;
let app: ReturnType<typeof createApp>;
const logLines: Array<Record<string, unknown>> = [];

beforeAll(async () => {
  t = await createTestApp();
  const logger = pino({ level: "info" }, { write: (line: string) => logLines.push(JSON.parse(line)) });
  app = createApp({ database: t.database, config: t.deps.config, logger });
  app.get("/test/failed-query", async () => {
    await t.database.db.execute(sql`select ${"山田 花子"}::int + ${"1990-05-01"}::int as x`);
    return new Response("unreachable");
  });
});
afterAll(async () => {
  await t?.close();
});

describe("a database error in the log", () => {
  it("keeps the query and the request id but not the values typed into it", async () => {
    const res = await app.request("http://localhost/test/failed-query");
    expect(res.status).toBe(500);
    const id = res.headers.get("x-request-id");
    const line = logLines.find((l) => l.requestId === id && l.msg === "request failed");
    expect(line).toBeDefined();
    const text = JSON.stringify(line);
    expect(text).toContain("select");
    expect(text).not.toContain("山田");
    expect(text).not.toContain("1990-05-01");
  });

  it("leaves the values out of errors logged anywhere by the service's logger", () => {
    const lines: string[] = [];
    const logger = createLogger({ level: "info", service: "test" }, { write: (l: string) => lines.push(l) });
    const error = Object.assign(new Error("Failed query: select $1, $2\nparams: 山田 花子,1990-05-01"), {
      query: "select $1, $2",
      params: ["山田 花子", "1990-05-01"],
      cause: Object.assign(new Error('duplicate key value violates unique constraint "x"'), {
        detail: "Key (name)=(山田 花子) already exists.",
      }),
    });
    logger.warn({ err: error }, "could not save");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("select $1, $2");
    expect(lines[0]).toContain("duplicate key value");
    expect(lines[0]).not.toContain("山田");
    expect(lines[0]).not.toContain("1990-05-01");
  });
});
