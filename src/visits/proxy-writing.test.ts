import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/support/database";
import { addStaff } from "../auth/add-staff";
import { auditRepository } from "../auth/audit.repository";
import { staffRepository } from "../auth/staff.repository";
import { pdfText } from "../forms/test-support";
import { kumamotoSeed } from "../tenancy/kumamoto.seed";
import { seedMunicipality } from "../tenancy/municipality-seed";
import { confirmProxyWriting, signatureNoteOf } from "./proxy-writing";
import { signVisit } from "./sign-visit";
import { visitRepository } from "./visit.repository";
import { counterScope, reviewedMoveInVisit } from "./visit.test-support";
import type { StaffScope } from "./visit-scope";

let t: TestDatabase;
let scope: StaffScope;
let colleague: { username: string; password: string; id: string };
const now = new Date("2026-12-07T01:00:00Z");
const lockout = { threshold: 5, minutes: 15 };

beforeAll(async () => {
  t = await createTestDatabase();
  await seedMunicipality(t.db, kumamotoSeed);
  scope = await counterScope(t.db);
  const added = await addStaff(t.db, {
    municipalityId: "kumamoto",
    username: "counter.sato",
    displayName: "佐藤 次郎",
    role: "counter",
    officeCode: "chuo",
  });
  colleague = { username: "counter.sato", password: added.password, id: added.staff.id };
});
afterAll(() => t.close());

const base = (visitId: string) => ({
  scope,
  visitId,
  writer: "staff",
  writerName: "",
  reason: "motor",
  confirmer: { username: colleague.username, password: colleague.password },
  staffName: "山田 花子",
  lockout,
  now,
});

describe("代筆: signing for a resident who cannot sign", () => {
  it("needs a second staff member's own password, and counts a wrong one towards their lock-out", async () => {
    const visitId = "00000000-0000-4000-8000-000000000001";
    await expect(
      confirmProxyWriting(t.db, {
        ...base(visitId),
        confirmer: { ...base(visitId).confirmer, password: "wrong" },
      }),
    ).rejects.toMatchObject({ reason: "visits.proxyConfirmationFailed" });
    expect((await staffRepository(t.db).findById("kumamoto", colleague.id))?.failedAttempts).toBe(1);
    const failures = await auditRepository(t.db).list("kumamoto", { action: "visit.proxy-writing.confirm" });
    expect(failures[0]).toMatchObject({ outcome: "failure", targetId: visitId });
  });

  it("refuses the staff member taking the signing as their own confirmer", async () => {
    const me = (await staffRepository(t.db).findById("kumamoto", scope.staffId))?.username ?? "";
    await expect(
      confirmProxyWriting(t.db, { ...base("v"), confirmer: { username: me, password: "anything at all" } }),
    ).rejects.toMatchObject({ reason: "visits.proxyConfirmationFailed" });
  });

  it("asks who wrote, why, and a companion's name", async () => {
    await expect(confirmProxyWriting(t.db, { ...base("v"), writer: "" })).rejects.toMatchObject({
      reason: "visits.proxyWriterRequired",
    });
    await expect(confirmProxyWriting(t.db, { ...base("v"), reason: "because" })).rejects.toMatchObject({
      reason: "visits.proxyReasonRequired",
    });
    await expect(
      confirmProxyWriting(t.db, { ...base("v"), writer: "companion", writerName: " " }),
    ).rejects.toMatchObject({ reason: "visits.proxyWriterNameRequired" });
  });

  it("prints who wrote, why and who confirmed in every form's signature box, and keeps no image", async () => {
    const v = await reviewedMoveInVisit(t.db, scope, now);
    const proxy = await confirmProxyWriting(t.db, {
      ...base(v.id),
      writer: "companion",
      writerName: "𠮷田 一郎",
      reason: "visual",
    });
    const signed = await signVisit(t.db, { scope, visitId: v.id, version: v.version, proxy, now });
    expect(signed.state).toBe("signature");
    const signature = await visitRepository(t.db).findSignature("kumamoto", v.id);
    expect(signature?.imagePng).toBeNull();
    expect(signature?.proxyWriting).toMatchObject({
      writer: "companion",
      writerName: "𠮷田 一郎",
      reason: "visual",
      confirmedBy: { staffId: colleague.id, name: "佐藤 次郎" },
    });
    const forms = ((signature?.forms ?? []) as unknown[]).length;
    const text = pdfText(signature?.bundlePdf as Uint8Array);
    const note = signatureNoteOf(proxy);
    expect(note[0]).toBe("代筆　同行者 𠮷田 一郎");
    expect(text.match(/代筆/g)?.length).toBe(forms);
    expect(text.match(/目が不自由で署名が難しいため/g)?.length).toBe(forms);
    // pdftotext reads the box's label words (理由, 確認) apart from what follows them.
    expect(text.match(/職員 佐藤 次郎/g)?.length).toBe(forms);
  });
});
