import type { Child } from "hono/jsx";
import type { Locale } from "../../shared/locale";
import { PublicLayout } from "../../web/components/public-layout";
import type { PageContext } from "../../web/layout";

/** The module's few rules, served by its routes (public: residents have no session). */
export const PREAPPLY_CSS = "/pre-apply/preapply.css";

/** What every pre-application page gets: the resident's language, the form token and the languages offered. */
export interface ResidentContext extends PageContext {
  languages: readonly Locale[];
  /** The municipality's pages: `/pre-apply/kumamoto`. */
  base: string;
}

/** The resident pages' frame: mobile first, the language switch, the module's stylesheet, the print button's script. */
export function ResidentFrame({
  ctx,
  title,
  error,
  children,
}: {
  ctx: ResidentContext;
  title: string;
  error?: boolean;
  children: Child;
}) {
  return (
    <PublicLayout
      ctx={ctx}
      title={title}
      bodyClass="public preapply"
      scripts={["print"]}
      languages={ctx.languages}
      error={error ?? false}
    >
      <link rel="stylesheet" href={PREAPPLY_CSS} />
      <div class="preapply-page">{children}</div>
    </PublicLayout>
  );
}
