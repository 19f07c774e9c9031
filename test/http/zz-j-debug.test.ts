import { readFileSync, writeFileSync } from "node:fs";
import { it } from "vitest";
import { draftFromHousehold } from "../../src/guidance/guidance-form";
import { createTestApp } from "../support/app";

const folder = new URL("../fixtures/examples/", import.meta.url);
const read = (file: string) => JSON.parse(readFileSync(new URL(file, folder), "utf8"));

it("dumps", async () => {
  const t = await createTestApp();
  const u = await t.addUser("dbg", "counter");
  const staff = await t.signIn(u);
  const draft: any = draftFromHousehold(read("move-in-young-family.json"), "2026-04-01");
  const e = draft.event;
  const out: Array<[string, string]> = [
    ["memberCount", String(draft.members.length)], ["event.type", e.type], ["event.date", e.date],
    ["event.origin", e.origin], ["event.destination", e.destination], ["event.subject", e.subject], ["event.funeralHost", e.funeralHost],
  ];
  if (e.crossPrefecture) out.push(["event.crossPrefecture", "on"]);
  draft.members.forEach((m: any, i: number) => {
    for (const key of ["name","kana","relation","birthDate","sex","insurance","pension","careLevel"]) out.push([`m${i}.${key}`, m[key]]);
    if (m.moving) out.push([`m${i}.moving`, "on"]);
    for (const f of m.flags) out.push([`m${i}.flags`, f]);
    for (const b of m.benefits) out.push([`m${i}.benefits`, b]);
    for (const o of m.owns) out.push([`m${i}.owns`, o]);
  });
  const post = async (fields: Array<[string, string]>) => {
    const body = new URLSearchParams(fields);
    body.append("_csrf", await staff.csrf("/guidance"));
    return (await staff.request("/guidance", { method: "POST", body, headers: { "content-type": "application/x-www-form-urlencoded" } })).text();
  };
  writeFileSync("/tmp/team/J/get.html", await (await staff.request("/guidance")).text());
  writeFileSync("/tmp/team/J/plan.html", await post([...out, ["action", "plan"]]));
  writeFileSync("/tmp/team/J/bd.html", await post([...out.map(([k, v]): [string, string] => k === "m2.birthDate" ? [k, "2025-02-29"] : [k, v]), ["action", "sheet"]]));
  for (const lang of ["vi", "zh-Hans", "ko"]) writeFileSync(`/tmp/team/J/sheet-${lang}.html`, await post([...out, ["sheetLang", lang], ["action", "sheet"]]));
  await t.close();
});
