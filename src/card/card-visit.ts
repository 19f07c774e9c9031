// The counter's use of a card read: the four attributes as the page posts them (zod at the edge), the
// registry search they drive, and the move-in household they can start. No I/O here but the search.

import { z } from "zod";
import type { DbOrTx } from "../db/database";
import type { StaffActor } from "../registry/open-household";
import type { ResidentRegistryPort } from "../registry/registry.port";
import type { SearchResults } from "../registry/resident";
import type { Place } from "../registry/search-residents";
import { findByCard, searchResidents } from "../registry/search-residents";
import type { CardAttributes } from "./attributes";

// The same limits as the decoder's; the birth date is the ISO date the agent answers.
export const postedAttributesSchema = z.object({
  name: z.string().trim().min(1).max(200),
  address: z.string().trim().min(1).max(400),
  birthDate: z.iso.date(),
  sex: z.enum(["male", "female", "other"]),
  privateUse: z
    .enum(["true", "false", ""])
    .default("")
    .transform((v) => v === "true"),
});

/** Reads the attributes from the posted form, kept exactly as the card wrote them (no NFKC). */
export function readPostedAttributes(get: (name: string) => string | undefined): CardAttributes | undefined {
  const parsed = postedAttributesSchema.safeParse({
    name: get("name"),
    address: get("address"),
    birthDate: get("birthDate"),
    sex: get("sex"),
    privateUse: get("privateUse") ?? "",
  });
  return parsed.success ? parsed.data : undefined;
}

const PRIVATE_USE = /[\uE000-\uF8FF\u{F0000}-\u{FFFFD}\u{100000}-\u{10FFFD}]/gu;

export interface MatchCardOptions {
  db: DbOrTx;
  registry: ResidentRegistryPort;
  municipalityId: string;
  place: Place;
  actor: StaffActor;
  attributes: CardAttributes;
}

/**
 * The residents the card's attributes point to (audited as a card search). Name, birth date and sex
 * are matched with the registry's variant-tolerant keys and the address compared; a name holding a
 * Private Use Area 外字 cannot be keyed, so that search uses birth date, sex and address instead.
 */
export async function matchCard(options: MatchCardOptions): Promise<SearchResults> {
  const { attributes: a } = options;
  const common = {
    db: options.db,
    registry: options.registry,
    municipalityId: options.municipalityId,
    place: options.place,
    actor: options.actor,
  };
  const keyable = !a.privateUse && !PRIVATE_USE.test(a.name) && a.sex !== "other";
  PRIVATE_USE.lastIndex = 0;
  const outcome = keyable
    ? await findByCard({
        ...common,
        form: { name: a.name, birthDate: a.birthDate, sex: a.sex as "male" | "female", address: a.address },
      })
    : await searchResidents({
        ...common,
        form: {
          name: "",
          match: "prefix",
          birthDate: a.birthDate,
          sex: a.sex === "other" ? "" : a.sex,
          address: a.address.replace(PRIVATE_USE, ""),
        },
      });
  return "results" in outcome ? outcome.results : { residents: [], more: false };
}

/**
 * The household form's fields for a move-in started from the card: the holder as head of household
 * and filer, the card's address as the previous address, and the card flag (so the plan offers
 * 券面記載事項変更, `mynumber.address-update` in the catalogue).
 */
export function moveInFields(a: CardAttributes, today: string): [string, string][] {
  return [
    ["memberCount", "1"],
    ["event.type", "move-in"],
    ["event.date", today],
    ["event.origin", "other-municipality"],
    ["m0.name", a.name],
    ["m0.relation", "head"],
    ["m0.birthDate", a.birthDate],
    ["m0.sex", a.sex === "other" ? "" : a.sex],
    ["m0.moving", "on"],
    ["m0.flags", "myNumberCard"],
    ["previousAddress.address", a.address],
    ["filer.choice", "m1"],
  ];
}
