import type { PageContext } from "../../web/layout";

/** A visit cancelled before acceptance: nothing more to do with it. */
export function CancelledPage({ ctx }: { ctx: PageContext }) {
  return <p role="status">{ctx.t("visits.cancelledNotice")}</p>;
}
