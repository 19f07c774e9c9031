import { readFileSync } from "node:fs";
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { getMunicipalitySettings } from "../catalog/municipalities";
import { formatWareki } from "../shared/dates";
import { allHouseholds, moveInAnswers, moveInFamily } from "./fixtures/households";
import { signaturePng } from "./fixtures/signature";
import { parseTemplates } from "./form-template.schema";
import { InvalidAnswersError, InvalidSignatureError, MissingGlyphsError } from "./forms.errors";
import { readArchiveInfo } from "./pdf-archive";
import { renderForms } from "./render";
import { pdfFonts, pdfImages, pdfText, planned, rasterise } from "./test-support";

const kumamoto = getMunicipalitySettings("kumamoto");

/** pdftotext separates the words of a name with a space, as the form prints them. */
const nameOf = (household: ReturnType<typeof planned>["household"], id: string) =>
  household.members.find((m) => m.id === id)?.name as string;

describe("renderForms", () => {
  it.each(Object.entries(allHouseholds))(
    "prints every member's name of every form as text (%s)",
    async (_, fixture) => {
      const { household, plan } = planned(fixture);
      const result = await renderForms({ household, plan, municipality: kumamoto, filedOn: "2026-04-08" });
      const oneStop = plan.procedures.filter((p) => p.handling === "one-stop");
      expect(result.forms.map((f) => f.procedureId)).toEqual(oneStop.map((p) => p.id));
      for (const form of result.forms) {
        for (const page of form.pages) {
          const text = pdfText(result.pdf, page);
          const onPage = form.members.filter((id) => text.includes(nameOf(household, id)));
          // A form lists its members across its pages; each page names at least one of them.
          expect(onPage.length, `${form.procedureId} p.${page}`).toBeGreaterThan(0);
        }
        const all = form.pages.map((p) => pdfText(result.pdf, p)).join("\n");
        for (const id of form.members)
          expect(all, `${form.procedureId} ${id}`).toContain(nameOf(household, id));
      }
    },
  );

  it("keeps rare names exact in the text: 𠮷 (non-BMP), 髙, 﨑 and the IVS 葛󠄀", async () => {
    const { household, plan } = planned(moveInFamily);
    const result = await renderForms({ household, plan, answers: moveInAnswers });
    const text = pdfText(result.pdf, result.forms[0]?.pages[0]);
    for (const name of ["𠮷田 太郎", "𠮷田 花子", "葛\u{E0100}西 髙子", "山﨑 健"])
      expect(text).toContain(name);
    // The selector is kept: the IVS glyph is its own glyph, not the plain 葛 with a lost selector.
    expect(text).not.toMatch(/葛(?!\u{E0100})/u);
  });

  it("draws the variation glyph of 葛󠄀, not the plain 葛", async () => {
    const draw = async (name: string) => {
      const raw = { ...moveInFamily, members: [{ ...moveInFamily.members[0], name }] };
      const { household, plan } = planned(raw);
      const result = await renderForms({ household, plan: { procedures: plan.procedures.slice(0, 1) } });
      return rasterise(result.pdf, 1, 150).pixels;
    };
    const plain = await draw("葛西 太郎");
    const ivs = await draw("葛\u{E0100}西 太郎");
    let differing = 0;
    for (let i = 0; i < plain.length; i++)
      if (Math.abs((plain[i] as number) - (ivs[i] as number)) > 64) differing++;
    expect(differing).toBeGreaterThan(20);
  });

  it("prints birth dates and the filing date in 和暦, as official forms do", async () => {
    const { household, plan } = planned(moveInFamily);
    const result = await renderForms({ household, plan, filedOn: "2026-04-08" });
    const text = pdfText(result.pdf, 1);
    expect(text).toContain("昭和59年6月2日");
    expect(text).toContain("令和元年9月1日");
    expect(text).toContain("届出日");
    expect(text).toContain(formatWareki("2026-04-08"));
  });

  it("addresses the forms to the municipality and names its department", async () => {
    const { household, plan } = planned(moveInFamily);
    const result = await renderForms({ household, plan, municipality: kumamoto });
    const first = pdfText(result.pdf, 1);
    expect(first).toContain("（あて先）熊本市長");
    expect(first).toContain("区民課");
    const school = result.forms.find((f) => f.procedureId === "gakko.transfer-in");
    expect(pdfText(result.pdf, school?.pages[0])).toContain("熊本市教育委員会");
  });

  it("embeds one subset font for the whole bundle and stays small", async () => {
    const { household, plan } = planned(moveInFamily);
    const result = await renderForms({
      household,
      plan,
      answers: moveInAnswers,
      signaturePng: signaturePng(),
    });
    expect(result.forms).toHaveLength(18);
    expect(result.pdf.length).toBeLessThan(150 * 1024);
    const fonts = pdfFonts(result.pdf);
    expect(fonts).toHaveLength(1);
    expect(fonts[0]).toMatch(/^MADOGU\+NotoSansJP-Regular\s+CID TrueType\s+Identity-H\s+yes/);
  });

  it("stamps the one signature into every form's signature box, embedded once", async () => {
    const { household, plan } = planned(moveInFamily);
    const result = await renderForms({ household, plan, signaturePng: signaturePng() });
    const images = pdfImages(result.pdf);
    expect(images).toHaveLength(result.forms.length);
    // pdfimages lists the same object number on every page: one image, drawn 18 times.
    const objects = new Set(images.map((line) => line.trim().split(/\s+/)[10]));
    expect(objects.size).toBe(1);
  });

  it("refuses an empty signature or one that is not a PNG", async () => {
    const { household, plan } = planned(moveInFamily);
    for (const png of [new Uint8Array(), new TextEncoder().encode("GIF89a")]) {
      await expect(renderForms({ household, plan, signaturePng: png })).rejects.toBeInstanceOf(
        InvalidSignatureError,
      );
    }
  });

  it("is bytes in, bytes out: the same input gives the same bytes and hashes", async () => {
    const { household, plan } = planned(moveInFamily);
    const a = await renderForms({ household, plan, answers: moveInAnswers, filedOn: "2026-04-08" });
    const b = await renderForms({ household, plan, answers: moveInAnswers, filedOn: "2026-04-08" });
    expect(Buffer.from(a.pdf).equals(Buffer.from(b.pdf))).toBe(true);
    expect(a.forms.map((f) => f.contentHash)).toEqual(b.forms.map((f) => f.contentHash));
    const changed = await renderForms({
      household,
      plan,
      answers: { ...moveInAnswers, previousSchool: { m3: "福岡市立舞鶴小学校", m4: "福岡市立天神小学校" } },
      filedOn: "2026-04-08",
    });
    // Only the form that prints the changed answer has a new hash.
    const differs = changed.forms.filter((f, i) => f.contentHash !== a.forms[i]?.contentHash);
    expect(differs.map((f) => f.procedureId)).toEqual(["gakko.transfer-in"]);
  });

  it("leaves unanswered questions blank and lists them", async () => {
    const { household, plan } = planned(moveInFamily);
    const result = await renderForms({ household, plan, answers: { phone: "096-328-2111" } });
    expect(result.missing.map((m) => m.key)).toContain("newAddress");
    expect(result.missing.map((m) => m.key)).not.toContain("phone");
    const text = pdfText(result.pdf, 1);
    expect(text).toContain("096-328-2111");
    expect(text).not.toContain("花畑町");
    const form = result.forms[0];
    expect(form?.missing.map((m) => m.key)).toEqual(["newPostalCode", "newAddress", "previousAddress"]);
    expect(form?.filled).toBeGreaterThan(30);
  });

  it("refuses invalid answers with every problem", async () => {
    const { household, plan } = planned(moveInFamily);
    const attempt = renderForms({
      household,
      plan,
      answers: { bankCode: "01a2", funeralDate: "2026-02-30" },
    });
    await expect(attempt).rejects.toBeInstanceOf(InvalidAnswersError);
    await attempt.catch((error: InvalidAnswersError) => {
      expect(error.problems.map((p) => p.path)).toEqual(["answers.bankCode", "answers.funeralDate"]);
    });
  });

  it.each([
    ["an emoji", "😀", "U+1F600"],
    ["a CJK Ext-B character the font lacks", "\u{20000}", "U+20000"],
    ["a variation sequence the font lacks", "葛\u{E0101}", "U+845B U+E0101"],
  ])("refuses to print %s, naming the field and the member", async (_, char, codePoints) => {
    const raw = structuredClone(moveInFamily);
    raw.members[2] = { ...raw.members[2], name: `${char}田 一郎` } as (typeof raw.members)[2];
    const { household, plan } = planned(raw);
    const attempt = renderForms({ household, plan });
    await expect(attempt).rejects.toBeInstanceOf(MissingGlyphsError);
    const error = (await attempt.catch((e: unknown) => e)) as MissingGlyphsError;
    expect(error.missing).toEqual([
      {
        char,
        codePoints,
        field: "name",
        memberId: "m3",
        procedureIds: expect.arrayContaining(["juki.move-in", "gakko.transfer-in", "shogai.address-change"]),
      },
    ]);
  });

  it("reports a missing character in an answer with its field", async () => {
    const { household, plan } = planned(moveInFamily);
    const attempt = renderForms({ household, plan, answers: { ...moveInAnswers, newAddress: "熊本市😀町" } });
    const error = (await attempt.catch((e: unknown) => e)) as MissingGlyphsError;
    expect(error).toBeInstanceOf(MissingGlyphsError);
    expect(error.missing.map((m) => [m.char, m.field, m.memberId])).toEqual([
      ["😀", "newAddress", undefined],
    ]);
  });

  it("prints anyway with allowMissing, and still reports what is missing", async () => {
    const raw = structuredClone(moveInFamily);
    raw.members[0] = { ...raw.members[0], name: "😀田 太郎" } as (typeof raw.members)[0];
    const { household, plan } = planned(raw);
    const result = await renderForms({ household, plan, allowMissing: true });
    expect(result.missingGlyphs.map((m) => m.char)).toEqual(["😀"]);
    expect(result.forms.length).toBe(18);
  });

  it("makes one page saying so when the plan has no one-stop form", async () => {
    const { household } = planned(moveInFamily);
    const result = await renderForms({ household, plan: { procedures: [] } });
    expect(result.forms).toEqual([]);
    expect(pdfText(result.pdf)).toContain("窓口で作成する申請書はありません");
  });

  it("gives a local procedure without a template a generic form", async () => {
    const { household } = planned(moveInFamily);
    const plan = {
      procedures: [
        {
          id: "local.garbage-bags",
          name: "指定ごみ袋の引換券の交付",
          department: "resident" as const,
          handling: "one-stop" as const,
          members: ["m1"],
          deadline: null,
          due: null,
          reasons: [],
        },
      ],
    };
    const result = await renderForms({ household, plan });
    const text = pdfText(result.pdf);
    expect(text).toContain("指定ごみ袋の引換券の交付");
    expect(text).toContain("𠮷田 太郎");
  });

  it("continues a member table on a further page of the same form", async () => {
    const raw = structuredClone(moveInFamily);
    const extra = [7, 8].map((n) => ({ ...raw.members[3], id: `m${n}`, name: `𠮷田 ${n}郎` }));
    raw.members.push(...(extra as typeof raw.members));
    const { household, plan } = planned(raw);
    const result = await renderForms({ household, plan });
    const form = result.forms.find((f) => f.procedureId === "juki.move-in");
    expect(form?.pages).toEqual([1, 2]);
    expect(pdfText(result.pdf, 2)).toContain("𠮷田 8郎");
    expect(pdfText(result.pdf, 2)).toContain("2／2枚目");
    expect(result.forms[1]?.pages[0]).toBe(3);
  });
});

