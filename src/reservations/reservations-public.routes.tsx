import { Hono } from "hono";
import { z } from "zod";
import { offeredLocales } from "../queue/pages/public.presenter";
import { notFound } from "../shared/errors";
import type { AppEnv } from "../web/context";
import { bookReservation } from "./book-reservation";
import { isoDate, renderDays, renderTimes } from "./booking-steps.routes";
import { resolveTarget } from "./booking-target";
import { officeChoicePage } from "./pages/office-choice.page";
import { purposeChoicePage } from "./pages/purpose-choice.page";
import { reservationRepository } from "./reservation.repository";
import { isReservationRefusal } from "./reservations.errors";
import {
  noStore,
  pageLang,
  publicCtx,
  publicRefusal,
  type ReservationsWeb,
} from "./reservations-shared.routes";

const CODE = /^[a-z][a-z0-9-]{0,39}$/;
const holdForm = z.object({ start: z.iso.datetime({ offset: true }) });

/**
 * The resident's booking steps, one page each and all working without script: office → purpose → day
 * → time (which holds the seat for 10 minutes) → the reservation's own page, where a name confirms it.
 */
export function reservationsPublicRoutes(web: ReservationsWeb): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const db = web.deps.database.db;
  const repo = reservationRepository(db);
  const base = (m: string, office?: string, purpose?: string) =>
    ["/reservations/book", m, office, purpose].filter(Boolean).join("/");

  const target = async (m: string, office: string, purpose: string) => {
    if (!CODE.test(m) || !CODE.test(office) || !CODE.test(purpose)) throw notFound();
    try {
      return await resolveTarget(repo, m, office, purpose);
    } catch (error) {
      if (isReservationRefusal(error)) throw notFound();
      throw error;
    }
  };

  app.get("/reservations/book/:m", web.limitPublic, async (c) => {
    const m = c.req.param("m");
    if (!CODE.test(m)) throw notFound();
    const offices = await repo.listOffices(m);
    if (offices.length === 0) throw notFound();
    noStore(c);
    const lang = pageLang(c, m);
    return c.html(
      officeChoicePage(publicCtx(c, lang), {
        offices: offices.map((o) => ({ name: o.names, href: base(m, o.code) })),
        languages: offeredLocales(m),
      }),
    );
  });

  app.get("/reservations/book/:m/:office", web.limitPublic, async (c) => {
    const { m, office: code } = c.req.param();
    if (!CODE.test(m) || !CODE.test(code)) throw notFound();
    const office = await repo.findOfficeByCode(m, code);
    if (!office) throw notFound();
    const purposes = (await repo.listPurposes(m, office.officeId)).filter((p) => p.rules?.enabled);
    noStore(c);
    const lang = pageLang(c, m);
    return c.html(
      purposeChoicePage(publicCtx(c, lang), {
        office: office.names,
        purposes: purposes.map((p) => ({ labels: p.labels, href: base(m, code, p.code) })),
        back: base(m),
        languages: offeredLocales(m),
      }),
    );
  });

  app.get("/reservations/book/:m/:office/:purpose", web.limitPublic, async (c) => {
    const { m, office, purpose } = c.req.param();
    const t = await target(m, office, purpose);
    return renderDays(web, c, {
      target: t,
      lang: pageLang(c, m),
      from: isoDate(c.req.query("from")),
      base: base(m, office, purpose),
      back: base(m, office),
      moving: false,
    });
  });

  app.get("/reservations/book/:m/:office/:purpose/:date", web.limitPublic, async (c) => {
    const { m, office, purpose } = c.req.param();
    const date = isoDate(c.req.param("date"));
    if (!date) throw notFound();
    const t = await target(m, office, purpose);
    const path = `${base(m, office, purpose)}/${date}`;
    return renderTimes(web, c, {
      target: t,
      lang: pageLang(c, m),
      date,
      action: path,
      back: base(m, office, purpose),
      moving: false,
    });
  });

  // Choosing a time holds its seat for 10 minutes; the reservation's page then asks for the name.
  app.post("/reservations/book/:m/:office/:purpose/:date", web.limitBook, async (c) => {
    const { m, office, purpose } = c.req.param();
    const date = isoDate(c.req.param("date"));
    if (!date) throw notFound();
    const t = await target(m, office, purpose);
    const lang = pageLang(c, m);
    const form = holdForm.safeParse(await c.req.parseBody());
    const path = `${base(m, office, purpose)}/${date}`;
    const again = (problems: Parameters<typeof renderTimes>[2]["problems"], status: 409 | 422) =>
      renderTimes(web, c, {
        target: t,
        lang,
        date,
        action: path,
        back: base(m, office, purpose),
        moving: false,
        problems,
        status,
      });
    if (!form.success) return again([{ path: "", code: "reservations.slotNotOffered" }], 422);
    try {
      const { token } = await bookReservation(db, {
        municipalityId: m,
        officeCode: office,
        purposeCode: purpose,
        start: new Date(form.data.start),
        lang,
        now: web.now(),
      });
      return c.redirect(`/reservations/r/${token}`, 303);
    } catch (error) {
      if (isReservationRefusal(error)) return again(error.problems, error.code === "CONFLICT" ? 409 : 422);
      throw error;
    }
  });

  app.get("/reservations/book", (c) =>
    publicRefusal(c, [{ path: "", code: "reservations.unknownOffice" }], 404),
  );

  return app;
}
