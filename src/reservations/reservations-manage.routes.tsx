import { type Context, Hono } from "hono";
import { z } from "zod";
import { publicUrl } from "../config/config";
import { offeredLocales } from "../queue/pages/public.presenter";
import { isQueueRefusal } from "../queue/queue.errors";
import { AppError, type Problem } from "../shared/errors";
import { containsMyNumber } from "../shared/my-number";
import type { AppEnv } from "../web/context";
import { isoDate, renderDays, renderTimes } from "./booking-steps.routes";
import { targetOf } from "./booking-target";
import { calendarFile } from "./calendar-file";
import { cancelReservation } from "./cancel-reservation";
import { checkInReservation } from "./check-in-reservation";
import { confirmReservation } from "./confirm-reservation";
import { japanText, moveReservation } from "./move-reservation";
import { checkedInPage } from "./pages/checked-in.page";
import { type ManageView, managePage } from "./pages/manage.page";
import { reservationSummary, timeText } from "./pages/reservation.presenter";
import { reservationRepository } from "./reservation.repository";
import { checkPerson } from "./reservation.schema";
import { allowedActions, cutoffOf, holdLapsed, reservationOfToken } from "./reservation-access";
import { isReservationRefusal } from "./reservations.errors";
import {
  calendarText,
  noStore,
  pageLang,
  publicCtx,
  publicRefusal,
  qrSvg,
  type ReservationsWeb,
} from "./reservations-shared.routes";

const moveForm = z.object({ start: z.iso.datetime({ offset: true }) });
const personForm = z.object({
  name: z.string().max(1000).optional(),
  kana: z.string().max(1000).optional(),
  phone: z.string().max(1000).optional(),
  email: z.string().max(1000).optional(),
  preApplication: z.string().max(1000).optional(),
});

