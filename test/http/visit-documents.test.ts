import { sql } from "drizzle-orm";
import { PDFDocument } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { moveInFamily } from "../../src/forms/fixtures/households";
import { readArchiveInfo } from "../../src/forms/pdf-archive";
import { pdfText } from "../../src/forms/test-support";
import { signedMoveInVisit } from "../../src/visits/visit.test-support";
import type { StaffScope } from "../../src/visits/visit-scope";
import { type Client, createTestApp, type TestApp } from "../support/app";
import { rowsOf } from "../support/database";

let t: TestApp;
let client: Client;
let scope: StaffScope;

beforeAll(async () => {
  t = await createTestApp();
  const staff = await t.addUser("documents-counter", "counter");
  client = await t.signIn(staff);
  const [row] = await rowsOf<{ office_id: string }>(
    t.database.db,
    sql`select office_id from staff where id = ${staff.id}`,
  );
  scope = { municipalityId: "kumamoto", staffId: staff.id, officeId: row?.office_id ?? "" };
});
afterAll(() => t.close());

const bytesOf = async (res: Response) => new Uint8Array(await res.arrayBuffer());
const surnames = moveInFamily.members.map((m) => m.name.split(" ")[0] as string);

/** `inline` with the same ASCII name twice: plain and as RFC 5987 `filename*`. */
function fileNameOf(res: Response): string {
  const header = res.headers.get("content-disposition") ?? "";
  const match = header.match(/^inline; filename="([^"]+)"; filename\*=UTF-8''(\S+)$/);
  expect(match, header).not.toBeNull();
  expect(decodeURIComponent(match?.[2] ?? "")).toBe(match?.[1]);
  return match?.[1] ?? "";
}

describe("a visit's documents", () => {
  let visitId = "";
  let version = 0;

  it("serves the signed bundle as kept at signing, under a file name with the visit date and no name", async () => {
    const signed = await signedMoveInVisit(t.database.db, scope, new Date("2026-12-07T01:00:00Z"));
    visitId = signed.id;
    version = signed.version;
    const res = await client.request(`/visits/${visitId}/forms.pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    const name = fileNameOf(res);
    expect(name).toBe(`madoguchi-2026-12-07-${visitId.slice(0, 8)}.pdf`);
    for (const surname of surnames) expect(name).not.toContain(surname);
    const [kept] = await rowsOf<{ bundle_pdf: Uint8Array }>(
      t.database.db,
      sql`select bundle_pdf from signatures where visit_id = ${visitId}`,
    );
    const pdf = await bytesOf(res);
    expect(Buffer.from(pdf).equals(Buffer.from(kept?.bundle_pdf ?? []))).toBe(true);
    const info = await readArchiveInfo(pdf);
    expect(info.title).toMatch(/^転入届ほか \d+件 — 2026年12月7日$/);
    expect(info.lang).toBe("ja-JP");
  });

  it("cuts an accepted application's form from the bundle, with its own file name", async () => {
    const accepted = await client.request(`/visits/${visitId}/accept`, {
      method: "POST",
      body: new URLSearchParams({ _csrf: await client.csrf(`/visits/${visitId}`), version: String(version) }),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(accepted.status).toBe(303);
    const [app] = await rowsOf<{ id: string; first_page: number; last_page: number }>(
      t.database.db,
      sql`select id, first_page, last_page from applications
          where visit_id = ${visitId} and procedure_id = 'gakko.transfer-in'`,
    );
    const res = await client.request(`/visits/${visitId}/applications/${app?.id}/form.pdf`);
    expect(res.status).toBe(200);
    expect(fileNameOf(res)).toBe(`madoguchi-2026-12-07-${visitId.slice(0, 8)}-${app?.id.slice(0, 8)}.pdf`);
    const pdf = await bytesOf(res);
    expect((await PDFDocument.load(pdf)).getPageCount()).toBe(
      (app?.last_page ?? 0) - (app?.first_page ?? 0) + 1,
    );
    expect(pdfText(pdf)).toContain("熊本市教育委員会");
    expect((await readArchiveInfo(pdf)).title).toBe("転入学（入学通知書の交付） — 2026年12月7日");
  });

  it("answers 404 for an application of another visit or an id that is not one", async () => {
    const other = await signedMoveInVisit(t.database.db, scope);
    const [app] = await rowsOf<{ id: string }>(
      t.database.db,
      sql`select id from applications where visit_id = ${visitId} limit 1`,
    );
    expect((await client.request(`/visits/${other.id}/applications/${app?.id}/form.pdf`)).status).toBe(404);
    expect((await client.request(`/visits/${visitId}/applications/nope/form.pdf`)).status).toBe(404);
  });
});
