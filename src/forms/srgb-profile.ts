/**
 * An sRGB ICC profile (IEC 61966-2.1) built from the standard's published numbers, for the output
 * intent PDF/A asks for. No profile ships on this machine or in the npm packages we use, and these
 * few numbers are the whole of sRGB: a v2 matrix/TRC display profile as ICC.1:2001-04 describes it —
 * D50-adapted (Bradford) primaries, the D65 media white, and the sRGB transfer curve as a 1,024-entry
 * table shared by the three channels. About 2.6 KB; embedded compressed, under 1 KB.
 */

const tag = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0));
const u32 = (n: number): number[] => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
const u16 = (n: number): number[] => [(n >>> 8) & 255, n & 255];
/** ICC s15Fixed16Number. */
const s15 = (x: number): number[] => u32(Math.round(x * 65536) >>> 0);
const xyz = (x: number, y: number, z: number): number[] => [
  ...tag("XYZ "),
  0,
  0,
  0,
  0,
  ...s15(x),
  ...s15(y),
  ...s15(z),
];

const description = "sRGB IEC61966-2.1";

function textDescription(text: string): number[] {
  const ascii = [...tag(text), 0];
  // ASCII part, then empty Unicode and ScriptCode parts (the ScriptCode part is always 67 bytes).
  return [
    ...tag("desc"),
    0,
    0,
    0,
    0,
    ...u32(ascii.length),
    ...ascii,
    ...u32(0),
    ...u32(0),
    ...u16(0),
    0,
  ].concat(new Array(67).fill(0));
}

function sRgbCurve(entries: number): number[] {
  const out = [...tag("curv"), 0, 0, 0, 0, ...u32(entries)];
  for (let i = 0; i < entries; i++) {
    const v = i / (entries - 1);
    const linear = v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    out.push(...u16(Math.round(linear * 65535)));
  }
  return out;
}

let built: Uint8Array | undefined;

/** The profile's bytes (built once per process; the same bytes every time). */
export function srgbIccProfile(): Uint8Array {
  if (built) return built;
  const curve = sRgbCurve(1024);
  const data: Array<[string, number[]]> = [
    ["desc", textDescription(description)],
    ["cprt", [...tag("text"), 0, 0, 0, 0, ...tag("No copyright, use freely"), 0]],
    ["wtpt", xyz(0.9505, 1, 1.089)],
    ["rXYZ", xyz(0.43607, 0.22249, 0.01392)],
    ["gXYZ", xyz(0.38515, 0.71687, 0.09708)],
    ["bXYZ", xyz(0.14307, 0.06061, 0.7141)],
    ["rTRC", curve],
  ];
  // gTRC and bTRC point at rTRC's data: the ICC format lets tags share one element.
  const shared = ["gTRC", "bTRC"];
  const tableSize = 4 + 12 * (data.length + shared.length);
  let offset = 128 + tableSize;
  const table: number[] = [...u32(data.length + shared.length)];
  const body: number[] = [];
  let curveAt = 0;
  for (const [signature, bytes] of data) {
    table.push(...tag(signature), ...u32(offset), ...u32(bytes.length));
    if (signature === "rTRC") curveAt = offset;
    body.push(...bytes);
    offset += bytes.length;
    while (offset % 4 !== 0) {
      body.push(0);
      offset++;
    }
  }
  for (const signature of shared) table.push(...tag(signature), ...u32(curveAt), ...u32(curve.length));
  const size = offset;
  const header = [
    ...u32(size),
    ...u32(0), // preferred CMM: none
    ...u32(0x02100000), // version 2.1
    ...tag("mntr"),
    ...tag("RGB "),
    ...tag("XYZ "),
    ...u16(2026),
    ...u16(1),
    ...u16(1),
    ...u16(0),
    ...u16(0),
    ...u16(0),
    ...tag("acsp"),
    ...u32(0), // platform
    ...u32(0), // flags
    ...u32(0), // manufacturer
    ...u32(0), // model
    ...u32(0),
    ...u32(0), // attributes
    ...u32(0), // perceptual intent
    ...s15(0.9642),
    ...s15(1),
    ...s15(0.8249), // the PCS illuminant, D50
    ...u32(0), // creator
  ];
  while (header.length < 128) header.push(0);
  built = new Uint8Array([...header, ...table, ...body]);
  return built;
}
