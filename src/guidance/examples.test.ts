import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { getMunicipalitySettings } from "../catalog/municipalities";
import { planGuidance } from "./engine";
import { parseHousehold } from "./validate";

// The shared worked examples, copied into the project so tests never read outside it.
const folder = new URL("../../test/fixtures/examples/", import.meta.url);
const names = readdirSync(folder)
  .filter((file) => file.endsWith(".json") && !file.endsWith(".expected.json"))
  .map((file) => file.slice(0, -".json".length));
const read = (file: string): unknown => JSON.parse(readFileSync(new URL(file, folder), "utf8"));

describe("the worked examples", () => {
  it("are all present", () => {
    expect(names).toEqual([
      "birth-second-child",
      "death-of-elderly-head",
      "divorce-mother-keeps-children",
      "marriage-wife-takes-surname",
      "move-between-wards-new-school",
      "move-in-young-family",
      "move-out-self-employed-family",
    ]);
  });

  it.each(names)("%s gives exactly the expected procedures, members, deadlines and due dates", (name) => {
    const parsed = parseHousehold(read(`${name}.json`));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    for (const municipality of ["national", "kumamoto"]) {
      const plan = planGuidance(parsed.household, getMunicipalitySettings(municipality));
      const got = plan.procedures.map(({ id, members, deadline, due }) => ({ id, members, deadline, due }));
      expect(got, municipality).toEqual(
        (read(`${name}.expected.json`) as { procedures: unknown }).procedures,
      );
    }
  });
});
