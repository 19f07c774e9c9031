import { type Context, Hono } from "hono";
import { getCookie } from "hono/cookie";
import { z } from "zod";
import { notFound, type Problem } from "../shared/errors";
import { DEFAULT_LOCALE, type Locale } from "../shared/locale";
import type { AppEnv } from "../web/context";
import { statusFor } from "../web/error-mapper";
import { translator } from "../web/i18n";
import { LANG_COOKIE } from "../web/middleware";
import { wantsJson } from "../web/respond";
import { japanTime } from "./calendar";
import { hashTicketToken } from "./issue-ticket";
import { refuseUnregisteredKiosk } from "./kiosk-device.routes";
import { displayPage } from "./pages/display.page";
import { kioskPage } from "./pages/kiosk.page";
import { phonePage } from "./pages/phone.page";
import { displayView, kioskView, offeredLocale, offeredLocales, phoneView } from "./pages/public.presenter";
import { publicMessagePage } from "./pages/public-message.page";
import { isQueueRefusal, refuse } from "./queue.errors";
import { phonePayload } from "./queue.presenters";
import { queueRepository } from "./queue.repository";
import type { QueueWeb } from "./queue.routes";
import { lastEventId } from "./sse";

const TOKEN = /^[A-Za-z0-9_-]{32}$/;
const kioskForm = z.object({
  purposeId: z.string().max(100),
  lang: z.string().max(20).optional(),
  // The kiosk has a printer: its start URL carries `printer=1` (docs/operations.md).
  printer: z.literal("1").optional().catch(undefined),
});
const hasPrinter = (value: string | undefined) => value === "1";

/** A resident page's context: its language, the translator and the path. */
const publicContext = (c: Context<AppEnv>, lang: Locale) => ({ lang, t: translator(lang), path: c.req.path });

/**
 * The resident's side of the queue: the kiosk (in the language chosen on it), the display board
 * (Japanese with the office's captions) and the phone page (in the ticket's language unless the
 * reader chose another), each live by SSE.
 */
