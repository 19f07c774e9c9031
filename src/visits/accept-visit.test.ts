import { sql } from "drizzle-orm";
import { PDFDocument } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, rowsOf, type TestDatabase } from "../../test/support/database";
import { cutPages, readArchiveInfo } from "../forms/pdf-archive";
import { pdfText } from "../forms/test-support";
import { kumamotoSeed } from "../tenancy/kumamoto.seed";
import { seedMunicipality } from "../tenancy/municipality-seed";
import { acceptVisit } from "./accept-visit";
import type { SignedForm } from "./sign-visit";
import { visitRepository } from "./visit.repository";
import { counterScope, signedMoveInVisit } from "./visit.test-support";
import type { StaffScope } from "./visit-scope";

let database: TestDatabase;
let scope: StaffScope;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedMunicipality(database.db, kumamotoSeed);
  scope = await counterScope(database.db);
});
afterAll(() => database.destroy());

const now = new Date("2026-12-07T02:00:00Z");

/** Every PDF byte a visit keeps: the signed bundle, the signature image, and any per-application PDF. */
async function storedBytes(visitId: string) {
  const [row] = await rowsOf<{ bundle: number; png: number; forms: number }>(
    database.db,
    sql`select octet_length(s.bundle_pdf)::int as bundle, coalesce(octet_length(s.image_png), 0)::int as png,
          coalesce((select sum(octet_length(a.form_pdf)) from applications a where a.visit_id = s.visit_id), 0)::int as forms
        from signatures s where s.visit_id = ${visitId}`,
  );
  return row as { bundle: number; png: number; forms: number };
}

const reasonOf = async (attempt: Promise<unknown>) =>
  (
    (await attempt.then(
      () => undefined,
      (e: unknown) => e,
    )) as { reason?: string } | undefined
  )?.reason;

describe("accepting a signed visit", () => {
  it("files the bundle signing kept, without drawing or splitting a PDF", async () => {
    const signed = await signedMoveInVisit(database.db, scope);
    const create = vi.spyOn(PDFDocument, "create");
    const load = vi.spyOn(PDFDocument, "load");
    try {
      await acceptVisit(database.db, { scope, visitId: signed.id, version: signed.version, now });
      expect(create).not.toHaveBeenCalled();
      expect(load).not.toHaveBeenCalled();
    } finally {
      create.mockRestore();
      load.mockRestore();
    }
    const signature = await visitRepository(database.db).findSignature("kumamoto", signed.id);
    const forms = signature?.forms as SignedForm[];
    const apps = await visitRepository(database.db).listApplications("kumamoto", signed.id);
    expect(apps).toHaveLength(18);
    for (const app of apps) {
      const form = forms.find((f) => f.procedureId === app.procedureId);
      expect(app.signatureId).toBe(signature?.id);
      expect([app.firstPage, app.lastPage]).toEqual([form?.firstPage, form?.lastPage]);
      expect(app.contentHash).toBe(form?.contentHash);
      expect(app.formPdf).toBeNull();
    }
  });

  it("stores at most 1.2 times the bundle's size per visit", async () => {
    const signed = await signedMoveInVisit(database.db, scope);
    await acceptVisit(database.db, { scope, visitId: signed.id, version: signed.version, now });
    const bytes = await storedBytes(signed.id);
    expect(bytes.bundle).toBeGreaterThan(50_000);
    expect(bytes.forms).toBe(0);
    expect(bytes.bundle + bytes.png + bytes.forms).toBeLessThanOrEqual(1.2 * bytes.bundle);
  });

  it("cuts an accepted application's PDF from the bundle: its pages, its text, one font", async () => {
    const signed = await signedMoveInVisit(database.db, scope);
    await acceptVisit(database.db, { scope, visitId: signed.id, version: signed.version, now });
    const apps = await visitRepository(database.db).listApplications("kumamoto", signed.id);
    const school = apps.find((a) => a.procedureId === "gakko.transfer-in");
    const doc = await visitRepository(database.db).findApplicationDocument(
      "kumamoto",
      signed.id,
      school?.id ?? "",
    );
    if (doc?.kind !== "bundle") throw new Error("expected the application to point into the bundle");
    const pdf = await cutPages(doc.bundle, {
      firstPage: doc.firstPage,
      lastPage: doc.lastPage,
      title: doc.name,
    });
    const cut = await PDFDocument.load(pdf);
    expect(cut.getPageCount()).toBe(doc.lastPage - doc.firstPage + 1);
    const text = pdfText(pdf);
    expect(text).toContain("熊本市教育委員会");
    expect(text).toContain("𠮷田");
    // The same pages of the bundle print the same text.
    expect(text.trim()).toBe(pdfText(doc.bundle, doc.firstPage).trim());
    const info = await readArchiveInfo(pdf);
    expect(info.title).toBe(doc.name);
    expect(info.lang).toBe("ja-JP");
    expect(info.pdfa).toBe(true);
  });

  it("refuses a bundle altered after signing, and writes nothing", async () => {
    const signed = await signedMoveInVisit(database.db, scope);
    // One byte of the stored bundle changed in the database: what would be filed is not what was signed.
    await database.db.execute(
      sql`update signatures set bundle_pdf = overlay(bundle_pdf placing '\\x58'::bytea from 2000 for 1)
          where visit_id = ${signed.id}`,
    );
    const attempt = acceptVisit(database.db, { scope, visitId: signed.id, version: signed.version, now });
    expect(await reasonOf(attempt)).toBe("visits.formsChanged");
    const [after] = await rowsOf<{ state: string; n: number }>(
      database.db,
      sql`select v.state, (select count(*)::int from applications a where a.visit_id = v.id) as n
          from visits v where v.id = ${signed.id}`,
    );
    expect(after).toEqual({ state: "signature", n: 0 });
  });

  it("refuses a visit changed after it was signed", async () => {
    const signed = await signedMoveInVisit(database.db, scope);
    // A change that left the visit at the signature step yet moved its version on.
    await database.db.execute(
      sql`update visits set answers = answers || '{"phone":"0963000000"}'::jsonb, version = version + 1
          where id = ${signed.id}`,
    );
    const attempt = acceptVisit(database.db, { scope, visitId: signed.id, version: signed.version + 1, now });
    expect(await reasonOf(attempt)).toBe("visits.formsChanged");
  });

  it("accepts a visit signed before the bundle was kept: renders it once, keeps it, files from it", async () => {
    const signed = await signedMoveInVisit(database.db, scope);
    await database.db.execute(
      sql`update signatures set bundle_pdf = null, bundle_sha256 = null, visit_version = null,
            forms = (select jsonb_agg(f - 'name' - 'firstPage' - 'lastPage' - 'filled') from jsonb_array_elements(forms) f)
          where visit_id = ${signed.id}`,
    );
    await acceptVisit(database.db, { scope, visitId: signed.id, version: signed.version, now });
    const bytes = await storedBytes(signed.id);
    expect(bytes.bundle).toBeGreaterThan(50_000);
    const apps = await visitRepository(database.db).listApplications("kumamoto", signed.id);
    expect(apps).toHaveLength(18);
    expect(apps.every((a) => a.firstPage !== null && a.signatureId !== null)).toBe(true);
  });
});
