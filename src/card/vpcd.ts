// The software card in vsmartcard's virtual reader: vpcd (the pcscd driver) listens on a TCP port and
// the virtual card connects to it. Every message either way is a 2-byte big-endian length and its
// payload. From vpcd, a 1-byte payload is a control message (00 power off, 01 power on, 02 reset,
// 04 ATR request: answered with the ATR); anything longer is a command APDU, answered with the
// response APDU. The card is "inserted" while the connection is open and "removed" when it closes.

import { connect, type Socket } from "node:net";

export interface VirtualCard {
  readonly atr: Uint8Array;
  transmit(command: Uint8Array): Uint8Array;
  reset(): void;
}

export interface VpcdOptions {
  card: VirtualCard;
  host?: string;
  /** vpcd's port (/etc/reader.conf.d/vpcd: 0x8C7B = 35963 for the first reader). */
  port?: number;
}

export const VPCD_PORT = 0x8c7b;

const POWER_OFF = 0x00;
const POWER_ON = 0x01;
const RESET = 0x02;
const GET_ATR = 0x04;

export interface VpcdConnection {
  /** Takes the card out of the reader. */
  remove(): Promise<void>;
  /** Commands received so far (count), for round-trip figures. */
  readonly commands: number;
}

function frame(payload: Uint8Array): Buffer {
  const out = Buffer.alloc(2 + payload.length);
  out.writeUInt16BE(payload.length, 0);
  out.set(payload, 2);
  return out;
}

/** Inserts `card` into the virtual reader; resolves once the connection is open. */
export function insertIntoVpcd(options: VpcdOptions): Promise<VpcdConnection> {
  const { card } = options;
  return new Promise((resolve, reject) => {
    const socket: Socket = connect({ host: options.host ?? "127.0.0.1", port: options.port ?? VPCD_PORT });
    let buffered = Buffer.alloc(0);
    let commands = 0;
    socket.setNoDelay(true);
    socket.on("data", (chunk) => {
      buffered = Buffer.concat([buffered, chunk]);
      while (buffered.length >= 2) {
        const length = buffered.readUInt16BE(0);
        if (buffered.length < 2 + length) break;
        const payload = buffered.subarray(2, 2 + length);
        buffered = buffered.subarray(2 + length);
        if (length === 1) {
          const control = payload[0];
          if (control === GET_ATR) socket.write(frame(card.atr));
          else if (control === POWER_OFF || control === POWER_ON || control === RESET) card.reset();
          continue;
        }
        commands += 1;
        socket.write(frame(card.transmit(new Uint8Array(payload))));
      }
    });
    socket.once("error", reject);
    socket.once("connect", () => {
      socket.off("error", reject);
      // A later error (vpcd gone) ends the connection; the reader then reports no card.
      socket.on("error", () => socket.destroy());
      resolve({
        get commands() {
          return commands;
        },
        remove: () =>
          new Promise<void>((done) => {
            if (socket.destroyed) return done();
            socket.once("close", () => done());
            socket.end();
            socket.destroySoon?.();
          }),
      });
    });
  });
}
