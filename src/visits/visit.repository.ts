import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "../db/database";
import { isUuid } from "../tenancy/tenancy.repository";
import { applications, signatures, visits, visitTransitions } from "./visits.table";

export type VisitRow = typeof visits.$inferSelect;
export type ApplicationRow = typeof applications.$inferSelect;
export type SignatureRow = typeof signatures.$inferSelect;

export interface SignatureSeal {
  id: string;
  forms: unknown;
  visitVersion: number | null;
  bundleSha256: string | null;
  hasBundle: boolean;
  /** The other 届出人 signed their own box at the counter (sign-visit.ts). */
  cosigned: boolean;
  /** The kept bundle's bytes hash to bundleSha256. */
  bundleIntact: boolean;
}

/**
 * What an application's PDF is made from: its own stored PDF (accepted before 0013), or its pages of
 * the signed bundle. `at` is when it was signed (for a stored PDF, when it was accepted).
 */
export type ApplicationDocument =
  | { kind: "stored"; pdf: Uint8Array; name: string; at: Date }
  | { kind: "bundle"; bundle: Uint8Array; firstPage: number; lastPage: number; name: string; at: Date };
export type VisitPatch = Partial<
  Pick<
    VisitRow,
    | "state"
    | "source"
    | "registryHouseholdId"
    | "household"
    | "moreHouseholds"
    | "plan"
    | "declined"
    | "answers"
    | "registryFacts"
    | "identity"
    | "measures"
    | "acceptedAt"
    | "closedAt"
    | "counterId"
  >
>;

// The kept bundle is checked by the database (its SHA-256 against the one recorded at signing), so
// accept never reads the bundle's bytes.
const sealColumns = {
  id: signatures.id,
  forms: signatures.forms,
  visitVersion: signatures.visitVersion,
  bundleSha256: signatures.bundleSha256,
  hasBundle: sql<boolean>`${signatures.bundlePdf} is not null`.as("has_bundle"),
  cosigned: sql<boolean>`${signatures.cosignaturePng} is not null`.as("cosigned"),
  bundleIntact:
    sql<boolean>`coalesce(encode(sha256(${signatures.bundlePdf}), 'hex') = ${signatures.bundleSha256}, false)`.as(
      "bundle_intact",
    ),
};

