import type { Problem } from "../../shared/errors";
import type { Locale } from "../../shared/locale";
import { type PublicContext, PublicLayout } from "../../web/components/public-layout";

export interface PublicMessageView {
  title: string;
  problems: readonly Problem[];
  /** The languages offered in the switch. */
  languages: readonly Locale[];
}

/** A refusal on a public page (forged or expired token, too many requests): a clear message and nothing else. */
export function publicMessagePage(ctx: PublicContext, v: PublicMessageView) {
  return (
    <PublicLayout
      ctx={ctx}
      title={v.title}
      bodyClass="queue phone"
      styles={["queue"]}
      languages={v.languages}
      error
    >
      <h1>{v.title}</h1>
      {v.problems.map((p) => (
        <p class="lead">{ctx.t.message(p)}</p>
      ))}
    </PublicLayout>
  );
}
