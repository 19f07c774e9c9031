import type { Context } from "hono";
import { japanTime } from "../queue/calendar";
import { offeredLocales } from "../queue/pages/public.presenter";
import type { Problem } from "../shared/errors";
import type { AppEnv } from "../web/context";
import type { BookingTarget } from "./booking-target";
import { listSlots } from "./list-slots";
import { dayChoicePage } from "./pages/day-choice.page";
import { dayChoices, dayText, timeChoices } from "./pages/reservation.presenter";
import { timeChoicePage } from "./pages/time-choice.page";
import { noStore, publicCtx, type ReservationsWeb } from "./reservations-shared.routes";
import { addDaysIso, bookingWindow } from "./slots";

/** Days shown on one page of the day step. */
export const DAYS_PER_PAGE = 14;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A date from the URL, if it is one (else undefined: the caller starts today). */
export const isoDate = (value: string | undefined): string | undefined =>
  value && ISO_DATE.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) ? value : undefined;

const slotsOf = (web: ReservationsWeb, target: BookingTarget, from: string, days: number) =>
  listSlots(web.deps.database.db, {
    municipalityId: target.office.municipalityId,
    officeCode: target.office.code,
    purposeCode: target.purpose.code,
    from,
    days,
    now: web.now(),
  });

/** The day step (booking or moving): the days of two weeks from `from` that have a free seat. */
export async function renderDays(
  web: ReservationsWeb,
  c: Context<AppEnv>,
  p: {
    target: BookingTarget;
    lang: string;
    from?: string | undefined;
    base: string;
    back: string;
    moving: boolean;
  },
) {
  const now = web.now();
  const today = japanTime(now).date;
  const { lastDate } = bookingWindow(p.target.purpose.rules, now);
  const from = p.from && p.from > today && p.from <= lastDate ? p.from : today;
  const slots = await slotsOf(web, p.target, from, DAYS_PER_PAGE);
  const earlierFrom = addDaysIso(from, -DAYS_PER_PAGE);
  const laterFrom = addDaysIso(from, DAYS_PER_PAGE);
  noStore(c);
  const ctx = publicCtx(c, p.lang);
  return c.html(
    dayChoicePage(ctx, {
      office: p.target.office.names,
      purpose: p.target.purpose.labels,
      days: dayChoices(slots, p.lang, (date) => `${p.base}/${date}`),
      earlier: from > today ? `${p.base}?from=${[earlierFrom, today].sort().at(-1)}` : null,
      later: laterFrom <= lastDate ? `${p.base}?from=${laterFrom}` : null,
      back: p.back,
      moving: p.moving,
      languages: offeredLocales(p.target.office.municipalityId),
    }),
  );
}

/** The time step of one day: every slot, the full ones shown disabled. */
export async function renderTimes(
  web: ReservationsWeb,
  c: Context<AppEnv>,
  p: {
    target: BookingTarget;
    lang: string;
    date: string;
    action: string;
    back: string;
    moving: boolean;
    problems?: Problem[];
    status?: 200 | 409 | 422;
  },
) {
  const slots = await slotsOf(web, p.target, p.date, 1);
  noStore(c);
  return c.html(
    timeChoicePage(publicCtx(c, p.lang), {
      office: p.target.office.names,
      purpose: p.target.purpose.labels,
      day: dayText(p.date, p.lang),
      times: timeChoices(slots, p.date),
      action: p.action,
      moving: p.moving,
      back: p.back,
      csrfToken: c.get("csrfToken"),
      problems: p.problems ?? [],
      languages: offeredLocales(p.target.office.municipalityId),
    }),
    p.status ?? 200,
  );
}
