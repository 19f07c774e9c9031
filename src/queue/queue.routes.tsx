import { type Context, Hono, type MiddlewareHandler } from "hono";
import QRCode from "qrcode";
import { publicUrl } from "../config/config";
import type { Db } from "../db/database";
import { notFound } from "../shared/errors";
import { DEFAULT_LOCALE } from "../shared/locale";
import { clientAddress } from "../web/client-address";
import type { AppEnv, AppServices } from "../web/context";
import { translator } from "../web/i18n";
import { createRequestLimiter, rateLimit } from "../web/rate-limit";
import { wantsJson } from "../web/respond";
import { createKioskIssuer, type KioskIssuer } from "./issue-batch";
import type { IssuedTicket } from "./issue-ticket";
import { kioskDeviceRoutes } from "./kiosk-device.routes";
import { createLiveBoard, type LiveBoard } from "./live-board";
import { boardLoader } from "./load-board";
import { offeredLocales, receiptView, spokenCall } from "./pages/public.presenter";
import { publicMessagePage } from "./pages/public-message.page";
import { receiptPage } from "./pages/receipt.page";
import { type QueueOffice, queueRepository } from "./queue.repository";
import type { Board } from "./queue-board";
import { queueCounterRoutes } from "./queue-counter.routes";
import { createQueueEventHub } from "./queue-events";
import { queuePublicRoutes } from "./queue-public.routes";
import { openSse, type SseSink } from "./sse";
import { StreamCap } from "./stream-cap";

/** What the queue's route files share: the database, the live board, the limits and a few readers. */
export interface QueueWeb {
  deps: AppServices;
  db: Db;
  now: () => Date;
  live: LiveBoard;
  /** The kiosks' ticket issue, grouped per purpose while a statement runs (issue-batch.ts). */
  issuer: KioskIssuer;
  /** Kiosks issuing tickets. */
  limitIssue: MiddlewareHandler<AppEnv>;
  /** Public pages and streams. */
  limitPublic: MiddlewareHandler<AppEnv>;
  /**
   * Opens a live stream within the client's cap of open streams (SSE_STREAMS_PER_CLIENT): the sink and
   * the response, or a 429 response past the cap. The slot is given back when the stream closes.
   */
  openStream(c: Context<AppEnv>): { sink: SseSink; response: Response } | Response;
  /** An office with a queue by its id alone, else "not found". */
  publicOffice(officeId: string): Promise<QueueOffice>;
  board(municipalityId: string, officeId: string): Promise<Board>;
  /** The ticket page after an issue, in the ticket's language. */
  receipt(
    c: Context<AppEnv>,
    issued: IssuedTicket,
    options: { backUrl: string; autoReturn: boolean; autoPrint?: boolean; office?: QueueOffice },
  ): Promise<Response>;
  /** Public pages are never cached or indexed. */
  noStore(c: Context<AppEnv>): void;
}

/**
 * The queue's pages. Public (queue-public.routes.tsx): the kiosk, the display board and the phone page,
 * each with its SSE stream, rate-limited per address. Staff (queue-counter.routes.tsx): the office
 * overview with staff issuing, and the counter page with its actions.
 */
export function queueRoutes(deps: AppServices): Hono<AppEnv> {
  const db = deps.database.db;
  const now = () => deps.now?.() ?? new Date();
  const hub = deps.queueEvents ?? createQueueEventHub(deps.database, { logger: deps.logger });
  const load = boardLoader(db);
  const live = createLiveBoard({ load, hub, now, spoken: spokenCall, logger: deps.logger });
  // A kiosk is one address issuing for a whole office: room for bursts, not for a script.
  const issueLimit = createRequestLimiter(deps.database, { name: "queue-issue", points: 30, seconds: 60 });
  // Phones behind a carrier's shared address: generous, but bounded.
  const publicLimit = createRequestLimiter(deps.database, { name: "queue-public", points: 240, seconds: 60 });

  const streams = new StreamCap(deps.config.SSE_STREAMS_PER_CLIENT);

  const tooMany = (c: Context<AppEnv>) => {
    if (c.req.path.endsWith("/events") || wantsJson(c)) return c.text("Too Many Requests", 429);
    const lang = c.get("lang");
    const t = translator(lang);
    const page = publicMessagePage(
      { lang, t, path: c.req.path },
      { title: t("queue.tooManyTitle"), problems: [{ path: "", code: "queue.tooMany" }], languages: [] },
    );
    return c.html(page, 429);
  };

  const noStore = (c: Context<AppEnv>) => {
    c.header("cache-control", "no-store");
    c.header("x-robots-tag", "noindex");
  };
  const publicOffice = async (officeId: string) => {
    const office = await queueRepository(db).findPublicOffice(officeId);
    if (!office) throw notFound();
    return office;
  };
  const board = async (municipalityId: string, officeId: string) => {
    const b = await load(municipalityId, officeId, now());
    if (!b) throw notFound();
    return b;
  };

  const web: QueueWeb = {
    deps,
    db,
    now,
    live,
    issuer: createKioskIssuer(db),
    limitIssue: rateLimit(issueLimit, tooMany),
    limitPublic: rateLimit(publicLimit, tooMany),
    openStream(c) {
      const release = streams.take(clientAddress(c) ?? "unknown");
      if (!release) {
        // EventSource gives up on a 429; the page's script tries again later, backing off to 30 s.
        c.header("retry-after", "30");
        return c.text("Too many open live streams from this address.", 429);
      }
      const stream = openSse(c);
      stream.sink.onClose(release);
      return stream;
    },
    publicOffice,
    board,
    noStore,
    async receipt(c, issued, options) {
      const { ticket, purpose, token, place } = issued;
      // The place was counted on the ticket's lane at issue: no board is computed for a receipt.
      const office = options.office ?? (await publicOffice(ticket.officeId));
      const phoneUrl = publicUrl(deps.config, `/queue/t/${token}`);
      // One byte-mode segment: an address is bytes anyway, and the library's search for the shortest mix
      // of modes (a graph per code) cost more than the rest of the receipt.
      const qrSvg = await QRCode.toString([{ data: Buffer.from(phoneUrl, "utf8"), mode: "byte" }], {
        type: "svg",
        margin: 1,
        errorCorrectionLevel: "M",
      });
      const lang = offeredLocales(ticket.municipalityId).includes(ticket.lang) ? ticket.lang : DEFAULT_LOCALE;
      noStore(c);
      const view = receiptView({
        office,
        place,
        ticket,
        purpose: purpose.labels,
        phoneUrl,
        qrSvg,
        backUrl: options.backUrl,
        autoReturn: options.autoReturn,
        autoPrint: options.autoPrint ?? false,
      });
      return c.html(receiptPage({ lang, t: translator(lang), path: c.req.path }, view), 200);
    },
  };

  const app = new Hono<AppEnv>();
  app.route("/", queuePublicRoutes(web));
  app.route("/", queueCounterRoutes(web));
  app.route("/", kioskDeviceRoutes(web));
  return app;
}
