// The reference receiver as a program:
//   MADOGUCHI_HANDOFF_SECRET=<secret>[,<previous secret>] \
//     node --import tsx src/handoff/reference-receiver-main.ts [--port 4100] [--host 127.0.0.1] \
//       [--keys ./data/receiver/applied-keys.txt] [--fail-rate 0.3] [--delay-ms 50-500]
// --fail-rate and --delay-ms make it flap on purpose (half the failures after applying, so the sender
// must cope with "applied but no answer"), to watch deliveries survive an unreliable core system.
// It prints one JSON line per request. Its own composition root: the only place it reads the environment.
import { parseArgs } from "node:util";
import { createReferenceReceiver } from "./reference-receiver";
import { MIN_SECRET_LENGTH } from "./signature";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "4100" },
    host: { type: "string", default: "127.0.0.1" },
    keys: { type: "string", default: "./data/receiver/applied-keys.txt" },
    "fail-rate": { type: "string", default: "0" },
    "delay-ms": { type: "string", default: "0-0" },
  },
  strict: true,
});
const secrets = (process.env.MADOGUCHI_HANDOFF_SECRET ?? "").split(",").filter((s) => s.length > 0);
if (secrets.length === 0 || secrets.some((s) => s.length < MIN_SECRET_LENGTH)) {
  process.stderr.write(
    `MADOGUCHI_HANDOFF_SECRET に ${MIN_SECRET_LENGTH} 文字以上の共有鍵を設定してください。\n` +
      `Set MADOGUCHI_HANDOFF_SECRET to the shared secret (at least ${MIN_SECRET_LENGTH} characters).\n`,
  );
  process.exit(2);
}
const failRate = Number(values["fail-rate"]);
const delay = /^(\d{1,6})-(\d{1,6})$/.exec(values["delay-ms"]);
if (!(failRate >= 0 && failRate <= 1) || !delay || Number(delay[1]) > Number(delay[2])) {
  process.stderr.write(
    "--fail-rate は 0〜1、--delay-ms は「最小-最大」（例 50-500）で指定してください。\n" +
      "--fail-rate must be between 0 and 1, and --delay-ms a range such as 50-500.\n",
  );
  process.exit(2);
}
const receiver = createReferenceReceiver({
  faults: {
    delayMs: [Number(delay[1]), Number(delay[2])],
    failBeforeApplyRate: failRate / 2,
    failAfterApplyRate: failRate / 2,
  },
  secrets,
  keysFile: values.keys,
  log: (entry) => process.stdout.write(`${JSON.stringify({ at: new Date().toISOString(), ...entry })}\n`),
});
const { url } = await receiver.listen(Number(values.port), values.host);
process.stderr.write(`reference receiver listening on ${url} (applied keys in ${values.keys})\n`);
const stop = () => {
  receiver.close().then(() => process.exit(0));
};
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
