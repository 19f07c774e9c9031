import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { defaultConfig } from "../config/config";
import { startDemoHandoff } from "./demo-handoff";
import type { DestinationCatalog } from "./destination.schema";
import { buildDestinations, destinationSettings } from "./destinations";
import { type HandoffRecord, RECORD_FORMAT } from "./record";

const dataDir = mkdtempSync(join(tmpdir(), "mg-demo-handoff-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const address = s.address();
      s.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });

const catalogAt = (url: string) =>
  ({
    municipalities: {
      kumamoto: {
        destinations: [
          {
            id: "kokuho-api",
            kind: "http",
            label: { ja: "国保API", en: "API" },
            url,
            procedures: ["kokuho.*"],
          },
        ],
      },
    },
  }) as unknown as DestinationCatalog;

describe("the demo tenant's hand-off", () => {
  it("gives the API destination a generated secret, kept across starts, and a local receiver that takes deliveries", async () => {
    const port = await freePort();
    const catalog = catalogAt(`http://127.0.0.1:${port}/handoff`);
    const config = defaultConfig({ DATA_DIR: dataDir, HANDOFF_SECRETS: {} });
    // Without the demo's help the destination is misconfigured: no secret.
    const [bare] = buildDestinations(catalog, destinationSettings(config));
    expect(await bare?.check({ create: false })).toMatch(/no secret/);

    const demo = await startDemoHandoff(config, catalog);
    try {
      const secret = demo.config.HANDOFF_SECRETS?.["kumamoto/kokuho-api"] ?? "";
      expect(secret.length).toBeGreaterThanOrEqual(32);
      const file = join(dataDir, "handoff", "demo-secrets.json");
      expect(JSON.parse(readFileSync(file, "utf8"))).toEqual({ "kumamoto/kokuho-api": secret });
      expect(statSync(file).mode & 0o077).toBe(0);
      const [destination] = buildDestinations(catalog, destinationSettings(demo.config));
      expect(await destination?.check({ create: false })).toBeNull();
      const record = { format: RECORD_FORMAT, key: "app-1:kokuho-api" } as unknown as HandoffRecord;
      expect(await destination?.deliver(record, { now: new Date() })).toMatchObject({ kind: "done" });
      expect(demo.lines.join("\n")).toContain(`127.0.0.1:${port}`);
    } finally {
      await demo.close();
    }
    // The next start reuses the secret (the receiver's keys and the sender agree across restarts).
    const again = await startDemoHandoff(config, catalog);
    await again.close();
    expect(again.config.HANDOFF_SECRETS?.["kumamoto/kokuho-api"]).toBe(
      JSON.parse(readFileSync(join(dataDir, "handoff", "demo-secrets.json"), "utf8"))["kumamoto/kokuho-api"],
    );
  });

  it("leaves a destination with its own secret, or on another machine, as configured", async () => {
    const own = defaultConfig({
      DATA_DIR: dataDir,
      HANDOFF_SECRETS: { "kumamoto/kokuho-api": "x".repeat(40) },
    });
    const mine = await startDemoHandoff(own, catalogAt("http://127.0.0.1:1/handoff"));
    await mine.close();
    expect(mine.config.HANDOFF_SECRETS?.["kumamoto/kokuho-api"]).toBe("x".repeat(40));
    expect(mine.lines).toEqual([]);
    const remote = await startDemoHandoff(
      defaultConfig({ DATA_DIR: dataDir, HANDOFF_SECRETS: {} }),
      catalogAt("https://kokuho.example.jp/handoff"),
    );
    await remote.close();
    expect(remote.config.HANDOFF_SECRETS?.["kumamoto/kokuho-api"]).toBeUndefined();
  });
});
