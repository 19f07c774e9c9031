import { type Context, Hono } from "hono";
import { z } from "zod";
import type { SessionContext } from "../auth/session";
import { sessionRepository } from "../auth/session.repository";
import { bookedNext } from "../reservations/booked-next";
import { AppError, notFound, type Problem } from "../shared/errors";
import type { AppEnv } from "../web/context";
import { statusFor } from "../web/error-mapper";
import { requireStaff } from "../web/middleware";
import { renderPage, wantsJson } from "../web/respond";
import { callNext } from "./call-next";
import { finishService } from "./finish-service";
import { issueTicket } from "./issue-ticket";
import { markAbsent } from "./mark-absent";
import { counterPage } from "./pages/counter.page";
import { counterChoosePage } from "./pages/counter-choose.page";
import { notConfiguredPage, overviewPage } from "./pages/overview.page";
import { counterView, noticeOf, overviewView } from "./pages/staff.presenter";
import { pauseService } from "./pause-service";
import { isQueueRefusal } from "./queue.errors";
import { queueRepository } from "./queue.repository";
import type { QueueWeb } from "./queue.routes";
import { type TicketKind, ticketKinds } from "./queue.table";
import { readCounter } from "./read-counter";
import { recallTicket } from "./recall-ticket";
import { resumeService } from "./resume-service";
import { setCounterOpen } from "./set-counter-open";
import { startService } from "./start-service";
import type { StaffAtCounter } from "./ticket-change";
import { transferTicket } from "./transfer-ticket";

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

const staffIssueForm = z.object({
  purposeId: z.string().max(100),
  kind: z.enum(ticketKinds).default("normal"),
});
const actionForm = z.object({ reason: z.string().max(1000).optional(), to: z.string().max(200).optional() });
const stateForm = z.object({ open: z.enum(["0", "1"]), reason: z.string().max(1000).optional() });

type Status = 200 | 404 | 409 | 422;

/**
 * Staff's side of the queue: the office overview with staff issuing, and the counter page with its
 * actions (one transaction each, then back to the page: a reload repeats nothing).
 */
export function queueCounterRoutes(web: QueueWeb): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const { db, now } = web;
  for (const path of ["/queue", "/queue/tickets", "/queue/tickets/*", "/queue/counter", "/queue/counter/*"])
    app.use(path, requireStaff(web.deps));

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
    status: Status = 200,
  ) => {
    const s = session(c);
    const title = c.get("t")("queue.overviewTitle");
    const repo = queueRepository(db);
    const office = await repo.findOffice(s.municipalityId, s.officeId);
    if (!office) return renderPage(c, title, (ctx) => notConfiguredPage(ctx, title));
    const [board, purposes, counters] = await Promise.all([
      web.board(s.municipalityId, s.officeId),
      repo.listPurposes(s.municipalityId, s.officeId),
      repo.listCounters(s.municipalityId, s.officeId),
    ]);
    const view = overviewView({ office, purposes, counters, board, problems, form });
    return renderPage(c, title, (ctx) => overviewPage(ctx, view), status);
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
      return web.receipt(c, issued, { backUrl: "/queue", autoReturn: false });
    } catch (error) {
      if (isQueueRefusal(error) && !wantsJson(c))
        return renderOverview(c, error.problems, form.data, statusFor(error.code) as 409 | 422);
      throw error;
    }
  });

  /** The counter is chosen on the counter page itself (first visit, or "change counter"). */
  const renderChoice = async (c: Context<AppEnv>, s: SessionContext) => {
    const counters = await queueRepository(db).listCounters(s.municipalityId, s.officeId);
    const view = { counters: counters.map((x) => ({ id: x.id, labels: x.labels })), current: s.counterId };
    return renderPage(c, c.get("t")("queue.chooseCounterTitle"), (ctx) => counterChoosePage(ctx, view));
  };

  const renderCounter = async (c: Context<AppEnv>, problems: Problem[], status: Status = 200) => {
    const s = session(c);
    const title = c.get("t")("queue.counterTitle");
    if (!s.counterId || (c.req.method === "GET" && c.req.query("choose") === "1")) return renderChoice(c, s);
    const at = now();
    const desk = await readCounter(db, {
      municipalityId: s.municipalityId,
      officeId: s.officeId,
      counterId: s.counterId,
      now: at,
    });
    const notice = noticeOf(c.req.query("done"), c.req.query("n"));
    const view = {
      ...counterView({ desk, now: at, notice, problems }),
      // Reservations (src/reservations): the office's next bookings today.
      bookedNext: await bookedNext(db, { municipalityId: s.municipalityId, officeId: s.officeId, now: at }),
    };
    return renderPage(c, title, (ctx) => counterPage(ctx, view), status);
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

  app.post("/queue/counter/choose", async (c) => {
    const s = session(c);
    const form = z.object({ counterId: z.string().max(100) }).safeParse(await c.req.parseBody());
    const counter = form.success
      ? await queueRepository(db).findCounter(s.municipalityId, form.data.counterId)
      : undefined;
    // Only a counter of the staff member's own office; anything else is "not found".
    if (!counter || counter.officeId !== s.officeId) throw notFound();
    await sessionRepository(db).update(s.idHash, { counterId: counter.id });
    return c.redirect("/queue/counter", 303);
  });

  app.post("/queue/counter/call", (c) =>
    counterAction(c, async () => {
      const called = await callNext(db, { ...actor(session(c)), now: now() });
      return `/queue/counter?done=called&n=${called.ticket.number}`;
    }),
  );

  // A closed counter's one control: open it (kept open even when nobody waits), then call the next.
  app.post("/queue/counter/start", (c) =>
    counterAction(c, async () => {
      const staff = actor(session(c));
      await setCounterOpen(db, { ...staff, open: true, now: now() });
      try {
        const called = await callNext(db, { ...staff, now: now() });
        return `/queue/counter?done=called&n=${called.ticket.number}`;
      } catch (error) {
        if (isQueueRefusal(error, "nothingWaiting")) return "/queue/counter?done=opened";
        throw error;
      }
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
    const options = { ...actor(session(c)), ticketId: c.req.param("ticketId"), now: now() };
    const run: Record<Action, () => Promise<{ ticket: { number: number } }>> = {
      recall: () => recallTicket(db, options),
      absent: () => markAbsent(db, options),
      start: () => startService(db, options),
      finish: () => finishService(db, options),
      pause: () => pauseService(db, { ...options, reason: form.data.reason ?? "" }),
      resume: () => resumeService(db, options),
      transfer: () => {
        // "counter:<id>" or "department:<id>"; anything else is a target the use case refuses (after it
        // has found the ticket, so another municipality's ticket is "not found" whatever the form says).
        const [kind, id = ""] = (form.data.to ?? "").split(":");
        const to = kind === "counter" ? { counterId: id } : { departmentId: kind === "department" ? id : "" };
        return transferTicket(db, { ...options, to });
      },
    };
    return counterAction(c, async () => {
      const result = await run[action]();
      return `/queue/counter?done=${doneOf[action]}&n=${result.ticket.number}`;
    });
  });

  return app;
}
