import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { unknownBindings } from "./field-dictionary";
import { uncoveredCharacters } from "./font";
import { parseTemplates } from "./form-template.schema";
import { TemplateError } from "./forms.errors";
import { checkFits, templateTexts } from "./layout";
import { formTemplates } from "./templates";

// Read from the catalogue file itself, so a procedure added there without a form fails here.
const catalogue = JSON.parse(
  readFileSync(new URL("../catalog/procedures.json", import.meta.url), "utf8"),
) as {
  procedures: { id: string; handling: string }[];
};
const oneStop = catalogue.procedures.filter((p) => p.handling === "one-stop").map((p) => p.id);

describe("the form templates", () => {
  it("cover every one-stop procedure of the catalogue", () => {
    expect(oneStop.length).toBeGreaterThan(40);
    const ids = new Set(formTemplates.map((t) => t.procedureId));
    expect(oneStop.filter((id) => !ids.has(id))).toEqual([]);
  });

  it("exist only for one-stop procedures", () => {
    expect(formTemplates.map((t) => t.procedureId).filter((id) => !oneStop.includes(id))).toEqual([]);
  });

  it.each(formTemplates.map((t) => [t.procedureId, t] as const))(
    "%s binds only dictionary fields",
    (_, template) => {
      expect(unknownBindings(template)).toEqual([]);
    },
  );

  it.each(formTemplates.map((t) => [t.procedureId, t] as const))(
    "%s fits one A4 page for every event",
    (_, template) => {
      if (template.kind !== "generated") throw new Error("the defaults are generated layouts");
      expect(() => checkFits(template)).not.toThrow();
      expect(template.signature.label).toContain("署名");
    },
  );

  it("print only characters the font has", () => {
    const texts = formTemplates.flatMap((t) => (t.kind === "generated" ? templateTexts(t) : []));
    expect(texts.flatMap((text) => uncoveredCharacters(text))).toEqual([]);
  });

  it("refuse a set with an invalid template or two templates for one procedure, listing every problem", () => {
    const good = formTemplates[0];
    const broken = { ...good, title: "", sections: [] };
    try {
      parseTemplates([good, good, broken], "test");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(TemplateError);
      const problems = (error as TemplateError).problems.join("\n");
      expect(problems).toContain("title");
      expect(problems).toContain("sections");
      expect(problems).toContain("more than one template");
    }
  });

  it("find a binding the dictionary does not know", () => {
    const [template] = parseTemplates(
      [
        {
          procedureId: "test.form",
          version: 1,
          kind: "generated",
          title: "試験",
          addressee: "mayor",
          dateLabel: "届出日",
          sections: [
            { type: "boxes", heading: "内容", boxes: [{ label: "x", bind: "favouriteColour", span: 12 }] },
            {
              type: "members",
              heading: "人",
              rows: 2,
              columns: [{ label: "住所", bind: "newAddress", width: 1 }],
            },
          ],
          statement: "届け出ます。",
          signature: { label: "署名" },
        },
      ],
      "test",
    );
    expect(unknownBindings(template as never)).toEqual(["favouriteColour", "newAddress"]);
  });
});
