// Issue 21 figures: the manual's search on the full Kumamoto manual (content/manual/kumamoto).
// - start-up (time until the first query answers) from the cached readings (content/.../_readings.json,
//   no analyser), and the older path: loading the files, building the analyser and the BM25 index;
// - the analyser's memory (heap and RSS growth while it is built);
// - search latency p50/p95/p99 over 10,000 queries, beside a plain substring scan of the same texts
//   (each entry's title, keywords and text lower-cased; an entry matches when it contains the query)
//   measured in the same run, and how often each finds the expected entry among its first three.
// `npm run bench -- manual`; MANUAL_BENCH_QUERIES sets the number of queries (default 10,000).
import { analyserIfReady, loadAnalyser } from "../src/manual/analyser";
import { defaultContentDir, loadEntriesFromDir } from "../src/manual/load-entries";
import { PUBLIC_LANGS } from "../src/manual/manual-entry";
import { libraryOf } from "../src/manual/manual-library";
import { markdownText } from "../src/manual/markdown";
import { loadReadingsCache } from "../src/manual/readings";
import { buildSearchIndex } from "../src/manual/search-index";

const QUERIES = Number(process.env.MANUAL_BENCH_QUERIES ?? 10_000);

/** What people type, with the entry that should come in the first three. */
const queries: ReadonlyArray<readonly [string, string]> = [
  ["てんにゅう", "proc-juki-move-in"],
  ["転入届", "proc-juki-move-in"],
  ["ﾃﾝﾆｭｳ", "proc-juki-move-in"],
  ["moving in", "proc-juki-move-in"],
  ["国保をやめたい", "proc-kokuho-withdraw"],
  ["じゅうみんひょう", "proc-juki-certificate"],
  ["住民票の写し", "proc-juki-certificate"],
  ["residence certificate", "proc-juki-certificate"],
  ["いんかんとうろく", "proc-inkan-register"],
  ["はんこを登録したい", "proc-inkan-register"],
  ["障がい者手帳", "proc-shogai-address-change"],
  ["こども医療費", "proc-kodomo-iryo-enroll"],
  ["保育所", "proc-hoiku-guidance"],
  ["轉入屆", "proc-juki-move-in"],
  ["赤ちゃんが生まれた", "proc-koseki-birth"],
  ["親が亡くなった", "proc-koseki-death"],
  ["そうさいひ", "proc-kokuho-funeral-benefit"],
  ["child allowance", "proc-jidoteate-claim"],
  ["power of attorney", "gen-proxy-and-authorization"],
  ["ﾏｲﾅﾝﾊﾞｰｶｰﾄﾞ 住所", "proc-mynumber-address-update"],
];

const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? Number.NaN;
const ms = (n: number) => `${n.toFixed(3)} ms`;
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

