import { describe, expect, it } from "vitest";
import { guarded, MyNumberFileRefused, selectEf, selectsMyNumber, type Transmit } from "./apdu";
import { decodeAttributes } from "./attributes";
import { CardError } from "./card.errors";
import { readCardAttributes, readPinStatus } from "./read-card";
import { attributeFileOf, type SoftwareCardOptions, SoftwareMyNumberCard } from "./software-card";
import { encodeTlv } from "./tlv";

const resident: SoftwareCardOptions = {
  name: "髙橋\u{20BB7}太郎",
  address: "熊本県熊本市中央区手取本町１番１号",
  birth: "19800402",
  sex: "1",
  pin: "1234",
  myNumber: "123456789018",
};

const transportOf =
  (card: SoftwareMyNumberCard): Transmit =>
  async (command) =>
    card.transmit(command);

async function failure(run: Promise<unknown>): Promise<CardError> {
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CardError);
  return error as CardError;
}

describe("reading the four attributes", () => {
  it("reads name, address, birth date and sex with the right PIN, 外字 outside the BMP kept as the card encodes it", async () => {
    const card = new SoftwareMyNumberCard(resident);
    const attributes = await readCardAttributes({ transmit: transportOf(card), pin: "1234" });
    expect(attributes).toEqual({
      name: "髙橋\u{20BB7}太郎",
      address: "熊本県熊本市中央区手取本町１番１号",
      birthDate: "1980-04-02",
      sex: "male",
      privateUse: false,
    });
  });

  it("keeps an ideographic variation sequence and flags a Private Use Area 外字", async () => {
    const name = "渡\u{908A}\u{E0103}\uE000子";
    const card = new SoftwareMyNumberCard({ ...resident, name, sex: "2" });
    const attributes = await readCardAttributes({ transmit: transportOf(card), pin: "1234" });
    expect(attributes.name).toBe(name);
    expect(attributes.sex).toBe("female");
    expect(attributes.privateUse).toBe(true);
  });

  it("sends SELECT AP, SELECT PIN EF, an empty VERIFY, VERIFY, SELECT EF 0002 and READ BINARY, and never selects EF 0001", async () => {
    const card = new SoftwareMyNumberCard(resident);
    await readCardAttributes({ transmit: transportOf(card), pin: "1234" });
    expect(card.received.slice(0, 5)).toEqual([
      "00A4040C0AD3921000310001010408",
      "00A4020C020011",
      "00200080",
      "002000800431323334",
      "00A4020C020002",
    ]);
    expect(card.received.slice(5).every((c) => c.startsWith("00B0"))).toBe(true);
    expect(card.received.some((c) => c.startsWith("00A4") && c.endsWith("0001"))).toBe(false);
  });

  it("reads an attribute file longer than one READ BINARY in several", async () => {
    const card = new SoftwareMyNumberCard({ ...resident, address: "熊本県熊本市中央区".repeat(20) });
    const attributes = await readCardAttributes({ transmit: transportOf(card), pin: "1234" });
    expect(attributes.address).toBe("熊本県熊本市中央区".repeat(20));
    expect(card.received.filter((c) => c.startsWith("00B0")).length).toBeGreaterThan(2);
  });
});

describe("the PIN", () => {
  it("answers a wrong PIN with the tries left, counting down, and never retries by itself", async () => {
    const card = new SoftwareMyNumberCard(resident);
    const first = await failure(readCardAttributes({ transmit: transportOf(card), pin: "9999" }));
    expect(first.reason).toBe("pinWrong");
    expect(first.params).toEqual({ triesLeft: "2" });
    expect(card.received.filter((c) => c.startsWith("0020008004")).length).toBe(1);
    const second = await failure(readCardAttributes({ transmit: transportOf(card), pin: "0000" }));
    expect(second.params).toEqual({ triesLeft: "1" });
    expect(await readPinStatus({ transmit: transportOf(card) })).toEqual({ triesLeft: 1 });
  });

  it("locks after three wrong PINs, and a locked card is never sent the PIN again", async () => {
    const card = new SoftwareMyNumberCard(resident);
    for (const pin of ["1111", "2222"])
      await failure(readCardAttributes({ transmit: transportOf(card), pin }));
    const third = await failure(readCardAttributes({ transmit: transportOf(card), pin: "3333" }));
    expect(third.reason).toBe("pinLocked");
    const sent = card.received.length;
    const after = await failure(readCardAttributes({ transmit: transportOf(card), pin: "1234" }));
    expect(after.reason).toBe("pinLocked");
    expect(card.received.slice(sent).some((c) => c.startsWith("0020008004"))).toBe(false);
  });

  it("refuses a PIN that is not four digits without sending anything", async () => {
    const card = new SoftwareMyNumberCard(resident);
    for (const pin of ["123", "12345", "abcd", "１２３４"]) {
      expect((await failure(readCardAttributes({ transmit: transportOf(card), pin }))).reason).toBe(
        "pinFormat",
      );
    }
    expect(card.received).toEqual([]);
  });

  it("resets the counter to three after the right PIN", async () => {
    const card = new SoftwareMyNumberCard(resident);
    await failure(readCardAttributes({ transmit: transportOf(card), pin: "1111" }));
    await readCardAttributes({ transmit: transportOf(card), pin: "1234" });
    expect(card.tries).toBe(3);
  });
});

