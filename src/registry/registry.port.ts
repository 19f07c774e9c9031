import type { Sex } from "../catalog/vocabulary";
import type {
  EditableFacts,
  HouseholdRecord,
  ResidentChange,
  ResidentRecord,
  SearchResults,
} from "./resident";

/** A search as staff enter it; the adapter derives its own keys from the text. */
export interface ResidentQuery {
  /** 氏名 or フリガナ, as typed (any width, kana or kanji, old or new forms). */
  name?: string;
  match?: "prefix" | "partial";
  /** ISO date. */
  birthDate?: string;
  sex?: Sex;
  /** A ward of the municipality, when the typed address named one. */
  ward?: string;
  /** The address after the ward, as typed (a prefix of it is enough). */
  address?: string;
  limit?: number;
}

/** The four attributes a My Number card yields through its 券面事項入力補助AP. */
export interface CardAttributes {
  name: string;
  birthDate: string;
  sex: Sex;
  ward?: string;
  /** The card's address after the ward. */
  address: string;
}

export interface ChangeAuthor {
  staffId: string | null;
  username: string;
}

export interface FactChange {
  residentId: string;
  /** The version the staff member saw: an edit made on stale data is refused, not merged. */
  expectedVersion: number;
  facts: EditableFacts;
  reason: string;
  author: ChangeAuthor;
}

/**
 * The resident registry as the counter sees it: the local synchronised copy (local-registry.ts) or
 * the municipality's core system over HTTP (http-registry.ts), chosen by REGISTRY_ADAPTER.
 * Every method is scoped to one municipality; another tenant's ids are "not found" (undefined).
 */
export interface ResidentRegistryPort {
  readonly kind: "local" | "http";
  search(municipalityId: string, query: ResidentQuery): Promise<SearchResults>;
  findByCard(municipalityId: string, card: CardAttributes): Promise<SearchResults>;
  household(municipalityId: string, householdId: string): Promise<HouseholdRecord | undefined>;
  resident(municipalityId: string, residentId: string): Promise<ResidentRecord | undefined>;
  /** Throws AppError NOT_FOUND for an unknown resident and CONFLICT for a stale version. */
  updateFacts(municipalityId: string, change: FactChange): Promise<ResidentRecord>;
  history(municipalityId: string, householdId: string, limit?: number): Promise<ResidentChange[]>;
}

export const DEFAULT_SEARCH_LIMIT = 50;
