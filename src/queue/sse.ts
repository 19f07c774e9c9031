import type { IncomingMessage, ServerResponse } from "node:http";
import type { Context } from "hono";

/**
 * One Server-Sent Events stream. Under @hono/node-server the stream is written straight to the socket
 * (a few hundred bytes per connection, and one encoded frame shared by every client of a broadcast);
 * elsewhere (app.request in tests) it is a web ReadableStream.
 */
export interface SseSink {
  write(chunk: Uint8Array | string): void;
  close(): void;
  readonly closed: boolean;
  onClose(listener: () => void): void;
  /** False once the HTTP server holding the stream has stopped accepting connections (shutting down). */
  serverListening(): boolean;
}

/** Past this many unsent bytes a client is too slow: it is dropped and reconnects to a fresh state. */
const MAX_BUFFERED = 512 * 1024;
/** EventSource waits this long before reconnecting after a drop. */
export const RETRY_MS = 1_000;

const headers = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-store",
  "x-accel-buffering": "no",
  "x-content-type-options": "nosniff",
};

const encoder = new TextEncoder();

export function openSse(c: Context): { sink: SseSink; response: Response } {
  const env = c.env as { incoming?: IncomingMessage; outgoing?: ServerResponse } | undefined;
  const outgoing = env?.outgoing;
  if (outgoing && env.incoming) return nodeSse(env.incoming, outgoing);
  return webSse();
}

function nodeSse(incoming: IncomingMessage, outgoing: ServerResponse): { sink: SseSink; response: Response } {
  const listeners: Array<() => void> = [];
  let closed = false;
  const finish = () => {
    if (closed) return;
    closed = true;
    for (const l of listeners.splice(0)) l();
  };
  outgoing.on("close", finish);
  outgoing.on("error", finish);
  outgoing.writeHead(200, { ...headers, connection: "keep-alive" });
  outgoing.write(`retry: ${RETRY_MS}\n\n`);
  // Nagle's algorithm would hold small frames back for the next write.
  incoming.socket?.setNoDelay(true);
  const server = (incoming.socket as { server?: { listening?: boolean } } | null)?.server;
  const sink: SseSink = {
    write(chunk) {
      if (closed) return;
      if (outgoing.writableLength > MAX_BUFFERED) {
        outgoing.destroy();
        return;
      }
      outgoing.write(chunk);
    },
    close() {
      if (!closed) outgoing.end();
      finish();
    },
    get closed() {
      return closed;
    },
    onClose(listener) {
      if (closed) listener();
      else listeners.push(listener);
    },
    serverListening: () => server?.listening !== false,
  };
  // The node server sees this header and leaves the response alone: it has been written already.
  return { sink, response: new Response(null, { headers: { "x-hono-already-sent": "true" } }) };
}

function webSse(): { sink: SseSink; response: Response } {
  const listeners: Array<() => void> = [];
  let closed = false;
  let controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  const finish = () => {
    if (closed) return;
    closed = true;
    for (const l of listeners.splice(0)) l();
  };
  const stream = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
      c.enqueue(encoder.encode(`retry: ${RETRY_MS}\n\n`));
    },
    cancel() {
      finish();
    },
  });
  const sink: SseSink = {
    write(chunk) {
      if (closed || !controller) return;
      controller.enqueue(typeof chunk === "string" ? encoder.encode(chunk) : chunk);
    },
    close() {
      if (!closed) controller?.close();
      finish();
    },
    get closed() {
      return closed;
    },
    onClose(listener) {
      if (closed) listener();
      else listeners.push(listener);
    },
    serverListening: () => true,
  };
  return { sink, response: new Response(stream, { status: 200, headers }) };
}

/** One SSE frame. Data lines never contain a newline here: JSON.stringify escapes them. */
export function sseFrame(event: string, id: number, data: string): Uint8Array {
  return encoder.encode(`id: ${id}\nevent: ${event}\ndata: ${data}\n\n`);
}

/** The Last-Event-ID header (sent by EventSource when it reconnects), or the `lastEventId` query fallback. */
export function lastEventId(c: Context): number | null {
  const raw = c.req.header("last-event-id") ?? c.req.query("lastEventId");
  if (!raw || !/^\d{1,15}$/.test(raw)) return null;
  return Number(raw);
}
