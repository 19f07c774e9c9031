import { roleLabelKey } from "../../web/i18n";
import type { PageContext } from "../../web/layout";
import type { StaffRole } from "../auth.table";

export interface StaffRow {
  id: string;
  username: string;
  displayName: string;
  role: StaffRole;
  disabled: boolean;
}

/** The municipality's staff accounts with their state, each linking to its details and actions. */
export function StaffListPage({ ctx, staff }: { ctx: PageContext; staff: readonly StaffRow[] }) {
  const { t } = ctx;
  return (
    <>
      <h1>{t("auth.staffList")}</h1>
      <table>
        <thead>
          <tr>
            <th scope="col">{t("auth.username")}</th>
            <th scope="col">{t("tenancy.name")}</th>
            <th scope="col">{t("auth.role")}</th>
            <th scope="col">{t("auth.accountStatus")}</th>
          </tr>
        </thead>
        <tbody>
          {staff.map((s) => (
            <tr>
              <td>
                <a href={`/admin/staff/${s.id}`}>{s.username}</a>
              </td>
              <td>{s.displayName}</td>
              <td>{t(roleLabelKey[s.role])}</td>
              <td>{t(s.disabled ? "auth.statusDisabled" : "auth.statusActive")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
