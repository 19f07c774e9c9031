import { type Context, Hono } from "hono";
import QRCode from "qrcode";
import { z } from "zod";
import type { SessionContext } from "../auth/session";
import { AppError, notFound, type Problem } from "../shared/errors";
import type { AppEnv, AppServices } from "../web/context";
import { statusFor } from "../web/error-mapper";
import { type MessageKey, translator } from "../web/i18n";
import { requireStaff } from "../web/middleware";
import { renderPage, wantsJson } from "../web/respond";
import { japanTime } from "./calendar";
import { callNext } from "./call-next";
import { finishService } from "./finish-service";
import { closedRefusal, hashTicketToken, issueTicket } from "./issue-ticket";
import { createLiveBoard } from "./live-board";
import { boardLoader } from "./load-board";
import { markAbsent } from "./mark-absent";
import { pauseService } from "./pause-service";
import { QueueRefusal, refuse } from "./queue.errors";
import {
  counterPage,
  displayPage,
  kioskPage,
  overviewPage,
  phonePage,
  publicMessagePage,
  receiptPage,
} from "./queue.pages";
import { displayPayload, phonePayload } from "./queue.presenters";
import { queueRepository } from "./queue.repository";
import type { TicketKind } from "./queue.table";
import { ticketKinds } from "./queue.table";
import { createQueueEventHub } from "./queue-events";
import { rateLimit, TokenBuckets } from "./rate-limit";
import { readCounter } from "./read-counter";
import { recallTicket } from "./recall-ticket";
import { resumeService } from "./resume-service";
import { setCounterOpen } from "./set-counter-open";
import { lastEventId, openSse } from "./sse";
import { startService } from "./start-service";
import type { StaffAtCounter } from "./ticket-change";
import { transferTicket } from "./transfer-ticket";
import { roundedRange } from "./wait-estimate";

const TOKEN = /^[A-Za-z0-9_-]{32}$/;
const ja = translator("ja");
const en = translator("en");

const actions = ["recall", "absent", "start", "finish", "pause", "resume", "transfer"] as const;
type Action = (typeof actions)[number];
const doneOf: Record<Action, string> = {
  recall: "recalled",
  absent: "absent",
  start: "started",
  finish: "finished",
  pause: "paused",
  resume: "resumed",
  transfer: "transferred",
};
const noticeKey: Record<string, MessageKey> = {
  called: "queueNoticeCalled",
  recalled: "queueNoticeRecalled",
  absent: "queueNoticeAbsent",
  started: "queueNoticeStarted",
  finished: "queueNoticeFinished",
  paused: "queueNoticePaused",
  resumed: "queueNoticeResumed",
  transferred: "queueNoticeTransferred",
  opened: "queueNoticeOpened",
  closed: "queueNoticeClosed",
};

const purposeForm = z.object({ purposeId: z.string().max(100) });
const staffIssueForm = z.object({
  purposeId: z.string().max(100),
  kind: z.enum(ticketKinds).default("normal"),
});
const actionForm = z.object({ reason: z.string().max(1000).optional(), to: z.string().max(200).optional() });
const stateForm = z.object({ open: z.enum(["0", "1"]), reason: z.string().max(1000).optional() });

/**
 * The queue's pages. Public: the kiosk (issue a ticket), the display board and the phone page, each
 * with its SSE stream, rate-limited per address. Staff: the office overview with staff issuing, and the
 * counter page with its actions (one transaction each, then back to the page: a reload repeats nothing).
 */
