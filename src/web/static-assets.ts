import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { buildSync } from "esbuild";
import { Hono } from "hono";
import type { AppEnv } from "./context";

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

/** Directories served under /static: our own styles, the Digital Agency tokens and the bundled font. */
const roots: Record<string, string> = {
  app: join(here, "static"),
  tokens: dirname(require.resolve("@digital-go-jp/design-tokens/dist/tokens.css")),
  "noto-sans-jp": dirname(require.resolve("@fontsource/noto-sans-jp/400.css")),
};

/** Client islands: small TypeScript files bundled once at start, served from memory. */
function bundleClientIslands(): Map<string, string> {
  const entries = [
    "session-timer",
    "print",
    "queue-display",
    "queue-phone",
    "queue-kiosk",
    "signature",
    "postal-lookup",
    "household-form",
  ];
  const out = new Map<string, string>();
  const result = buildSync({
    entryPoints: entries.map((name) => join(here, "client", `${name}.ts`)),
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

export function staticRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const islands = bundleClientIslands();
  app.get("/static/js/:file", (c) => {
    const body = islands.get(c.req.param("file"));
    if (!body) return c.notFound();
    return c.body(body, 200, { "content-type": types[".js"] as string, "cache-control": "no-cache" });
  });
  app.get("/static/:root/*", (c) => {
    const root = roots[c.req.param("root")];
    if (!root) return c.notFound();
    const rest = decodeURIComponent(c.req.path.slice(`/static/${c.req.param("root")}/`.length));
    const file = resolve(root, normalize(rest));
    const type = types[extname(file)];
    if (!file.startsWith(root + sep) || !type) return c.notFound();
    try {
      const body = readFileSync(file);
      const immutable = extname(file).startsWith(".woff");
      return c.body(body, 200, {
        "content-type": type,
        "cache-control": immutable ? "public, max-age=31536000, immutable" : "public, max-age=300",
      });
    } catch {
      return c.notFound();
    }
  });
  return app;
}
