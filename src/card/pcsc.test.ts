import { afterEach, describe, expect, it } from "vitest";
import { PcscReaders } from "./pcsc";

const saved = process.env.PCSCLITE_CSOCK_NAME;
afterEach(() => {
  if (saved === undefined) delete process.env.PCSCLITE_CSOCK_NAME;
  else process.env.PCSCLITE_CSOCK_NAME = saved;
});

describe("the PC/SC readers without pcscd", () => {
  it("say the reader is missing at once instead of waiting for pcscd (the binding would block)", async () => {
    process.env.PCSCLITE_CSOCK_NAME = "/nonexistent/pcscd.comm";
    const readers = new PcscReaders();
    const started = performance.now();
    await expect(readers.withCard(async () => 1)).rejects.toMatchObject({ reason: "readerMissing" });
    expect(await readers.readers()).toEqual([]);
    expect(performance.now() - started).toBeLessThan(2000);
    readers.close();
  });
});
