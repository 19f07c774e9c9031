// The card agent: a small HTTP service on the counter PC, on 127.0.0.1 only, between the counter page
// (in the browser, served by the Madoguchi server) and the PC/SC reader. The page sends the PIN here
// and nowhere else; the agent answers the four attributes. It keeps nothing on disk and logs no value
// (no PIN, no attribute), only what happened and its code.

import { randomBytes, randomInt, timingSafeEqual } from "node:crypto";
import { type Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { z } from "zod";
import type { CardAttributes } from "./attributes";
import { CardError, type CardReason } from "./card.errors";
import type { CardSession } from "./pcsc";
import { readCardAttributes, readPinStatus } from "./read-card";

/** What the agent needs of the readers: PcscReaders in production, a software card in tests. */
export interface CardAccess {
  readers(): Promise<{ name: string; present: boolean }[]>;
  withCard<T>(work: (session: CardSession) => Promise<T>): Promise<T>;
}

export interface AgentOptions {
  access: CardAccess;
  /** The Madoguchi server's origin (scheme://host[:port]): the only origin whose pages may call. */
  serverOrigin: string;
  /** The port the agent listens on (the Host header must name it). */
  port: number;
  /** One line per event, never a value. */
  log: (line: string) => void;
  now?: () => number;
  /** Wrong pairing codes before the code is replaced by a new one. */
  maxPairingFailures?: number;
  /** A pairing lasts this long without use (default 12 hours: a working day). */
  pairingIdleMs?: number;
}

export interface Agent {
  app: Hono;
  /** The current one-time code, as shown to the clerk at start ("1234-5678"). */
  pairingCode(): string;
}

const statusOf: Record<CardReason, 400 | 401 | 403 | 409 | 503> = {
  readerMissing: 503,
  cardMissing: 409,
  cardRemoved: 409,
  notMyNumberCard: 409,
  pinWrong: 409,
  pinLocked: 409,
  pinFormat: 400,
  unexpectedStatus: 409,
  malformedData: 409,
  notPaired: 401,
  pairingRefused: 403,
  busy: 409,
};

const pairBody = z.object({ code: z.string().max(20) });
const readBody = z.object({ pin: z.string().max(8) });

const newCode = () => {
  const digits = String(randomInt(0, 100_000_000)).padStart(8, "0");
  return `${digits.slice(0, 4)}-${digits.slice(4)}`;
};
const sameText = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** The JSON a page gets for an attribute read: ISO birth date, sex as a code. */
export interface ReadAnswer {
  attributes: CardAttributes;
}

export function createAgent(options: AgentOptions): Agent {
  const now = options.now ?? Date.now;
  const maxFailures = options.maxPairingFailures ?? 5;
  const idleMs = options.pairingIdleMs ?? 12 * 60 * 60 * 1000;
  let code = newCode();
  let failures = 0;
  const tokens = new Map<string, number>();
  const hosts = new Set([`127.0.0.1:${options.port}`, `localhost:${options.port}`, `[::1]:${options.port}`]);
  const log = options.log;

  const renewCode = () => {
    code = newCode();
    failures = 0;
    log(`card-agent: 新しいペアリングコード / new pairing code: ${code}`);
  };

  const app = new Hono();
  // Through the context, so that the CORS headers set for the page travel with the refusal too.
  const fail = (c: Context, reason: CardReason, params: Record<string, string> = {}) =>
    c.json({ error: { code: `card.${reason}`, params } }, statusOf[reason]);

  // DNS rebinding: a page of another site resolving its name to 127.0.0.1 still sends its own Host.
  app.use("*", async (c, next) => {
    if (!hosts.has(c.req.header("host") ?? "")) return c.text("Misdirected request", 421);
    const origin = c.req.header("origin");
    if (origin !== options.serverOrigin) {
      // No CORS headers for anyone else, and no answer either (a page of another origin learns nothing).
      if (c.req.path === "/" && c.req.method === "GET" && !origin) return next();
      log(`card-agent: refused a request from another origin (${c.req.method} ${c.req.path})`);
      return c.text("Forbidden", 403);
    }
    c.header("Access-Control-Allow-Origin", options.serverOrigin);
    c.header("Vary", "Origin");
    if (c.req.method === "OPTIONS") {
      c.header("Access-Control-Allow-Methods", "GET, POST");
      c.header("Access-Control-Allow-Headers", "authorization, content-type");
      c.header("Access-Control-Max-Age", "600");
      // Chrome's Private Network Access: a public page calling a loopback address asks first.
      if (c.req.header("access-control-request-private-network") === "true")
        c.header("Access-Control-Allow-Private-Network", "true");
      return c.body(null, 204);
    }
    c.header("Cache-Control", "no-store");
    return next();
  });
  app.use("*", bodyLimit({ maxSize: 1024, onError: (c) => c.text("Payload too large", 413) }));

  const paired = (authorization: string | undefined): boolean => {
    const token = authorization?.startsWith("Bearer ") ? authorization.slice(7) : "";
    const last = token ? tokens.get(token) : undefined;
    if (last === undefined) return false;
    if (now() - last > idleMs) {
      tokens.delete(token);
      return false;
    }
    tokens.set(token, now());
    return true;
  };

  const json = async <T>(req: Request, schema: z.ZodType<T>): Promise<T | undefined> => {
    const body = await req.json().catch(() => undefined);
    const parsed = schema.safeParse(body);
    return parsed.success ? parsed.data : undefined;
  };

  app.get("/", (c) => c.json({ service: "madoguchi-card-agent" }));

  app.post("/pair", async (c) => {
    const body = await json(c.req.raw, pairBody);
    const typed = (body?.code ?? "").normalize("NFKC").replace(/[\s-]/g, "");
    if (!typed || !sameText(typed, code.replace("-", ""))) {
      failures += 1;
      log(`card-agent: pairing refused (${failures}/${maxFailures})`);
      if (failures >= maxFailures) renewCode();
      return fail(c, "pairingRefused");
    }
    const token = randomBytes(32).toString("base64url");
    tokens.set(token, now());
    log("card-agent: paired with a counter page");
    // One time: the code is spent; the next counter page pairs with the next code.
    renewCode();
    return c.json({ token });
  });

  app.get("/status", async (c) => {
    if (!paired(c.req.header("authorization"))) return fail(c, "notPaired");
    const readers = await options.access.readers();
    return c.json({ readers: readers.length, card: readers.some((r) => r.present) });
  });

  const answer = async (c: Context, run: () => Promise<Response>, what: string) => {
    const started = now();
    try {
      const response = await run();
      log(`card-agent: ${what} ok (${now() - started} ms)`);
      return response;
    } catch (error) {
      if (error instanceof CardError) {
        log(`card-agent: ${what} refused: ${error.code}`);
        return fail(c, error.reason, error.params);
      }
      // A failure we did not expect: its name only (a message could quote a value).
      log(`card-agent: ${what} failed: ${(error as Error)?.name ?? "error"}`);
      return fail(c, "unexpectedStatus", { sw: "----" });
    }
  };

  app.post("/pin-status", async (c) => {
    if (!paired(c.req.header("authorization"))) return fail(c, "notPaired");
    return answer(
      c,
      async () => c.json(await options.access.withCard((s) => readPinStatus({ transmit: s.transmit }))),
      "pin status",
    );
  });

  app.post("/read", async (c) => {
    if (!paired(c.req.header("authorization"))) return fail(c, "notPaired");
    const body = await json(c.req.raw, readBody);
    if (!body) return fail(c, "pinFormat");
    return answer(
      c,
      async () => {
        const attributes = await options.access.withCard((s) =>
          readCardAttributes({ transmit: s.transmit, pin: body.pin }),
        );
        return c.json({ attributes } satisfies ReadAnswer);
      },
      "read",
    );
  });

  return { app, pairingCode: () => code };
}
