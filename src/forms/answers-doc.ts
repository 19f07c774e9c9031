import { z } from "zod";
import { fieldByKey } from "./field-dictionary";

/** An OpenAPI 3.0 schema object, as plain JSON. */
type SchemaObject = { [key: string]: unknown };

/**
 * The interview answers (`household.answers`) described field by field for the API's OpenAPI
 * document, from the field dictionary: a household field's answer is its value, a member field's
 * answer maps member ids to values (`{ "previousSchool": { "m3": "…" } }`). Keys nobody is asked are
 * accepted and ignored, so other keys are allowed. What is described is the input a field accepts
 * (before its normalisation); the checks themselves stay in `parseAnswers`.
 */
export function answersDoc(): SchemaObject & { type: "object" } {
  const properties: Record<string, SchemaObject> = {};
  for (const [key, field] of fieldByKey) {
    if (!field.schema) continue;
    const { $schema: _, ...value } = z.toJSONSchema(field.schema, {
      io: "input",
      target: "openapi-3.0",
      unrepresentable: "any",
    }) as SchemaObject;
    const description = field.label.en ? `${field.label.ja} / ${field.label.en}` : field.label.ja;
    const options = field.options?.map((o) => o.value);
    const typed =
      options && options.length > 0 && value.type === "string" ? { ...value, enum: options } : value;
    properties[key] =
      field.scope === "member"
        ? { type: "object", description: `${description} (by member id)`, additionalProperties: typed }
        : { ...typed, description };
  }
  return {
    type: "object",
    description:
      "Interview answers keyed by field. A member field's answer maps member ids to values. Keys no form asks are ignored.",
    properties,
    additionalProperties: true,
    example: {
      movingDate: "2026-04-06",
      phone: "096-328-2111",
      previousSchool: { m3: "熊本市立五福小学校" },
    },
  };
}
