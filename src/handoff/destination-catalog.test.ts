import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import procedures from "../catalog/procedures.json";
import { AppError } from "../shared/errors";
import { destinationsForProcedure, matchesProcedure } from "./destination.schema";
import { builtInCatalog, loadDestinationsFile } from "./destination-catalog";

describe("the Kumamoto demo destinations", () => {
  it("route every one-stop procedure of the catalogue to at least one core system", () => {
    const oneStop = (procedures as { procedures: Array<{ id: string; handling: string }> }).procedures.filter(
      (p) => p.handling === "one-stop",
    );
    expect(oneStop.length).toBeGreaterThan(30);
    const unrouted = oneStop.filter(
      (p) => destinationsForProcedure(builtInCatalog, "kumamoto", p.id).length === 0,
    );
    expect(unrouted.map((p) => p.id)).toEqual([]);
  });

  it("send national health insurance both as a file and over HTTP", () => {
    expect(destinationsForProcedure(builtInCatalog, "kumamoto", "kokuho.enroll").map((d) => d.id)).toEqual([
      "kokuho",
      "kokuho-api",
    ]);
    expect(destinationsForProcedure(builtInCatalog, "kumamoto", "juki.move-in").map((d) => d.id)).toEqual([
      "juki",
    ]);
    expect(destinationsForProcedure(builtInCatalog, "kumamoto", "jidoteate.claim").map((d) => d.id)).toEqual([
      "kodomo",
    ]);
  });

  it("have none for a municipality without configuration", () => {
    expect(destinationsForProcedure(builtInCatalog, "yatsushiro", "juki.move-in")).toEqual([]);
  });
});

describe("matchesProcedure", () => {
  it.each([
    ["*", "juki.move-in", true],
    ["juki.*", "juki.move-in", true],
    ["juki.*", "jukix.move-in", false],
    ["juki.move-in", "juki.move-in", true],
    ["juki.move-in", "juki.move-out", false],
  ])("%s matches %s: %s", (pattern, id, expected) => {
    expect(matchesProcedure(pattern, id)).toBe(expected);
  });
});

describe("loadDestinationsFile", () => {
  const dir = mkdtempSync(join(tmpdir(), "mg-destinations-"));

  it("reads a valid file with defaults filled in", () => {
    const path = join(dir, "ok.json");
    writeFileSync(
      path,
      JSON.stringify({
        municipalities: {
          kumamoto: {
            destinations: [
              {
                id: "juki",
                kind: "file",
                label: { ja: "住基", en: "Registry" },
                folder: "juki",
                procedures: ["juki.*"],
              },
            ],
          },
        },
      }),
    );
    const catalog = loadDestinationsFile(path);
    expect(catalog.municipalities.kumamoto?.destinations[0]).toMatchObject({
      encoding: "utf-8",
      layout: "standard",
    });
  });

  it("lists every problem of an invalid file with its path", () => {
    const path = join(dir, "bad.json");
    writeFileSync(
      path,
      JSON.stringify({
        municipalities: {
          kumamoto: {
            destinations: [
              { id: "Juki!", kind: "file", label: { ja: "x", en: "x" }, folder: "", procedures: ["juki.*"] },
              {
                id: "api",
                kind: "http",
                label: { ja: "x", en: "x" },
                url: "ftp://x",
                procedures: ["bad pattern"],
              },
            ],
          },
        },
      }),
    );
    try {
      loadDestinationsFile(path);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      const paths = (error as AppError).problems.map((p) => p.path);
      expect(paths.some((p) => p.endsWith("destinations.0.id"))).toBe(true);
      expect(paths.some((p) => p.endsWith("destinations.0.folder"))).toBe(true);
      expect(paths.some((p) => p.endsWith("destinations.1.url"))).toBe(true);
      expect(paths.some((p) => p.endsWith("destinations.1.procedures.0"))).toBe(true);
    }
  });

  it("says when the file cannot be read", () => {
    expect(() => loadDestinationsFile(join(dir, "missing.json"))).toThrow(AppError);
  });
});
