import { type Context, Hono } from "hono";
import { auditRepository } from "../auth/audit.repository";
import type { SessionContext } from "../auth/session";
import { japanTime } from "../queue/calendar";
import { formatDeadline } from "../shared/dates";
import { AppError, notFound, type Problem } from "../shared/errors";
import type { AppEnv } from "../web/context";
import { clientIp, requireStaff } from "../web/middleware";
import { renderPage } from "../web/respond";
import { createNotifier } from "./notifier";
import { timeText } from "./pages/reservation.presenter";
import { rulesEditPage } from "./pages/rules-edit.page";
import { parseRulesForm, type RulesForm, readRulesForm, rulesFormOf } from "./pages/rules-form";
import { rulesListPage } from "./pages/rules-list.page";
import { rulesSummary, staffRow } from "./pages/staff.presenter";
import { staffOverviewPage } from "./pages/staff-overview.page";
import { type ReservationRow, reservationRepository } from "./reservation.repository";
import type { ReservationsWeb } from "./reservations-shared.routes";
import { reminderComposer } from "./reservations-shared.routes";
import { saveSlotRules } from "./save-slot-rules";
import { dueReminders, markReminded, sendReminders, tomorrowSpan } from "./send-reminders";
import { defaultSlotRules } from "./slot-rules";
import { addDaysIso, japanInstant } from "./slots";
import { sweepNoShows } from "./sweep-no-shows";

const session = (c: Context<AppEnv>): SessionContext => {
  const s = c.get("session");
  if (!s) throw notFound();
  return s;
};

/**
 * Staff pages: the office's reservations today and tomorrow's reminders (every staff role; each view
 * of names audited), the no-show sweep, and the booking rules with their history (supervisors, admins).
 */
