import { describe, expect, it } from "vitest";
import { safeLocalPath } from "./middleware";

describe("safeLocalPath", () => {
  it.each([
    ["/", "/"],
    ["/offices", "/offices"],
    ["/offices?x=1#y", "/offices?x=1#y"],
    ["/admin/staff/123", "/admin/staff/123"],
  ])("follows the local path %j", (value, expected) => {
    expect(safeLocalPath(value)).toBe(expected);
  });

  it.each([
    ["an absolute URL", "https://evil.example/"],
    ["a protocol-relative URL", "//evil.example/"],
    ["a backslash trick", "/\\evil.example"],
    ["a javascript: URL", "javascript:alert(1)"],
    ["a relative path", "offices"],
    ["an empty value", ""],
    ["no value", undefined],
    ["null", null],
  ])("refuses %s and falls back", (_name, value) => {
    expect(safeLocalPath(value)).toBe("/");
    expect(safeLocalPath(value, "/signin")).toBe("/signin");
  });
});