export function queuePublicRoutes(web: QueueWeb): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const { db, now } = web;

  // ------------------------------------------------------------------------------------------- kiosk
  const renderKiosk = async (
    c: Context<AppEnv>,
    officeId: string,
    lang: Locale | undefined,
    problems: Problem[],
    status: 200 | 404 | 409 | 422,
    printer: boolean,
  ) => {
    const office = await web.publicOffice(officeId);
    const unregistered = await refuseUnregisteredKiosk(web, c, office);
    if (unregistered) return unregistered;
    const board = await web.board(office.municipalityId, office.officeId);
    const offered = offeredLocales(office.municipalityId);
    // A language button reloads the kiosk in its language; otherwise it starts in Japanese (or in the
    // language this browser chose with the switch, which a kiosk's browser normally never has).
    const shown =
      offeredLocale(lang, offered) ?? offeredLocale(getCookie(c, LANG_COOKIE), offered) ?? DEFAULT_LOCALE;
    web.noStore(c);
    const view = kioskView({
      office,
      board,
      lang: shown,
      offered,
      problems,
      csrfToken: c.get("csrfToken"),
      now: now(),
      printer,
    });
    return c.html(kioskPage(publicContext(c, shown), view), status);
  };

  app.get("/queue/offices/:officeId/kiosk", web.limitPublic, (c) =>
    renderKiosk(c, c.req.param("officeId"), c.req.query("lang"), [], 200, hasPrinter(c.req.query("printer"))),
  );

  app.post("/queue/offices/:officeId/kiosk", web.limitIssue, async (c) => {
    const officeId = c.req.param("officeId");
    const form = kioskForm.safeParse(await c.req.parseBody());
    // The office and the chosen purpose in one query: the kiosk's issue is the queue's hottest path.
    const context = await queueRepository(db).kioskContext(officeId, form.data?.purposeId ?? "");
    if (!context) throw notFound();
    const { office, purpose } = context;
    const unregistered = await refuseUnregisteredKiosk(web, c, office);
    if (unregistered) return unregistered;
    if (!form.success || !purpose) throw notFound();
    const lang = offeredLocale(form.data.lang, offeredLocales(office.municipalityId)) ?? DEFAULT_LOCALE;
    try {
      const issued = await web.issuer.issue({ context: { office, purpose }, lang, now: now() });
      const printer = hasPrinter(form.data.printer);
      return web.receipt(c, issued, {
        backUrl: `/queue/offices/${office.officeId}/kiosk${printer ? "?printer=1" : ""}`,
        autoReturn: true,
        autoPrint: printer,
        office,
      });
    } catch (error) {
      if (isQueueRefusal(error) && !wantsJson(c))
        return renderKiosk(
          c,
          officeId,
          lang,
          error.problems,
          statusFor(error.code) as 409 | 422,
          hasPrinter(form.data.printer),
        );
      throw error;
    }
  });

  // ----------------------------------------------------------------------------------------- display
  app.get("/queue/offices/:officeId/display", web.limitPublic, async (c) => {
    const office = await web.publicOffice(c.req.param("officeId"));
    const board = await web.board(office.municipalityId, office.officeId);
    web.noStore(c);
    return c.html(displayPage(publicContext(c, DEFAULT_LOCALE), displayView(office, board)));
  });

  app.get("/queue/offices/:officeId/display/events", web.limitPublic, async (c) => {
    const office = await web.publicOffice(c.req.param("officeId"));
    const stream = web.openStream(c);
    if (stream instanceof Response) return stream;
    const { sink, response } = stream;
    web.deps.metrics?.trackStream("display", sink);
    web.live.watchDisplay(
      { municipalityId: office.municipalityId, officeId: office.officeId },
      sink,
      lastEventId(c),
    );
    return response;
  });

  // ------------------------------------------------------------------------------------------- phone
  /** The ticket of a phone token, or a refusal: unknown (forged) or of another day (expired). */
  const ticketOfToken = async (token: string) => {
    if (!TOKEN.test(token)) throw refuse("tokenInvalid");
    const ticket = await queueRepository(db).findTicketByTokenHash(hashTicketToken(token));
    if (!ticket) throw refuse("tokenInvalid");
    if (ticket.serviceDate !== japanTime(now()).date) throw refuse("tokenExpired");
    return ticket;
  };

  app.get("/queue/t/:token", web.limitPublic, async (c) => {
    const token = c.req.param("token");
    web.noStore(c);
    let ticket: Awaited<ReturnType<typeof ticketOfToken>>;
    try {
      ticket = await ticketOfToken(token);
    } catch (error) {
      if (isQueueRefusal(error) && !wantsJson(c)) {
        const ctx = publicContext(c, c.get("lang"));
        const view = {
          title: ctx.t("queue.phoneTitle"),
          problems: error.problems,
          languages: offeredLocales(""),
        };
        return c.html(publicMessagePage(ctx, view), 404);
      }
      throw error;
    }
    const offered = offeredLocales(ticket.municipalityId);
    // The ticket's language, unless the reader has chosen one with the switch (the language cookie).
    const lang =
      offeredLocale(getCookie(c, LANG_COOKIE), offered) ??
      offeredLocale(ticket.lang, offered) ??
      DEFAULT_LOCALE;
    const board = await web.board(ticket.municipalityId, ticket.officeId);
    const purposes = await queueRepository(db).listPurposes(ticket.municipalityId, ticket.officeId, true);
    const view = phoneView({
      token,
      purpose: purposes.find((p) => p.id === ticket.purposeId)?.labels,
      payload: phonePayload(board.tickets.get(ticket.id), board.seq, ticket.number),
      languages: offered,
    });
    return c.html(phonePage(publicContext(c, lang), view));
  });

  app.get("/queue/t/:token/events", web.limitPublic, async (c) => {
    let ticket: Awaited<ReturnType<typeof ticketOfToken>>;
    try {
      ticket = await ticketOfToken(c.req.param("token"));
    } catch (error) {
      // A stream has no page: the reason in English, as plain text.
      if (isQueueRefusal(error)) return c.text(error.problems.map(translator("en").message).join(" "), 404);
      throw error;
    }
    const stream = web.openStream(c);
    if (stream instanceof Response) return stream;
    const { sink, response } = stream;
    web.deps.metrics?.trackStream("phone", sink);
    web.live.watchTicket({ municipalityId: ticket.municipalityId, officeId: ticket.officeId }, ticket, sink);
    return response;
  });

  return app;
}
