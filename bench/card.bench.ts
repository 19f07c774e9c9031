// Issue 22 figures: reading the My Number card's four attributes through the real PC/SC stack (pcscd,
// the vsmartcard vpcd reader, the software card on its socket), APDU round trips counted, beside the
// raw exchange of the same commands in the same session shape without any decoding or checks (the
// least any reader does). Both open and reset a card session per read, as the agent does.
// `npm run bench -- card`. Needs pcscd and vsmartcard-vpcd (Debian); says why when it cannot run.
import { PcscReaders } from "../src/card/pcsc";
import { ensurePcscd, pcscUnavailable } from "../src/card/pcscd.test-support";
import { readCardAttributes } from "../src/card/read-card";
import { SoftwareMyNumberCard } from "../src/card/software-card";
import { insertIntoVpcd, VPCD_PORT } from "../src/card/vpcd";
import { fmt } from "./support";

const ROUNDS = 40;
const person = {
  name: "髙橋\u3000葛\u{E0100}子",
  address: "熊本県熊本市中央区水前寺六丁目１２番３号",
  birth: "19820201",
  sex: "2",
  pin: "1234",
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)] ?? Number.NaN;

export default async function run(): Promise<void> {
  const why = pcscUnavailable();
  if (why) {
    console.log(`card bench skipped: ${why}`);
    return;
  }
  const pcscd = await ensurePcscd(VPCD_PORT);
  const card = new SoftwareMyNumberCard(person);
  const inserted = await insertIntoVpcd({ card, port: VPCD_PORT });
  const readers = new PcscReaders({ settleMs: 1500 });
  try {
    // One read to learn the command sequence the raw exchange replays.
    await readers.withCard((s) => readCardAttributes({ transmit: s.transmit, pin: person.pin }));
    const sequence = card.received.map((hex) => Uint8Array.from(Buffer.from(hex, "hex")));
    const full: number[] = [];
    const raw: number[] = [];
    const empty: number[] = [];
    let trips = 0;
    for (let i = 0; i < ROUNDS; i++) {
      let started = performance.now();
      await readers.withCard(async (s) => {
        const a = await readCardAttributes({ transmit: s.transmit, pin: person.pin });
        if (a.birthDate !== "1982-02-01") throw new Error("card bench: wrong attributes read");
        trips = s.commands;
      });
      full.push(performance.now() - started);
      started = performance.now();
      await readers.withCard(async (s) => {
        for (const command of sequence) await s.transmit(command);
      });
      raw.push(performance.now() - started);
      started = performance.now();
      await readers.withCard(async () => undefined);
      empty.push(performance.now() - started);
    }
    // The session alone (connect, then disconnect with a card reset) is most of it: said apart.
    const perTrip = (median(raw) - median(empty)) / sequence.length;
    console.log(
      `four attributes through pcscd + vpcd: median ${fmt(median(full), 2)} ms, p95 ${fmt(p95(full), 2)} ms, ${trips} APDU round trips (raw exchange of the same ${sequence.length} APDUs, no decoding, baseline median ${fmt(median(raw), 2)} ms, p95 ${fmt(p95(raw), 2)} ms; ${fmt(median(full) / median(raw), 2)}×; ${fmt(perTrip, 2)} ms a round trip beyond the session)`,
    );
    console.log(
      `of which the card session alone (connect, reset on disconnect, no APDU): median ${fmt(median(empty), 2)} ms`,
    );
  } finally {
    readers.close();
    await inserted.remove();
    await pcscd.stop();
  }
}
