import type { PageContext } from "../../web/layout";
import type { PreApplicationKpis } from "../load-pre-application-kpis";

/** The KPI dashboard's pre-application panel: created, used at the counter, expired, withdrawn, fields saved. */
export function PreApplicationPanel({ ctx, figures }: { ctx: PageContext; figures: PreApplicationKpis }) {
  const { t } = ctx;
  const number = (n: number) => new Intl.NumberFormat(t.intlLocale).format(n);
  return (
    <section class="panel" aria-labelledby="kpi-pre-applications" data-testid="kpi-pre-applications">
      <h2 id="kpi-pre-applications">{t("preapply.kpiTitle")}</h2>
      {figures.created === 0 ? (
        <p>{t("preapply.kpiNone")}</p>
      ) : (
        <dl class="kpi-figures">
          <div>
            <dt>{t("preapply.kpiCreated")}</dt>
            <dd>{number(figures.created)}</dd>
          </div>
          <div>
            <dt>{t("preapply.kpiUsed")}</dt>
            <dd>{number(figures.consumed)}</dd>
          </div>
          <div>
            <dt>{t("preapply.kpiExpired")}</dt>
            <dd>{number(figures.expired)}</dd>
          </div>
          <div>
            <dt>{t("preapply.kpiWithdrawn")}</dt>
            <dd>{number(figures.withdrawn)}</dd>
          </div>
          <div>
            <dt>{t("preapply.kpiFieldsSaved")}</dt>
            <dd>{figures.fieldsSavedPerVisit === null ? "—" : number(figures.fieldsSavedPerVisit)}</dd>
          </div>
        </dl>
      )}
    </section>
  );
}
