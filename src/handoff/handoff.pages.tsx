import { CsrfField, type PageContext, tokyoDateTime } from "../web/layout";
import type { DestinationConfig } from "./destination.schema";
import type { CountsRowView, DeliveryStatusView, Labelled, LatestRowView } from "./handoff.presenters";
import { stateKey } from "./handoff.presenters";
import { type DeliveryState, deliveryStates } from "./handoff.table";
import type { DestinationHealth } from "./worker";

const pick = (ctx: PageContext, l: Labelled | undefined, fallback: string) => (l ? l[ctx.lang] : fallback);

function StateLabel({
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
      {inFlight ? `（${ctx.t("handoffInFlight")}）` : ""}
    </span>
  );
}

/** An application's deliveries on its visit page: one line per destination with its state. */
export function DeliveryStatuses({ ctx, statuses }: { ctx: PageContext; statuses: DeliveryStatusView[] }) {
  if (statuses.length === 0) return <span>{ctx.t("handoffNoDestination")}</span>;
  return (
    <ul class="delivery-list">
      {statuses.map((s) => (
        <li data-destination={s.destination} data-state={s.state}>
          {pick(ctx, s.label, s.destination)}: <StateLabel ctx={ctx} state={s.state} />
          {s.state !== "done" && s.attempts > 0 ? ` (${ctx.t("handoffAttempts")} ${s.attempts})` : ""}
          {s.lastError ? <span class="delivery-error"> {s.lastError}</span> : null}
        </li>
      ))}
    </ul>
  );
}

export interface HandoffPageProps {
  ctx: PageContext;
  offices: Array<{ code: string; name: Labelled }>;
  destinations: DestinationConfig[];
  health: DestinationHealth[];
  filter: { office: string; state: string; destination: string };
  counts: CountsRowView[];
  latest: LatestRowView[];
  retried?: string | undefined;
}

export function HandoffPage(props: HandoffPageProps) {
  const { ctx, filter } = props;
  const when = (d: Date | null) =>
    d ? <time datetime={d.toISOString()}>{tokyoDateTime(d, ctx.lang)}</time> : "—";
  return (
    <>
      {props.retried ? (
        <p class="notice" role="status">
          {ctx.t("handoffRetried", { key: props.retried })}
        </p>
      ) : null}
      <h1>{ctx.t("handoffTitle")}</h1>
      <p class="lead">{ctx.t("handoffLead")}</p>
      <form method="get" action="/handoff" class="search-form">
        <div class="field">
          <label for="office">{ctx.t("handoffOffice")}</label>
          <select id="office" name="office">
            <option value="">{ctx.t("handoffAllOffices")}</option>
            {props.offices.map((o) => (
              <option value={o.code} selected={o.code === filter.office}>
                {o.name[ctx.lang]}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="destination">{ctx.t("handoffDestination")}</label>
          <select id="destination" name="destination">
            <option value="">{ctx.t("handoffAllDestinations")}</option>
            {props.destinations.map((d) => (
              <option value={d.id} selected={d.id === filter.destination}>
                {d.label[ctx.lang]}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="state">{ctx.t("handoffState")}</label>
          <select id="state" name="state">
            <option value="">{ctx.t("handoffAllStates")}</option>
            {deliveryStates.map((s) => (
              <option value={s} selected={s === filter.state}>
                {ctx.t(stateKey[s])}
              </option>
            ))}
          </select>
        </div>
        <button class="button button--secondary" type="submit">
          {ctx.t("handoffFilter")}
        </button>
      </form>

      <h2>{ctx.t("handoffCounts")}</h2>
      {props.counts.length === 0 ? (
        <p>{ctx.t("handoffNone")}</p>
      ) : (
        <table data-counts>
          <thead>
            <tr>
              <th scope="col">{ctx.t("handoffDestination")}</th>
              <th scope="col">{ctx.t("handoffOffice")}</th>
              {deliveryStates.map((s) => (
                <th scope="col">{ctx.t(stateKey[s])}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {props.counts.map((row) => (
              <tr data-destination={row.destination}>
                <th scope="row">
                  {pick(ctx, row.label, `${row.destination} (${ctx.t("handoffUnknownDestination")})`)}
                </th>
                <td>{row.office[ctx.lang]}</td>
                {deliveryStates.map((s) => (
                  <td data-count={s}>{row.counts[s]}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>{ctx.t("handoffLatest")}</h2>
      {props.latest.length === 0 ? (
        <p>{ctx.t("handoffNone")}</p>
      ) : (
        <table data-latest>
          <thead>
            <tr>
              <th scope="col">{ctx.t("handoffUpdated")}</th>
              <th scope="col">{ctx.t("handoffApplication")}</th>
              <th scope="col">{ctx.t("handoffDestination")}</th>
              <th scope="col">{ctx.t("handoffOffice")}</th>
              <th scope="col">{ctx.t("handoffState")}</th>
              <th scope="col">{ctx.t("handoffAttempts")}</th>
              <th scope="col">{ctx.t("handoffNextAttempt")}</th>
              <th scope="col">{ctx.t("handoffLastError")}</th>
              <th scope="col">{ctx.t("handoffAction")}</th>
            </tr>
          </thead>
          <tbody>
            {props.latest.map((row) => (
              <tr data-delivery={row.id} data-key={row.key} data-state={row.state}>
                <td>{when(row.updatedAt)}</td>
                <td>
                  <a href={`/visits/${row.visitId}`}>{row.applicationName}</a>
                  <br />
                  <code>{row.key}</code>
                </td>
                <td>{pick(ctx, row.label, row.destination)}</td>
                <td>{row.office[ctx.lang]}</td>
                <td>
                  <StateLabel ctx={ctx} state={row.state} inFlight={row.inFlight} />
                </td>
                <td>{row.attempts}</td>
                <td>{when(row.nextAttemptAt)}</td>
                <td>{row.lastError ?? "—"}</td>
                <td>
                  {row.retryable ? (
                    <form method="post" action={`/handoff/${row.id}/retry`} class="inline-form">
                      <CsrfField token={ctx.csrfToken} />
                      <button class="button button--secondary" type="submit">
                        {ctx.t("handoffRetryNow")}
                        <span class="visually-hidden"> {row.key}</span>
                      </button>
                    </form>
                  ) : (
                    "—"
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>{ctx.t("handoffDestinations")}</h2>
      <table data-destinations>
        <thead>
          <tr>
            <th scope="col">{ctx.t("handoffDestination")}</th>
            <th scope="col">{ctx.t("kind")}</th>
            <th scope="col">{ctx.t("handoffTarget")}</th>
            <th scope="col">{ctx.t("handoffState")}</th>
          </tr>
        </thead>
        <tbody>
          {props.destinations.map((d) => {
            const h = props.health.find((x) => x.destination === d.id);
            return (
              <tr data-destination={d.id} data-health={h?.problem ? "problem" : "ok"}>
                <th scope="row">{d.label[ctx.lang]}</th>
                <td>{ctx.t(d.kind === "file" ? "handoffKindFile" : "handoffKindHttp")}</td>
                <td>
                  <code>{h?.target ?? ""}</code>
                </td>
                <td>
                  {h?.problem
                    ? ctx.t("handoffHealthProblem", { problem: h.problem })
                    : ctx.t("handoffHealthOk")}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}
