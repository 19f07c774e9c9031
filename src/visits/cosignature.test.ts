import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/support/database";
import { signaturePng } from "../forms/fixtures/signature";
import { pdfImages } from "../forms/test-support";
import { kumamotoSeed } from "../tenancy/kumamoto.seed";
import { seedMunicipality } from "../tenancy/municipality-seed";
import { acceptVisit } from "./accept-visit";
import { signVisit } from "./sign-visit";
import { visitRepository } from "./visit.repository";
import { counterScope, reviewedMoveInVisit } from "./visit.test-support";
import type { StaffScope } from "./visit-scope";
import { presentCosigners } from "./visits.presenters";

// A 婚姻届 has two 届出人 (issue #18): the visit's signer signs every form; the other partner, at the
// counter too, signs their own box of the 婚姻届 — or it says to sign by hand.

const marriage = JSON.parse(
  readFileSync(
    new URL("../../test/fixtures/examples/marriage-wife-takes-surname.json", import.meta.url),
    "utf8",
  ),
) as { members: Array<{ id: string; name?: string }> };
const now = new Date("2026-12-07T01:00:00Z");
const dataUrl = (png: Uint8Array) => `data:image/png;base64,${Buffer.from(png).toString("base64")}`;

let database: TestDatabase;
let scope: StaffScope;
beforeAll(async () => {
  database = await createTestDatabase();
  await seedMunicipality(database.db, kumamotoSeed);
  scope = await counterScope(database.db);
});
afterAll(() => database.close());

describe("the second 届出人's signature", () => {
  it("names the other partner at the review, and keeps and draws their signature when they sign", async () => {
    const v = await reviewedMoveInVisit(database.db, scope, undefined, marriage);
    const cosigners = presentCosigners(v);
    expect(cosigners).toHaveLength(1);
    expect(marriage.members.map((m) => m.name)).toContain(cosigners[0]?.name);
    const signed = await signVisit(database.db, {
      scope,
      visitId: v.id,
      version: v.version,
      signature: dataUrl(signaturePng()),
      cosignature: dataUrl(signaturePng()),
      now: new Date("2026-12-07T01:00:00Z"),
    });
    const row = await visitRepository(database.db).findSignature("kumamoto", signed.id);
    expect(row?.cosignaturePng?.length).toBeGreaterThan(0);
    const forms = row?.forms as Array<{ procedureId: string }>;
    // Every form has the signer's signature; the 婚姻届 the other partner's too.
    expect(pdfImages(row?.bundlePdf as Uint8Array)).toHaveLength(forms.length + 1);
    const accepted = await acceptVisit(database.db, {
      scope,
      visitId: signed.id,
      version: signed.version,
      now,
    });
    expect(accepted.measures).toMatchObject({ signatures: 2, namesWrittenByResident: 0 });
  });

  it("refuses an unreadable second signature at its own field, and takes none when it is left empty", async () => {
    const v = await reviewedMoveInVisit(database.db, scope, undefined, marriage);
    const at = { scope, visitId: v.id, version: v.version, now: new Date("2026-12-07T01:00:00Z") };
    await expect(
      signVisit(database.db, {
        ...at,
        signature: dataUrl(signaturePng()),
        cosignature: "data:image/png;base64,AAAA",
      }),
    ).rejects.toMatchObject({ problems: [{ path: "cosignature", code: "visits.signatureUnreadable" }] });
    const signed = await signVisit(database.db, {
      ...at,
      signature: dataUrl(signaturePng()),
      cosignature: "",
    });
    const row = await visitRepository(database.db).findSignature("kumamoto", signed.id);
    expect(row?.cosignaturePng).toBeNull();
    // The other partner signs the 婚姻届 by hand: one name written, counted as such.
    const accepted = await acceptVisit(database.db, {
      scope,
      visitId: signed.id,
      version: signed.version,
      now,
    });
    expect(accepted.measures).toMatchObject({ signatures: 1, namesWrittenByResident: 1 });
  });
});
