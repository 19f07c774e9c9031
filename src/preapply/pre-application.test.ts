import { inflateSync } from "node:zlib";
import jsQR from "jsqr";
import QRCode from "qrcode";
import { describe, expect, it } from "vitest";
import {
  CROCKFORD,
  effectiveState,
  enteredFieldCount,
  expiryOf,
  groupCode,
  hashShortCode,
  hashToken,
  newToken,
  normalizeShortCode,
  type PreApplicationState,
  preApplicationStates,
  readCodeInput,
  shortCodeOf,
  transition,
} from "./pre-application";

describe("the pre-application state machine", () => {
  const allowed: Array<[PreApplicationState, PreApplicationState]> = [
    ["draft", "submitted"],
    ["submitted", "consumed"],
    ["submitted", "expired"],
    ["submitted", "withdrawn"],
  ];
  it.each(allowed)("moves from %s to %s", (from, to) => {
    expect(transition(from, to)).toEqual({ ok: true, to });
  });

  it("refuses every other move, and the end states never move", () => {
    for (const from of preApplicationStates)
      for (const to of preApplicationStates) {
        if (allowed.some(([a, b]) => a === from && b === to)) continue;
        expect(transition(from, to), `${from} → ${to}`).toEqual({ ok: false, from, to });
      }
  });

  it("reads a submitted entry past its expiry as expired, and leaves the others as they are", () => {
    const expiresAt = new Date("2026-04-20T14:59:59Z");
    expect(effectiveState({ state: "submitted", expiresAt }, new Date("2026-04-20T14:59:58Z"))).toBe(
      "submitted",
    );
    expect(effectiveState({ state: "submitted", expiresAt }, new Date("2026-04-20T14:59:59Z"))).toBe(
      "expired",
    );
    expect(effectiveState({ state: "consumed", expiresAt }, new Date("2027-01-01T00:00:00Z"))).toBe(
      "consumed",
    );
  });

  it("expires at the end of the last day in Japan, whatever the time of submission", () => {
    // 2026-04-06 23:30 in Japan is still the 6th: 14 days later is the end of the 20th.
    expect(expiryOf(new Date("2026-04-06T14:30:00Z"), 14).toISOString()).toBe("2026-04-20T14:59:59.000Z");
    // 2026-04-07 00:10 in Japan is the 7th.
    expect(expiryOf(new Date("2026-04-06T15:10:00Z"), 14).toISOString()).toBe("2026-04-21T14:59:59.000Z");
  });
});

describe("the token and the short code", () => {
  it("draws 256-bit tokens and derives a 10-character Crockford code from each, one way", () => {
    const tokens = new Set(Array.from({ length: 200 }, newToken));
    expect(tokens.size).toBe(200);
    for (const token of tokens) {
      expect(Buffer.from(token, "base64url")).toHaveLength(32);
      const code = shortCodeOf(token);
      expect(code).toHaveLength(10);
      for (const ch of code) expect(CROCKFORD).toContain(ch);
      expect(shortCodeOf(token)).toBe(code);
    }
    expect(new Set([...tokens].map(shortCodeOf)).size).toBe(200);
  });

  it("reads codes as people type them: case, hyphens, spaces, full width, O for 0 and I or L for 1", () => {
    expect(normalizeShortCode("7k3qx-9mrtd")).toBe("7K3QX9MRTD");
    expect(normalizeShortCode("７Ｋ３ＱＸ　９ＭＲＴＤ")).toBe("7K3QX9MRTD");
    expect(normalizeShortCode("O1ILO-ABCDE")).toBe("01110ABCDE");
    expect(normalizeShortCode("7K3QX-9MRT")).toBeUndefined();
    expect(normalizeShortCode("UUUUU-UUUUU")).toBeUndefined();
    expect(groupCode("7K3QX9MRTD")).toBe("7K3QX-9MRTD");
  });

  it("reads the counter field as the QR's URL, a bare token or a short code, by hash", () => {
    const token = newToken();
    const url = `https://madoguchi.example.jp/pre-apply/t/${token}`;
    expect(readCodeInput(url)).toEqual({ kind: "token", hash: hashToken(token) });
    expect(readCodeInput(` ${token} `)).toEqual({ kind: "token", hash: hashToken(token) });
    const code = groupCode(shortCodeOf(token)).toLowerCase();
    expect(readCodeInput(code)).toEqual({ kind: "code", hash: hashShortCode(shortCodeOf(token)) });
    expect(readCodeInput("hello")).toBeUndefined();
    expect(readCodeInput("")).toBeUndefined();
  });

  it("counts the facts a resident typed, ids and empty values left out", () => {
    const household = {
      event: { type: "move-in", date: "2026-04-06", origin: "other-municipality", crossPrefecture: false },
      members: [
        {
          id: "m1",
          relation: "head",
          name: "熊本 太郎",
          birthDate: "1993-08-19",
          benefits: ["childAllowance"],
        },
        { id: "m2", relation: "child", name: "", birthDate: "2025-01-20" },
      ],
      filer: { member: "m1" },
      answers: { phone: "096-000-0000", previousSchool: { m2: "" } },
    };
    // event: type, date, origin (3); m1: relation, name, birthDate, benefits (4); m2: relation, birthDate (2); phone (1).
    expect(enteredFieldCount(household)).toBe(10);
  });
});