export default async function run(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  // Start-up from the cached readings, before the analyser exists in this process: files, cache,
  // index, first query (kana) answered; then a kanji query read from the corpus's words.
  const cpu0 = process.cpuUsage();
  const tc = performance.now();
  const cacheEntries = (await loadEntriesFromDir(defaultContentDir("kumamoto"))).entries;
  const tcFiles = performance.now() - tc;
  const readings = await loadReadingsCache(defaultContentDir("kumamoto"));
  const tcCache = performance.now() - tc - tcFiles;
  const cachedLibrary = await libraryOf(cacheEntries, new Map(), readings);
  const tcIndex = performance.now() - tc - tcFiles - tcCache;
  const firstHit = (await cachedLibrary.search("てんにゅう", { audience: "staff", limit: 3 }))[0]?.id;
  const cachedStartMs = performance.now() - tc;
  const cpu = process.cpuUsage(cpu0);
  const cachedStartCpuMs = (cpu.user + cpu.system) / 1000;
  const tk = performance.now();
  const kanjiHit = (await cachedLibrary.search("国保をやめたい", { audience: "staff", limit: 3 }))[0]?.id;
  const kanjiMs = performance.now() - tk;
  const analyserUnloaded = analyserIfReady() === undefined;
  gc?.();
  const t0 = performance.now();
  const { entries, problems } = await loadEntriesFromDir(defaultContentDir("kumamoto"));
  const loadMs = performance.now() - t0;
  if (problems.length > 0) console.log(`(${problems.length} invalid files left out)`);

  gc?.();
  const heap0 = process.memoryUsage().heapUsed;
  const rss0 = process.memoryUsage().rss;
  const t1 = performance.now();
  const analyser = await loadAnalyser();
  const analyserMs = performance.now() - t1;
  gc?.();
  const heapAnalyser = process.memoryUsage().heapUsed - heap0;
  const rssAnalyser = process.memoryUsage().rss - rss0;

  const builds: number[] = [];
  let index = buildSearchIndex(entries, analyser);
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    index = buildSearchIndex(entries, analyser);
    builds.push(performance.now() - t);
  }
  // The baseline: each entry's text lower-cased once, then String.includes per query.
  const tb = performance.now();
  const texts = entries.map((e) => ({
    id: e.id,
    text: [
      ...Object.values(e.title),
      ...e.keywords,
      ...PUBLIC_LANGS.map((l) => markdownText(e.sections[`public.${l}`] ?? "")),
      markdownText(e.sections["staff.ja"] ?? ""),
    ]
      .join("\n")
      .toLowerCase(),
  }));
  const baselineBuildMs = performance.now() - tb;
  const scan = (q: string) => {
    const needle = q.toLowerCase();
    return texts.filter((t) => t.text.includes(needle)).map((t) => t.id);
  };

  const timeRun = (f: (q: string) => unknown) => {
    for (let i = 0; i < 500; i++) f((queries[i % queries.length] as readonly [string, string])[0]);
    const times: number[] = [];
    for (let i = 0; i < QUERIES; i++) {
      const q = (queries[i % queries.length] as readonly [string, string])[0];
      const t = performance.now();
      f(q);
      times.push(performance.now() - t);
    }
    return times;
  };
  const searchTimes = timeRun((q) => index.search(q, { audience: "staff", limit: 10 }));
  const scanTimes = timeRun(scan);
  const found = queries.filter(([q, id]) =>
    index.search(q, { audience: "staff", limit: 3 }).some((h) => h.id === id),
  ).length;
  const scanFound = queries.filter(([q, id]) => scan(q).slice(0, 3).includes(id)).length;

  console.log(`entries: ${entries.length}; queries timed: ${QUERIES} (${queries.length} distinct)`);
  console.log(
    `start-up with cached readings (no analyser): files ${ms(tcFiles)}; cache ${ms(tcCache)}; index ${ms(tcIndex)}; = ${ms(cachedStartMs)} until the first query answered (${firstHit}; target ≤ 1000 ms; CPU ${ms(cachedStartCpuMs)})`,
  );
  console.log(
    `  then a kanji query read from the corpus's words: ${ms(kanjiMs)} (${kanjiHit}), analyser still unloaded: ${analyserUnloaded}`,
  );
  console.log(
    `start-up without cache: read and validate files ${ms(loadMs)}; analyser ${ms(analyserMs)}; index median ${ms(percentile(builds, 0.5))}`,
  );
  console.log(
    `  = ${ms(loadMs + analyserMs + percentile(builds, 0.5))} in all (target ≤ 1000 ms); substring baseline build ${ms(baselineBuildMs)}`,
  );
  console.log(
    `analyser memory: heap +${mib(heapAnalyser)}, RSS +${mib(rssAnalyser)}${gc ? "" : " (run with --expose-gc for exact heap)"}`,
  );
  console.log("                     p50          p95          p99");
  console.log(
    `  search (BM25)      ${ms(percentile(searchTimes, 0.5))}   ${ms(percentile(searchTimes, 0.95))}   ${ms(percentile(searchTimes, 0.99))}   (target p95 ≤ 5 ms)`,
  );
  console.log(
    `  substring scan     ${ms(percentile(scanTimes, 0.5))}   ${ms(percentile(scanTimes, 0.95))}   ${ms(percentile(scanTimes, 0.99))}`,
  );
  console.log(
    `  ratio p95          ${(percentile(searchTimes, 0.95) / percentile(scanTimes, 0.95)).toFixed(1)}×`,
  );
  console.log(
    `expected entry in the first three: search ${found}/${queries.length}, substring scan ${scanFound}/${queries.length}`,
  );
}
