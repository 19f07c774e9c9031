import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alwaysOpen, kumamotoQueueSeed, seedQueue } from "../../src/queue/queue.seed";
import { offices } from "../../src/tenancy/tenancy.table";
import { chooseEncoding } from "../../src/web/compress";
import { assetUrl, FONT_CSS, IMMUTABLE, staticAssets } from "../../src/web/static-assets";
import { type Client, createTestApp, type TestApp } from "../support/app";

// Issue #17 item 11: hashed, immutable asset URLs; br or gzip for text; one small font stylesheet.
let t: TestApp;
let staff: Client;
let chuo: string;

const root = join(import.meta.dirname, "../..");
const hashed = /^\/static\/[\w-]+\/(?:[\w-]+\/)*[\w.-]+\.[0-9a-f]{8}\.(?:css|js)$/;

beforeAll(async () => {
  t = await createTestApp();
  await seedQueue(t.database.db, "kumamoto", { seed: { ...kumamotoQueueSeed, hours: alwaysOpen } });
  const rows = await t.database.db.select().from(offices);
  chuo = rows.find((o) => o.code === "chuo")?.id ?? "";
  staff = await t.signIn(await t.addUser("static-counter", "counter"));
});
afterAll(async () => {
  await t?.close();
});

const get = (path: string, encoding?: string, client: Client = t.anonymous()) =>
  client.request(path, encoding === undefined ? {} : { headers: { "accept-encoding": encoding } });

/** The body as sent, and decoded by its Content-Encoding. */
async function decoded(res: Response): Promise<{ sent: Buffer; body: Buffer }> {
  const sent = Buffer.from(await res.arrayBuffer());
  const encoding = res.headers.get("content-encoding");
  const body = encoding === "br" ? brotliDecompressSync(sent) : encoding === "gzip" ? gunzipSync(sent) : sent;
  return { sent, body };
}

/** Every asset a page's <head> and body link: stylesheets and module scripts. */
function linkedAssets(html: string): string[] {
  const links = [...html.matchAll(/<link\b[^>]*\bhref="([^"]+)"/g)].map((m) => m[1] as string);
  const scripts = [...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1] as string);
  return [...links, ...scripts].filter((url) => !url.startsWith("data:"));
}

describe("hashed asset URLs", () => {
  it("name each file by its content and serve exactly that file, kept for a year", async () => {
    const url = assetUrl("app/app.css");
    expect(url).toMatch(hashed);
    const res = await get(url, "");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe(IMMUTABLE);
    expect(res.headers.get("content-type")).toMatch(/^text\/css/);
    const body = Buffer.from(await res.arrayBuffer());
    expect(body.equals(readFileSync(join(root, "src/web/static/app.css")))).toBe(true);
    expect(Number(res.headers.get("content-length"))).toBe(body.byteLength);
    const tokens = Buffer.from(await (await get(assetUrl("tokens/tokens.css"), "")).arrayBuffer());
    expect(
      tokens.equals(readFileSync(join(root, "node_modules/@digital-go-jp/design-tokens/dist/tokens.css"))),
    ).toBe(true);
  });

  it("carry the first 8 hex digits of the SHA-256 of what they serve, for every asset", async () => {
    for (const asset of staticAssets().values()) {
      const url = assetUrl(asset.path);
      const res = await get(url, "");
      expect(res.status, url).toBe(200);
      expect(res.headers.get("cache-control"), url).toBe(IMMUTABLE);
      const body = Buffer.from(await res.arrayBuffer());
      expect(url, asset.path).toContain(`.${createHash("sha256").update(body).digest("hex").slice(0, 8)}.`);
    }
  });

  it("keep the unhashed URLs working for pages cached before, with a short lifetime", async () => {
    for (const path of ["/static/app/app.css", "/static/noto-sans-jp/400.css", "/static/js/print.js"]) {
      const res = await get(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get("cache-control"), path).toMatch(/^(public, max-age=300|no-cache)$/);
    }
  });

  it("answer an outdated hash (a page from before a release) with today's file, not kept for long", async () => {
    const res = await get("/static/app/app.00000000.css", "");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("public, max-age=300");
    expect(await res.text()).toBe(readFileSync(join(root, "src/web/static/app.css"), "utf8"));
    expect((await get("/static/app/nothing.00000000.css")).status).toBe(404);
  });

  it("answer a revalidation with the same content with 304", async () => {
    const first = await get("/static/app/app.css");
    const etag = first.headers.get("etag") ?? "";
    expect(etag).toMatch(/^W\/"[0-9a-f]{8}"$/);
    const again = await t.anonymous().request("/static/app/app.css", { headers: { "if-none-match": etag } });
    expect(again.status).toBe(304);
  });
});

