import { mkdirSync, readFileSync } from "node:fs";
import { type FileHandle, open } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { dirname } from "node:path";
import { RECORD_FORMAT } from "./record";
import { KEY_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, verifySignature } from "./signature";

/**
 * A small receiving side of the HTTP hand-off, for core-system vendors to read and to run against
 * Madoguchi (docs/handoff.md): it verifies the signature in constant time, refuses stale timestamps,
 * and applies each idempotency key once — the keys it applied are appended to a file and flushed to
 * disk before it answers, so a key answered 201 is never applied again, even after a restart.
 *
 * Answers: 201 applied; 409 this key was applied before (the sender counts it as done); 503 the same
 * key is being applied by another request right now (the sender tries again); 401 a bad or stale
 * signature; 400 not a record; 413 too large.
 */
export interface ReferenceReceiverOptions {
  /** The shared secrets; two during a rotation. */
  secrets: readonly string[];
  /** Where the applied keys are kept, one a line. */
  keysFile: string;
  toleranceSeconds?: number;
  maxBodyBytes?: number;
  now?: () => Date;
  /** Called once for each record applied, after its key is on disk. */
  onApply?: (record: Record<string, unknown>, key: string) => void;
  /** One line per request, for the log. */
  log?: (entry: { key: string | undefined; status: number; outcome: string }) => void;
  /** Faults for reliability tests and benchmarks: slow answers and failures before or after applying. */
  faults?: {
    delayMs?: readonly [number, number];
    failBeforeApplyRate?: number;
    failAfterApplyRate?: number;
    random?: () => number;
  };
}

export interface ReferenceReceiver {
  handle(req: IncomingMessage, res: ServerResponse): void;
  listen(port?: number, host?: string): Promise<{ server: Server; port: number; url: string }>;
  /** Keys applied so far (including those read from the keys file at start). */
  applied(): ReadonlySet<string>;
  stats: { requests: number; applied: number; duplicates: number; rejected: number; faults: number };
  close(): Promise<void>;
}

/** Appends lines and flushes them to disk in groups: one fdatasync serves every line queued meanwhile. */
function keyLog(path: string) {
  let handle: Promise<FileHandle> | undefined;
  let queue: Array<{ line: string; done: (error?: unknown) => void }> = [];
  let flushing = false;
  async function flush(): Promise<void> {
    flushing = true;
    while (queue.length > 0) {
      const batch = queue;
      queue = [];
      try {
        handle ??= open(path, "a", 0o640);
        const h = await handle;
        await h.write(batch.map((b) => `${b.line}\n`).join(""));
        await h.datasync();
        for (const b of batch) b.done();
      } catch (error) {
        for (const b of batch) b.done(error);
      }
    }
    flushing = false;
  }
  return {
    append(line: string): Promise<void> {
      return new Promise((resolve, reject) => {
        queue.push({ line, done: (error) => (error ? reject(error) : resolve()) });
        if (!flushing) void flush();
      });
    },
    async close(): Promise<void> {
      if (handle) await (await handle).close();
    },
  };
}

const json = (
  res: ServerResponse,
  status: number,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
) => {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
  res.end(JSON.stringify(body));
};

export function createReferenceReceiver(options: ReferenceReceiverOptions): ReferenceReceiver {
  mkdirSync(dirname(options.keysFile), { recursive: true });
  let existing = "";
  try {
    existing = readFileSync(options.keysFile, "utf8");
  } catch {}
  const applied = new Set(existing.split("\n").filter((line) => line.length > 0));
  const inProgress = new Set<string>();
  const log = keyLog(options.keysFile);
  const tolerance = options.toleranceSeconds ?? 300;
  const maxBody = options.maxBodyBytes ?? 1024 * 1024;
  const now = options.now ?? (() => new Date());
  const faults = options.faults ?? {};
  const random = faults.random ?? Math.random;
  const stats = { requests: 0, applied: 0, duplicates: 0, rejected: 0, faults: 0 };
  let server: Server | undefined;

  async function handleAsync(req: IncomingMessage, res: ServerResponse): Promise<void> {
    stats.requests++;
    const key = req.headers[KEY_HEADER] as string | undefined;
    const answer = (status: number, outcome: string, extra: Record<string, string> = {}) => {
      options.log?.({ key, status, outcome });
      json(res, status, { status: outcome }, extra);
    };
    if (req.method !== "POST") return answer(405, "method-not-allowed");
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > maxBody) {
        stats.rejected++;
        return answer(413, "too-large");
      }
      chunks.push(chunk as Buffer);
    }
    const body = Buffer.concat(chunks);
    const check = verifySignature({
      secrets: options.secrets,
      timestamp: req.headers[TIMESTAMP_HEADER] as string | undefined,
      signature: req.headers[SIGNATURE_HEADER] as string | undefined,
      body,
      now: now(),
      toleranceSeconds: tolerance,
    });
    if (!check.ok) {
      stats.rejected++;
      return answer(401, `signature-${check.reason}`);
    }
    let record: Record<string, unknown>;
    try {
      record = JSON.parse(body.toString("utf8")) as Record<string, unknown>;
    } catch {
      stats.rejected++;
      return answer(400, "not-json");
    }
    if (record.format !== RECORD_FORMAT || typeof record.key !== "string" || record.key !== key) {
      stats.rejected++;
      return answer(400, "not-a-record");
    }
    if (faults.delayMs) {
      const [min, max] = faults.delayMs;
      await new Promise((resolve) => setTimeout(resolve, min + random() * (max - min)));
    }
    if (faults.failBeforeApplyRate && random() < faults.failBeforeApplyRate) {
      stats.faults++;
      return answer(500, "fault-before-apply");
    }
    if (applied.has(key)) {
      stats.duplicates++;
      return answer(409, "duplicate");
    }
    if (inProgress.has(key)) return answer(503, "in-progress", { "retry-after": "1" });
    inProgress.add(key);
    try {
      // A real receiver commits the key in the same transaction as the record it applies.
      await log.append(key);
      applied.add(key);
      stats.applied++;
      options.onApply?.(record, key);
    } finally {
      inProgress.delete(key);
    }
    if (faults.failAfterApplyRate && random() < faults.failAfterApplyRate) {
      stats.faults++;
      // Applied, but the answer is lost: the sender must try again and be told "duplicate".
      if (random() < 0.5) return answer(500, "fault-after-apply");
      options.log?.({ key, status: 0, outcome: "connection-dropped-after-apply" });
      req.socket.destroy();
      return;
    }
    return answer(201, "applied");
  }

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    handleAsync(req, res).catch((error) => {
      if (!res.headersSent) json(res, 500, { status: "error", message: String(error) });
      else res.destroy();
    });
  };

  return {
    handle,
    stats,
    applied: () => applied,
    async listen(port = 0, host = "127.0.0.1") {
      server = createServer(handle);
      server.keepAliveTimeout = 30_000;
      const s = server;
      await new Promise<void>((resolve, reject) => {
        s.once("error", reject);
        s.listen(port, host, () => resolve());
      });
      const actual = (s.address() as AddressInfo).port;
      return { server: s, port: actual, url: `http://${host}:${actual}/handoff` };
    },
    async close() {
      if (server) {
        const s = server;
        s.closeAllConnections?.();
        await new Promise<void>((resolve) => s.close(() => resolve()));
      }
      await log.close();
    },
  };
}