export function queueRoutes(deps: AppServices): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const db = deps.database.db;
  const now = () => deps.now?.() ?? new Date();
  const hub = deps.queueEvents ?? createQueueEventHub(deps.database, { logger: deps.logger });
  const load = boardLoader(db);
  const live = createLiveBoard({ load, hub, now, logger: deps.logger });
  // A kiosk is one address issuing for a whole office: room for bursts, not for a script.
  const issueLimit = new TokenBuckets(30, 0.5);
  // Phones behind a carrier's shared address: generous, but bounded.
  const publicLimit = new TokenBuckets(240, 4);

  const tooMany = (c: Context<AppEnv>) => {
    if (c.req.path.endsWith("/events") || wantsJson(c)) return c.text("Too Many Requests", 429);
    const problems = [{ path: "", ja: ja("queueTooMany"), en: en("queueTooMany") }];
    return c.html(publicMessagePage(c.get("lang"), c.get("t")("queueTooManyTitle"), problems, "/"), 429);
  };
  const limitIssue = rateLimit(issueLimit, tooMany);
  const limitPublic = rateLimit(publicLimit, tooMany);

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
  const noStore = (c: Context<AppEnv>) => {
    c.header("cache-control", "no-store");
    c.header("x-robots-tag", "noindex");
  };

  // ------------------------------------------------------------------------------------------- kiosk
  const renderKiosk = async (
    c: Context<AppEnv>,
    officeId: string,
    problems: Problem[],
    status: 200 | 404 | 409 | 422,
  ) => {
    const office = await publicOffice(officeId);
    const b = await board(office.municipalityId, office.officeId);
    const closed = closedRefusal(now(), office)?.problems ?? [];
    // A refused issue on a closed day says what the closed kiosk says: once is enough.
    const shown = problems.filter((p) => !closed.some((x) => x.ja === p.ja));
    noStore(c);
    return c.html(
      kioskPage({
        officeId: office.officeId,
        officeNameJa: office.nameJa,
        officeNameEn: office.nameEn,
        purposes: b.purposes.map((p) => ({ ...p, ...roundedRange(p.estimate) })),
        closed,
        problems: shown,
        csrfToken: c.get("csrfToken"),
      }),
      status,
    );
  };

  app.get("/queue/offices/:officeId/kiosk", limitPublic, (c) =>
    renderKiosk(c, c.req.param("officeId"), [], 200),
  );

  const receipt = async (
    c: Context<AppEnv>,
    issued: Awaited<ReturnType<typeof issueTicket>>,
    options: { backUrl: string; autoReturn: boolean },
  ) => {
    const { ticket, purpose, token } = issued;
    const b = await board(ticket.municipalityId, ticket.officeId);
    const view = b.tickets.get(ticket.id);
    const range = view?.estimate ? roundedRange(view.estimate) : { min: 0, max: 0 };
    const office = await publicOffice(ticket.officeId);
    const phoneUrl = `${new URL(c.req.url).origin}/queue/t/${token}`;
    const qrSvg = await QRCode.toString(phoneUrl, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
    noStore(c);
    return c.html(
      receiptPage({
        officeId: ticket.officeId,
        officeNameJa: office.nameJa,
        number: ticket.number,
        purposeJa: purpose.labelJa,
        purposeEasy: purpose.labelEasy,
        purposeEn: purpose.labelEn,
        issuedAt: ticket.issuedAt,
        ahead: view?.ahead ?? 0,
        min: range.min,
        max: range.max,
        phoneUrl,
        qrSvg,
        backUrl: options.backUrl,
        autoReturn: options.autoReturn,
      }),
      200,
    );
  };

  app.post("/queue/offices/:officeId/kiosk", limitIssue, async (c) => {
    const officeId = c.req.param("officeId");
    const office = await publicOffice(officeId);
    const form = purposeForm.safeParse(await c.req.parseBody());
    if (!form.success) throw notFound();
    try {
      const issued = await issueTicket(db, {
        municipalityId: office.municipalityId,
        officeId: office.officeId,
        purposeId: form.data.purposeId,
        now: now(),
      });
      return receipt(c, issued, { backUrl: `/queue/offices/${office.officeId}/kiosk`, autoReturn: true });
    } catch (error) {
      if (error instanceof QueueRefusal && !wantsJson(c))
        return renderKiosk(c, officeId, error.problems, statusFor(error.code) as 409 | 422);
      throw error;
    }
  });

  // ----------------------------------------------------------------------------------------- display
  app.get("/queue/offices/:officeId/display", limitPublic, async (c) => {
    const office = await publicOffice(c.req.param("officeId"));
    const b = await board(office.municipalityId, office.officeId);
    noStore(c);
    return c.html(
      displayPage({
        officeId: office.officeId,
        officeNameJa: office.nameJa,
        officeNameEn: office.nameEn,
        board: displayPayload(b, null),
      }),
    );
  });

  app.get("/queue/offices/:officeId/display/events", limitPublic, async (c) => {
    const office = await publicOffice(c.req.param("officeId"));
    const { sink, response } = openSse(c);
    live.watchDisplay(
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

  app.get("/queue/t/:token", limitPublic, async (c) => {
    const token = c.req.param("token");
    const lang = c.get("lang");
    noStore(c);
    let ticket: Awaited<ReturnType<typeof ticketOfToken>>;
    try {
      ticket = await ticketOfToken(token);
    } catch (error) {
      if (error instanceof QueueRefusal && !wantsJson(c))
        return c.html(
          publicMessagePage(lang, c.get("t")("queuePhoneTitle"), error.problems, c.req.path),
          404,
        );
      throw error;
    }
    const b = await board(ticket.municipalityId, ticket.officeId);
    const purposes = await queueRepository(db).listPurposes(ticket.municipalityId, ticket.officeId, true);
    const purpose = purposes.find((p) => p.id === ticket.purposeId);
    return c.html(
      phonePage({
        lang,
        path: c.req.path,
        token,
        purposeJa: purpose?.labelJa ?? "",
        purposeEn: purpose?.labelEn ?? "",
        payload: phonePayload(b.tickets.get(ticket.id), b.seq, ticket.number),
      }),
    );
  });

  app.get("/queue/t/:token/events", limitPublic, async (c) => {
    let ticket: Awaited<ReturnType<typeof ticketOfToken>>;
    try {
      ticket = await ticketOfToken(c.req.param("token"));
    } catch (error) {
      if (error instanceof QueueRefusal) return c.text(error.problems[0]?.en ?? "Not Found", 404);
      throw error;
    }
    const { sink, response } = openSse(c);
    live.watchTicket({ municipalityId: ticket.municipalityId, officeId: ticket.officeId }, ticket, sink);
    return response;
  });

  // ------------------------------------------------------------------------------------------- staff
  for (const path of ["/queue", "/queue/tickets", "/queue/tickets/*", "/queue/counter", "/queue/counter/*"])
    app.use(path, requireStaff(deps));

  const session = (c: Context<AppEnv>): SessionContext => {
    const s = c.get("session");
    if (!s) throw notFound();
    return s;
  };
  const actor = (s: SessionContext): StaffAtCounter => ({
    municipalityId: s.municipalityId,
    officeId: s.officeId,
    staffId: s.staff.id,
    counterId: s.counterId,
  });

  const renderOverview = async (
    c: Context<AppEnv>,
    problems: Problem[],
    form: { purposeId: string; kind: TicketKind },
    status: 200 | 404 | 409 | 422 = 200,
  ) => {
    const s = session(c);
    const t = c.get("t");
    const repo = queueRepository(db);
    const office = await repo.findOffice(s.municipalityId, s.officeId);
    if (!office)
      return renderPage(c, t("queueOverviewTitle"), () => (
        <>
          <h1>{t("queueOverviewTitle")}</h1>
          <p>{t("queueNotConfigured")}</p>
        </>
      ));
    const [b, purposes, counters] = await Promise.all([
      board(s.municipalityId, s.officeId),
      repo.listPurposes(s.municipalityId, s.officeId),
      repo.listCounters(s.municipalityId, s.officeId),
    ]);
    const lang = c.get("lang");
    const counterLabel = new Map(counters.map((x) => [x.id, lang === "ja" ? x.labelJa : x.labelEn]));
    return renderPage(
      c,
      t("queueOverviewTitle"),
      (ctx) =>
        overviewPage(ctx, {
          officeId: office.officeId,
          officeName: lang === "ja" ? office.nameJa : office.nameEn,
          purposes: purposes.map((p) => {
            const bp = b.purposes.find((x) => x.id === p.id);
            const r = bp ? roundedRange(bp.estimate) : { min: 0, max: 0 };
            return {
              id: p.id,
              labelJa: p.labelJa,
              labelEn: p.labelEn,
              bandStart: p.bandStart,
              bandEnd: p.bandEnd,
              counters: p.counterIds.map((id) => counterLabel.get(id) ?? ""),
              waiting: bp?.waiting ?? 0,
              ...r,
            };
          }),
          problems,
          ...form,
        }),
      status,
    );
  };

  app.get("/queue", (c) => renderOverview(c, [], { purposeId: "", kind: "normal" }));

  app.post("/queue/tickets", async (c) => {
    const s = session(c);
    const form = staffIssueForm.safeParse(await c.req.parseBody());
    if (!form.success) throw notFound();
    try {
      const issued = await issueTicket(db, {
        municipalityId: s.municipalityId,
        officeId: s.officeId,
        purposeId: form.data.purposeId,
        kind: form.data.kind,
        staffId: s.staff.id,
        now: now(),
      });
      return receipt(c, issued, { backUrl: "/queue", autoReturn: false });
    } catch (error) {
      if (error instanceof QueueRefusal && !wantsJson(c))
        return renderOverview(c, error.problems, form.data, statusFor(error.code) as 409 | 422);
      throw error;
    }
  });

  const renderCounter = async (
    c: Context<AppEnv>,
    problems: Problem[],
    status: 200 | 404 | 409 | 422 = 200,
  ) => {
    const s = session(c);
    const t = c.get("t");
    const lang = c.get("lang");
    if (!s.counterId) {
      const p = refuse("noCounter").problems;
      return renderPage(
        c,
        t("queueCounterTitle"),
        (ctx) => (
          <>
            <h1>{t("queueCounterTitle")}</h1>
            <p class="lead">{ctx.lang === "ja" ? p[0]?.ja : p[0]?.en}</p>
            <p>
              <a href="/">{t("backToHome")}</a>
            </p>
          </>
        ),
        409,
      );
    }
    const desk = await readCounter(db, {
      municipalityId: s.municipalityId,
      officeId: s.officeId,
      counterId: s.counterId,
      now: now(),
    });
    const at = now();
    const label = (x: { labelJa: string; labelEn: string }) => (lang === "ja" ? x.labelJa : x.labelEn);
    const purposeLabel = (id: string) => {
      const p = desk.purposes.get(id);
      return p ? label(p) : "";
    };
    const card = (x: (typeof desk.inHand)[number]) => ({
      id: x.id,
      number: x.number,
      purpose: purposeLabel(x.purposeId),
      kind: x.kind,
      status: x.status,
      calledAt: x.firstCalledAt,
      pauseReason: x.pauseReason,
      visitId: x.visitId,
    });
    const done = c.req.query("done");
    const n = c.req.query("n");
    const key = done ? noticeKey[done] : undefined;
    const notice = key && (!n || /^\d{1,4}$/.test(n)) ? t(key, { number: n ?? "" }) : null;
    return renderPage(
      c,
      t("queueCounterTitle"),
      (ctx) =>
        counterPage(ctx, {
          counterLabel: label(desk.counter),
          officeId: desk.counter.officeId,
          open: desk.open,
          closedReason: desk.closedReason,
          inHand: desk.inHand.map(card),
          paused: desk.paused.map(card),
          waiting: desk.waiting.map((w) => ({
            number: w.number,
            purpose: purposeLabel(w.purposeId),
            kind: w.kind,
            transferred: w.transferred,
            waitedMinutes: Math.max(0, Math.floor((at.getTime() - w.waitingSince.getTime()) / 60_000)),
          })),
          transferCounters: desk.otherCounters.map((x) => ({ id: x.id, label: label(x) })),
          transferDepartments: desk.departments.map((d) => ({ id: d.id, label: label(d) })),
          notice,
          problems,
        }),
      status,
    );
  };

  /** Runs a counter action; a refusal shows the counter page with its message, nothing changed. */
  const counterAction = async (c: Context<AppEnv>, run: () => Promise<string>) => {
    try {
      return c.redirect(await run(), 303);
    } catch (error) {
      if (error instanceof AppError && error.code !== "NOT_FOUND" && !wantsJson(c))
        return renderCounter(c, error.problems, statusFor(error.code) as 409 | 422);
      throw error;
    }
  };

  app.get("/queue/counter", (c) => renderCounter(c, []));

  app.post("/queue/counter/call", (c) =>
    counterAction(c, async () => {
      const called = await callNext(db, { ...actor(session(c)), now: now() });
      return `/queue/counter?done=called&n=${called.ticket.number}`;
    }),
  );

  app.post("/queue/counter/state", async (c) => {
    const form = stateForm.safeParse(await c.req.parseBody());
    if (!form.success) throw notFound();
    return counterAction(c, async () => {
      const open = form.data.open === "1";
      await setCounterOpen(db, { ...actor(session(c)), open, reason: form.data.reason, now: now() });
      return `/queue/counter?done=${open ? "opened" : "closed"}`;
    });
  });

  app.post("/queue/tickets/:ticketId/:action", async (c) => {
    const action = c.req.param("action") as Action;
    if (!actions.includes(action)) throw notFound();
    const form = actionForm.safeParse(await c.req.parseBody());
    if (!form.success) throw notFound();
    const ticketId = c.req.param("ticketId");
    const options = { ...actor(session(c)), ticketId, now: now() };
    return counterAction(c, async () => {
      let result: { ticket: { number: number } };
      switch (action) {
        case "recall":
          result = await recallTicket(db, options);
          break;
        case "absent":
          result = await markAbsent(db, options);
          break;
        case "start":
          result = await startService(db, options);
          break;
        case "finish":
          result = await finishService(db, options);
          break;
        case "pause":
          result = await pauseService(db, { ...options, reason: form.data.reason ?? "" });
          break;
        case "resume":
          result = await resumeService(db, options);
          break;
        case "transfer": {
          // "counter:<id>" or "department:<id>"; anything else is a target the use case refuses (after it
          // has found the ticket, so another municipality's ticket is "not found" whatever the form says).
          const [kind, id = ""] = (form.data.to ?? "").split(":");
          result = await transferTicket(db, {
            ...options,
            to: kind === "counter" ? { counterId: id } : { departmentId: kind === "department" ? id : "" },
          });
          break;
        }
      }
      return `/queue/counter?done=${doneOf[action]}&n=${result.ticket.number}`;
    });
  });

  return app;
}