describe("the bundle as an archive expects it", () => {
  const signed = async (filedOn = "2026-12-07", png = signaturePng()) => {
    const { household, plan } = planned(moveInFamily);
    return renderForms({
      household,
      plan,
      answers: moveInAnswers,
      municipality: kumamoto,
      signaturePng: png,
      filedOn,
    });
  };

  it("names the bundle by its first form, how many more and the filing date — no person, no code", async () => {
    const result = await signed();
    const info = await readArchiveInfo(result.pdf);
    expect(result.title).toBe("転入届ほか 17件 — 2026年12月7日");
    expect(info.title).toBe(result.title);
    for (const member of moveInFamily.members) expect(info.title).not.toContain(member.name.split(" ")[0]);
    expect(info.title).not.toMatch(/[a-z]+\.[a-z-]+|m\d/);
  });

  it("declares its language ja-JP and a document ID in the trailer", async () => {
    const result = await signed();
    const doc = await PDFDocument.load(result.pdf, { updateMetadata: false });
    expect(doc.catalog.get(PDFName.of("Lang"))?.toString()).toBe("(ja-JP)");
    const info = await readArchiveInfo(result.pdf);
    expect(info.lang).toBe("ja-JP");
    expect(info.documentId).toMatch(/^[0-9a-f]{32}$/);
    expect(info.documentId).toBe(result.documentId);
    // The ID follows from the content: the same input, the same ID; another signature, another ID.
    expect((await signed()).documentId).toBe(result.documentId);
    expect((await signed("2026-12-07", signaturePng(180, 60))).documentId).not.toBe(result.documentId);
    expect((await signed("2026-12-08")).documentId).not.toBe(result.documentId);
  });

  it("carries XMP metadata equal to the info dictionary, claiming PDF/A-2b with an sRGB output intent", async () => {
    const result = await signed();
    const info = await readArchiveInfo(result.pdf);
    const xmp = info.xmp ?? "";
    expect(xmp).toContain(`<rdf:li xml:lang="x-default">${result.title}</rdf:li>`);
    expect(xmp).toContain("<rdf:li>ja-JP</rdf:li>");
    expect(info.created?.toISOString()).toBe("2026-12-06T15:00:00.000Z");
    expect(xmp).toContain("<xmp:CreateDate>2026-12-06T15:00:00Z</xmp:CreateDate>");
    expect(xmp).toContain("<pdf:Producer>Madoguchi (pdf-lib)</pdf:Producer>");
    expect(xmp).toContain(`<xmpMM:DocumentID>uuid:${result.documentId.slice(0, 8)}-`);
    expect(xmp).toContain("<pdfaid:part>2</pdfaid:part>");
    expect(xmp).toContain("<pdfaid:conformance>B</pdfaid:conformance>");
    expect(result.pdfa).toBe(true);
    expect(info.pdfa).toBe(true);
    const doc = await PDFDocument.load(result.pdf, { updateMetadata: false });
    const intent = doc.catalog.lookup(PDFName.of("OutputIntents"), PDFArray).lookup(0, PDFDict);
    expect(intent.get(PDFName.of("S"))?.toString()).toBe("/GTS_PDFA1");
    const profile = intent.lookup(PDFName.of("DestOutputProfile"));
    if (!(profile instanceof PDFRawStream)) throw new Error("no output profile stream");
    const icc = decodePDFRawStream(profile).decode();
    expect(Buffer.from(icc.subarray(36, 40)).toString("latin1")).toBe("acsp");
    expect(Buffer.from(icc.subarray(16, 20)).toString("latin1")).toBe("RGB ");
  });

  it("claims no PDF/A when a character falls back to the empty glyph, or a page is a municipality's blank", async () => {
    const raw = structuredClone(moveInFamily);
    raw.members[0] = { ...raw.members[0], name: "😀田 太郎" } as (typeof raw.members)[0];
    const missing = planned(raw);
    const lenient = await renderForms({
      household: missing.household,
      plan: missing.plan,
      allowMissing: true,
    });
    const blank = new Uint8Array(readFileSync(new URL("./fixtures/blank-tennyu.pdf", import.meta.url)));
    const [overlay] = parseTemplates(
      [JSON.parse(readFileSync(new URL("./fixtures/blank-tennyu.overlay.json", import.meta.url), "utf8"))],
      "blank-tennyu.overlay.json",
    );
    const { household, plan } = planned(moveInFamily);
    const onBlank = await renderForms({
      household,
      plan,
      answers: moveInAnswers,
      templates: overlay ? [overlay] : [],
      blanks: { "blank-tennyu.pdf": blank },
    });
    for (const result of [lenient, onBlank]) {
      expect(result.pdfa).toBe(false);
      const info = await readArchiveInfo(result.pdf);
      expect(info.pdfa).toBe(false);
      expect(info.xmp).not.toContain("pdfaid");
      expect(info.lang).toBe("ja-JP");
    }
  });
});
