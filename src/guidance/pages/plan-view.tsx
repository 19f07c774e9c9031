import { handlingLabels } from "../../catalog/vocabulary-labels";
import { ManualLink } from "../../manual/pages/manual-link";
import { formatWesternDate } from "../../shared/dates";
import { pickLabel } from "../../shared/locale";
import { Local } from "../../web/components/lang";
import { TableScroll } from "../../web/components/table-scroll";
import { Deadline, type GuidanceContext, MemberNames } from "./components";
import type { PlanGroup } from "./guidance.presenter";

/** The staff page's plan: one table per department, each procedure with its members, deadline and reasons. */
export function PlanView({ groups, ctx }: { groups: PlanGroup[]; ctx: GuidanceContext }) {
  const { t } = ctx;
  const count = groups.reduce((n, g) => n + g.rows.length, 0);
  if (count === 0) {
    return (
      <p class="notice" role="status">
        {t("guidance.plan.none")}
      </p>
    );
  }
  return (
    <section aria-labelledby="plan-title" id="plan">
      <h2 id="plan-title">{t("guidance.plan.title", { count })}</h2>
      {groups.map((group) => (
        <section aria-labelledby={`plan-${group.department}`}>
          <h3 id={`plan-${group.department}`}>
            <Local map={group.label} ctx={ctx} />
          </h3>
          <TableScroll label={pickLabel(group.label, ctx.lang).text}>
            <table aria-labelledby={`plan-${group.department}`}>
              <thead>
                <tr>
                  <th scope="col">{t("guidance.col.procedure")}</th>
                  <th scope="col">{t("guidance.col.for")}</th>
                  <th scope="col">{t("guidance.col.deadline")}</th>
                  <th scope="col">{t("guidance.col.handled")}</th>
                  <th scope="col">{t("guidance.col.why")}</th>
                </tr>
              </thead>
              <tbody>
                {group.rows.map((row) => (
                  <tr data-procedure={row.id}>
                    <td>
                      <Local map={row.name} ctx={ctx} />{" "}
                      <ManualLink t={t} procedureId={row.id} name={pickLabel(row.name, ctx.lang).text} />
                    </td>
                    <td>
                      <MemberNames members={row.members} ctx={ctx} />
                    </td>
                    <td>
                      {row.openDeadline ? (
                        <span>{t.message(row.openDeadline)}</span>
                      ) : (
                        <Deadline iso={row.due} ctx={ctx} />
                      )}
                      {row.due !== row.deadline && row.deadline ? (
                        <p class="due-moved">
                          {t("guidance.dueMoved", {
                            deadline: formatWesternDate(row.deadline, t.intlLocale),
                          })}
                        </p>
                      ) : null}
                    </td>
                    <td>
                      <Local map={handlingLabels[row.handling]} ctx={ctx} />
                    </td>
                    <td>
                      <ul class="reasons">
                        {row.reasons.map((r) => (
                          <li>{r}</li>
                        ))}
                      </ul>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </section>
      ))}
    </section>
  );
}
