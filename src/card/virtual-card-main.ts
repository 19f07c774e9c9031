// Puts the software My Number card into vsmartcard's virtual reader (vpcd) until Ctrl-C, for trying the
// card agent and the counter page without a physical card (docs/card.md):
//
//   node --import tsx src/card/virtual-card-main.ts [--pin 1234] [--name 氏名] [--address 住所]
//        [--birth YYYYMMDD] [--sex 1|2] [--port 35963] [--not-my-number]
//
// The card's data is made up; its EF 0001 holds a made-up 12-digit number the agent must never read.
import { parseArgs } from "node:util";
import { SoftwareMyNumberCard } from "./software-card";
import { insertIntoVpcd, VPCD_PORT } from "./vpcd";

const { values } = parseArgs({
  options: {
    pin: { type: "string", default: "1234" },
    name: { type: "string", default: "髙橋\u3000葛\u{E0100}子" },
    address: { type: "string", default: "熊本県熊本市中央区水前寺六丁目１２番３号" },
    birth: { type: "string", default: "19820201" },
    sex: { type: "string", default: "2" },
    port: { type: "string", default: String(VPCD_PORT) },
    "not-my-number": { type: "boolean", default: false },
  },
});
const card = new SoftwareMyNumberCard({
  pin: values.pin,
  name: values.name,
  address: values.address,
  birth: values.birth,
  sex: values.sex,
  hasKenhojoAp: !values["not-my-number"],
});
const inserted = await insertIntoVpcd({ card, port: Number(values.port) });
console.log(`software card in the virtual reader (vpcd 127.0.0.1:${values.port}); Ctrl-C takes it out`);
await new Promise<void>((resolve) => {
  process.once("SIGINT", () => resolve());
  process.once("SIGTERM", () => resolve());
});
await inserted.remove();
console.log(`taken out; PIN tries left: ${card.tries}`);
