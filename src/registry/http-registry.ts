import { z } from "zod";
import { AppError } from "../shared/errors";
import { staleVersion } from "./local-registry";
import type { CardAttributes, FactChange, ResidentQuery, ResidentRegistryPort } from "./registry.port";
import {
  householdRecordSchema,
  residentChangeSchema,
  residentRecordSchema,
  searchResultsSchema,
} from "./registry.schema";

export interface HttpRegistryOptions {
  /** The core system's registry API, such as https://core.example.lg.jp/registry/v1 (no trailing slash needed). */
  baseUrl: string;
  /** Sent as `Authorization: Bearer …`. */
  token: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** The core system could not be reached or answered something unreadable: a 503 for the staff member. */
export class RegistryUnavailableError extends Error {
  // The error mapper reads this code and answers 503 "temporarily unavailable" without a stack trace.
  readonly code = "DATABASE_UNAVAILABLE";
  constructor(detail: string, options?: { cause?: unknown }) {
    super(`resident registry (core system) unavailable: ${detail}`, options);
    this.name = "RegistryUnavailableError";
  }
}

/**
 * The core system's resident registry over HTTP JSON. Personal data travels only in request bodies
 * (POST for searches), never in URLs that proxies and access logs keep. Every answer is validated:
 * a malformed one is an unavailable registry, never half-read data.
 *
 * Endpoints (relative to baseUrl; `municipality` names the tenant):
 *   POST  /municipalities/{m}/residents/search       ResidentQuery      → SearchResults
 *   POST  /municipalities/{m}/residents/card-lookup  CardAttributes     → SearchResults
 *   GET   /municipalities/{m}/households/{id}                           → HouseholdRecord | 404
 *   GET   /municipalities/{m}/households/{id}/changes?limit=N           → { changes: ResidentChange[] }
 *   GET   /municipalities/{m}/residents/{id}                            → ResidentRecord | 404
 *   PATCH /municipalities/{m}/residents/{id}   { expectedVersion, facts, reason, author } → ResidentRecord | 404 | 409
 */
export function httpRegistry(options: HttpRegistryOptions): ResidentRegistryPort {
  const base = options.baseUrl.replace(/\/+$/, "");
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 5_000;

  async function call<T>(
    method: string,
    path: string,
    schema: z.ZodType<T>,
    body?: unknown,
  ): Promise<T | undefined> {
    let res: Response;
    try {
      res = await doFetch(`${base}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${options.token}`,
          accept: "application/json",
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new RegistryUnavailableError(`${method} ${path}: ${(error as Error).message}`, { cause: error });
    }
    if (res.status === 404) {
      await res.body?.cancel();
      return undefined;
    }
    if (res.status === 409) {
      await res.body?.cancel();
      throw staleVersion();
    }
    if (!res.ok) {
      await res.body?.cancel();
      throw new RegistryUnavailableError(`${method} ${path}: HTTP ${res.status}`);
    }
    let json: unknown;
    try {
      json = await res.json();
    } catch (error) {
      throw new RegistryUnavailableError(`${method} ${path}: the answer is not JSON`, { cause: error });
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new RegistryUnavailableError(
        `${method} ${path}: unexpected answer (${parsed.error.issues[0]?.message})`,
      );
    }
    return parsed.data;
  }

  const m = (municipalityId: string) => `/municipalities/${encodeURIComponent(municipalityId)}`;
  const id = (value: string) => encodeURIComponent(value);
  const required = <T>(value: T | undefined, what: string): T => {
    if (value === undefined)
      throw new RegistryUnavailableError(`${what}: not found where a result is required`);
    return value;
  };

  return {
    kind: "http",
    async search(municipalityId: string, query: ResidentQuery) {
      return required(
        await call("POST", `${m(municipalityId)}/residents/search`, searchResultsSchema, query),
        "search",
      );
    },
    async findByCard(municipalityId: string, card: CardAttributes) {
      return required(
        await call("POST", `${m(municipalityId)}/residents/card-lookup`, searchResultsSchema, card),
        "card lookup",
      );
    },
    household: (municipalityId, householdId) =>
      call("GET", `${m(municipalityId)}/households/${id(householdId)}`, householdRecordSchema),
    resident: (municipalityId, residentId) =>
      call("GET", `${m(municipalityId)}/residents/${id(residentId)}`, residentRecordSchema),
    async history(municipalityId, householdId, limit = 50) {
      const result = await call(
        "GET",
        `${m(municipalityId)}/households/${id(householdId)}/changes?limit=${limit}`,
        z.object({ changes: z.array(residentChangeSchema) }),
      );
      return result?.changes ?? [];
    },
    async updateFacts(municipalityId: string, change: FactChange) {
      const updated = await call(
        "PATCH",
        `${m(municipalityId)}/residents/${id(change.residentId)}`,
        residentRecordSchema,
        {
          expectedVersion: change.expectedVersion,
          facts: change.facts,
          reason: change.reason,
          author: change.author,
        },
      );
      if (!updated) throw new AppError("NOT_FOUND");
      return updated;
    },
  };
}