/** The resident's own reservation by its link (the token is the key; only its hash is stored). */
export function reservationsManageRoutes(web: ReservationsWeb): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const db = web.deps.database.db;
  const repo = reservationRepository(db);
  const base = (token: string) => `/reservations/r/${token}`;

  /** The reservation of the link with its office and purpose, or a 404 page's refusal. */
  const load = async (token: string) => {
    const r = await reservationOfToken(repo, token);
    const target = await targetOf(repo, r.municipalityId, r.officeId, r.purposeId);
    if (!target) throw new AppError("NOT_FOUND");
    return { r, target };
  };

  const render = async (
    c: Context<AppEnv>,
    token: string,
    extra: { problems?: Problem[]; form?: ManageView["form"]; status?: 200 | 409 | 422 } = {},
  ) => {
    const { r, target } = await load(token);
    const lang = pageLang(c, r.municipalityId, r.lang);
    const rules = target.purpose.rules;
    const notice = c.req.query("done");
    noStore(c);
    return c.html(
      managePage(publicCtx(c, lang), {
        summary: {
          ...reservationSummary(r, target.office.names, target.purpose.labels, lang),
          // A hold that has run out says so; confirming tries the seat again.
          ...(holdLapsed(r, web.now()) ? { holdUntil: null } : {}),
        },
        base: base(token),
        actions: allowedActions(r, rules, web.now()),
        cutoff: rules ? japanText(cutoffOf(r.start, rules)) : null,
        codeQrSvg: await qrSvg(r.code),
        form: extra.form ?? {},
        csrfToken: c.get("csrfToken"),
        problems: extra.problems ?? [],
        notice: notice === "booked" || notice === "moved" ? notice : null,
        languages: offeredLocales(r.municipalityId),
      }),
      extra.status ?? 200,
    );
  };

  /** Runs an action; a refusal shows the reservation's page again with the reason. */
  const act = async (
    c: Context<AppEnv>,
    token: string,
    run: () => Promise<Response>,
    form?: ManageView["form"],
  ) => {
    try {
      return await run();
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      const { code, problems } = error;
      if (isReservationRefusal(error) || isQueueRefusal(error) || code === "VALIDATION") {
        if (code === "NOT_FOUND") return publicRefusal(c, problems, 404);
        return render(c, token, { problems, form, status: code === "CONFLICT" ? 409 : 422 });
      }
      throw error;
    }
  };

  app.use("/reservations/r/:token/*", web.limitPublic);
  app.use("/reservations/r/:token", web.limitPublic);

  app.get("/reservations/r/:token", async (c) => {
    const token = c.req.param("token");
    try {
      return await render(c, token);
    } catch (error) {
      if (isReservationRefusal(error)) return publicRefusal(c, error.problems, 404);
      throw error;
    }
  });

  app.post("/reservations/r/:token/confirm", async (c) => {
    const token = c.req.param("token");
    const raw = personForm.safeParse(await c.req.parseBody());
    const form = raw.success ? raw.data : {};
    return act(
      c,
      token,
      async () => {
        await confirmReservation(db, {
          token,
          person: checkPerson(form),
          preApplication: form.preApplication,
          now: web.now(),
        });
        return c.redirect(`${base(token)}?done=booked`, 303);
      },
      // A refused 個人番号 is not echoed back into the form.
      Object.fromEntries(
        Object.entries(form).filter(([, v]) => typeof v === "string" && !containsMyNumber(v)),
      ),
    );
  });

  app.post("/reservations/r/:token/cancel", (c) => {
    const token = c.req.param("token");
    return act(c, token, async () => {
      await cancelReservation(db, { token, now: web.now() });
      return c.redirect(base(token), 303);
    });
  });

  app.get("/reservations/r/:token/move", async (c) => {
    const token = c.req.param("token");
    const { r, target } = await load(token);
    const rules = target.purpose.rules;
    if (!rules?.enabled) throw new AppError("NOT_FOUND");
    return renderDays(web, c, {
      target: { office: target.office, purpose: { ...target.purpose, rules } },
      lang: pageLang(c, r.municipalityId, r.lang),
      from: isoDate(c.req.query("from")),
      base: `${base(token)}/move`,
      back: base(token),
      moving: true,
    });
  });

  app.get("/reservations/r/:token/move/:date", async (c) => {
    const token = c.req.param("token");
    const date = isoDate(c.req.param("date"));
    const { r, target } = await load(token);
    const rules = target.purpose.rules;
    if (!date || !rules?.enabled) throw new AppError("NOT_FOUND");
    return renderTimes(web, c, {
      target: { office: target.office, purpose: { ...target.purpose, rules } },
      lang: pageLang(c, r.municipalityId, r.lang),
      date,
      action: `${base(token)}/move`,
      back: `${base(token)}/move`,
      moving: true,
    });
  });

  app.post("/reservations/r/:token/move", async (c) => {
    const token = c.req.param("token");
    const form = moveForm.safeParse(await c.req.parseBody());
    return act(c, token, async () => {
      if (!form.success)
        throw new AppError("VALIDATION", [{ path: "", code: "reservations.slotNotOffered" }]);
      await moveReservation(db, { token, start: new Date(form.data.start), now: web.now() });
      return c.redirect(`${base(token)}?done=moved`, 303);
    });
  });

  app.post("/reservations/r/:token/checkin", (c) => {
    const token = c.req.param("token");
    return act(c, token, async () => {
      const done = await checkInReservation(db, { token, now: web.now() });
      const { target } = await load(token);
      const lang = pageLang(c, done.reservation.municipalityId, done.reservation.lang);
      const phoneUrl = publicUrl(web.deps.config, `/queue/t/${done.issued.token}`);
      noStore(c);
      return c.html(
        checkedInPage(publicCtx(c, lang), {
          mark: done.mark ?? String(done.issued.ticket.number),
          late: done.late,
          purpose: target.purpose.labels,
          slotTime: timeText(done.reservation.start),
          phoneUrl,
          qrSvg: await qrSvg(phoneUrl),
          back: null,
          languages: offeredLocales(done.reservation.municipalityId),
        }),
      );
    });
  });

  app.get("/reservations/r/:token/calendar.ics", async (c) => {
    const { r, target } = await load(c.req.param("token"));
    noStore(c);
    c.header("content-type", "text/calendar; charset=utf-8");
    c.header("content-disposition", 'attachment; filename="reservation.ics"');
    return c.body(calendarFile(r, calendarText(r, target.office.names, target.purpose.labels)));
  });

  return app;
}
