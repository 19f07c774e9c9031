import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "./context";

export type Encoding = "br" | "gzip";

/** Below this many bytes compressing saves less than it costs (headers, CPU). */
export const COMPRESS_THRESHOLD = 1024;

/** Text worth compressing: pages, styles, scripts, JSON, CSV, SVG. Never an event stream. */
const compressible =
  /^\s*(?:text\/(?!event-stream)|application\/(?:[\w.+-]*\+)?(?:json|javascript|xml)|image\/svg\+xml)/i;
const noTransform = /(?:^|,)\s*no-transform\s*(?:,|$)/i;

const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/**
 * The encoding to send for an Accept-Encoding header: br when the client accepts it, else gzip, else
 * none (identity). A q of 0 refuses an encoding; `*` stands for any encoding not named.
 */
export function chooseEncoding(header: string | undefined): Encoding | undefined {
  if (!header) return undefined;
  const q = new Map<string, number>();
  for (const part of header.split(",")) {
    const [name = "", ...params] = part.trim().toLowerCase().split(";");
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    if (name) q.set(name.trim(), Number.isFinite(value) ? value : 0);
  }
  const accepts = (enc: Encoding) => (q.get(enc) ?? q.get("*") ?? 0) > 0;
  if (accepts("br")) return "br";
  if (accepts("gzip")) return "gzip";
  return undefined;
}

/**
 * Compresses a body. Static assets are compressed once at the highest setting (brotli 11, gzip 9);
 * pages and JSON made per request at a fast one (brotli 5, gzip 6), which is most of brotli's gain at
 * a fraction of its cost. Runs on libuv's thread pool, not the event loop.
 */
export async function compressBody(
  body: Uint8Array,
  encoding: Encoding,
  level: "static" | "dynamic",
): Promise<Bytes> {
  return bytes(await encode(body, encoding, level));
}

/** A body a Response takes: Node's buffers are views of a plain ArrayBuffer. */
export type Bytes = Uint8Array<ArrayBuffer>;
export const bytes = (b: Uint8Array): Bytes =>
  new Uint8Array(b.buffer as ArrayBuffer, b.byteOffset, b.byteLength);

function encode(body: Uint8Array, encoding: Encoding, level: "static" | "dynamic"): Promise<Buffer> {
  if (encoding === "br") {
    return brotliAsync(body, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: level === "static" ? 11 : 5,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength,
      },
    });
  }
  return gzipAsync(body, { level: level === "static" ? 9 : 6 });
}

/** Adds Accept-Encoding to a Vary header value (caches keep one copy per encoding). */
export function varyOnEncoding(current: string | null): string {
  if (!current) return "Accept-Encoding";
  if (current === "*" || /(?:^|,)\s*accept-encoding\s*(?:,|$)/i.test(current)) return current;
  return `${current}, Accept-Encoding`;
}

/**
 * Compresses pages, JSON and other text made per request: br when accepted, else gzip, with
 * `Vary: Accept-Encoding` and a correct Content-Length. A response that is already encoded (the
 * precompressed static assets), an event stream (it must flush each event), a HEAD or partial
 * response, one marked no-transform, one the node server has already written (SSE) and a body under
 * 1 KB are left alone.
 */
export function compress(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    const res = c.res;
    const type = res.headers.get("content-type");
    if (
      !res.body ||
      c.req.method === "HEAD" ||
      res.status === 206 ||
      res.status === 204 ||
      res.status === 304 ||
      !type ||
      !compressible.test(type) ||
      res.headers.has("content-encoding") ||
      res.headers.has("transfer-encoding") ||
      res.headers.has("x-hono-already-sent") ||
      noTransform.test(res.headers.get("cache-control") ?? "")
    )
      return;
    const declared = res.headers.get("content-length");
    if (declared && Number(declared) < COMPRESS_THRESHOLD) return;
    res.headers.set("vary", varyOnEncoding(res.headers.get("vary")));
    const encoding = chooseEncoding(c.req.header("accept-encoding"));
    if (!encoding) return;
    const raw = new Uint8Array(await res.arrayBuffer());
    if (raw.byteLength < COMPRESS_THRESHOLD) {
      c.res = new Response(raw, res);
      c.res.headers.set("content-length", String(raw.byteLength));
      return;
    }
    const body = await compressBody(raw, encoding, "dynamic");
    c.res = new Response(body, res);
    c.res.headers.set("content-encoding", encoding);
    c.res.headers.set("content-length", String(body.byteLength));
    const etag = c.res.headers.get("etag");
    if (etag && !etag.startsWith("W/")) c.res.headers.set("etag", `W/${etag}`);
  };
}
