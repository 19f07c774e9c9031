import { Local } from "../../web/components/lang";
import type { PageContext } from "../../web/layout";
import { type DeliveryStatusView, stateKey } from "../handoff.presenters";
import type { DeliveryState } from "../handoff.table";

/** A delivery's state, with "being delivered" while a worker holds it. */
export function StateLabel({
  ctx,
  state,
  inFlight,
}: {
  ctx: PageContext;
  state: DeliveryState;
  inFlight?: boolean;
}) {
  return (
    <span class={`delivery-state delivery-state--${state}`} data-state={state}>
      {ctx.t(stateKey[state])}
      {inFlight ? `（${ctx.t("handoff.inFlight")}）` : ""}
    </span>
  );
}

/**
 * An application's deliveries, for its visit page: one line per destination with its state. The visit
 * page imports this (with `presentStatuses` and `applicationStatusKey` from handoff.presenters.ts).
 */
export function DeliveryStatuses({ ctx, statuses }: { ctx: PageContext; statuses: DeliveryStatusView[] }) {
  if (statuses.length === 0) return <span>{ctx.t("handoff.noDestination")}</span>;
  return (
    <ul class="delivery-list">
      {statuses.map((s) => (
        <li data-destination={s.destination} data-state={s.state}>
          {s.label ? <Local map={s.label} ctx={ctx} /> : ctx.t("handoff.unknownDestination")}:{" "}
          <StateLabel ctx={ctx} state={s.state} />
          {s.state !== "done" && s.attempts > 0 ? ` (${ctx.t("handoff.attempts")} ${s.attempts})` : ""}
          {s.lastError ? <span class="delivery-error"> {s.lastError}</span> : null}
        </li>
      ))}
    </ul>
  );
}