describe("cards and answers that are not what we expect", () => {
  it("says a card without the 券面事項入力補助AP is not a My Number card", async () => {
    const card = new SoftwareMyNumberCard({ ...resident, hasKenhojoAp: false });
    expect((await failure(readCardAttributes({ transmit: transportOf(card), pin: "1234" }))).reason).toBe(
      "notMyNumberCard",
    );
  });

  it("refuses an unexpected status word with its code, never a partial record", async () => {
    const card = new SoftwareMyNumberCard(resident);
    const transmit: Transmit = async (c) => (c[1] === 0xb0 ? Uint8Array.of(0x6f, 0x00) : card.transmit(c));
    const error = await failure(readCardAttributes({ transmit, pin: "1234" }));
    expect(error.reason).toBe("unexpectedStatus");
    expect(error.params).toEqual({ sw: "6F00" });
  });

  it.each([
    ["a container with another tag", encodeTlv("FF21", encodeTlv("DF22", new TextEncoder().encode("a")))],
    ["a value running past the end", Uint8Array.of(0xff, 0x20, 0x10, 0xdf, 0x22, 0x01)],
    ["an attribute missing", attributeFileOf({ ...resident, sex: "" })],
    ["a sex code outside the specification", attributeFileOf({ ...resident, sex: "7" })],
    ["a birth date that is no date", attributeFileOf({ ...resident, birth: "19800231" })],
    [
      "text that is not UTF-8",
      encodeTlv(
        "FF20",
        Uint8Array.of(
          ...encodeTlv("DF21", Uint8Array.of(0, 1)),
          ...encodeTlv("DF22", Uint8Array.of(0x93, 0x8c)),
          ...encodeTlv("DF23", Uint8Array.of(0x41)),
          ...encodeTlv("DF24", new TextEncoder().encode("19800101")),
          ...encodeTlv("DF25", Uint8Array.of(0x31)),
        ),
      ),
    ],
  ])("refuses %s as malformed data", async (_label, file) => {
    const card = new SoftwareMyNumberCard({ ...resident, attributeFile: file });
    expect((await failure(readCardAttributes({ transmit: transportOf(card), pin: "1234" }))).reason).toBe(
      "malformedData",
    );
  });

  it("decodes a duplicate attribute as malformed rather than choosing one", () => {
    const enc = new TextEncoder();
    const file = encodeTlv(
      "FF20",
      Uint8Array.of(
        ...encodeTlv("DF21", Uint8Array.of(0, 1)),
        ...encodeTlv("DF22", enc.encode("甲")),
        ...encodeTlv("DF22", enc.encode("乙")),
        ...encodeTlv("DF23", enc.encode("熊本")),
        ...encodeTlv("DF24", enc.encode("19800101")),
        ...encodeTlv("DF25", enc.encode("1")),
      ),
    );
    expect(() => decodeAttributes(file)).toThrow(CardError);
  });
});

describe("the 個人番号 file", () => {
  it("is refused by the guard before a command selecting it reaches the card", async () => {
    const card = new SoftwareMyNumberCard(resident);
    const transmit = guarded(transportOf(card));
    await expect(transmit(selectEf(Uint8Array.of(0x00, 0x01)))).rejects.toBeInstanceOf(MyNumberFileRefused);
    await expect(
      transmit(Uint8Array.of(0x00, 0xa4, 0x08, 0x0c, 0x04, 0x3f, 0x00, 0x00, 0x01)),
    ).rejects.toBeInstanceOf(MyNumberFileRefused);
    expect(card.received).toEqual([]);
  });

  it("recognises every form of SELECT that names EF 0001 and no other file", () => {
    expect(selectsMyNumber(Uint8Array.from(Buffer.from("00A4020C020001", "hex")))).toBe(true);
    expect(selectsMyNumber(Uint8Array.from(Buffer.from("00A4000C020001", "hex")))).toBe(true);
    expect(selectsMyNumber(Uint8Array.from(Buffer.from("00A4020C020002", "hex")))).toBe(false);
    expect(selectsMyNumber(Uint8Array.from(Buffer.from("00B0000008", "hex")))).toBe(false);
  });

  it("never leaves the card, whatever the PIN and the card answer", async () => {
    for (const pin of ["1234", "0000"]) {
      const card = new SoftwareMyNumberCard(resident);
      const answers: string[] = [];
      const transmit: Transmit = async (c) => {
        const r = card.transmit(c);
        answers.push(Buffer.from(r).toString("utf8"));
        return r;
      };
      await readCardAttributes({ transmit, pin }).catch(() => undefined);
      expect(answers.join("")).not.toContain("123456789018");
    }
  });
});
