import type { StaffRole } from "../../auth/auth.table";
import { type LocaleMap, pickLabel } from "../../shared/locale";
import { Local } from "../components/lang";
import { type MessageKey, roleLabelKey } from "../i18n";
import { CsrfField, type PageContext } from "../layout";

export interface HomeView {
  ctx: PageContext;
  /** The counter was just chosen: say so. */
  chosen: boolean;
  displayName: string;
  role: StaffRole;
  municipality: LocaleMap | undefined;
  office: LocaleMap | undefined;
  counters: { id: string; labels: LocaleMap }[];
  counterId: string | null | undefined;
}

/** The staff menu: what each role may open. */
const menu: { href: string; key: MessageKey; roles?: StaffRole[] }[] = [
  { href: "/visits", key: "common.menuVisits" },
  { href: "/guidance", key: "common.menuGuidance" },
  { href: "/registry/search", key: "registry.search" },
  { href: "/queue", key: "queue.menu" },
  { href: "/queue/counter", key: "queue.counterMenu" },
  { href: "/offices", key: "tenancy.offices" },
  { href: "/admin/staff", key: "auth.staffList", roles: ["admin"] },
  { href: "/queue/settings", key: "queue.settingsTitle", roles: ["admin"] },
  { href: "/admin/audit", key: "common.auditLog", roles: ["supervisor", "admin"] },
  { href: "/handoff", key: "handoff.title", roles: ["supervisor", "admin"] },
  { href: "/kpi", key: "common.menuKpi", roles: ["supervisor", "admin"] },
  { href: "/api/reference", key: "common.apiReference" },
];

export function HomePage(v: HomeView) {
  const { ctx } = v;
  const counter = v.counters.find((x) => x.id === v.counterId);
  return (
    <>
      {v.chosen ? (
        <p class="notice" role="status">
          {ctx.t("tenancy.counterChosen")}
        </p>
      ) : null}
      <h1>{ctx.t("common.homeTitle")}</h1>
      <p class="lead">{v.displayName}</p>
      <dl class="summary-list">
        <dt>{ctx.t("tenancy.municipality")}</dt>
        <dd>{v.municipality ? <Local map={v.municipality} ctx={ctx} /> : null}</dd>
        <dt>{ctx.t("tenancy.office")}</dt>
        <dd data-testid="office">{v.office ? <Local map={v.office} ctx={ctx} /> : null}</dd>
        <dt>{ctx.t("tenancy.counter")}</dt>
        <dd data-testid="counter">
          {counter ? <Local map={counter.labels} ctx={ctx} /> : ctx.t("tenancy.noCounter")}
        </dd>
        <dt>{ctx.t("auth.role")}</dt>
        <dd data-testid="role">{ctx.t(roleLabelKey[v.role])}</dd>
      </dl>
      <h2>{ctx.t("tenancy.chooseCounter")}</h2>
      <form method="post" action="/session/counter">
        <CsrfField token={ctx.csrfToken} />
        <div class="field">
          <label for="counterId">{ctx.t("tenancy.counter")}</label>
          <select id="counterId" name="counterId">
            {v.counterId ? null : (
              <option value="" selected>
                {ctx.t("tenancy.noCounter")}
              </option>
            )}
            {v.counters.map((x) => {
              const label = pickLabel(x.labels, ctx.lang);
              return (
                <option
                  value={x.id}
                  selected={x.id === v.counterId}
                  lang={label.lang === ctx.lang ? undefined : label.lang}
                >
                  {label.text}
                </option>
              );
            })}
          </select>
        </div>
        <button class="button" type="submit">
          {ctx.t("tenancy.choose")}
        </button>
      </form>
      <h2>{ctx.t("common.menu")}</h2>
      <ul>
        {menu
          .filter((item) => !item.roles || item.roles.includes(v.role))
          .map((item) => (
            <li>
              <a href={item.href}>{ctx.t(item.key)}</a>
            </li>
          ))}
      </ul>
    </>
  );
}
