// Issue 17 item 11 figures: bytes a browser receives, raw vs gzip vs br.
// - the staff home page and a kiosk page (HTML made per request: br 5 / gzip 6);
// - the font stylesheet: the package's two (400.css + 700.css, as pages linked them before) beside the
//   one made at start (weights 400 and 700, interleaved, minified), each raw, gzip 9 and br 11;
// - every stylesheet and script a page links, summed;
// - the time to compress the home page per request, br 5 beside gzip 6 (the baseline).
// `npm run bench -- static`.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { alwaysOpen, kumamotoQueueSeed, seedQueue } from "../src/queue/queue.seed";
import { assetUrl, FONT_CSS } from "../src/web/static-assets";
import { createTestApp } from "../test/support/app";
import { fmt } from "./support";

const kib = (n: number) => `${fmt(n / 1024, 1)} KiB`;
const br = (b: Uint8Array, quality: number) =>
  brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: quality } }).byteLength;
const gz = (b: Uint8Array, level: number) => gzipSync(b, { level }).byteLength;

/** The bytes sent for a request with this Accept-Encoding. */
async function sent(request: (encoding: string) => Promise<Response>, encoding: string): Promise<number> {
  const res = await request(encoding);
  if (!res.ok) throw new Error(`${res.status}`);
  return (await res.arrayBuffer()).byteLength;
}

async function line(label: string, request: (encoding: string) => Promise<Response>) {
  const [raw, gzip, brotli] = [
    await sent(request, ""),
    await sent(request, "gzip"),
    await sent(request, "br"),
  ];
  console.log(
    `${label}: raw ${kib(raw)}, gzip ${kib(gzip)} (${fmt((100 * gzip) / raw)} %), br ${kib(brotli)} (${fmt((100 * brotli) / raw)} %)`,
  );
}

export default async function run() {
  const fontDir = join(import.meta.dirname, "../node_modules/@fontsource/noto-sans-jp");
  const before = ["400", "700"].map((w) => readFileSync(join(fontDir, `${w}.css`)));
  const sum = (f: (b: Uint8Array) => number) => before.reduce((s, b) => s + f(b), 0);
  console.log(
    `font stylesheet before (400.css + 700.css): raw ${kib(sum((b) => b.byteLength))}, gzip ${kib(sum((b) => gz(b, 9)))}, br ${kib(sum((b) => br(b, 11)))}`,
  );

  const test = await createTestApp();
  try {
    await seedQueue(test.database.db, "kumamoto", { seed: { ...kumamotoQueueSeed, hours: alwaysOpen } });
    const office = (await test.database.db.query.offices.findFirst({
      where: (o, { and, eq }) => and(eq(o.municipalityId, "kumamoto"), eq(o.code, "chuo")),
    })) as { id: string };
    const client = await test.signIn(await test.addUser("bench.static", "counter"));
    const anonymous = test.anonymous();
    const at =
      (path: string, who = anonymous) =>
      (encoding: string) =>
        who.request(path, { headers: { "accept-encoding": encoding } });

    await line(`font stylesheet now (${FONT_CSS}, one file)`, at(assetUrl(FONT_CSS)));
    await line("home page HTML (staff)", at("/", client));
    await line("kiosk page HTML", at(`/queue/offices/${office.id}/kiosk`));

    const html = await (await client.request("/")).text();
    const assets = [...html.matchAll(/(?:href|src)="(\/static\/[^"]+)"/g)].map((m) => m[1] as string);
    let raw = 0;
    let brotli = 0;
    for (const url of assets) {
      raw += await sent(at(url), "");
      brotli += await sent(at(url), "br");
    }
    console.log(`home page's ${assets.length} stylesheets and scripts: raw ${kib(raw)}, br ${kib(brotli)}`);

    const page = new TextEncoder().encode(html);
    const time = (f: () => void) => {
      for (let i = 0; i < 20; i++) f();
      const t0 = performance.now();
      for (let i = 0; i < 300; i++) f();
      return (performance.now() - t0) / 300;
    };
    const brMs = time(() => br(page, 5));
    const gzMs = time(() => gz(page, 6));
    console.log(
      `compressing the home page per request: br 5 ${fmt(brMs * 1000)} µs (gzip 6 baseline ${fmt(gzMs * 1000)} µs, ${fmt(brMs / gzMs, 2)}×)`,
    );
  } finally {
    await test.close();
  }
}
