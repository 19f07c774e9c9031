import { sql } from "drizzle-orm";
import {
  check,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { staff } from "../auth/auth.table";
import { counters, municipalities, offices } from "../tenancy/tenancy.table";
import { type VisitState, visitStates } from "./visit";

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
});

/**
 * One resident's visit to the one-stop counter. The household, plan, answers and identity result are
 * kept as JSON documents: they are read and written whole, by one visit at a time, and each has its
 * own zod schema at the edge. `version` is the optimistic lock: two staff cannot edit one visit at once.
 */
export const visits = pgTable(
  "visits",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    municipalityId: text("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    officeId: uuid("office_id")
      .notNull()
      .references(() => offices.id),
    counterId: uuid("counter_id").references(() => counters.id),
    ticketId: uuid("ticket_id"),
    state: text("state", { enum: visitStates }).notNull().$type<VisitState>(),
    version: integer("version").notNull().default(1),
    source: text("source", { enum: ["registry", "entered", "pre-application"] }),
    registryHouseholdId: text("registry_household_id"),
    household: jsonb("household"),
    /** The households of the visit's further events, the same members under the same ids (visit-events.ts). */
    moreHouseholds: jsonb("more_households").notNull().default(sql`'[]'::jsonb`),
    plan: jsonb("plan"),
    declined: jsonb("declined").notNull().default(sql`'[]'::jsonb`),
    answers: jsonb("answers").notNull().default(sql`'{}'::jsonb`),
    /** What the registry holds for the household (registered address …): printed, never asked, never overwritten. */
    registryFacts: jsonb("registry_facts").notNull().default(sql`'{}'::jsonb`),
    identity: jsonb("identity"),
    measures: jsonb("measures").notNull().default(sql`'{}'::jsonb`),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => staff.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    closedAt: timestamp("closed_at", { withTimezone: true }),
  },
  (t) => [
    index("visits_municipality_office_state").on(t.municipalityId, t.officeId, t.state),
    index("visits_municipality_created").on(t.municipalityId, t.createdAt),
    // The one-stop use KPI counts visits by the day they were accepted (src/kpi).
    index("visits_municipality_accepted")
      .on(t.municipalityId, t.acceptedAt)
      .where(sql`${t.acceptedAt} is not null`),
  ],
);

/** Every state change, with who and when: the KPI timeline of a visit. */
export const visitTransitions = pgTable(
  "visit_transitions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    municipalityId: text("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    visitId: uuid("visit_id")
      .notNull()
      .references(() => visits.id),
    fromState: text("from_state", { enum: visitStates }).notNull(),
    toState: text("to_state", { enum: visitStates }).notNull(),
    staffId: uuid("staff_id")
      .notNull()
      .references(() => staff.id),
    at: timestamp("at", { withTimezone: true }).notNull(),
  },
  (t) => [index("visit_transitions_visit").on(t.visitId, t.at)],
);

/**
 * The resident's one signature: stored once, with the forms it was applied to and each form's hash,
 * and the signed bundle exactly as signing rendered it — what accept files, and what each
 * application's PDF is cut from (migration 0013; a signature taken before has no bundle).
 */
export const signatures = pgTable(
  "signatures",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    municipalityId: text("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    visitId: uuid("visit_id")
      .notNull()
      .references(() => visits.id)
      .unique(),
    /** The drawn signature; absent for 代筆 (proxy_writing says who wrote, why and who confirmed). */
    imagePng: bytea("image_png"),
    /** The second 届出人's drawn signature (the other partner of a 婚姻届 or 離婚届), if the forms need one. */
    cosignaturePng: bytea("cosignature_png"),
    proxyWriting: jsonb("proxy_writing"),
    /** SignedForm[] (sign-visit.ts): each form's procedure, members, pages of the bundle and content hash. */
    forms: jsonb("forms").notNull(),
    bundlePdf: bytea("bundle_pdf"),
    /** SHA-256 of bundle_pdf taken when it was signed: accept refuses a bundle that no longer matches. */
    bundleSha256: text("bundle_sha256"),
    /** The visit's version right after signing: any later change to the visit moves it on. */
    visitVersion: integer("visit_version"),
    signedAt: timestamp("signed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("signatures_image_or_proxy", sql`${t.imagePng} IS NOT NULL OR ${t.proxyWriting} IS NOT NULL`),
    check(
      "signatures_bundle_whole",
      sql`(${t.bundlePdf} IS NULL) = (${t.bundleSha256} IS NULL) AND (${t.bundlePdf} IS NULL) = (${t.visitVersion} IS NULL)`,
    ),
  ],
);

/**
 * One application per procedure and member group, written in the accept transaction. Its form is
 * pages first_page…last_page of its signature's bundle; form_pdf is kept only by applications
 * accepted before the bundle was (migration 0013).
 */
export const applications = pgTable(
  "applications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    municipalityId: text("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    visitId: uuid("visit_id")
      .notNull()
      .references(() => visits.id),
    procedureId: text("procedure_id").notNull(),
    members: jsonb("members").notNull(),
    data: jsonb("data").notNull(),
    formPdf: bytea("form_pdf"),
    signatureId: uuid("signature_id").references(() => signatures.id),
    firstPage: integer("first_page"),
    lastPage: integer("last_page"),
    /**
     * The hand-off's formSha256: SHA-256 of what the form prints, as recorded with the signature (for
     * an application accepted before 0013, of its form_pdf).
     */
    contentHash: text("content_hash").notNull(),
    status: text("status", { enum: ["accepted", "delivered", "failed"] })
      .notNull()
      .default("accepted"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("applications_visit").on(t.visitId),
    index("applications_municipality_created").on(t.municipalityId, t.createdAt),
    check(
      "applications_form_pdf_or_pages",
      sql`${t.formPdf} IS NOT NULL OR (${t.signatureId} IS NOT NULL AND ${t.firstPage} >= 1 AND ${t.lastPage} >= ${t.firstPage})`,
    ),
  ],
);
