import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { getMunicipalitySettings } from "../catalog/municipalities";
import { moveInAnswers, moveInFamily } from "./fixtures/households";
import { signaturePng } from "./fixtures/signature";
import { bundleTitle, cutPages, formTitle, readArchiveInfo } from "./pdf-archive";
import { renderForms } from "./render";
import { srgbIccProfile } from "./srgb-profile";
import { pdfFonts, pdfText, planned } from "./test-support";

async function bundleWithTwoPageForm() {
  // Two more children: the 住民異動届's member table continues on a second page.
  const raw = structuredClone(moveInFamily);
  const extra = [7, 8].map((n) => ({ ...raw.members[3], id: `m${n}`, name: `𠮷田 ${n}郎` }));
  raw.members.push(...(extra as typeof raw.members));
  const { household, plan } = planned(raw);
  return renderForms({
    household,
    plan,
    answers: moveInAnswers,
    municipality: getMunicipalitySettings("kumamoto"),
    signaturePng: signaturePng(),
    filedOn: "2026-12-07",
  });
}

describe("bundleTitle", () => {
  it.each([
    [["転入届"], "2026-12-07", "転入届 — 2026年12月7日"],
    [["転入届", "国民健康保険 加入", "児童手当 認定請求"], "2026-12-07", "転入届ほか 2件 — 2026年12月7日"],
    [["転入届", "印鑑登録申請"], undefined, "転入届ほか 1件"],
    [[], "2026-04-01", "申請書・届出書なし — 2026年4月1日"],
  ])("names %j filed on %s as %s", (names, filedOn, title) => {
    expect(bundleTitle(names, filedOn)).toBe(title);
  });
});

describe("cutting one application's PDF from the signed bundle", () => {
  it("keeps exactly the form's pages and their text, with one font shared by them", async () => {
    const bundle = await bundleWithTwoPageForm();
    const form = bundle.forms.find((f) => f.procedureId === "juki.move-in");
    expect(form?.pages).toEqual([1, 2]);
    const pdf = await cutPages(bundle.pdf, {
      firstPage: 1,
      lastPage: 2,
      title: formTitle("転入届", "2026-12-07"),
    });
    expect((await PDFDocument.load(pdf)).getPageCount()).toBe(2);
    expect(pdfText(pdf, 1)).toBe(pdfText(bundle.pdf, 1));
    expect(pdfText(pdf, 2)).toContain("𠮷田 8郎");
    expect(pdfText(pdf)).not.toContain("国民健康保険");
    expect(pdfFonts(pdf)).toHaveLength(1);
    // Far smaller than the bundle it came from, though it carries the bundle's font subset.
    expect(pdf.length).toBeLessThan(bundle.pdf.length);
  });

  it("carries the archive metadata: its own title and ID, the bundle's date, language and PDF/A claim", async () => {
    const bundle = await bundleWithTwoPageForm();
    const school = bundle.forms.find((f) => f.procedureId === "gakko.transfer-in");
    const page = school?.pages[0] ?? 0;
    const pdf = await cutPages(bundle.pdf, {
      firstPage: page,
      lastPage: page,
      title: "転入学 — 2026年12月7日",
    });
    const info = await readArchiveInfo(pdf);
    const from = await readArchiveInfo(bundle.pdf);
    expect(info.title).toBe("転入学 — 2026年12月7日");
    expect(info.lang).toBe("ja-JP");
    expect(info.created?.toISOString()).toBe(from.created?.toISOString());
    expect(info.pdfa).toBe(true);
    expect(info.documentId).toMatch(/^[0-9a-f]{32}$/);
    expect(info.documentId).not.toBe(from.documentId);
    // Cut twice, the same bytes: what the hand-off or a reprint gets does not drift.
    const again = await cutPages(bundle.pdf, {
      firstPage: page,
      lastPage: page,
      title: "転入学 — 2026年12月7日",
    });
    expect(Buffer.from(again).equals(Buffer.from(pdf))).toBe(true);
  });

  it("refuses a page range outside the bundle", async () => {
    const bundle = await bundleWithTwoPageForm();
    for (const [firstPage, lastPage] of [
      [0, 1],
      [3, 2],
      [1, 999],
    ] as const) {
      await expect(cutPages(bundle.pdf, { firstPage, lastPage, title: "x" })).rejects.toBeInstanceOf(
        RangeError,
      );
    }
  });
});

describe("the sRGB output profile", () => {
  const icc = srgbIccProfile();
  const view = new DataView(icc.buffer, icc.byteOffset, icc.byteLength);
  const ascii = (at: number) => Buffer.from(icc.subarray(at, at + 4)).toString("latin1");

  it("is a well-formed ICC v2 RGB display profile whose size is its length", () => {
    expect(view.getUint32(0)).toBe(icc.length);
    expect(icc.length % 4).toBe(0);
    expect(view.getUint8(8)).toBe(2);
    expect([ascii(12), ascii(16), ascii(20), ascii(36)]).toEqual(["mntr", "RGB ", "XYZ ", "acsp"]);
    const tags = new Map<string, [number, number]>();
    for (let i = 0; i < view.getUint32(128); i++) {
      const at = 132 + 12 * i;
      tags.set(ascii(at), [view.getUint32(at + 4), view.getUint32(at + 8)]);
    }
    expect([...tags.keys()].sort()).toEqual(
      ["bTRC", "bXYZ", "cprt", "desc", "gTRC", "gXYZ", "rTRC", "rXYZ", "wtpt"].sort(),
    );
    for (const [offset, size] of tags.values()) {
      expect(offset % 4).toBe(0);
      expect(offset + size).toBeLessThanOrEqual(icc.length);
    }
    // The three primaries add up to the D50 white of the profile connection space.
    const sum = [0, 4, 8].map((k) =>
      ["rXYZ", "gXYZ", "bXYZ"].reduce(
        (s, t) => s + view.getInt32((tags.get(t)?.[0] ?? 0) + 8 + k) / 65536,
        0,
      ),
    );
    expect(sum[0]).toBeCloseTo(0.9642, 3);
    expect(sum[1]).toBeCloseTo(1, 3);
    expect(sum[2]).toBeCloseTo(0.8249, 3);
  });

  it("encodes the sRGB transfer curve: half signal is about 21.4% light", () => {
    const at = Buffer.from(icc).indexOf("curv", 128);
    const count = view.getUint32(at + 8);
    expect(count).toBe(1024);
    const mid = view.getUint16(at + 12 + 2 * 511) / 65535;
    expect(mid).toBeCloseTo(((511 / 1023 + 0.055) / 1.055) ** 2.4, 4);
    expect(mid).toBeCloseTo(0.214, 2);
  });
});