describe("every page links its styles and scripts by hashed URL", () => {
  it.each([
    ["the sign-in page", "/signin", "anonymous"],
    ["the home page", "/", "staff"],
    ["a kiosk", "/queue/offices/:chuo/kiosk", "anonymous"],
    ["a display board", "/queue/offices/:chuo/display", "anonymous"],
    ["an error page", "/no-such-page", "staff"],
  ] as const)("%s", async (_name, path, who) => {
    const client = who === "staff" ? staff : t.anonymous();
    const res = await client.request(path.replace(":chuo", chuo));
    const html = await res.text();
    const assets = linkedAssets(html);
    expect(assets).toContain(assetUrl("app/app.css"));
    expect(assets).toContain(assetUrl(FONT_CSS));
    expect(html).not.toContain("/static/noto-sans-jp/400.css");
    for (const url of assets) {
      expect(url, path).toMatch(hashed);
      const asset = await client.request(url);
      expect(asset.status, url).toBe(200);
      expect(asset.headers.get("cache-control"), url).toBe(IMMUTABLE);
    }
  });
});

describe("the font stylesheet", () => {
  const fontDir = join(root, "node_modules/@fontsource/noto-sans-jp");
  const original = ["400", "700"].map((w) => readFileSync(join(fontDir, `${w}.css`), "utf8"));

  it("is one file with every unicode-range slice of weights 400 and 700, and nothing else", async () => {
    const css = await (await get(assetUrl(FONT_CSS), "")).text();
    const faces = css.match(/@font-face\{[^}]*\}/g) ?? [];
    const originalFaces = original.map((c) => (c.match(/@font-face/g) ?? []).length);
    expect(faces.length).toBe((originalFaces[0] ?? 0) + (originalFaces[1] ?? 0));
    expect(faces.filter((f) => f.includes("font-weight:400")).length).toBe(originalFaces[0]);
    expect(faces.filter((f) => f.includes("font-weight:700")).length).toBe(originalFaces[1]);
    // The same unicode-ranges as the package's, for each weight.
    const ranges = (text: string) =>
      [...text.matchAll(/unicode-range:\s*([^;}]+)/g)].map((m) => m[1]?.trim());
    for (const [i, weight] of ["400", "700"].entries())
      expect(ranges(faces.filter((f) => f.includes(`font-weight:${weight}`)).join("\n"))).toEqual(
        ranges(original[i] as string),
      );
    expect(css).not.toContain("/*");
    expect(css).not.toContain(".woff)");
    expect(css.length).toBeLessThan(original.join("").length);
  });

  it("points at woff2 slices that are served, under the package's version, kept for good", async () => {
    const url = assetUrl(FONT_CSS);
    const css = await (await get(url, "")).text();
    const files = [...css.matchAll(/url\(([^)]+)\)/g)].map((m) => m[1] as string);
    const version = (JSON.parse(readFileSync(join(fontDir, "package.json"), "utf8")) as { version: string })
      .version;
    for (const file of [files[0], files[files.length - 1]] as string[]) {
      expect(file.startsWith(`${version}/files/`)).toBe(true);
      const res = await get(new URL(file, `http://localhost${url}`).pathname);
      expect(res.status, file).toBe(200);
      expect(res.headers.get("content-type")).toBe("font/woff2");
      expect(res.headers.get("cache-control")).toBe(IMMUTABLE);
      expect(res.headers.get("content-encoding")).toBeNull();
      expect(
        Buffer.from(await res.arrayBuffer()).equals(
          readFileSync(join(fontDir, file.slice(version.length + 1))),
        ),
      ).toBe(true);
    }
    // Without the version (the package's own stylesheets) or under another one: served, briefly kept.
    const slice = (files[0] as string).slice(version.length + 1);
    for (const path of [`/static/noto-sans-jp/${slice}`, `/static/noto-sans-jp/0.0.1/${slice}`]) {
      const res = await get(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get("cache-control"), path).toBe("public, max-age=300");
    }
  });
});

