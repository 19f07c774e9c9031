import { Local } from "../../web/components/lang";
import type { PageContext } from "../../web/layout";
import type { OfficeView } from "../tenancy.presenters";

/** One office and its counters. */
export function OfficePage({ ctx, office }: { ctx: PageContext; office: OfficeView }) {
  const { t } = ctx;
  return (
    <>
      <h1>
        <Local map={office.names} ctx={ctx} />
      </h1>
      <h2>{t("tenancy.counters")}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">{t("tenancy.number")}</th>
            <th scope="col">{t("tenancy.name")}</th>
            <th scope="col">{t("tenancy.oneStop")}</th>
          </tr>
        </thead>
        <tbody>
          {office.counters.map((x) => (
            <tr>
              <td>{x.number}</td>
              <td>
                <Local map={x.labels} ctx={ctx} />
              </td>
              <td>{t(x.oneStop ? "common.yes" : "common.no")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
