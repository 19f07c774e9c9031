import { Hono } from "hono";
import { notFound } from "../shared/errors";
import type { AppDeps, AppEnv } from "../web/context";
import { tokyoDateTime, tokyoTime } from "../web/layout";
import { requireStaff } from "../web/middleware";
import { renderPage } from "../web/respond";
import { auditRepository } from "./audit.repository";
import { staffRepository } from "./staff.repository";

const roleKey = { counter: "roleCounter", supervisor: "roleSupervisor", admin: "roleAdmin" } as const;

export function staffRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use("/admin/staff", requireStaff(deps, ["admin"]));
  app.use("/admin/staff/*", requireStaff(deps, ["admin"]));
  app.use("/admin/audit", requireStaff(deps, ["supervisor", "admin"]));

  app.get("/admin/staff", async (c) => {
    const session = c.get("session");
    if (!session) throw notFound();
    const list = await staffRepository(deps.database.db).list(session.municipalityId);
    return renderPage(c, c.get("t")("staffList"), (ctx) => (
      <>
        <h1>{ctx.t("staffList")}</h1>
        <table>
          <thead>
            <tr>
              <th scope="col">{ctx.t("username")}</th>
              <th scope="col">{ctx.t("name")}</th>
              <th scope="col">{ctx.t("role")}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((s) => (
              <tr>
                <td>
                  <a href={`/admin/staff/${s.id}`}>{s.username}</a>
                </td>
                <td>{s.displayName}</td>
                <td>{ctx.t(roleKey[s.role])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </>
    ));
  });

  app.get("/admin/staff/:id", async (c) => {
    const session = c.get("session");
    if (!session) throw notFound();
    const member = await staffRepository(deps.database.db).findById(
      session.municipalityId,
      c.req.param("id"),
    );
    if (!member) throw notFound();
    return renderPage(c, member.username, (ctx) => (
      <>
        <h1>{member.username}</h1>
        <dl class="summary-list">
          <dt>{ctx.t("name")}</dt>
          <dd>{member.displayName}</dd>
          <dt>{ctx.t("role")}</dt>
          <dd>{ctx.t(roleKey[member.role])}</dd>
          <dt>{ctx.t("totpEnabled")}</dt>
          <dd>{ctx.t(member.totpEnabled ? "yes" : "no")}</dd>
          <dt>{ctx.t("lockedUntil")}</dt>
          <dd>{member.lockedUntil ? tokyoTime(member.lockedUntil, ctx.lang) : "—"}</dd>
        </dl>
      </>
    ));
  });

  app.get("/admin/audit", async (c) => {
    const session = c.get("session");
    if (!session) throw notFound();
    const entries = await auditRepository(deps.database.db).list(session.municipalityId, { limit: 200 });
    return renderPage(c, c.get("t")("auditLog"), (ctx) => (
      <>
        <h1>{ctx.t("auditLog")}</h1>
        <table>
          <thead>
            <tr>
              <th scope="col">{ctx.lang === "ja" ? "日時" : "When"}</th>
              <th scope="col">{ctx.lang === "ja" ? "操作者" : "Who"}</th>
              <th scope="col">{ctx.lang === "ja" ? "操作" : "Action"}</th>
              <th scope="col">{ctx.lang === "ja" ? "結果" : "Outcome"}</th>
              <th scope="col">{ctx.lang === "ja" ? "対象" : "Target"}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr>
                <td>
                  <time datetime={e.occurredAt.toISOString()}>{tokyoDateTime(e.occurredAt, ctx.lang)}</time>
                </td>
                <td>{e.actorUsername ?? "—"}</td>
                <td>{e.action}</td>
                <td>{e.outcome}</td>
                <td>{e.targetType ? `${e.targetType} ${e.targetId ?? ""}` : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </>
    ));
  });
  return app;
}
