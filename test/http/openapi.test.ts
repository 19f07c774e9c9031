import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../support/app";

// The OpenAPI document at /api/openapi.json: what `npm run lint:openapi` lints with Redocly, plus what
// the linter cannot know (every input is answered 422 when it does not fit, answers are typed).
interface Operation {
  operationId?: string;
  parameters?: unknown[];
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses: Record<string, unknown>;
  security?: unknown[];
}
interface Doc {
  security?: Array<Record<string, unknown>>;
  paths: Record<string, Record<string, Operation>>;
  components: {
    securitySchemes?: Record<string, { type: string; in: string; name: string }>;
    schemas: Record<string, { properties?: Record<string, unknown>; additionalProperties?: unknown }>;
  };
}

let t: TestApp;
let doc: Doc;
beforeAll(async () => {
  t = await createTestApp();
  const res = await t.anonymous().request("/api/openapi.json");
  expect(res.status).toBe(200);
  doc = (await res.json()) as Doc;
});
afterAll(async () => {
  await t?.close();
});

const operations = () =>
  Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ where: `${method.toUpperCase()} ${path}`, op })),
  );

/**
 * The operations anyone may call, each with its own guard: the health check, a resident's
 * pre-application (rate-limited) and the reservation API (rate-limited; a reservation is changed only
 * with its own token). Every other operation needs a staff session.
 */
const publicOperations = new Set([
  "GET /healthz",
  "POST /api/v1/pre-applications",
  "GET /api/v1/reservations/slots",
  "POST /api/v1/reservations",
  "GET /api/v1/reservations/{code}/calendar.ics",
  "DELETE /api/v1/reservations/{code}",
]);

describe("the OpenAPI document", () => {
  it("declares the staff session cookie as the security of every operation but the public ones", () => {
    expect(doc.components.securitySchemes?.staffSession).toMatchObject({
      type: "apiKey",
      in: "cookie",
      name: "mg_session",
    });
    expect(doc.security).toEqual([{ staffSession: [] }]);
    for (const { where, op } of operations()) {
      if (publicOperations.has(where)) expect(op.security, where).toEqual([]);
      else expect(op.security, where).toBeUndefined();
    }
  });

  it("gives every operation its own operationId", () => {
    const ids = operations().map(({ where, op }) => {
      expect(op.operationId, where).toMatch(/^[a-z][A-Za-z]+$/);
      return op.operationId;
    });
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("documents 422 for every operation that takes a parameter or a body, and 401 for every staff one", () => {
    for (const { where, op } of operations()) {
      if (op.parameters?.length || op.requestBody) expect(Object.keys(op.responses), where).toContain("422");
      if (!publicOperations.has(where)) expect(Object.keys(op.responses), where).toContain("401");
    }
  });

  it("types the interview answers field by field instead of an untyped object", () => {
    const answers = doc.components.schemas.Answers;
    expect(answers?.properties?.movingDate).toMatchObject({ type: "string" });
    expect(answers?.properties?.previousSchool).toMatchObject({
      type: "object",
      additionalProperties: { type: "string" },
    });
    expect(answers?.properties?.sex).toMatchObject({ additionalProperties: { enum: ["female", "male"] } });
    const body = doc.paths["/api/v1/guidance"]?.post?.requestBody?.content["application/json"]?.schema as {
      properties: { answers: unknown };
    };
    expect(body.properties.answers).toEqual({ $ref: "#/components/schemas/Answers" });
    expect(JSON.stringify(doc)).not.toMatch(/\{"nullable":true\}/);
  });
});
