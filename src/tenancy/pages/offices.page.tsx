import { Local } from "../../web/components/lang";
import type { PageContext } from "../../web/layout";
import type { OfficeRow } from "../tenancy.presenters";

/** The municipality's offices, each linking to its counters. */
export function OfficesPage({ ctx, offices }: { ctx: PageContext; offices: readonly OfficeRow[] }) {
  const { t } = ctx;
  return (
    <>
      <h1>{t("tenancy.offices")}</h1>
      <table>
        <thead>
          <tr>
            <th scope="col">{t("tenancy.name")}</th>
            <th scope="col">{t("tenancy.kind")}</th>
            <th scope="col">{t("tenancy.oneStop")}</th>
          </tr>
        </thead>
        <tbody>
          {offices.map((o) => (
            <tr>
              <td>
                <a href={`/offices/${o.id}`}>
                  <Local map={o.names} ctx={ctx} />
                </a>
              </td>
              <td>{t(o.kind === "ward" ? "tenancy.officeKindWard" : "tenancy.officeKindBranch")}</td>
              <td>{t(o.oneStop ? "common.yes" : "common.no")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
