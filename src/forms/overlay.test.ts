import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { moveInAnswers, moveInFamily } from "./fixtures/households";
import { signaturePng } from "./fixtures/signature";
import { type OverlayTemplate, parseTemplates } from "./form-template.schema";
import { TemplateError } from "./forms.errors";
import { renderForms } from "./render";
import { pdfImages, pdfText, pdfWords, planned } from "./test-support";

// A municipality's own blank 住民異動届 (made by fixtures/make-blank-form.ts) and the overlay template
// that places each value on it.
const blank = new Uint8Array(readFileSync(new URL("./fixtures/blank-tennyu.pdf", import.meta.url)));
const overlayJson = JSON.parse(
  readFileSync(new URL("./fixtures/blank-tennyu.overlay.json", import.meta.url), "utf8"),
);
const [overlay] = parseTemplates([overlayJson], "blank-tennyu.overlay.json") as [OverlayTemplate];
const pageHeight = 841.89;

const { household, plan } = planned(moveInFamily);
const moveIn = { procedures: plan.procedures.filter((p) => p.id === "juki.move-in") };

async function renderOverlay() {
  return renderForms({
    household,
    plan: moveIn,
    answers: moveInAnswers,
    filedOn: "2026-04-08",
    templates: [overlay],
    blanks: { "blank-tennyu.pdf": blank },
    signaturePng: signaturePng(),
  });
}

describe("an overlay onto a municipality's blank form", () => {
  it("prints onto the blank's own page, not onto a generated layout", async () => {
    const result = await renderOverlay();
    const text = pdfText(result.pdf, 1);
    expect(text).toContain("見本市 様式第3号");
    expect(text).toContain("住 民 異 動 届（転入）");
    expect(text).not.toContain("様式 juki.move-in");
    expect(text).toContain("令和8年4月6日");
    expect(text).toContain("熊本市中央区花畑町4番1号");
  });

  it("places each value at its position on the blank", async () => {
    const result = await renderOverlay();
    const words = pdfWords(result.pdf, 1);
    const find = (text: string) => words.find((w) => w.text === text);
    const table = overlay.members;
    if (!table) throw new Error("the fixture has a member table");
    const nameColumn = table.columns.find((c) => c.bind === "name");
    // The first member's surname sits in the first row of the name column.
    const surname = words.filter((w) => w.text === "𠮷田")[1];
    expect(surname).toBeDefined();
    expect(surname?.xMin).toBeCloseTo(nameColumn?.x ?? 0, 0);
    const baseline = pageHeight - table.firstBaseline;
    expect(surname?.yMin).toBeLessThan(baseline);
    expect(surname?.yMax).toBeGreaterThan(baseline - 2);
    const phone = find("096-328-2111");
    const phoneField = overlay.fields.find((f) => f.bind === "phone");
    expect(phone?.xMin).toBeCloseTo(phoneField?.x ?? 0, 0);
    // Members beyond the blank's five rows continue on a second copy of the blank.
    expect(result.forms[0]?.pages).toEqual([1, 2]);
    expect(pdfText(result.pdf, 2)).toContain("山﨑 健");
    expect(pdfText(result.pdf, 2)).toContain("見本市 様式第3号");
  });

  it("stamps the signature into the blank's signature box on each copy", async () => {
    const result = await renderOverlay();
    expect(pdfImages(result.pdf)).toHaveLength(2);
  });

  it("refuses an overlay whose blank was not given, or that binds an unknown field", async () => {
    await expect(renderForms({ household, plan: moveIn, templates: [overlay] })).rejects.toBeInstanceOf(
      TemplateError,
    );
    const wrong = {
      ...overlay,
      fields: [...overlay.fields, { ...overlay.fields[0], bind: "shoeSize" }],
    } as OverlayTemplate;
    const attempt = renderForms({
      household,
      plan: moveIn,
      templates: [wrong],
      blanks: { "blank-tennyu.pdf": blank },
    });
    await expect(attempt).rejects.toThrow(/shoeSize/);
  });

  it("refuses a blank that is not a PDF", async () => {
    const attempt = renderForms({
      household,
      plan: moveIn,
      templates: [overlay],
      blanks: { "blank-tennyu.pdf": new TextEncoder().encode("not a pdf") },
    });
    await expect(attempt).rejects.toBeInstanceOf(TemplateError);
  });
});
