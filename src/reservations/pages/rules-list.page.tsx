import type { LocaleMap } from "../../shared/locale";
import { Local } from "../../web/components/lang";
import { TableScroll } from "../../web/components/table-scroll";
import type { PageContext } from "../../web/layout";

export interface RulesListView {
  offices: Array<{
    name: LocaleMap;
    purposes: Array<{
      labels: LocaleMap;
      href: string;
      enabled: boolean;
      version: number | null;
      summary: string;
    }>;
  }>;
}

/** Every office's purposes with their booking rules in a line, each linking to its settings. */
export function rulesListPage(ctx: PageContext, v: RulesListView) {
  const { t } = ctx;
  return (
    <>
      <h1>{t("reservations.rulesTitle")}</h1>
      <p class="lead">{t("reservations.rulesLead")}</p>
      {v.offices.map((o, i) => (
        <section aria-labelledby={`office-${i}`}>
          <h2 id={`office-${i}`}>
            <Local map={o.name} ctx={ctx} />
          </h2>
          <TableScroll labelledBy={`office-${i}`}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("reservations.rulesColPurpose")}</th>
                  <th scope="col">{t("reservations.rulesColState")}</th>
                  <th scope="col">{t("reservations.rulesColSummary")}</th>
                  <th scope="col">{t("reservations.rulesColVersion")}</th>
                </tr>
              </thead>
              <tbody>
                {o.purposes.map((p) => (
                  <tr>
                    <td>
                      <a href={p.href}>
                        <Local map={p.labels} ctx={ctx} />
                      </a>
                    </td>
                    <td>{t(p.enabled ? "reservations.rulesOn" : "reservations.rulesOff")}</td>
                    <td>{p.summary}</td>
                    <td>{p.version ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </section>
      ))}
    </>
  );
}
