import { Hono } from "hono";
import { z } from "zod";
import { sessionRepository } from "../auth/session.repository";
import { tenancyRepository } from "../tenancy/tenancy.repository";
import type { AppEnv, AppServices } from "./context";
import { CsrfField } from "./layout";
import { requireStaff } from "./middleware";
import { renderPage } from "./respond";

const roleKey = { counter: "roleCounter", supervisor: "roleSupervisor", admin: "roleAdmin" } as const;

export function homeRoutes(deps: AppServices): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get("/", requireStaff(deps), async (c) => {
    const session = c.get("session");
    if (!session) return c.notFound();
    const [municipality, office, counters] = await Promise.all([
      deps.reference.municipality(session.municipalityId),
      deps.reference.office(session.municipalityId, session.officeId),
      deps.reference.counters(session.municipalityId, session.officeId),
    ]);
    const counter = counters.find((x) => x.id === session.counterId);
    const chosen = c.req.query("counter") === "set";
    return renderPage(c, c.get("t")("homeTitle"), (ctx) => {
      const ja = ctx.lang === "ja";
      return (
        <>
          {chosen ? (
            <p class="notice" role="status">
              {ctx.t("counterChosen")}
            </p>
          ) : null}
          <h1>{ctx.t("homeTitle")}</h1>
          <p class="lead">{session.staff.displayName}</p>
          <dl class="summary-list">
            <dt>{ctx.t("municipality")}</dt>
            <dd>{ja ? municipality?.nameJa : municipality?.nameEn}</dd>
            <dt>{ctx.t("office")}</dt>
            <dd data-testid="office">{ja ? office?.nameJa : office?.nameEn}</dd>
            <dt>{ctx.t("counter")}</dt>
            <dd data-testid="counter">
              {counter ? (ja ? counter.labelJa : counter.labelEn) : ctx.t("noCounter")}
            </dd>
            <dt>{ctx.t("role")}</dt>
            <dd data-testid="role">{ctx.t(roleKey[session.staff.role])}</dd>
          </dl>
          <h2>{ctx.t("chooseCounter")}</h2>
          <form method="post" action="/session/counter">
            <CsrfField token={ctx.csrfToken} />
            <div class="field">
              <label for="counterId">{ctx.t("counter")}</label>
              <select id="counterId" name="counterId">
                {session.counterId ? null : (
                  <option value="" selected>
                    {ctx.t("noCounter")}
                  </option>
                )}
                {counters.map((x) => (
                  <option value={x.id} selected={x.id === session.counterId}>
                    {ja ? x.labelJa : x.labelEn}
                  </option>
                ))}
              </select>
            </div>
            <button class="button" type="submit">
              {ctx.t("choose")}
            </button>
          </form>
          <h2>{ja ? "メニュー" : "Menu"}</h2>
          <ul>
            <li>
              <a href="/visits">{ja ? "来庁受付（ワンストップ窓口）" : "Counter visits (one-stop)"}</a>
            </li>
            <li>
              <a href="/guidance">{ja ? "手続きの案内" : "Guidance"}</a>
            </li>
            <li>
              <a href="/registry/search">{ctx.t("registrySearch")}</a>
            </li>
            <li>
              <a href="/queue">{ctx.t("queueMenu")}</a>
            </li>
            <li>
              <a href="/queue/counter">{ctx.t("queueCounterMenu")}</a>
            </li>
            <li>
              <a href="/offices">{ctx.t("offices")}</a>
            </li>
            {session.staff.role === "admin" ? (
              <li>
                <a href="/admin/staff">{ctx.t("staffList")}</a>
              </li>
            ) : null}
            {session.staff.role === "admin" ? (
              <li>
                <a href="/queue/settings">{ctx.t("queueSettingsTitle")}</a>
              </li>
            ) : null}
            {session.staff.role !== "counter" ? (
              <li>
                <a href="/admin/audit">{ctx.t("auditLog")}</a>
              </li>
            ) : null}
            {session.staff.role !== "counter" ? (
              <li>
                <a href="/handoff">{ctx.t("handoffTitle")}</a>
              </li>
            ) : null}
            {session.staff.role !== "counter" ? (
              <li>
                <a href="/kpi">{ctx.lang === "ja" ? "窓口の指標（KPI）" : "Counter KPIs"}</a>
              </li>
            ) : null}
            <li>
              <a href="/api/reference">{ctx.t("apiReference")}</a>
            </li>
          </ul>
        </>
      );
    });
  });

  app.post("/session/counter", requireStaff(deps), async (c) => {
    const session = c.get("session");
    if (!session) return c.notFound();
    const form = z.object({ counterId: z.string().max(100) }).safeParse(await c.req.parseBody());
    // "No counter" chosen again: nothing to change.
    if (form.success && form.data.counterId === "") return c.redirect("/", 303);
    const counter = form.success
      ? await tenancyRepository(deps.database.db).findCounter(session.municipalityId, form.data.counterId)
      : undefined;
    // Only a counter of the staff member's own office can be chosen; anything else is "not found".
    if (!counter || counter.officeId !== session.officeId) return c.notFound();
    await sessionRepository(deps.database.db).update(session.idHash, { counterId: counter.id });
    return c.redirect("/?counter=set", 303);
  });

  return app;
}