describe("compression", () => {
  it.each([
    ["a stylesheet (precompressed)", (): string => assetUrl(FONT_CSS), "anonymous"],
    ["a script (precompressed)", (): string => assetUrl("js/signature.js"), "anonymous"],
    ["a page", (): string => "/", "staff"],
    ["JSON", (): string => "/api/openapi.json", "anonymous"],
  ] as const)("sends br, else gzip, else the plain body: %s", async (_name, path, who) => {
    const client = who === "staff" ? staff : t.anonymous();
    const plain = await get(path(), "", client);
    expect(plain.headers.get("content-encoding")).toBeNull();
    expect(plain.headers.get("vary") ?? "").toMatch(/accept-encoding/i);
    const expected = Buffer.from(await plain.arrayBuffer());
    expect(expected.byteLength).toBeGreaterThan(1024);
    for (const [accept, encoding] of [
      ["gzip, deflate, br, zstd", "br"],
      ["gzip, deflate", "gzip"],
      ["br;q=0, gzip", "gzip"],
      ["deflate", null],
      ["identity", null],
    ] as const) {
      const res = await get(path(), accept, client);
      expect(res.status, accept).toBe(200);
      expect(res.headers.get("content-encoding"), accept).toBe(encoding);
      expect(res.headers.get("vary") ?? "", accept).toMatch(/accept-encoding/i);
      const { sent, body } = await decoded(res);
      // Compressed: always the length of what is sent; plain: when given at all, right.
      const length = res.headers.get("content-length");
      if (encoding || length !== null) expect(Number(length), accept).toBe(sent.byteLength);
      if (encoding) expect(sent.byteLength, accept).toBeLessThan(expected.byteLength / 2);
      // Pages carry a fresh CSRF token and timestamps; only the fixed files are compared byte for byte.
      if (who !== "staff") expect(body.equals(expected), accept).toBe(true);
      else expect(body.toString("utf8").startsWith("<!DOCTYPE html>"), accept).toBe(true);
    }
  });

  it("leaves a body under 1 KB alone", async () => {
    const res = await get("/healthz", "br, gzip");
    expect(res.headers.get("content-encoding")).toBeNull();
  });

  it("never compresses an event stream: each event must reach the display as it happens", async () => {
    const res = await get(`/queue/offices/${chuo}/display/events`, "br, gzip");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(res.headers.get("content-encoding")).toBeNull();
    const reader = res.body?.getReader();
    const first = await Promise.race([
      reader?.read(),
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error("the stream was held back")), 3_000),
      ),
    ]);
    expect(new TextDecoder().decode(first?.value)).toMatch(/^(retry|event|id|data|:)/m);
    await reader?.cancel();
  });

  it("reads Accept-Encoding as the standard says: q=0 refuses, * stands for the rest", () => {
    expect(chooseEncoding(undefined)).toBeUndefined();
    expect(chooseEncoding("")).toBeUndefined();
    expect(chooseEncoding("gzip, br")).toBe("br");
    expect(chooseEncoding("BR;q=0.5, gzip;q=1")).toBe("br");
    expect(chooseEncoding("br;q=0, gzip;q=0")).toBeUndefined();
    expect(chooseEncoding("*")).toBe("br");
    expect(chooseEncoding("br;q=0, *")).toBe("gzip");
    expect(chooseEncoding("*;q=0")).toBeUndefined();
  });
});
