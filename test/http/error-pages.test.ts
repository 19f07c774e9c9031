import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../support/app";

// An error page as a screen reader meets it: the title says "error" first, and the headings stay in
// order (the page's h1, then the error summary's h2), in each language.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const headings = (html: string) => [...html.matchAll(/<h([1-6])[\s>]/g)].map((m) => Number(m[1]));
const title = (html: string) => /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? "";

describe("a page shown again with errors", () => {
  it("prefixes its title with the error and keeps the h1 before the summary's h2", async () => {
    const client = t.anonymous();
    const res = await client.postForm("/signin", { username: "nobody", password: "wrong" });
    const html = await res.text();
    expect(res.status).toBe(401);
    expect(title(html)).toMatch(/^エラー: 職員サインイン \| /);
    expect(html).toContain('class="error-summary"');
    expect(headings(html).slice(0, 2)).toEqual([1, 2]);

    await client.request("/lang?to=en");
    const english = await (
      await client.postForm("/signin", { username: "nobody", password: "wrong" })
    ).text();
    expect(title(english)).toMatch(/^Error: Staff sign-in \| /);
    expect(headings(english).slice(0, 2)).toEqual([1, 2]);
  });

  it("keeps the plain title when nothing is wrong", async () => {
    const html = await (await t.anonymous().request("/signin")).text();
    expect(title(html)).toMatch(/^職員サインイン \| /);
  });
});