export function reservationsStaffRoutes(web: ReservationsWeb): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const { deps } = web;
  const db = deps.database.db;
  const repo = reservationRepository(db);
  const notifier = createNotifier(deps.config);
  app.use("/reservations/staff", requireStaff(deps));
  app.use("/reservations/staff/*", requireStaff(deps));
  app.use("/reservations/staff/settings", requireStaff(deps, ["supervisor", "admin"]));
  app.use("/reservations/staff/settings/*", requireStaff(deps, ["supervisor", "admin"]));

  app.get("/reservations/staff", async (c) => {
    const s = session(c);
    const offices = await repo.listOffices(s.municipalityId);
    const chosen = c.req.query("office");
    const office =
      offices.find((o) => o.officeId === chosen) ??
      offices.find((o) => o.officeId === s.officeId) ??
      offices[0];
    if (!office) throw notFound();
    const now = web.now();
    const today = japanTime(now).date;
    const purposes = new Map(
      (await repo.listPurposes(s.municipalityId, office.officeId)).map((p) => [p.purposeId, p.labels]),
    );
    const row = (r: ReservationRow) => staffRow(r, purposes);
    const todays = await repo.listForOffice({
      municipalityId: s.municipalityId,
      officeId: office.officeId,
      from: japanInstant(today, 0),
      to: japanInstant(addDaysIso(today, 1), 0),
      statuses: ["booked", "checked_in", "walk_in", "no_show"],
    });
    const reminders = (await dueReminders(db, s.municipalityId, now)).filter(
      (r) => r.officeId === office.officeId,
    );
    await auditRepository(db).record({
      municipalityId: s.municipalityId,
      action: "reservation.list.read",
      actorStaffId: s.staff.id,
      actorUsername: s.staff.username,
      officeId: office.officeId,
      targetType: "reservations",
      detail: { date: today, count: todays.length + reminders.length },
      requestId: c.get("requestId"),
      ip: clientIp(c),
    });
    const t = c.get("t");
    const swept = c.req.query("swept");
    const sent = c.req.query("sent");
    return renderPage(c, t("reservations.staffTitle"), (ctx) =>
      staffOverviewPage(ctx, {
        office: office.names,
        offices: offices.map((o) => ({
          name: o.names,
          href: `/reservations/staff?office=${o.officeId}`,
          current: o === office,
        })),
        todayText: formatDeadline(today, ctx.lang === "ja" ? "ja" : "en"),
        tomorrowText: formatDeadline(tomorrowSpan(now).date, ctx.lang === "ja" ? "ja" : "en"),
        today: todays.map(row),
        reminders: reminders.map(row),
        smtp: notifier.kind === "smtp",
        canSettings: s.staff.role !== "counter",
        notice:
          swept !== undefined && /^\d+$/.test(swept)
            ? ctx.t("reservations.staffSwept", { count: Number(swept) })
            : sent !== undefined && /^\d+$/.test(sent)
              ? ctx.t("reservations.staffSent", { count: Number(sent) })
              : null,
      }),
    );
  });

  app.post("/reservations/staff/sweep", async (c) => {
    const s = session(c);
    const swept = await sweepNoShows(db, {
      municipalityId: s.municipalityId,
      now: web.now(),
      actor: { staffId: s.staff.id, username: s.staff.username, requestId: c.get("requestId") },
    });
    return c.redirect(`/reservations/staff?swept=${swept}`, 303);
  });

  app.post("/reservations/staff/reminders/send", async (c) => {
    const s = session(c);
    const { sent } = await sendReminders(db, notifier, {
      municipalityId: s.municipalityId,
      now: web.now(),
      compose: reminderComposer(db),
    });
    return c.redirect(`/reservations/staff?sent=${sent}`, 303);
  });

  app.post("/reservations/staff/reminders/:id/done", async (c) => {
    const s = session(c);
    const id = c.req.param("id");
    // Another municipality's reservation answers as one that does not exist.
    if (!(await repo.findInMunicipality(s.municipalityId, id))) throw notFound();
    await markReminded(db, s.municipalityId, id, web.now());
    return c.redirect("/reservations/staff", 303);
  });

  app.get("/reservations/staff/settings", async (c) => {
    const s = session(c);
    const t = c.get("t");
    const offices = await repo.listOffices(s.municipalityId);
    const view = await Promise.all(
      offices.map(async (o) => ({
        name: o.names,
        purposes: (await repo.listPurposes(s.municipalityId, o.officeId)).map((p) => ({
          labels: p.labels,
          href: `/reservations/staff/settings/${o.officeId}/${p.purposeId}`,
          enabled: p.rules?.enabled ?? false,
          version: p.rulesVersion ?? null,
          summary: p.rules ? rulesSummary(t, p.rules) : "—",
        })),
      })),
    );
    return renderPage(c, t("reservations.rulesTitle"), (ctx) => rulesListPage(ctx, { offices: view }));
  });

  const PATH = "/reservations/staff/settings/:officeId/:purposeId";
  const renderRules = async (
    c: Context<AppEnv>,
    form: RulesForm | undefined,
    problems: Problem[],
    status: 200 | 409 | 422 = 200,
  ) => {
    const s = session(c);
    const { officeId, purposeId } = c.req.param() as { officeId: string; purposeId: string };
    const office = await repo.findOfficeById(s.municipalityId, officeId);
    const purpose = office
      ? (await repo.listPurposes(s.municipalityId, office.officeId)).find((p) => p.purposeId === purposeId)
      : undefined;
    if (!office || !purpose) throw notFound();
    const t = c.get("t");
    const history = await repo.rulesHistory(s.municipalityId, purpose.purposeId);
    return renderPage(
      c,
      t("reservations.rulesEditTitle"),
      (ctx) =>
        rulesEditPage(ctx, {
          office: office.names,
          purpose: purpose.labels,
          action: `/reservations/staff/settings/${office.officeId}/${purpose.purposeId}`,
          form:
            form ??
            rulesFormOf(purpose.rules ?? { ...defaultSlotRules, enabled: false }, purpose.rulesVersion),
          history: history.map((h) => ({
            version: h.version,
            savedAt: `${formatDeadline(japanTime(h.createdAt).date, ctx.lang === "ja" ? "ja" : "en")} ${timeText(h.createdAt)}`,
            by: h.createdBy ? t("reservations.rulesByStaff") : t("reservations.rulesBySeed"),
            summary: rulesSummary(ctx.t, h.rules),
            current: h.supersededAt === null,
          })),
          saved: form === undefined && c.req.query("saved") === "1",
          problems,
        }),
      status,
    );
  };

  app.get(PATH, (c) => renderRules(c, undefined, []));

  app.post(PATH, async (c) => {
    const s = session(c);
    const form = readRulesForm(await c.req.parseBody());
    const parsed = parseRulesForm(form);
    if (!parsed.ok) return renderRules(c, form, parsed.problems, 422);
    const { officeId, purposeId } = c.req.param();
    try {
      await saveSlotRules(db, {
        municipalityId: s.municipalityId,
        officeId,
        purposeId,
        rules: parsed.rules,
        baseVersion: parsed.baseVersion,
        actor: { staffId: s.staff.id, username: s.staff.username, requestId: c.get("requestId") },
        now: web.now(),
      });
    } catch (error) {
      if (error instanceof AppError && (error.code === "CONFLICT" || error.code === "VALIDATION"))
        return renderRules(c, form, error.problems, error.code === "CONFLICT" ? 409 : 422);
      throw error;
    }
    return c.redirect(`/reservations/staff/settings/${officeId}/${purposeId}?saved=1`, 303);
  });

  return app;
}
