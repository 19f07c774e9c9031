// PC/SC through @pokusew/pcsclite (an optional dependency built against Debian's libpcsclite): the
// readers pcscd knows, whether a card is in each, and one exclusive session with a card at a time.
// Each session ends with a card reset, so the PIN's verification never outlives the read.

import { createRequire } from "node:module";
import { connect } from "node:net";
import type { Transmit } from "./apdu";
import { CardError } from "./card.errors";

// The binding's own types, reduced to what we use (its index.d.ts is CommonJS `export =`).
interface Reader {
  name: string;
  SCARD_STATE_PRESENT: number;
  SCARD_SHARE_EXCLUSIVE: number;
  SCARD_PROTOCOL_T0: number;
  SCARD_PROTOCOL_T1: number;
  SCARD_RESET_CARD: number;
  on(event: "status", listener: (status: { state: number; atr?: Buffer }) => void): void;
  on(event: "end" | "error", listener: (error?: unknown) => void): void;
  connect(
    options: { share_mode: number; protocol: number },
    cb: (err: unknown, protocol: number) => void,
  ): void;
  disconnect(disposition: number, cb: (err: unknown) => void): void;
  transmit(
    data: Buffer,
    resLen: number,
    protocol: number,
    cb: (err: unknown, response: Buffer) => void,
  ): void;
}
interface Pcsc {
  on(event: "reader", listener: (reader: Reader) => void): void;
  on(event: "error", listener: (error: unknown) => void): void;
  close(): void;
}

interface Slot {
  reader: Reader;
  present: boolean;
}

// PC/SC return codes that mean the card or the reader went away mid-session.
const GONE = /0x8010(0069|0068|0017|0009|000C|0066|0067|0016)|removed|unavailable|no smart card/i;

export interface PcscOptions {
  /** Only readers whose name contains this (empty: any reader). */
  readerName?: string;
  /** How long to wait at start for pcscd to report its readers. */
  settleMs?: number;
}

export interface CardSession {
  transmit: Transmit;
  /** Commands sent in this session. */
  readonly commands: number;
}

/** pcscd's socket (pcsc-lite's default, or the path its client library is told). */
const pcscdSocket = () => process.env.PCSCLITE_CSOCK_NAME ?? "/run/pcscd/pcscd.comm";

/** Whether pcscd answers on its socket: the binding would wait for it forever on the main thread. */
const pcscdRunning = () =>
  new Promise<boolean>((resolve) => {
    const socket = connect({ path: pcscdSocket() });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });

export class PcscReaders {
  private readonly slots = new Map<string, Slot>();
  private pcsc: Pcsc | undefined;
  private starting: Promise<void> | undefined;
  private busy = false;
  private closed = false;

  constructor(private readonly options: PcscOptions = {}) {}

  /**
   * Connects to pcscd the first time it is there. @pokusew/pcsclite's constructor loops on the main
   * thread until pcscd answers, so it is loaded only once pcscd's socket accepts a connection; until
   * then (and if pcscd is installed later) every call says readerMissing and tries again.
   */
  private start(): Promise<void> {
    if (this.pcsc || this.closed) return Promise.resolve();
    this.starting ??= (async () => {
      if (!(await pcscdRunning())) return;
      let pcsc: Pcsc;
      try {
        pcsc = (createRequire(import.meta.url)("@pokusew/pcsclite") as () => Pcsc)();
      } catch {
        // The optional binding is not built on this machine: no reader can be reached.
        return;
      }
      this.pcsc = pcsc;
      // pcscd stopping: its readers end (and are removed); the binding reconnects when it is back.
      pcsc.on("error", () => undefined);
      pcsc.on("reader", (reader) => {
        // A reader's own errors (pcscd going away) end in its "end" event; unheard they would crash.
        reader.on("error", () => undefined);
        if (this.options.readerName && !reader.name.includes(this.options.readerName)) return;
        const slot: Slot = { reader, present: false };
        this.slots.set(reader.name, slot);
        reader.on("status", (status) => {
          slot.present = (status.state & reader.SCARD_STATE_PRESENT) !== 0;
        });
        reader.on("end", () => this.slots.delete(reader.name));
      });
      // pcscd reports its readers and their cards shortly after the context is made.
      await new Promise((resolve) => setTimeout(resolve, this.options.settleMs ?? 400));
    })().finally(() => {
      this.starting = undefined;
    });
    return this.starting;
  }

  /** Readers and whether each holds a card, by name. */
  async readers(): Promise<{ name: string; present: boolean }[]> {
    await this.start();
    return [...this.slots.values()].map((s) => ({ name: s.reader.name, present: s.present }));
  }

  /**
   * Runs `work` with an exclusive session on the first reader holding a card, then resets the card.
   * readerMissing, cardMissing, cardRemoved (mid-session) and busy are CardErrors.
   */
  async withCard<T>(work: (session: CardSession) => Promise<T>): Promise<T> {
    await this.start();
    if (this.busy) throw new CardError("busy");
    if (!this.pcsc || this.slots.size === 0) throw new CardError("readerMissing");
    const slot = [...this.slots.values()].find((s) => s.present);
    if (!slot) throw new CardError("cardMissing");
    const { reader } = slot;
    this.busy = true;
    try {
      const protocol = await new Promise<number>((resolve, reject) =>
        reader.connect(
          {
            share_mode: reader.SCARD_SHARE_EXCLUSIVE,
            protocol: reader.SCARD_PROTOCOL_T0 | reader.SCARD_PROTOCOL_T1,
          },
          (err, p) => (err ? reject(err) : resolve(p)),
        ),
      ).catch((error) => {
        throw GONE.test(String(error)) ? new CardError("cardRemoved") : new CardError("cardMissing");
      });
      let commands = 0;
      const transmit: Transmit = (command) =>
        new Promise((resolve, reject) => {
          commands += 1;
          reader.transmit(Buffer.from(command), 258, protocol, (err, response) => {
            if (err) reject(GONE.test(String(err)) || !slot.present ? new CardError("cardRemoved") : err);
            else resolve(new Uint8Array(response));
          });
        });
      try {
        return await work({
          transmit,
          get commands() {
            return commands;
          },
        });
      } finally {
        await new Promise<void>((resolve) => reader.disconnect(reader.SCARD_RESET_CARD, () => resolve()));
      }
    } finally {
      this.busy = false;
    }
  }

  close(): void {
    this.closed = true;
    this.pcsc?.close();
  }
}
