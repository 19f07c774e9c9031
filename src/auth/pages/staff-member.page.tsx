import { roleLabelKey } from "../../web/i18n";
import { type PageContext, tokyoTime } from "../../web/layout";
import type { StaffRow } from "./staff-list.page";

export interface StaffMemberView extends StaffRow {
  totpEnabled: boolean;
  lockedUntil: Date | null;
}

/** One staff account: name, role, two-factor state and lock-out. */
export function StaffMemberPage({ ctx, member }: { ctx: PageContext; member: StaffMemberView }) {
  const { t } = ctx;
  return (
    <>
      <h1>{member.username}</h1>
      <dl class="summary-list">
        <dt>{t("tenancy.name")}</dt>
        <dd>{member.displayName}</dd>
        <dt>{t("auth.role")}</dt>
        <dd>{t(roleLabelKey[member.role])}</dd>
        <dt>{t("auth.totpEnabled")}</dt>
        <dd>{t(member.totpEnabled ? "common.yes" : "common.no")}</dd>
        <dt>{t("auth.lockedUntil")}</dt>
        <dd>{member.lockedUntil ? tokyoTime(member.lockedUntil, ctx.lang) : "—"}</dd>
      </dl>
    </>
  );
}
