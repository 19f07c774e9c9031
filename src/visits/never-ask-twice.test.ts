// Issue 16, "never ask twice": for each event a registry household is brought to the counter for, the
// interview asks exactly what the forms print minus what the registry and the household hold —
// nothing the registry holds is asked (no name, kana, birth date, 本籍, 在留 facts or registered
// address), every question is printed by some form, and once they are answered every form is complete.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, rowsOf, type TestDatabase } from "../../test/support/database";
import { getMunicipalitySettings } from "../catalog/municipalities";
import type { EventType } from "../catalog/vocabulary";
import { parseAnswers } from "../forms/answers";
import {
  answerText,
  bindingsFor,
  fieldByKey,
  type InterviewQuestion,
  mergeKnown,
  questionsFor,
  resolveBinding,
} from "../forms/field-dictionary";
import { defaultTemplates } from "../forms/templates";
import { planGuidance } from "../guidance/engine";
import type { Household } from "../guidance/household.schema";
import { parseHousehold } from "../guidance/validate";
import { nakamuraKiyo, nakamuraTaro, nguyenFamily } from "../registry/demo-personas";
import { householdToGuidanceInput } from "../registry/guidance-input";
import { localRegistry } from "../registry/local-registry";
import { writeRows } from "../registry/registry.test-support";
import type { HouseholdRecord } from "../registry/resident";
import { kumamotoSeed } from "../tenancy/kumamoto.seed";
import { seedMunicipality } from "../tenancy/municipality-seed";
import { registryFactsOf } from "./registry-facts";

let t: TestDatabase;
const households = new Map<string, HouseholdRecord>();

beforeAll(async () => {
  t = await createTestDatabase();
  await seedMunicipality(t.db, kumamotoSeed);
  await writeRows(t.db, "kumamoto", [...nakamuraKiyo(), ...nakamuraTaro(), ...nguyenFamily()]);
  const registry = localRegistry(t);
  const rows = await rowsOf<{ id: string; household_no: string }>(
    t.db,
    sql`select id, household_no from registry_households where municipality_id = 'kumamoto'`,
  );
  for (const row of rows) {
    const household = await registry.household("kumamoto", row.id);
    if (household) households.set(row.household_no, household);
  }
});
afterAll(() => t.close());

const samples = [
  "熊本市中央区手取本町1番1号",
  "クマモト タロウ",
  "8600001",
  "0963281111",
  "2026-12-01",
  "1234567890",
  "1234567",
  "0001",
  "001",
  "1",
  "AB12345678CD",
  "熊本 花子",
  "子",
];

/** A valid answer for a question, from its options or the first sample its schema takes. */
function answerFor(q: InterviewQuestion, household: Household): string | undefined {
  const members = q.type === "member" ? household.members.map((m) => m.id) : [];
  const tries = [...(q.options ?? []).map((o) => o.value), ...members, ...samples];
  const schema = fieldByKey.get(q.key)?.schema;
  return tries.find((v) => !schema || schema.safeParse(v).success);
}

/** What the registry holds for a member: never asked. */
function heldByRegistry(household: Household): Set<string> {
  const held = new Set<string>();
  for (const m of household.members) {
    for (const key of ["name", "kana", "birthDate", "sex", "relation", "nationality"])
      held.add(`${key}:${m.id}`);
    for (const key of [
      "honseki",
      "hittousha",
      "residenceStatus",
      "residenceCardNumber",
      "residencePeriodEnd",
    ]) {
      if ((m as Record<string, unknown>)[key]) held.add(`${key}:${m.id}`);
    }
  }
  return held;
}

const cases: Array<{ event: EventType; householdNo: () => string; subject?: boolean }> = [
  { event: "death", householdNo: () => "1900000001", subject: true },
  { event: "move-within", householdNo: () => nguyenFamily()[0]?.householdNo ?? "" },
  { event: "move-between-wards", householdNo: () => "1900000002" },
  { event: "move-out", householdNo: () => "1900000002" },
];

describe("the interview of a registry household asks only what the registry and household do not hold", () => {
  it.each(cases)("for a $event", ({ event, householdNo, subject }) => {
    const record = households.get(householdNo());
    expect(record).toBeDefined();
    if (!record) return;
    const date = "2026-12-07";
    const input = householdToGuidanceInput(record, { type: event, date });
    const raw = {
      ...input,
      event: { ...input.event, ...(subject ? { subject: input.members[0]?.id } : {}) },
      // The deceased lived alone: her son files, from outside the household.
      ...(event === "death" ? { filer: { name: "中村 太郎", relation: "other-relative" } } : {}),
    };
    const parsed = parseHousehold(raw);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const household = parsed.household;
    const plan = planGuidance(household, getMunicipalitySettings("kumamoto"));
    const known = registryFactsOf("kumamoto", record, event);
    const questions = questionsFor(plan, household, { known });

    // Nothing the registry holds is asked: not a member fact, not the registered address.
    const held = heldByRegistry(household);
    for (const q of questions) {
      expect(held.has(`${q.key}:${q.memberId}`), `${q.key} of ${q.memberId} was asked`).toBe(false);
      expect(Object.keys(known.household)).not.toContain(q.key);
      // …and every question is one a form of the plan prints.
      expect(q.procedureIds.length).toBeGreaterThan(0);
    }

    // Answered once each, every form of the plan is complete: nothing left to ask anywhere.
    const rawAnswers: Record<string, unknown> = {};
    for (const q of questions) {
      const value = answerFor(q, household);
      if (value === undefined) continue;
      if (q.memberId === undefined) rawAnswers[q.key] = value;
      else
        rawAnswers[q.key] = {
          ...((rawAnswers[q.key] as Record<string, unknown>) ?? {}),
          [q.memberId]: value,
        };
    }
    const answers = mergeKnown(parseAnswers(rawAnswers, household).answers, known);
    const stillAsked: string[] = [];
    for (const item of plan.procedures) {
      const template = item.handling === "one-stop" ? defaultTemplates.get(item.id) : undefined;
      if (!template) continue;
      const bindings = bindingsFor(template, event);
      for (const binding of bindings.household) {
        // An "ask" prints the answer given to it: it must have one now.
        const r = resolveBinding(binding, household, answers, undefined, { concerned: item.members });
        if (r.kind === "ask" && answerText(r.ref, household, answers) === undefined) {
          stillAsked.push(`${item.id}:${binding}`);
        }
      }
    }
    expect(stillAsked).toEqual([]);
    expect(questionsFor(plan, household, { answers, known }).length).toBeLessThanOrEqual(questions.length);
  });
});
