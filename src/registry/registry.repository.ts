import { and, asc, desc, eq, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../db/database";
import { isUuid } from "../tenancy/tenancy.repository";
import { registryChanges, registryHouseholds, registryImports, registryResidents } from "./registry.table";
import {
  type ChangeSource,
  compareMembers,
  type EditableFacts,
  editableFields,
  type HouseholdRecord,
  type ResidentChange,
  type ResidentRecord,
  type ResidentSummary,
} from "./resident";

export type ResidentRow = typeof registryResidents.$inferSelect;
export type HouseholdRow = typeof registryHouseholds.$inferSelect;

/** A resident row as the bulk writer hands it over: every column but the bookkeeping ones. */
export type ResidentInsert = Omit<ResidentRow, "municipalityId" | "version" | "updatedAt">;
export type HouseholdInsert = Omit<HouseholdRow, "municipalityId" | "version" | "updatedAt">;

export interface ChangeInsert {
  householdId: string;
  residentId: string | null;
  field: string;
  oldValue: unknown;
  newValue: unknown;
}

export interface ChangeContext {
  source: ChangeSource;
  importId?: string | null;
  actorStaffId?: string | null;
  actorUsername?: string | null;
  reason?: string | null;
}

/** A query the search page or the HTTP adapter asks, already reduced to keys. */
export interface KeyedQuery {
  /** Name or kana key; `kana` says which column it is looked up in. */
  nameKey?: string;
  kana?: boolean;
  partial?: boolean;
  grams?: string[];
  birthDate?: string;
  sex?: "female" | "male";
  ward?: string;
  addressKey?: string;
  limit: number;
}

// LIKE treats % and _ as wildcards and \ as the escape: a typed key is matched literally.
const likeLiteral = (text: string): string => text.replace(/[\\%_]/g, (ch) => `\\${ch}`);

/** UTF-16 order: for the keys sorted here (kana) the same as the C collation's code-point order. */
const compareC = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

export function toResidentRecord(row: ResidentRow): ResidentRecord {
  return {
    id: row.id,
    residentNo: row.residentNo,
    householdId: row.householdId,
    relation: row.relation,
    name: row.name,
    kana: row.kana,
    birthDate: row.birthDate,
    sex: row.sex,
    insurance: row.insurance,
    pension: row.pension ?? null,
    pensionRecipient: row.pensionRecipient,
    myNumberCard: row.myNumberCard,
    careLevel: row.careLevel ?? null,
    disabilityCertificate: row.disabilityCertificate,
    sealRegistered: row.sealRegistered,
    pregnant: row.pregnant,
    needsDaycare: row.needsDaycare,
    publicServant: row.publicServant,
    benefits: row.benefits,
    owns: row.owns,
    nationality: row.nationality,
    honseki: row.honseki ?? null,
    hittousha: row.hittousha ?? null,
    residenceStatus: row.residenceStatus ?? null,
    residenceCardNumber: row.residenceCardNumber ?? null,
    residencePeriodEnd: row.residencePeriodEnd ?? null,
    version: row.version,
  };
}

const summaryColumns = {
  id: registryResidents.id,
  householdId: registryResidents.householdId,
  name: registryResidents.name,
  kana: registryResidents.kana,
  birthDate: registryResidents.birthDate,
  sex: registryResidents.sex,
  ward: registryHouseholds.ward,
  address: registryHouseholds.address,
  addressKey: registryHouseholds.addressKey,
};

/**
 * The only SQL of the registry. Every method takes the municipality id and filters by it: another
 * tenant's resident or household is indistinguishable from none.
 */
export function registryRepository(db: DbOrTx) {
  const r = registryResidents;
  const h = registryHouseholds;
  return {
    async hasResidents(municipalityId: string): Promise<boolean> {
      const rows = await db.select({ id: r.id }).from(r).where(eq(r.municipalityId, municipalityId)).limit(1);
      return rows.length > 0;
    },

    async countResidents(municipalityId: string): Promise<number> {
      const [row] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(r)
        .where(eq(r.municipalityId, municipalityId));
      return row?.n ?? 0;
    },

    /**
     * Prefix search walks the C-collated key index in order and stops at the limit; partial search
     * narrows by the two- and three-character pieces in the GIN index and rechecks with LIKE; a
     * search by address alone walks the households' address index.
     */
    async search(
      municipalityId: string,
      q: KeyedQuery,
    ): Promise<{ residents: ResidentSummary[]; more: boolean }> {
      // Both tables filtered by the municipality: the household address index leads with it.
      const where: SQL[] = [eq(r.municipalityId, municipalityId), eq(h.municipalityId, municipalityId)];
      const keyColumn = q.kana ? r.kanaKey : r.nameKey;
      if (q.nameKey) {
        if (q.partial) {
          if (q.grams && q.grams.length > 0) where.push(sql`${r.searchGrams} @> ${toTextArray(q.grams)}`);
          const pattern = `%${likeLiteral(q.nameKey)}%`;
          where.push(sql`(${r.nameKey} like ${pattern} or ${r.kanaKey} like ${pattern})`);
        } else {
          where.push(sql`(${keyColumn} collate "C") like ${`${likeLiteral(q.nameKey)}%`}`);
        }
      }
      if (q.birthDate) where.push(eq(r.birthDate, q.birthDate));
      if (q.sex) where.push(eq(r.sex, q.sex));
      if (q.ward) where.push(eq(h.ward, q.ward));
      if (q.addressKey)
        where.push(sql`(${h.addressKey} collate "C") like ${`${likeLiteral(q.addressKey)}%`}`);
      if (q.nameKey && q.partial) {
        // A common piece (ゆうこ) is in tens of thousands of names: ordering them all to show the first
        // 50 would read every one. The first limit + 1 found are taken instead and ordered here; when
        // there are more, the page says so and the staff member narrows the search.
        const rows = await db
          .select({ ...summaryColumns, kanaKey: r.kanaKey })
          .from(r)
          .innerJoin(h, eq(h.id, r.householdId))
          .where(and(...where))
          .limit(q.limit + 1);
        const byKey = (a: (typeof rows)[number], b: (typeof rows)[number]) =>
          compareC(a.kanaKey, b.kanaKey) || compareC(a.birthDate, b.birthDate) || compareC(a.id, b.id);
        return {
          residents: rows
            .slice(0, q.limit)
            .sort(byKey)
            .map(({ addressKey: _, kanaKey: __, ...summary }) => summary),
          more: rows.length > q.limit,
        };
      }
      // A search led by the address lists people by address (then kana), walking the household
      // address index in order: a whole 町 answers as fast as one house. Ordered by kana instead, the
      // planner would walk every resident's kana key testing each household.
      const addressLed = Boolean(q.ward || q.addressKey) && !q.nameKey && !q.birthDate;
      const order = addressLed
        ? [sql`(${h.addressKey} collate "C")`, sql`(${r.kanaKey} collate "C")`]
        : [q.nameKey && !q.kana ? sql`(${r.nameKey} collate "C")` : sql`(${r.kanaKey} collate "C")`];
      const rows = await db
        .select(summaryColumns)
        .from(r)
        .innerJoin(h, eq(h.id, r.householdId))
        .where(and(...where))
        .orderBy(...order, asc(r.birthDate), asc(r.id))
        .limit(q.limit + 1);
      return {
        residents: rows.slice(0, q.limit).map(({ addressKey: _, ...summary }) => summary),
        more: rows.length > q.limit,
      };
    },

    /** The card's four attributes: the person is found by name, birth date and sex; the address is compared. */
    async findByCard(
      municipalityId: string,
      card: { nameKey: string; birthDate: string; sex: "female" | "male"; ward?: string; addressKey: string },
      limit: number,
    ): Promise<ResidentSummary[]> {
      const rows = await db
        .select(summaryColumns)
        .from(r)
        .innerJoin(h, eq(h.id, r.householdId))
        .where(
          and(
            eq(r.municipalityId, municipalityId),
            eq(r.birthDate, card.birthDate),
            eq(r.sex, card.sex),
            eq(r.nameKey, card.nameKey),
          ),
        )
        .orderBy(asc(r.id))
        .limit(limit);
      return rows
        .map(({ addressKey, ...summary }) => ({
          ...summary,
          addressMatches:
            addressKey === card.addressKey && (card.ward === undefined || card.ward === summary.ward),
        }))
        .sort((a, b) => Number(b.addressMatches) - Number(a.addressMatches));
    },

    async findHousehold(municipalityId: string, householdId: string): Promise<HouseholdRecord | undefined> {
      if (!isUuid(householdId)) return undefined;
      const [household] = await db
        .select()
        .from(h)
        .where(and(eq(h.municipalityId, municipalityId), eq(h.id, householdId)));
      if (!household) return undefined;
      const members = await db
        .select()
        .from(r)
        .where(and(eq(r.municipalityId, municipalityId), eq(r.householdId, householdId)));
      return {
        id: household.id,
        householdNo: household.householdNo,
        ward: household.ward,
        address: household.address,
        postalCode: household.postalCode ?? null,
        members: members.map(toResidentRecord).sort(compareMembers),
      };
    },

    async findResident(municipalityId: string, residentId: string): Promise<ResidentRecord | undefined> {
      if (!isUuid(residentId)) return undefined;
      const [row] = await db
        .select()
        .from(r)
        .where(and(eq(r.municipalityId, municipalityId), eq(r.id, residentId)));
      return row ? toResidentRecord(row) : undefined;
    },

    /** Locks the row for the rest of the transaction, so two edits of one resident cannot interleave. */
    async lockResident(municipalityId: string, residentId: string): Promise<ResidentRecord | undefined> {
      if (!isUuid(residentId)) return undefined;
      const [row] = await db
        .select()
        .from(r)
        .where(and(eq(r.municipalityId, municipalityId), eq(r.id, residentId)))
        .for("update");
      return row ? toResidentRecord(row) : undefined;
    },

    async updateFacts(municipalityId: string, residentId: string, facts: EditableFacts): Promise<void> {
      // Only the editable columns, whatever else the object carries.
      const values = Object.fromEntries(editableFields.map((f) => [f, facts[f]])) as unknown as EditableFacts;
      await db
        .update(r)
        .set({ ...values, version: sql`${r.version} + 1`, updatedAt: sql`now()` })
        .where(and(eq(r.municipalityId, municipalityId), eq(r.id, residentId)));
    },

    async history(municipalityId: string, householdId: string, limit: number): Promise<ResidentChange[]> {
      if (!isUuid(householdId)) return [];
      const c = registryChanges;
      const rows = await db
        .select({
          occurredAt: c.occurredAt,
          residentId: c.residentId,
          residentName: r.name,
          field: c.field,
          oldValue: c.oldValue,
          newValue: c.newValue,
          source: c.source,
          actorUsername: c.actorUsername,
          reason: c.reason,
        })
        .from(c)
        .leftJoin(r, eq(r.id, c.residentId))
        .where(and(eq(c.municipalityId, municipalityId), eq(c.householdId, householdId)))
        .orderBy(desc(c.occurredAt), desc(c.id))
        .limit(limit);
      return rows;
    },

    // ---- bulk writing (import, generator): one JSON parameter per batch, read by jsonb_to_recordset,
    // so a batch of thousands of rows is one statement on both engines and never nears the
    // 65,535-parameter limit.

    householdsByNo(municipalityId: string, householdNos: string[]): Promise<HouseholdRow[]> {
      if (householdNos.length === 0) return Promise.resolve([]);
      return db
        .select()
        .from(h)
        .where(
          and(
            eq(h.municipalityId, municipalityId),
            sql`${h.householdNo} = any(${toTextArray(householdNos)})`,
          ),
        );
    },

    residentsByNo(municipalityId: string, residentNos: string[]): Promise<ResidentRow[]> {
      if (residentNos.length === 0) return Promise.resolve([]);
      return db
        .select()
        .from(r)
        .where(
          and(eq(r.municipalityId, municipalityId), sql`${r.residentNo} = any(${toTextArray(residentNos)})`),
        );
    },

    async insertHouseholds(municipalityId: string, rows: HouseholdInsert[]): Promise<void> {
      if (rows.length === 0) return;
      await db.execute(sql`
        insert into registry_households (id, municipality_id, household_no, ward, address, address_key,
          postal_code)
        select x.id, ${municipalityId}, x."householdNo", x.ward, x.address, x."addressKey", x."postalCode"
        from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(${householdRecordset})`);
    },

    async updateHouseholds(municipalityId: string, rows: HouseholdInsert[]): Promise<void> {
      if (rows.length === 0) return;
      await db.execute(sql`
        update registry_households h
        set ward = x.ward, address = x.address, address_key = x."addressKey", postal_code = x."postalCode",
            version = h.version + 1, updated_at = now()
        from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(${householdRecordset})
        where h.id = x.id and h.municipality_id = ${municipalityId}`);
    },

    async insertResidents(municipalityId: string, rows: ResidentInsert[]): Promise<void> {
      if (rows.length === 0) return;
      await db.execute(sql`
        insert into registry_residents (id, municipality_id, household_id, resident_no, relation, name, kana,
          name_key, kana_key, search_grams, birth_date, sex, insurance, pension, pension_recipient,
          my_number_card, care_level, disability_certificate, seal_registered, pregnant, needs_daycare,
          public_servant, benefits, owns, nationality, honseki, hittousha, residence_status,
          residence_card_number, residence_period_end)
        select x.id, ${municipalityId}, x."householdId", x."residentNo", x.relation, x.name, x.kana,
          x."nameKey", x."kanaKey", x."searchGrams", x."birthDate", x.sex, x.insurance, x.pension,
          x."pensionRecipient", x."myNumberCard", x."careLevel", x."disabilityCertificate",
          x."sealRegistered", x.pregnant, x."needsDaycare", x."publicServant", x.benefits, x.owns,
          x.nationality, x.honseki, x.hittousha, x."residenceStatus", x."residenceCardNumber",
          x."residencePeriodEnd"
        from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(${residentRecordset})`);
    },

    async updateResidents(municipalityId: string, rows: ResidentInsert[]): Promise<void> {
      if (rows.length === 0) return;
      await db.execute(sql`
        update registry_residents r
        set household_id = x."householdId", relation = x.relation, name = x.name, kana = x.kana,
          name_key = x."nameKey", kana_key = x."kanaKey", search_grams = x."searchGrams",
          birth_date = x."birthDate", sex = x.sex, insurance = x.insurance, pension = x.pension,
          pension_recipient = x."pensionRecipient", my_number_card = x."myNumberCard",
          care_level = x."careLevel", disability_certificate = x."disabilityCertificate",
          seal_registered = x."sealRegistered", pregnant = x.pregnant, needs_daycare = x."needsDaycare",
          public_servant = x."publicServant", benefits = x.benefits, owns = x.owns,
          nationality = x.nationality, honseki = x.honseki, hittousha = x.hittousha,
          residence_status = x."residenceStatus", residence_card_number = x."residenceCardNumber",
          residence_period_end = x."residencePeriodEnd",
          version = r.version + 1, updated_at = now()
        from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(${residentRecordset})
        where r.id = x.id and r.municipality_id = ${municipalityId}`);
    },

    /** A page of residents in id order with their names and derived keys, for recomputing the keys. */
    residentKeysAfter(municipalityId: string, afterId: string | undefined, limit: number) {
      return db
        .select({
          id: r.id,
          name: r.name,
          kana: r.kana,
          nameKey: r.nameKey,
          kanaKey: r.kanaKey,
          searchGrams: r.searchGrams,
        })
        .from(r)
        .where(
          afterId
            ? and(eq(r.municipalityId, municipalityId), sql`${r.id} > ${afterId}::uuid`)
            : eq(r.municipalityId, municipalityId),
        )
        .orderBy(asc(r.id))
        .limit(limit);
    },

    /**
     * Rewrites only the derived search keys (after the fold table or the pieces changed): not a change
     * of any fact, so no version, no timestamp and no history.
     */
    async rekeyResidents(
      municipalityId: string,
      rows: Array<Pick<ResidentInsert, "id" | "nameKey" | "kanaKey" | "searchGrams">>,
    ): Promise<void> {
      if (rows.length === 0) return;
      await db.execute(sql`
        update registry_residents r
        set name_key = x."nameKey", kana_key = x."kanaKey", search_grams = x."searchGrams"
        from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
          as x(id uuid, "nameKey" text, "kanaKey" text, "searchGrams" text[])
        where r.id = x.id and r.municipality_id = ${municipalityId}`);
    },

    async insertChanges(municipalityId: string, context: ChangeContext, rows: ChangeInsert[]): Promise<void> {
      if (rows.length === 0) return;
      await db.execute(sql`
        insert into registry_resident_changes (municipality_id, household_id, resident_id, field, old_value,
          new_value, source, import_id, actor_staff_id, actor_username, reason)
        select ${municipalityId}, x."householdId", x."residentId", x.field, x."oldValue", x."newValue",
          ${context.source}, ${context.importId ?? null}::uuid, ${context.actorStaffId ?? null}::uuid,
          ${context.actorUsername ?? null}, ${context.reason ?? null}
        from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
          as x("householdId" uuid, "residentId" uuid, field text, "oldValue" jsonb, "newValue" jsonb)`);
    },

    /** Households among these that do not have exactly one head, with their number of heads. */
    async householdsWithoutOneHead(
      municipalityId: string,
      householdIds: string[],
    ): Promise<Array<{ householdNo: string; heads: number }>> {
      if (householdIds.length === 0) return [];
      const result = await db.execute(sql`
        select h.household_no as "householdNo", count(r.id) filter (where r.relation = 'head')::int as heads
        from registry_households h
        join registry_residents r on r.household_id = h.id
        where h.municipality_id = ${municipalityId} and h.id = any(${toUuidArray(householdIds)})
        group by h.household_no
        having count(r.id) filter (where r.relation = 'head') <> 1`);
      return rowsOf(result);
    },

    /**
     * Refreshes the planner's statistics after a bulk write. PGlite has no autovacuum daemon, so
     * without this the planner would keep guessing on an empty table's statistics.
     */
    async analyze(): Promise<void> {
      await db.execute(sql`analyze registry_households, registry_residents`);
    },

    /**
     * Analyzes after a bulk write that moved the statistics: at least a tenth of the municipality's
     * residents, or 50,000 rows. A daily file of a few changes does not pay seconds of ANALYZE over a
     * city's registry for statistics it cannot move.
     */
    async analyzeAfter(municipalityId: string, changedRows: number): Promise<void> {
      if (changedRows === 0) return;
      if (changedRows < 50_000 && changedRows * 10 < (await this.countResidents(municipalityId))) return;
      await this.analyze();
    },

    async startImport(values: typeof registryImports.$inferInsert): Promise<string> {
      const [row] = await db.insert(registryImports).values(values).returning({ id: registryImports.id });
      if (!row) throw new Error("registry import row was not written");
      return row.id;
    },

    async finishImport(
      municipalityId: string,
      id: string,
      counts: { rows: number; created: number; updated: number; unchanged: number },
    ): Promise<void> {
      await db
        .update(registryImports)
        .set(counts)
        .where(and(eq(registryImports.municipalityId, municipalityId), eq(registryImports.id, id)));
    },
  };
}

export type RegistryRepository = ReturnType<typeof registryRepository>;

const residentRecordset = sql.raw(
  [
    "id uuid",
    `"householdId" uuid`,
    `"residentNo" text`,
    "relation text",
    "name text",
    "kana text",
    `"nameKey" text`,
    `"kanaKey" text`,
    `"searchGrams" text[]`,
    `"birthDate" date`,
    "sex text",
    "insurance text",
    "pension text",
    `"pensionRecipient" boolean`,
    `"myNumberCard" boolean`,
    `"careLevel" text`,
    `"disabilityCertificate" boolean`,
    `"sealRegistered" boolean`,
    "pregnant boolean",
    `"needsDaycare" boolean`,
    `"publicServant" boolean`,
    "benefits text[]",
    "owns text[]",
    "nationality text",
    "honseki text",
    "hittousha text",
    `"residenceStatus" text`,
    `"residenceCardNumber" text`,
    `"residencePeriodEnd" date`,
  ].join(", "),
);

const householdRecordset = sql.raw(
  [
    `id uuid`,
    `"householdNo" text`,
    "ward text",
    "address text",
    `"addressKey" text`,
    `"postalCode" text`,
  ].join(", "),
);

// Arrays go over as one parameter in PostgreSQL's array text form, the same on both drivers whatever
// their own array encoding, and a plain value the planner can use as an index key.
const arrayLiteral = (items: string[]): string =>
  `{${items.map((item) => `"${item.replace(/[\\"]/g, (ch) => `\\${ch}`)}"`).join(",")}}`;
const toTextArray = (items: string[]) => sql`${arrayLiteral(items)}::text[]`;
const toUuidArray = (items: string[]) => sql`${arrayLiteral(items)}::uuid[]`;
