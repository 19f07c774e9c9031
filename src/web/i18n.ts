/**
 * The web layer's door to the catalogues (src/i18n, text in locales/<lang>/<module>.json).
 * Pages and routes take `t` from the request; the names below are what they import.
 */
import { offeredLocales } from "../catalog/municipalities";
import { LOCALE_CODES } from "../i18n/locales";
import type { MessageKey } from "../i18n/translate";
import type { Locale } from "../shared/locale";

export { LANGUAGES, LOCALE_CODES, parseLocale as parseLang, STAFF_LOCALES } from "../i18n/locales";
export { type MessageKey, type Translate, translator } from "../i18n/translate";
export type Lang = Locale;

/** The catalogue key naming each staff role (staff list, home page). */
export const roleLabelKey = {
  counter: "auth.roleCounter",
  supervisor: "auth.roleSupervisor",
  admin: "auth.roleAdmin",
} as const satisfies Record<string, MessageKey>;

/** The languages a municipality offers on resident pages (its setting, among the catalogue folders). */
export const residentLocales = (municipalityId: string): string[] =>
  offeredLocales(municipalityId, LOCALE_CODES);
