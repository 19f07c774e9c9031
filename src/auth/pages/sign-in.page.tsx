import type { Problem } from "../../shared/errors";
import { ErrorSummary, problemFor, TextField } from "../../web/components/fields";
import { CsrfField, type PageContext } from "../../web/layout";

export interface SignInView {
  ctx: PageContext;
  problems: Problem[];
  /** Where to go after signing in (a local path). */
  next: string;
  username: string;
  notice?: string | undefined;
}

export function SignInPage({ ctx, problems, next, username, notice }: SignInView) {
  return (
    <>
      {notice ? (
        <p class="notice" role="status">
          {notice}
        </p>
      ) : null}
      <h1>{ctx.t("auth.signInTitle")}</h1>
      <ErrorSummary problems={problems} t={ctx.t} />
      <p class="lead">{ctx.t("auth.signInLead")}</p>
      <form method="post" action={`/signin?next=${encodeURIComponent(next)}`} novalidate>
        <CsrfField token={ctx.csrfToken} />
        <TextField
          id="username"
          label={ctx.t("auth.username")}
          value={username}
          autocomplete="username"
          error={problemFor(problems, "username", ctx.t)}
        />
        <TextField
          id="password"
          label={ctx.t("auth.password")}
          type="password"
          autocomplete="current-password"
          error={problemFor(problems, "password", ctx.t)}
        />
        <button class="button" type="submit">
          {ctx.t("auth.signIn")}
        </button>
      </form>
    </>
  );
}
