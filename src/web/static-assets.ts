import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { buildSync } from "esbuild";
import { type Context, Hono } from "hono";
import {
  type Bytes,
  bytes,
  COMPRESS_THRESHOLD,
  chooseEncoding,
  compressBody,
  type Encoding,
} from "./compress";
import type { AppEnv } from "./context";
import { minimalFontCss } from "./font-css";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

const types: Record<string, string> = {
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
};

export const IMMUTABLE = "public, max-age=31536000, immutable";
/** An unhashed (or outdated) asset URL: old pages in a cache still get their styles, kept briefly. */
const SHORT = "public, max-age=300";

/** Directories served under /static: our own styles, the Digital Agency tokens and the bundled font. */
const roots: Record<string, string> = {
  app: join(here, "static"),
  tokens: dirname(require.resolve("@digital-go-jp/design-tokens/dist/tokens.css")),
  "noto-sans-jp": dirname(require.resolve("@fontsource/noto-sans-jp/400.css")),
};

/** The font weights the pages use (body text and bold), in the one font stylesheet. */
export const FONT_CSS = "noto-sans-jp/400-700.css";
const fontWeights = ["400", "700"];
/** The font package's version, in the URL of its slices (their file names stay the same across versions). */
const fontVersion = (
  JSON.parse(readFileSync(join(roots["noto-sans-jp"] as string, "package.json"), "utf8")) as {
    version: string;
  }
).version;
const versionedFile = /^(\d+\.\d+\.\d+[\w.-]*)\/(files\/.*)$/;

/** Client islands: small TypeScript files bundled once at start, served from memory. */
const islands = [
  "session-timer",
  "print",
  "queue-display",
  "queue-phone",
  "queue-kiosk",
  "signature",
  "postal-lookup",
  "household-form",
  "card-reader",
  "code-scan",
];

function bundleClientIslands(): Map<string, string> {
  const out = new Map<string, string>();
  const result = buildSync({
    entryPoints: islands.map((name) => join(here, "client", `${name}.ts`)),
    bundle: true,
    write: false,
    format: "esm",
    minify: true,
    target: "es2020",
    outdir: "/js",
  });
  for (const file of result.outputFiles) out.set(file.path.replace(/^.*\//, ""), file.text);
  return out;
}

/** One file served from memory under a name with its content hash, compressed once per encoding. */
export interface Asset {
  /** Its unhashed path under /static, e.g. "app/app.css". */
  path: string;
  /** Its hashed path under /static, e.g. "app/app.1a2b3c4d.css". */
  hashedPath: string;
  type: string;
  body: Bytes;
  hash: string;
  encoded(encoding: Encoding): Promise<Bytes>;
}

function asset(path: string, content: string | Buffer): Asset {
  const body = bytes(typeof content === "string" ? Buffer.from(content) : content);
  const hash = createHash("sha256").update(body).digest("hex").slice(0, 8);
  const ext = extname(path);
  const variants = new Map<Encoding, Promise<Bytes>>();
  return {
    path,
    hashedPath: `${path.slice(0, -ext.length)}.${hash}${ext}`,
    type: types[ext] as string,
    body,
    hash,
    // Compressed on first request and kept: brotli 11 on the font stylesheet takes a moment, which
    // neither start-up nor a test that never asks for it should pay.
    encoded(encoding) {
      let variant = variants.get(encoding);
      if (!variant) {
        variant = compressBody(body, encoding, "static");
        variants.set(encoding, variant);
      }
      return variant;
    },
  };
}

/** Every asset a page links, read and hashed once per process. */
function buildAssets(): Map<string, Asset> {
  const list: Asset[] = [];
  for (const file of readdirSync(roots.app as string)
    .filter((f) => f.endsWith(".css"))
    .sort())
    list.push(asset(`app/${file}`, readFileSync(join(roots.app as string, file))));
  list.push(asset("tokens/tokens.css", readFileSync(join(roots.tokens as string, "tokens.css"))));
  const fontDir = roots["noto-sans-jp"] as string;
  const fontCss = fontWeights.map((w) => readFileSync(join(fontDir, `${w}.css`), "utf8"));
  list.push(asset(FONT_CSS, minimalFontCss(fontCss, `${fontVersion}/`)));
  for (const [name, text] of bundleClientIslands()) list.push(asset(`js/${name}`, text));
  return new Map(list.map((a) => [a.path, a]));
}

let assets: Map<string, Asset> | undefined;
export function staticAssets(): Map<string, Asset> {
  assets ??= buildAssets();
  return assets;
}

/**
 * The URL a page links an asset with: its name carries its content hash ("app/app.css" →
 * "/static/app/app.1a2b3c4d.css"), so a browser keeps it for a year and a new release is a new URL.
 */
export function assetUrl(path: string): string {
  const found = staticAssets().get(path);
  return `/static/${found ? found.hashedPath : path}`;
}

const hashedName = /^(.*)\.([0-9a-f]{8})(\.[a-z0-9]+)$/;

async function serve(c: Context<AppEnv>, path: string): Promise<Response | undefined> {
  const all = staticAssets();
  let found = all.get(path);
  let cacheControl = found?.path.startsWith("js/") ? "no-cache" : SHORT;
  const hashed = hashedName.exec(path);
  if (!found && hashed) {
    found = all.get(`${hashed[1]}${hashed[3]}`);
    // The current hash: kept for a year; an older one (a page cached before a release) gets today's file briefly.
    cacheControl = found?.hash === hashed[2] ? IMMUTABLE : SHORT;
  }
  if (!found) return undefined;
  const headers: Record<string, string> = {
    "content-type": found.type,
    "cache-control": cacheControl,
    vary: "Accept-Encoding",
    etag: `W/"${found.hash}"`,
  };
  if (c.req.header("if-none-match") === headers.etag) return c.body(null, 304, headers);
  const encoding =
    found.body.byteLength >= COMPRESS_THRESHOLD ? chooseEncoding(c.req.header("accept-encoding")) : undefined;
  const body = encoding ? await found.encoded(encoding) : found.body;
  if (encoding) headers["content-encoding"] = encoding;
  headers["content-length"] = String(body.byteLength);
  return c.body(body, 200, headers);
}

export function staticRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  staticAssets();
  app.get("/static/js/:file", async (c) => (await serve(c, `js/${c.req.param("file")}`)) ?? c.notFound());
  app.get("/static/:root/*", async (c) => {
    const root = roots[c.req.param("root")];
    if (!root) return c.notFound();
    let rest = decodeURIComponent(c.req.path.slice(`/static/${c.req.param("root")}/`.length));
    const fromMemory = await serve(c, `${c.req.param("root")}/${rest}`);
    if (fromMemory) return fromMemory;
    // Any other file of the three folders (the font's woff2 slices, its other stylesheets) from disk.
    // A slice is kept for good under its package version ("5.3.0/files/…"); under an older version
    // (a page cached before an upgrade) or none (the package's own stylesheets), briefly.
    const versioned = c.req.param("root") === "noto-sans-jp" ? versionedFile.exec(rest) : null;
    if (versioned) rest = versioned[2] as string;
    const file = resolve(root, normalize(rest));
    const type = types[extname(file)];
    if (!file.startsWith(root + sep) || !type) return c.notFound();
    try {
      const body = readFileSync(file);
      const immutable = versioned?.[1] === fontVersion && extname(file) === ".woff2";
      return c.body(body, 200, { "content-type": type, "cache-control": immutable ? IMMUTABLE : SHORT });
    } catch {
      return c.notFound();
    }
  });
  return app;
}