export function visitRepository(db: DbOrTx) {
  return {
    async insert(values: typeof visits.$inferInsert): Promise<VisitRow> {
      const [row] = await db.insert(visits).values(values).returning();
      if (!row) throw new Error("insert returned no row");
      return row;
    },
    async find(municipalityId: string, id: string): Promise<VisitRow | undefined> {
      if (!isUuid(id)) return undefined;
      const [row] = await db
        .select()
        .from(visits)
        .where(and(eq(visits.municipalityId, municipalityId), eq(visits.id, id)));
      return row;
    },
    /** Locks the row for the rest of the transaction, so an accept cannot race another change. */
    async findForUpdate(municipalityId: string, id: string): Promise<VisitRow | undefined> {
      if (!isUuid(id)) return undefined;
      const [row] = await db
        .select()
        .from(visits)
        .where(and(eq(visits.municipalityId, municipalityId), eq(visits.id, id)))
        .for("update");
      return row;
    },
    /**
     * Writes a change only if nobody changed the visit since `expectedVersion` was read: returns the
     * new row, or undefined when the version moved on (another staff member saved first).
     */
    async update(
      municipalityId: string,
      id: string,
      expectedVersion: number,
      patch: VisitPatch,
      now: Date,
    ): Promise<VisitRow | undefined> {
      const [row] = await db
        .update(visits)
        .set({ ...patch, version: sql`${visits.version} + 1`, updatedAt: now })
        .where(
          and(
            eq(visits.municipalityId, municipalityId),
            eq(visits.id, id),
            eq(visits.version, expectedVersion),
          ),
        )
        .returning();
      return row;
    },
    listOpen(municipalityId: string, officeId: string): Promise<VisitRow[]> {
      return db
        .select()
        .from(visits)
        .where(
          and(
            eq(visits.municipalityId, municipalityId),
            eq(visits.officeId, officeId),
            inArray(visits.state, [
              "reception",
              "identity",
              "household",
              "plan",
              "interview",
              "review",
              "signature",
              "accepted",
            ]),
          ),
        )
        .orderBy(desc(visits.createdAt))
        .limit(100);
    },
    async insertTransition(values: typeof visitTransitions.$inferInsert): Promise<void> {
      await db.insert(visitTransitions).values(values);
    },
    listTransitions(municipalityId: string, visitId: string) {
      return db
        .select()
        .from(visitTransitions)
        .where(
          and(eq(visitTransitions.municipalityId, municipalityId), eq(visitTransitions.visitId, visitId)),
        )
        .orderBy(asc(visitTransitions.at));
    },
    async upsertSignature(values: typeof signatures.$inferInsert): Promise<void> {
      await db
        .insert(signatures)
        .values(values)
        .onConflictDoUpdate({
          target: signatures.visitId,
          set: {
            imagePng: values.imagePng ?? null,
            cosignaturePng: values.cosignaturePng ?? null,
            proxyWriting: values.proxyWriting ?? null,
            forms: values.forms,
            bundlePdf: values.bundlePdf ?? null,
            bundleSha256: values.bundleSha256 ?? null,
            visitVersion: values.visitVersion ?? null,
            signedAt: values.signedAt ?? new Date(),
          },
        });
    },
    /** Keeps the bundle of a signature taken before bundles were kept, rendered once when it is accepted. */
    async keepBundle(
      municipalityId: string,
      signatureId: string,
      values: Pick<SignatureRow, "forms" | "bundlePdf" | "bundleSha256" | "visitVersion">,
    ): Promise<void> {
      await db
        .update(signatures)
        .set(values)
        .where(and(eq(signatures.municipalityId, municipalityId), eq(signatures.id, signatureId)));
    },
    /**
     * The signature as accept checks it, without reading the bundle's bytes: whether a bundle is kept
     * and whether its bytes still have the SHA-256 recorded at signing (computed by the database).
     */
    async findSignatureSeal(municipalityId: string, visitId: string): Promise<SignatureSeal | undefined> {
      const [row] = await db
        .select(sealColumns)
        .from(signatures)
        .where(and(eq(signatures.municipalityId, municipalityId), eq(signatures.visitId, visitId)));
      return row;
    },
    /**
     * findForUpdate and findSignatureSeal in one statement, for accept: the visit locked for the rest
     * of the transaction, with its signature's seal (undefined when it has none).
     */
    async findForUpdateWithSeal(
      municipalityId: string,
      id: string,
    ): Promise<{ visit: VisitRow; seal: SignatureSeal | undefined } | undefined> {
      if (!isUuid(id)) return undefined;
      const [row] = await db
        .select({ visit: visits, seal: sealColumns })
        .from(visits)
        .leftJoin(
          signatures,
          and(eq(signatures.visitId, visits.id), eq(signatures.municipalityId, visits.municipalityId)),
        )
        .where(and(eq(visits.municipalityId, municipalityId), eq(visits.id, id)))
        .for("update", { of: visits });
      if (!row) return undefined;
      return { visit: row.visit, seal: row.seal ?? undefined };
    },
    async findSignature(municipalityId: string, visitId: string): Promise<SignatureRow | undefined> {
      const [row] = await db
        .select()
        .from(signatures)
        .where(and(eq(signatures.municipalityId, municipalityId), eq(signatures.visitId, visitId)));
      return row;
    },
    /** Writes the applications; returns what the hand-off needs of each (not their data back). */
    async insertApplications(
      rows: Array<typeof applications.$inferInsert>,
    ): Promise<Array<Pick<ApplicationRow, "id" | "visitId" | "procedureId">>> {
      if (rows.length === 0) return [];
      return db.insert(applications).values(rows).returning({
        id: applications.id,
        visitId: applications.visitId,
        procedureId: applications.procedureId,
      });
    },
    listApplications(municipalityId: string, visitId: string): Promise<ApplicationRow[]> {
      return db
        .select()
        .from(applications)
        .where(and(eq(applications.municipalityId, municipalityId), eq(applications.visitId, visitId)))
        .orderBy(asc(applications.createdAt), asc(applications.procedureId));
    },
    async findApplication(
      municipalityId: string,
      visitId: string,
      id: string,
    ): Promise<ApplicationRow | undefined> {
      if (!isUuid(id)) return undefined;
      const [row] = await db
        .select()
        .from(applications)
        .where(
          and(
            eq(applications.municipalityId, municipalityId),
            eq(applications.visitId, visitId),
            eq(applications.id, id),
          ),
        );
      return row;
    },
    /** The bytes an application's PDF is made from, with its form name and signing time; undefined if none. */
    async findApplicationDocument(
      municipalityId: string,
      visitId: string,
      id: string,
    ): Promise<ApplicationDocument | undefined> {
      if (!isUuid(id)) return undefined;
      const [row] = await db
        .select({
          formPdf: applications.formPdf,
          firstPage: applications.firstPage,
          lastPage: applications.lastPage,
          data: applications.data,
          createdAt: applications.createdAt,
          bundlePdf: signatures.bundlePdf,
          signedAt: signatures.signedAt,
        })
        .from(applications)
        .leftJoin(signatures, eq(signatures.id, applications.signatureId))
        .where(
          and(
            eq(applications.municipalityId, municipalityId),
            eq(applications.visitId, visitId),
            eq(applications.id, id),
          ),
        );
      if (!row) return undefined;
      const name = (row.data as { name?: string }).name ?? "";
      if (row.formPdf) return { kind: "stored", pdf: row.formPdf, name, at: row.createdAt };
      if (!row.bundlePdf || !row.signedAt || row.firstPage === null || row.lastPage === null)
        return undefined;
      return {
        kind: "bundle",
        bundle: row.bundlePdf,
        firstPage: row.firstPage,
        lastPage: row.lastPage,
        name,
        at: row.signedAt,
      };
    },
  };
}
