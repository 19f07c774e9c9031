import type { Problem } from "../../shared/errors";
import { ErrorSummary, problemFor, TextField } from "../../web/components/fields";
import { CsrfField, type PageContext } from "../../web/layout";

export interface TotpView {
  ctx: PageContext;
  problems: Problem[];
  next: string;
  /** First sign-in of a supervisor or admin: enrol an authenticator first. */
  setup: boolean;
  /** The enrolment QR code (a data: URL) and its secret for typing in; empty unless `setup`. */
  qr: string;
  secret: string;
}

export function TotpPage({ ctx, problems, next, setup, qr, secret }: TotpView) {
  return (
    <>
      <h1>{ctx.t(setup ? "auth.totpSetupTitle" : "auth.totpTitle")}</h1>
      <ErrorSummary problems={problems} t={ctx.t} />
      <p class="lead">{ctx.t(setup ? "auth.totpSetupLead" : "auth.totpLead")}</p>
      {setup ? null : <p>{ctx.t("auth.totpRecoveryHint")}</p>}
      {setup ? (
        <>
          <img class="qr" src={qr} alt={ctx.t("auth.totpQrAlt")} />
          <p>
            {ctx.t("auth.totpSecretLabel")}: <code data-totp-secret>{secret}</code>
          </p>
        </>
      ) : null}
      <form method="post" action={`/signin/totp?next=${encodeURIComponent(next)}`} novalidate>
        <CsrfField token={ctx.csrfToken} />
        <TextField
          id="code"
          label={ctx.t("auth.totpCode")}
          autocomplete="one-time-code"
          inputmode="numeric"
          error={problemFor(problems, "code", ctx.t)}
        />
        <button class="button" type="submit">
          {ctx.t("auth.verify")}
        </button>
      </form>
    </>
  );
}