/** A PNG decoder for the test's round trip: 8-bit greyscale, RGB or RGBA, no interlace. */
function decodePng(png: Buffer): { width: number; height: number; rgba: Uint8ClampedArray } {
  let offset = 8;
  let width = 0;
  let height = 0;
  let colorType = 0;
  const idat: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString("latin1", offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + length);
    if (type === "IHDR") {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect(data[8]).toBe(8);
      colorType = data[9] ?? 0;
    } else if (type === "IDAT") idat.push(data);
    offset += 12 + length;
  }
  const channels = ({ 0: 1, 2: 3, 4: 2, 6: 4 } as Record<number, number>)[colorType] ?? 0;
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const out = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const v = raw[y * (stride + 1) + 1 + x] ?? 0;
      const a = x >= channels ? (out[y * stride + x - channels] ?? 0) : 0;
      const b = y > 0 ? (out[(y - 1) * stride + x] ?? 0) : 0;
      const c = x >= channels && y > 0 ? (out[(y - 1) * stride + x - channels] ?? 0) : 0;
      const p = a + b - c;
      const paeth =
        Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c)
          ? a
          : Math.abs(p - b) <= Math.abs(p - c)
            ? b
            : c;
      const add = [0, a, b, (a + b) >> 1, paeth][filter ?? 0] ?? 0;
      out[y * stride + x] = (v + add) & 0xff;
    }
  }
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const px = out.subarray(i * channels, i * channels + channels);
    const grey = channels <= 2;
    rgba[i * 4] = px[0] ?? 0;
    rgba[i * 4 + 1] = grey ? (px[0] ?? 0) : (px[1] ?? 0);
    rgba[i * 4 + 2] = grey ? (px[0] ?? 0) : (px[2] ?? 0);
    rgba[i * 4 + 3] = channels === 4 ? (px[3] ?? 255) : channels === 2 ? (px[1] ?? 255) : 255;
  }
  return { width, height, rgba };
}

describe("the QR code", () => {
  it("carries the resident page's URL and nothing else: PNG → decoder → the same token", async () => {
    const token = newToken();
    const url = `http://localhost:3000/pre-apply/t/${token}`;
    // As the resident's "save as image" link makes it.
    const png = await QRCode.toBuffer(url, { type: "png", margin: 2, width: 480, errorCorrectionLevel: "M" });
    const { width, height, rgba } = decodePng(png);
    const decoded = jsQR(rgba, width, height);
    expect(decoded?.data).toBe(url);
    expect(readCodeInput(decoded?.data ?? "")).toEqual({ kind: "token", hash: hashToken(token) });
  });
});
