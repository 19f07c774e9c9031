import { answerKeysOfBinding, bindingsFor, type FilerSummary } from "../forms/field-dictionary";
import { defaultTemplates } from "../forms/templates";

/** The version of the record format in docs/handoff.md; a receiver refuses one it does not know. */
export const RECORD_FORMAT = "madoguchi.handoff/1";

/** One application as a core system receives it: the JSON of a file drop and the body of an HTTP POST. */
export interface HandoffRecord {
  format: typeof RECORD_FORMAT;
  key: string;
  destination: string;
  municipality: { id: string; code: string };
  office: { code: string };
  application: {
    id: string;
    visitId: string;
    procedureId: string;
    name: string;
    acceptedAt: string;
    deadline: string | null;
    /** SHA-256 of the signed form PDF kept by Madoguchi. */
    formSha256: string;
  };
  /** The event as the visit settled it (`crossPrefecture` included, as derived by the visit). */
  event: Record<string, unknown>;
  members: RecordMember[];
  /**
   * Who filed (届出人): name, kana, address and relation as the forms print them, with the member's
   * id when the filer is a member; null for an application accepted before the filer was recorded.
   */
  filer: RecordFiler | null;
  /** The interview answers the procedure's form uses, and only those. */
  answers: Record<string, unknown>;
}

/** The filer in a hand-off record (see `filerSummary` in src/forms/field-dictionary.ts). */
export type RecordFiler = FilerSummary;

export interface RecordMember {
  id: string;
  relation?: string;
  name?: string;
  kana?: string;
  birthDate?: string;
  sex?: string;
  [fact: string]: unknown;
}

/** What the outbox row and its application hold, as the repository reads them for a worker. */
export interface DeliverySource {
  deliveryId: string;
  key: string;
  destination: string;
  municipalityId: string;
  municipalityCode: string;
  officeCode: string;
  applicationId: string;
  visitId: string;
  procedureId: string;
  members: unknown;
  data: unknown;
  formSha256: string;
  acceptedAt: Date;
}

export const idempotencyKey = (applicationId: string, destination: string): string =>
  `${applicationId}:${destination}`;

/** "2026-04-06T10:15:00.000+09:00": Japan time with its offset, as the core systems keep it. */
export function isoJapanTime(date: Date): string {
  return `${new Date(date.getTime() + 9 * 3_600_000).toISOString().slice(0, 23)}+09:00`;
}

/** The answer keys a procedure's form prints; a procedure without a template prints none. */
function answerKeysOf(procedureId: string): Set<string> {
  const template = defaultTemplates.get(procedureId);
  const keys = new Set<string>();
  if (!template) return keys;
  const { household, member } = bindingsFor(template);
  for (const binding of [...household, ...member])
    for (const key of answerKeysOfBinding(binding)) keys.add(key);
  return keys;
}

const keysCache = new Map<string, Set<string>>();

/**
 * Only what the procedure needs leaves Madoguchi: the answers its form prints, and per-member
 * answers only for the members the application concerns.
 */
export function answersForProcedure(
  procedureId: string,
  answers: Record<string, unknown>,
  memberIds: readonly string[],
): Record<string, unknown> {
  let keys = keysCache.get(procedureId);
  if (!keys) {
    keys = answerKeysOf(procedureId);
    keysCache.set(procedureId, keys);
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(answers).sort()) {
    if (!keys.has(key)) continue;
    const value = answers[key];
    if (value !== null && typeof value === "object" && !Array.isArray(value)) {
      const byMember: Record<string, unknown> = {};
      for (const id of memberIds) {
        const v = (value as Record<string, unknown>)[id];
        if (v !== undefined) byMember[id] = v;
      }
      if (Object.keys(byMember).length > 0) out[key] = byMember;
    } else if (value !== undefined && value !== "") out[key] = value;
  }
  return out;
}

interface ApplicationData {
  name?: string;
  event?: Record<string, unknown>;
  members?: RecordMember[];
  answers?: Record<string, unknown>;
  deadline?: string | null;
  filer?: RecordFiler;
}

const filerFields = ["type", "memberId", "name", "kana", "address", "phone", "relation"] as const;

/** The stored filer, field by field in a fixed order (the record's bytes must not depend on the JSON's). */
function filerOf(stored: unknown): RecordFiler | null {
  if (typeof stored !== "object" || stored === null) return null;
  const source = stored as Record<string, unknown>;
  const out: Record<string, string> = {};
  for (const field of filerFields)
    if (typeof source[field] === "string") out[field] = source[field] as string;
  return typeof out.type === "string" ? (out as unknown as RecordFiler) : null;
}

/** The record for one delivery. The same source always gives the same record, byte for byte. */
export function buildRecord(source: DeliverySource): HandoffRecord {
  const data = (source.data ?? {}) as ApplicationData;
  const memberIds = Array.isArray(source.members) ? (source.members as string[]) : [];
  return {
    format: RECORD_FORMAT,
    key: source.key,
    destination: source.destination,
    municipality: { id: source.municipalityId, code: source.municipalityCode },
    office: { code: source.officeCode },
    application: {
      id: source.applicationId,
      visitId: source.visitId,
      procedureId: source.procedureId,
      name: data.name ?? source.procedureId,
      acceptedAt: isoJapanTime(source.acceptedAt),
      deadline: data.deadline ?? null,
      formSha256: source.formSha256,
    },
    event: data.event ?? {},
    members: (data.members ?? []).filter((m) => memberIds.length === 0 || memberIds.includes(m.id)),
    filer: filerOf(data.filer),
    answers: answersForProcedure(source.procedureId, data.answers ?? {}, memberIds),
  };
}
