import type { Problem } from "../../shared/errors";
import { ErrorSummary } from "../../web/components/fields";
import { type ResidentContext, ResidentFrame } from "./frame";

/** A short page that says one thing: withdrawn, not found, too many, or a refusal's text. */
export function MessagePage({
  ctx,
  title,
  text,
  problems = [],
}: {
  ctx: ResidentContext;
  title: string;
  text?: string | undefined;
  problems?: Problem[];
}) {
  const { t } = ctx;
  return (
    <ResidentFrame ctx={ctx} title={title} error={problems.length > 0}>
      <h1>{title}</h1>
      <ErrorSummary problems={problems} t={t} />
      {text ? (
        <p class="notice" role="status">
          {text}
        </p>
      ) : null}
      <p>
        <a href={ctx.base}>{t("preapply.startAgain")}</a>
      </p>
    </ResidentFrame>
  );
}
