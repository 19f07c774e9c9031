import { formatMinute, japanTime } from "../../queue/calendar";
import { formatWareki, formatWesternDate } from "../../shared/dates";
import type { Locale, LocaleMap } from "../../shared/locale";
import { LANGUAGES } from "../../web/i18n";
import type { ReservationRow } from "../reservation.repository";
import type { Slot } from "../slots";

/** The Intl locale of a page language (やさしい日本語 is formatted as Japanese). */
export const intlOf = (lang: Locale): string => LANGUAGES.find((l) => l.code === lang)?.intl ?? "ja";

/** A date as residents read it: 西暦 with the weekday, and 和暦 beside it. */
export interface DayText {
  western: string;
  wareki: string;
}

export const dayText = (iso: string, lang: Locale): DayText => ({
  western: formatWesternDate(iso, intlOf(lang)),
  wareki: formatWareki(iso),
});

/** "09:30" in Japan time. */
export const timeText = (at: Date): string => formatMinute(japanTime(at).minute);

export const japanDate = (at: Date): string => japanTime(at).date;

export interface DayChoice {
  date: string;
  text: DayText;
  remaining: number;
  href: string;
}

/** Each day with a free seat, with the seats left that day, in date order. */
export function dayChoices(
  slots: readonly Slot[],
  lang: Locale,
  href: (date: string) => string,
): DayChoice[] {
  const byDate = new Map<string, number>();
  for (const s of slots) {
    const d = japanDate(s.start);
    byDate.set(d, (byDate.get(d) ?? 0) + s.remaining);
  }
  return [...byDate]
    .filter(([, n]) => n > 0)
    .map(([date, remaining]) => ({ date, text: dayText(date, lang), remaining, href: href(date) }));
}

export interface TimeChoice {
  /** The slot's start as an ISO instant (the form's value). */
  start: string;
  label: string;
  remaining: number;
}

export const timeChoices = (slots: readonly Slot[], date: string): TimeChoice[] =>
  slots
    .filter((s) => japanDate(s.start) === date)
    .map((s) => ({
      start: s.start.toISOString(),
      label: `${timeText(s.start)}–${timeText(s.end)}`,
      remaining: s.remaining,
    }));

/** What the manage page and the check-in result say about a reservation. */
export interface ReservationSummary {
  code: string;
  status: ReservationRow["status"];
  day: DayText;
  time: string;
  office: LocaleMap;
  purpose: LocaleMap;
  name: string | null;
  holdUntil: string | null;
  /** The booking carries a pre-application (the counter opens the visit from it). */
  preApplication: boolean;
}

export function reservationSummary(
  r: ReservationRow,
  office: LocaleMap,
  purpose: LocaleMap,
  lang: Locale,
): ReservationSummary {
  return {
    code: r.code,
    status: r.status,
    day: dayText(japanDate(r.start), lang),
    time: `${timeText(r.start)}–${timeText(r.end)}`,
    office,
    purpose,
    name: r.name,
    holdUntil: r.holdExpiresAt ? timeText(r.holdExpiresAt) : null,
    preApplication: r.preApplicationId !== null,
  };
}
