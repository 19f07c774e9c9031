import { describe, expect, it } from "vitest";
import { AppError, errorCodes } from "../shared/errors";
import { isDatabaseUnavailable, mapError, statusFor, summaryLead, summaryTitle } from "./error-mapper";
import { translator } from "./i18n";

describe("mapError", () => {
  it.each([
    ["NOT_FOUND", 404],
    ["VALIDATION", 422],
    ["MALFORMED_JSON", 400],
    ["PAYLOAD_TOO_LARGE", 413],
    ["UNAUTHENTICATED", 401],
    ["SESSION_EXPIRED", 401],
    ["FORBIDDEN", 403],
    ["CSRF", 403],
    ["CONFLICT", 409],
    ["DATABASE_UNAVAILABLE", 503],
    ["INTERNAL", 500],
  ] as const)("maps %s to %i", (code, status) => {
    expect(mapError(new AppError(code)).status).toBe(status);
    expect(statusFor(code)).toBe(status);
  });

  it("covers every error code with text in both languages", () => {
    for (const code of errorCodes) {
      const mapped = mapError(new AppError(code));
      for (const key of [mapped.title, mapped.lead]) {
        const text = { ja: translator("ja")(key), en: translator("en")(key) };
        expect(text.ja.length).toBeGreaterThan(0);
        expect(text.en.length).toBeGreaterThan(0);
      }
    }
  });

  it("keeps the problems of an AppError", () => {
    const problems = [{ path: "name", code: "common.requiredField", params: { field: "名前" } }];
    expect(mapError(new AppError("VALIDATION", problems)).problems).toEqual(problems);
  });

  it("turns an unknown error into INTERNAL without its message", () => {
    const mapped = mapError(new Error("secret detail at /srv/app.ts:12"));
    expect(mapped).toEqual({
      code: "INTERNAL",
      status: 500,
      title: "common.errorTitle",
      lead: "common.errorLead",
      problems: [],
    });
  });

  it("turns a lost database into DATABASE_UNAVAILABLE", () => {
    const wrapped = new Error("Failed query: select 1", { cause: new Error("PGlite is closed") });
    expect(mapError(wrapped).code).toBe("DATABASE_UNAVAILABLE");
    expect(mapError(wrapped).status).toBe(503);
  });
});

describe("the heading of a refusal", () => {
  const refusal = (code: string) => new AppError("CONFLICT", [{ path: "", code }]);

  it("says a stale page is out of date, not that the input has a problem", () => {
    for (const code of ["visits.staleVersion", "registry.staleVersion", "visits.notAtInterview"]) {
      expect(mapError(refusal(code))).toMatchObject({
        status: 409,
        title: "common.staleTitle",
        lead: "common.staleLead",
      });
      expect(summaryTitle(refusal(code).problems)).toBe("common.staleTitle");
    }
    expect(translator("ja")("common.staleTitle")).toBe("この画面は古くなっています");
    expect(translator("ja")("common.staleLead")).toContain("最新の内容を表示して、もう一度操作してください");
  });

  it("says a closed office is closed, on a closed day and outside the hours", () => {
    for (const code of ["queue.closedDay", "queue.outsideHours"]) {
      expect(mapError(refusal(code))).toMatchObject({
        title: "common.closedTitle",
        lead: "common.closedLead",
      });
      expect(summaryTitle(refusal(code).problems)).toBe("common.closedTitle");
    }
  });

  it("keeps the input heading for input problems, and gives other conflicts their own", () => {
    const invalid = new AppError("VALIDATION", [{ path: "name", code: "common.requiredField" }]);
    expect(summaryTitle(invalid.problems)).toBe("common.errorSummaryTitle");
    expect(summaryLead(invalid.problems)).toBeUndefined();
    expect(mapError(refusal("queue.counterBusy"))).toMatchObject({ title: "common.conflictTitle" });
    expect(translator("ja")(mapError(refusal("queue.counterBusy")).title)).not.toBe(
      "入力内容に問題があります",
    );
  });
});

describe("isDatabaseUnavailable", () => {
  const withCode = (code: string) => Object.assign(new Error("x"), { code });
  it.each([
    ["a refused connection", withCode("ECONNREFUSED")],
    ["a reset connection", withCode("ECONNRESET")],
    ["an administrator shutdown", withCode("57P01")],
    ["a server that cannot accept connections yet", withCode("57P03")],
    ["a broken connection", withCode("08006")],
    ["a terminated connection", new Error("Connection terminated unexpectedly")],
    ["a connection timeout", new Error("Connection terminated due to connection timeout")],
    ["a pool with no free connection in time", new Error("timeout exceeded when trying to connect")],
    ["a closed PGlite", new Error("PGlite is closed")],
    ["a pool that was ended", new Error("Cannot use a pool after calling end on the pool")],
    ["a wrapped cause", new Error("Failed query", { cause: withCode("ECONNREFUSED") })],
    ["our own code", withCode("DATABASE_UNAVAILABLE")],
  ])("recognises %s", (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ["a syntax error", withCode("42601")],
    ["a unique violation", withCode("23505")],
    ["the append-only refusal", withCode("42501")],
    ["a plain error", new Error("boom")],
    ["a string", "ECONNREFUSED"],
    ["nothing", undefined],
  ])("does not take %s for an unavailable database", (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
