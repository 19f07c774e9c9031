import { type Context, Hono } from "hono";
import { getCookie } from "hono/cookie";
import { z } from "zod";
import { publicUrl } from "../config/config";
import { offeredLocale, offeredLocales } from "../queue/pages/public.presenter";
import { isQueueRefusal } from "../queue/queue.errors";
import { notFound, type Problem } from "../shared/errors";
import { DEFAULT_LOCALE } from "../shared/locale";
import type { AppEnv } from "../web/context";
import { translator } from "../web/i18n";
import { LANG_COOKIE } from "../web/middleware";
import { checkInReservation } from "./check-in-reservation";
import { checkedInPage } from "./pages/checked-in.page";
import { checkInPage } from "./pages/checkin.page";
import { timeText } from "./pages/reservation.presenter";
import { reservationRepository } from "./reservation.repository";
import { isReservationRefusal } from "./reservations.errors";
import { noStore, publicCtx, qrSvg, type ReservationsWeb } from "./reservations-shared.routes";

const codeForm = z.object({ code: z.string().max(40), lang: z.string().max(20).optional() });

/**
 * The kiosk's check-in page (linked from the kiosk): a reservation's code gives its ticket. A kiosk
 * shows Japanese unless a language was chosen on it (?lang=, as the kiosk's own buttons do).
 */
export function reservationsKioskRoutes(web: ReservationsWeb): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const db = web.deps.database.db;
  const repo = reservationRepository(db);
  const PATH = "/reservations/kiosk/:officeId";

  const office = async (c: Context<AppEnv>) => {
    const officeId = c.req.param("officeId") ?? "";
    // The kiosk names its office by id alone, as the queue's kiosk does: the id names the tenant.
    const found = await repo.findPublicOffice(officeId);
    if (!found) throw notFound();
    return found;
  };

  const langOf = (c: Context<AppEnv>, municipalityId: string, chosen?: string) => {
    const offered = offeredLocales(municipalityId);
    return (
      offeredLocale(chosen, offered) ?? offeredLocale(getCookie(c, LANG_COOKIE), offered) ?? DEFAULT_LOCALE
    );
  };

  const form = async (
    c: Context<AppEnv>,
    lang: string,
    code: string,
    problems: Problem[],
    status: 200 | 404 | 409 | 422,
  ) => {
    const o = await office(c);
    noStore(c);
    return c.html(
      checkInPage(publicCtx(c, lang), {
        office: o.names,
        action: `/reservations/kiosk/${o.officeId}?lang=${encodeURIComponent(lang)}`,
        kiosk: `/queue/offices/${o.officeId}/kiosk?lang=${encodeURIComponent(lang)}`,
        code,
        csrfToken: c.get("csrfToken"),
        problems,
        languages: offeredLocales(o.municipalityId),
      }),
      status,
    );
  };

  app.get(PATH, web.limitPublic, async (c) => {
    const o = await office(c);
    return form(c, langOf(c, o.municipalityId, c.req.query("lang")), "", [], 200);
  });

  app.post(PATH, web.limitBook, async (c) => {
    const o = await office(c);
    const body = codeForm.safeParse(await c.req.parseBody());
    const lang = langOf(
      c,
      o.municipalityId,
      c.req.query("lang") ?? (body.success ? body.data.lang : undefined),
    );
    const code = body.success ? body.data.code : "";
    try {
      const done = await checkInReservation(db, { code, officeId: o.officeId, now: web.now() });
      const phoneUrl = publicUrl(web.deps.config, `/queue/t/${done.issued.token}`);
      const t = translator(lang);
      noStore(c);
      return c.html(
        checkedInPage(publicCtx(c, lang), {
          mark: done.mark ?? String(done.issued.ticket.number),
          late: done.late,
          purpose: done.issued.purpose.labels,
          slotTime: timeText(done.reservation.start),
          phoneUrl,
          qrSvg: await qrSvg(phoneUrl),
          back: {
            href: `/queue/offices/${o.officeId}/kiosk?lang=${encodeURIComponent(lang)}`,
            label: t("reservations.kioskBack"),
          },
          languages: offeredLocales(o.municipalityId),
        }),
      );
    } catch (error) {
      if (isReservationRefusal(error) || isQueueRefusal(error)) {
        const status = error.code === "NOT_FOUND" ? 404 : error.code === "CONFLICT" ? 409 : 422;
        // The typed code stays in the field only when it was a code at all.
        return form(c, lang, /^\d{0,8}$/.test(code) ? code : "", error.problems, status);
      }
      throw error;
    }
  });

  return app;
}
