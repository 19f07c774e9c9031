import type { MessageKey } from "../../i18n/keys";
import { roleLabelKey } from "../../web/i18n";
import { CsrfField, type PageContext, tokyoDateTime, tokyoTime } from "../../web/layout";
import type { StaffRow } from "./staff-list.page";

export interface SessionRow {
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  ip: string | null;
  userAgent: string | null;
}

export interface StaffMemberView extends StaffRow {
  totpEnabled: boolean;
  lockedUntil: Date | null;
  failedAttempts: number;
  recoveryCodesLeft: number;
  /** The administrator looking at their own account (who cannot disable it). */
  self: boolean;
  sessions: readonly SessionRow[];
}

/** The lifecycle actions an administrator can take; each posts to `/admin/staff/:id/<action>`. */
export const staffActions = [
  "disable",
  "enable",
  "reset-password",
  "reset-totp",
  "unlock",
  "end-sessions",
] as const;
export type StaffAction = (typeof staffActions)[number];

const actionText: Record<StaffAction, { button: MessageKey; hint: MessageKey; done: MessageKey }> = {
  disable: { button: "auth.disable", hint: "auth.disableHint", done: "auth.doneDisable" },
  enable: { button: "auth.enable", hint: "auth.enableHint", done: "auth.doneEnable" },
  "reset-password": {
    button: "auth.resetPassword",
    hint: "auth.resetPasswordHint",
    done: "auth.doneResetPassword",
  },
  "reset-totp": { button: "auth.resetTotp", hint: "auth.resetTotpHint", done: "auth.doneResetTotp" },
  unlock: { button: "auth.unlock", hint: "auth.unlockHint", done: "auth.doneUnlock" },
  "end-sessions": { button: "auth.endSessions", hint: "auth.endSessionsHint", done: "auth.doneEndSessions" },
};

export const doneMessage = (action: StaffAction): MessageKey => actionText[action].done;

/** Which actions make sense for the account as it is now. */
function actionsFor(member: StaffMemberView): StaffAction[] {
  const list: StaffAction[] = [];
  if (member.disabled) list.push("enable");
  else if (!member.self) list.push("disable");
  list.push("reset-password");
  if (member.role !== "counter") list.push("reset-totp");
  if (member.lockedUntil || member.failedAttempts > 0) list.push("unlock");
  if (member.sessions.length > 0) list.push("end-sessions");
  return list;
}

/** One staff account: its state, open sessions and the lifecycle actions, each a POST with CSRF. */
export function StaffMemberPage(props: { ctx: PageContext; member: StaffMemberView; notice?: string }) {
  const { ctx, member } = props;
  const { t } = ctx;
  const dateTime = (d: Date) => <time datetime={d.toISOString()}>{tokyoDateTime(d, ctx.lang)}</time>;
  return (
    <>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      <h1>{member.username}</h1>
      <p>
        <a href="/admin/staff">{t("auth.staffList")}</a>
      </p>
      <dl class="summary-list">
        <dt>{t("tenancy.name")}</dt>
        <dd>{member.displayName}</dd>
        <dt>{t("auth.role")}</dt>
        <dd>{t(roleLabelKey[member.role])}</dd>
        <dt>{t("auth.accountStatus")}</dt>
        <dd data-status>{t(member.disabled ? "auth.statusDisabled" : "auth.statusActive")}</dd>
        <dt>{t("auth.totpEnabled")}</dt>
        <dd>{t(member.totpEnabled ? "common.yes" : "common.no")}</dd>
        <dt>{t("auth.recoveryCodesLeft")}</dt>
        <dd>{member.totpEnabled ? String(member.recoveryCodesLeft) : "—"}</dd>
        <dt>{t("auth.failedAttempts")}</dt>
        <dd>{String(member.failedAttempts)}</dd>
        <dt>{t("auth.lockedUntil")}</dt>
        <dd>{member.lockedUntil ? tokyoTime(member.lockedUntil, ctx.lang) : "—"}</dd>
      </dl>

      <h2>{t("auth.sessionsTitle")}</h2>
      {member.sessions.length === 0 ? (
        <p>{t("auth.noSessions")}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t("auth.sessionStarted")}</th>
              <th scope="col">{t("auth.sessionLastSeen")}</th>
              <th scope="col">{t("auth.sessionEnds")}</th>
              <th scope="col">{t("auth.sessionAddress")}</th>
              <th scope="col">{t("auth.sessionBrowser")}</th>
            </tr>
          </thead>
          <tbody>
            {member.sessions.map((s) => (
              <tr data-open-session>
                <td>{dateTime(s.createdAt)}</td>
                <td>{dateTime(s.lastSeenAt)}</td>
                <td>{dateTime(s.expiresAt)}</td>
                <td>{s.ip ?? "—"}</td>
                <td>{s.userAgent ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>{t("auth.accountActions")}</h2>
      {actionsFor(member).map((action) => (
        <form method="post" action={`/admin/staff/${member.id}/${action}`} class="inline-form">
          <CsrfField token={ctx.csrfToken} />
          <p class="field__hint" id={`${action}-hint`}>
            {t(actionText[action].hint)}
          </p>
          <button
            class={action === "disable" ? "button" : "button button--secondary"}
            type="submit"
            aria-describedby={`${action}-hint`}
            data-action={action}
          >
            {t(actionText[action].button)}
          </button>
        </form>
      ))}
    </>
  );
}
