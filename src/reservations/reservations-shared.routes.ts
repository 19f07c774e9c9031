import type { Context, MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import QRCode from "qrcode";
import type { DbOrTx } from "../db/database";
import { offeredLocale, offeredLocales } from "../queue/pages/public.presenter";
import { publicMessagePage } from "../queue/pages/public-message.page";
import type { Problem } from "../shared/errors";
import { DEFAULT_LOCALE, type Locale, type LocaleMap, pickLabel } from "../shared/locale";
import type { PublicContext } from "../web/components/public-layout";
import type { AppEnv, AppServices } from "../web/context";
import { translator } from "../web/i18n";
import { LANG_COOKIE } from "../web/middleware";
import { createRequestLimiter, rateLimit } from "../web/rate-limit";
import { wantsJson } from "../web/respond";
import { type CalendarText, calendarFile } from "./calendar-file";
import type { ReminderMessage } from "./notifier";
import { timeText } from "./pages/reservation.presenter";
import { type ReservationRow, reservationRepository } from "./reservation.repository";

/** What the reservation route files share. */
export interface ReservationsWeb {
  deps: AppServices;
  now: () => Date;
  /** Creating holds and bookings (pages and API), per client address. */
  limitBook: MiddlewareHandler<AppEnv>;
  /** Every other public page. */
  limitPublic: MiddlewareHandler<AppEnv>;
}

export function reservationsWeb(deps: AppServices): ReservationsWeb {
  const tooMany = (c: Context<AppEnv>) => {
    if (wantsJson(c)) return c.json({ error: { code: "TOO_MANY_REQUESTS" } }, 429);
    const lang = c.get("lang");
    const t = translator(lang);
    const page = publicMessagePage(
      { lang, t, path: c.req.path },
      { title: t("queue.tooManyTitle"), problems: [{ path: "", code: "queue.tooMany" }], languages: [] },
    );
    return c.html(page, 429);
  };
  // A family books once or twice; a script books hundreds. Phones behind a carrier's address share it.
  const book = createRequestLimiter(deps.database, { name: "reservation-book", points: 20, seconds: 600 });
  const pub = createRequestLimiter(deps.database, { name: "reservation-public", points: 300, seconds: 60 });
  return {
    deps,
    now: () => deps.now?.() ?? new Date(),
    limitBook: rateLimit(book, tooMany),
    limitPublic: rateLimit(pub, tooMany),
  };
}

/** The page's language: the reader's choice (cookie), else the reservation's, else Japanese — among those offered. */
export function pageLang(c: Context<AppEnv>, municipalityId: string, preferred?: string | null): Locale {
  const offered = offeredLocales(municipalityId);
  return (
    offeredLocale(getCookie(c, LANG_COOKIE), offered) ?? offeredLocale(preferred, offered) ?? DEFAULT_LOCALE
  );
}

export function publicCtx(c: Context<AppEnv>, lang: Locale): PublicContext {
  const search = new URL(c.req.url).search;
  return { lang, t: translator(lang), path: `${c.req.path}${search}` };
}

export function noStore(c: Context<AppEnv>): void {
  c.header("cache-control", "no-store");
  c.header("x-robots-tag", "noindex");
}

/** A refusal on a public page (unknown link, unknown office). */
export function publicRefusal(c: Context<AppEnv>, problems: Problem[], status: 404 | 409 | 422) {
  const lang = c.get("lang");
  const t = translator(lang);
  const page = publicMessagePage(
    { lang, t, path: c.req.path },
    { title: t("reservations.pubTitle"), problems, languages: [] },
  );
  return c.html(page, status);
}

export const qrSvg = (text: string): Promise<string> =>
  QRCode.toString(text, { type: "svg", margin: 1, errorCorrectionLevel: "M" });

/** The calendar file's words, in the reservation's language: purpose and office, no personal data. */
export function calendarText(r: ReservationRow, office: LocaleMap, purpose: LocaleMap): CalendarText {
  const t = translator(r.lang);
  const officeName = pickLabel(office, r.lang).text;
  return {
    title: t("reservations.icsTitle", { purpose: pickLabel(purpose, r.lang).text, office: officeName }),
    location: officeName,
    description: t("reservations.icsDescription", { code: r.code, time: timeText(r.start) }),
  };
}

/** The day-before reminder of a reservation, in its language, with the calendar file attached. */
export function reminderComposer(db: DbOrTx): (r: ReservationRow) => Promise<Omit<ReminderMessage, "to">> {
  const repo = reservationRepository(db);
  return async (r) => {
    const office = await repo.findOfficeById(r.municipalityId, r.officeId);
    const purposes = await repo.listPurposes(r.municipalityId, r.officeId);
    const labels = purposes.find((p) => p.purposeId === r.purposeId)?.labels ?? { ja: "" };
    const text = calendarText(r, office?.names ?? { ja: "" }, labels);
    return {
      subject: text.title,
      text: `${text.title}\n${text.location}\n${text.description}`,
      calendar: calendarFile(r, text),
    };
  };
}
