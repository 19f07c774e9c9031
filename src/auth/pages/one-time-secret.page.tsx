import { CsrfField, type PageContext } from "../../web/layout";

/** A new password for an account, shown to the administrator once and never again. */
export function NewPasswordPage(props: {
  ctx: PageContext;
  username: string;
  password: string;
  back: string;
}) {
  const { t } = props.ctx;
  return (
    <>
      <h1>{t("auth.newPasswordTitle", { username: props.username })}</h1>
      <p class="lead">{t("auth.newPasswordLead")}</p>
      <p>
        <code data-new-password>{props.password}</code>
      </p>
      <p>
        <a href={props.back}>{t("auth.backToAccount")}</a>
      </p>
    </>
  );
}

export interface RecoveryCodesView {
  ctx: PageContext;
  /** The new codes, shown once; empty before the owner asks for them. */
  codes: readonly string[];
  /** Unused codes the account has now. */
  left: number;
  /** Just enrolled in TOTP: the page asks for codes before going on. */
  enrolled: boolean;
  next: string;
}

/** The owner's recovery codes: a button that makes a new set, and the set itself, shown once. */
export function RecoveryCodesPage({ ctx, codes, left, enrolled, next }: RecoveryCodesView) {
  const { t } = ctx;
  const action = `/account/recovery-codes?next=${encodeURIComponent(next)}`;
  return (
    <>
      <h1>{t("auth.recoveryCodesTitle")}</h1>
      {codes.length > 0 ? (
        <>
          <p class="lead">{t("auth.recoveryCodesShownOnce")}</p>
          <ol class="recovery-codes">
            {codes.map((code) => (
              <li>
                <code data-recovery-code>{code}</code>
              </li>
            ))}
          </ol>
          <p>
            <a class="button" href={next}>
              {t("auth.continue")}
            </a>
          </p>
        </>
      ) : (
        <>
          <p class="lead">{t(enrolled ? "auth.recoveryCodesEnrolLead" : "auth.recoveryCodesLead")}</p>
          <p>{t("auth.recoveryCodesLeftNow", { count: left })}</p>
          <form method="post" action={action}>
            <CsrfField token={ctx.csrfToken} />
            <p class="field__hint" id="recovery-hint">
              {t("auth.recoveryCodesReplaceHint")}
            </p>
            <div class="button-row">
              <button class="button" type="submit" aria-describedby="recovery-hint">
                {t("auth.recoveryCodesCreate")}
              </button>
              <a class="button button--secondary" href={next}>
                {t(enrolled ? "auth.recoveryCodesLater" : "auth.continue")}
              </a>
            </div>
          </form>
        </>
      )}
    </>
  );
}
