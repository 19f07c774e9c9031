import type { Problem } from "../../shared/errors";
import { ErrorSummary, problemFor, TextField } from "../../web/components/fields";
import { CsrfField, type PageContext } from "../../web/layout";

/** After signing in with a password an administrator set: the owner chooses their own. */
export function NewPasswordFormPage(props: { ctx: PageContext; problems: Problem[]; next: string }) {
  const { ctx, problems } = props;
  return (
    <>
      <h1>{ctx.t("auth.choosePasswordTitle")}</h1>
      <ErrorSummary problems={problems} t={ctx.t} />
      <p class="lead">{ctx.t("auth.choosePasswordLead")}</p>
      <form method="post" action={`/signin/new-password?next=${encodeURIComponent(props.next)}`} novalidate>
        <CsrfField token={ctx.csrfToken} />
        <TextField
          id="password"
          label={ctx.t("auth.newPassword")}
          type="password"
          autocomplete="new-password"
          error={problemFor(problems, "password", ctx.t)}
        />
        <TextField
          id="confirmation"
          label={ctx.t("auth.newPasswordAgain")}
          type="password"
          autocomplete="new-password"
          error={problemFor(problems, "confirmation", ctx.t)}
        />
        <button class="button" type="submit">
          {ctx.t("auth.setPassword")}
        </button>
      </form>
    </>
  );
}
