import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/support/database";
import { kumamotoSeed } from "../tenancy/kumamoto.seed";
import { seedMunicipality } from "../tenancy/municipality-seed";
import { decideEntryVersion } from "./decide-entry-version";
import { importEntries } from "./import-entries";
import { loadEntriesFromDir } from "./load-entries";
import { isManualRefusal } from "./manual.errors";
import { manualRepository } from "./manual.repository";
import { publishedLibrary } from "./manual-library";
import { searchManual } from "./search-manual";
import { submitEntryVersion } from "./submit-entry-version";
import { diffVersions } from "./version-diff";

const fixtures = join(import.meta.dirname, "fixtures");
const now = new Date("2026-12-07T01:00:00Z");
const alice = { staffId: "00000000-0000-4000-8000-00000000000a", name: "管理 太郎" };
const bob = { staffId: "00000000-0000-4000-8000-00000000000b", name: "監督 花子" };

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  await seedMunicipality(database.db, kumamotoSeed);
  const { entries } = await loadEntriesFromDir(fixtures);
  await importEntries(database.db, { municipalityId: "kumamoto", entries, origin: "test", now });
});
afterAll(() => database.close());

const refusalOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    if (isManualRefusal(error)) return error.reason;
    throw error;
  }
  return null;
};

describe("importing entries", () => {
  it("publishes each file once and changes nothing when imported again", async () => {
    const { entries } = await loadEntriesFromDir(fixtures);
    const again = await importEntries(database.db, {
      municipalityId: "kumamoto",
      entries,
      origin: "test",
      now,
    });
    expect(again).toEqual({ created: [], updated: [], unchanged: 3 });
    const rows = await manualRepository(database.db).entries("kumamoto");
    expect(rows.map((r) => [r.id, r.publishedVersion])).toEqual([
      ["faq-kokuho-yameru", 1],
      ["gen-ininjo", 1],
      ["proc-juki-move-in", 1],
    ]);
  });

  it("keeps each municipality's manual to itself", async () => {
    expect(await manualRepository(database.db).entries("yatsushiro")).toEqual([]);
  });
});

describe("the two-person rule", () => {
  const source = readFileSync(join(fixtures, "gen-ininjo.md"), "utf8");
  const edited = source.replace(
    "**委任状**が必要です。",
    "**委任状**が必要です。代理人の本人確認書類も持ってきてください。",
  );

  it("keeps the published version until a second person approves, and refuses the author's own approval", async () => {
    const { version } = await submitEntryVersion(database.db, {
      municipalityId: "kumamoto",
      entryId: "gen-ininjo",
      source: edited,
      author: alice,
      now,
    });
    expect(version).toBe(2);
    const before = await publishedLibrary(database.db, "kumamoto");
    expect(before.version("gen-ininjo")).toBe(1);

    const own = decideEntryVersion(database.db, {
      municipalityId: "kumamoto",
      entryId: "gen-ininjo",
      version,
      decision: "approve",
      decider: alice,
      now,
    });
    expect(await refusalOf(own)).toBe("manual.ownChange");
    expect((await manualRepository(database.db).version("kumamoto", "gen-ininjo", 2))?.status).toBe(
      "pending",
    );

    await decideEntryVersion(database.db, {
      municipalityId: "kumamoto",
      entryId: "gen-ininjo",
      version,
      decision: "approve",
      decider: bob,
      now,
    });
    const versions = await manualRepository(database.db).versions("kumamoto", "gen-ininjo");
    expect(versions.map((v) => [v.version, v.status, v.authorName, v.decidedByName])).toEqual([
      [2, "published", "管理 太郎", "監督 花子"],
      [1, "archived", "test", "test"],
    ]);
    const after = await publishedLibrary(database.db, "kumamoto");
    expect(after.version("gen-ininjo")).toBe(2);
    expect(after.index.search("代理人の本人確認書類", { audience: "public" })[0]?.id).toBe("gen-ininjo");
  });

  it("keeps every version, and two of them diff line by line", async () => {
    const [v2, v1] = await manualRepository(database.db).versions("kumamoto", "gen-ininjo");
    const diff = diffVersions(v1?.source ?? "", v2?.source ?? "");
    expect(diff.filter((l) => l.kind === "removed").map((l) => l.text)).toEqual([
      "本人や同じ世帯の人以外が手続きをするときは、**委任状**が必要です。",
    ]);
    expect(diff.filter((l) => l.kind === "added").map((l) => l.text)).toEqual([
      "本人や同じ世帯の人以外が手続きをするときは、**委任状**が必要です。代理人の本人確認書類も持ってきてください。",
    ]);
  });

  it("refuses a second decision, an invalid source and a changed id", async () => {
    const decided = decideEntryVersion(database.db, {
      municipalityId: "kumamoto",
      entryId: "gen-ininjo",
      version: 2,
      decision: "reject",
      decider: alice,
      now,
    });
    expect(await refusalOf(decided)).toBe("manual.notPending");
    const invalid = submitEntryVersion(database.db, {
      municipalityId: "kumamoto",
      entryId: "gen-ininjo",
      source: source.replace("kind: general", "kind: rumour"),
      author: alice,
      now,
    });
    expect(await refusalOf(invalid)).toBe("manual.invalidEntry");
    const renamed = submitEntryVersion(database.db, {
      municipalityId: "kumamoto",
      entryId: "gen-ininjo",
      source: source.replace("id: gen-ininjo", "id: gen-other"),
      author: alice,
      now,
    });
    expect(await refusalOf(renamed)).toBe("manual.idChanged");
  });

  it("lets the rule hold in the database too: an approver column equal to the author is refused", async () => {
    await submitEntryVersion(database.db, {
      municipalityId: "kumamoto",
      entryId: "proc-juki-move-in",
      source: readFileSync(join(fixtures, "proc-juki-move-in.md"), "utf8").replace(
        "14日以内",
        "14日以内（土日を除かない）",
      ),
      author: alice,
      now,
    });
    const repo = manualRepository(database.db);
    await expect(
      repo.setStatus("kumamoto", "proc-juki-move-in", 2, "published", {
        staffId: alice.staffId,
        name: alice.name,
        at: now,
      }),
    ).rejects.toThrow();
  });
});

describe("searching and logging", () => {
  it("logs a query without the number or the name in it", async () => {
    const { hits, logId } = await searchManual(database.db, {
      municipalityId: "kumamoto",
      query: "田中太郎 123456789012 転入",
      audience: "public",
      lang: "ja",
      now,
    });
    expect(hits[0]?.id).toBe("proc-juki-move-in");
    const insights = await manualRepository(database.db).searchInsights("kumamoto", new Date(0));
    expect(insights.map((i) => i.query)).toContain("〇〇 # 転入");
    expect(logId).toBeGreaterThan(0);
  });
});
