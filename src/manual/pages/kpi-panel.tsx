import type { PageContext } from "../../web/layout";
import type { ManualKpis } from "../load-manual-kpis";

/** The KPI dashboard's manual panel: searches, share without a result, share opened, share found helpful. */
export function ManualPanel({ ctx, figures }: { ctx: PageContext; figures: ManualKpis }) {
  const { t } = ctx;
  const number = (n: number) => new Intl.NumberFormat(t.intlLocale).format(n);
  const share = (n: number, of: number) =>
    of === 0
      ? t("manual.kpiNone")
      : new Intl.NumberFormat(t.intlLocale, { style: "percent", maximumFractionDigits: 1 }).format(n / of);
  return (
    <section class="panel" aria-labelledby="kpi-manual" data-testid="kpi-manual">
      <h2 id="kpi-manual">{t("manual.kpiHeading")}</h2>
      <dl class="kpi-figures">
        <div>
          <dt>{t("manual.kpiSearches")}</dt>
          <dd>{number(figures.searches)}</dd>
        </div>
        <div>
          <dt>{t("manual.kpiNoResultRate")}</dt>
          <dd>{share(figures.noResult, figures.searches)}</dd>
        </div>
        <div>
          <dt>{t("manual.kpiClickRate")}</dt>
          <dd>{share(figures.clicked, figures.searches - figures.noResult)}</dd>
        </div>
        <div>
          <dt>{t("manual.kpiHelpfulRate")}</dt>
          <dd>
            {share(figures.helpful, figures.answers)} (
            {t("manual.kpiHelpfulAnswers", { count: figures.answers })})
          </dd>
        </div>
      </dl>
      <p>
        <a href="/manual/admin#queries">{t("manual.kpiDetails")}</a>
      </p>
    </section>
  );
}
