import type { SearchResults } from "../../registry/resident";
import { formatWareki, formatWesternDate } from "../../shared/dates";
import type { Translate } from "../../web/i18n";
import type { CardAttributes } from "../attributes";

export interface CardView {
  name: string;
  address: string;
  /** 西暦 with the weekday, and 和暦 beside it. */
  birthDate: string;
  sex: string;
  privateUse: boolean;
}

export interface CandidateView {
  id: string;
  householdId: string;
  name: string;
  birthDate: string;
  registryAddress: string;
  addressMatches: boolean;
}

export interface CardMatchView {
  card: CardView;
  candidates: CandidateView[];
  more: boolean;
}

const dateOf = (iso: string, t: Translate) =>
  `${formatWesternDate(iso, t.intlLocale)} ／ ${formatWareki(iso)}`;

/** The card read and the registry's candidates, as the match page shows them side by side. */
export function presentCardMatch(a: CardAttributes, results: SearchResults, t: Translate): CardMatchView {
  const sex =
    a.sex === "male" ? t("card.sexMale") : a.sex === "female" ? t("card.sexFemale") : t("card.sexOther");
  return {
    card: {
      name: a.name,
      address: a.address,
      birthDate: dateOf(a.birthDate, t),
      sex,
      privateUse: a.privateUse,
    },
    candidates: results.residents.map((r) => ({
      id: r.id,
      householdId: r.householdId,
      name: r.name,
      birthDate: dateOf(r.birthDate, t),
      registryAddress: `${r.ward}${r.address}`,
      // A plain search (外字 in the name) does not compare: the address is then shown for the eye.
      addressMatches: r.addressMatches ?? false,
    })),
    more: results.more,
  };
}
