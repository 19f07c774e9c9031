import { type LocaleMap, pickLabel } from "../../shared/locale";
import { type Option, SelectField } from "../../web/components/fields";
import { Ja, Local } from "../../web/components/lang";
import { Msg } from "../../web/components/msg";
import { TableScroll } from "../../web/components/table-scroll";
import { CsrfField, type PageContext, tokyoDateTime } from "../../web/layout";
import {
  type CountsRowView,
  type DestinationView,
  type LatestRowView,
  type OfficeView,
  stateKey,
} from "../handoff.presenters";
import { deliveryStates } from "../handoff.table";
import { StateLabel } from "./components";

export interface HandoffPageView {
  offices: OfficeView[];
  destinations: DestinationView[];
  filter: { office: string; state: string; destination: string };
  counts: CountsRowView[];
  latest: LatestRowView[];
  /** The idempotency key of a delivery just sent back to the queue ("retry now"). */
  retried?: string | undefined;
}

/** Supervisors' view of the hand-off: filters, counts, the latest deliveries with "retry now", destinations. */
export function HandoffPage({ ctx, view }: { ctx: PageContext; view: HandoffPageView }) {
  const { t } = ctx;
  const { filter } = view;
  const local = (value: string, map: Parameters<typeof pickLabel>[0]): Option => {
    const { text, lang } = pickLabel(map, ctx.lang);
    return lang === ctx.lang ? { value, label: text } : { value, label: text, lang };
  };
  return (
    <>
      {view.retried ? <RetriedNotice ctx={ctx} view={view} /> : null}
      <h1>{t("handoff.title")}</h1>
      <p class="lead">{t("handoff.lead")}</p>
      <form method="get" action="/handoff" class="search-form">
        <SelectField
          id="office"
          label={t("handoff.office")}
          value={filter.office}
          options={[
            { value: "", label: t("handoff.allOffices") },
            ...view.offices.map((o) => local(o.code, o.name)),
          ]}
        />
        <SelectField
          id="destination"
          label={t("handoff.destination")}
          value={filter.destination}
          options={[
            { value: "", label: t("handoff.allDestinations") },
            ...view.destinations.map((d) => local(d.id, d.label)),
          ]}
        />
        <SelectField
          id="state"
          label={t("handoff.state")}
          value={filter.state}
          options={[
            { value: "", label: t("handoff.allStates") },
            ...deliveryStates.map((s) => ({ value: s, label: t(stateKey[s]) })),
          ]}
        />
        <button class="button button--secondary" type="submit">
          {t("handoff.filter")}
        </button>
      </form>
      <Counts ctx={ctx} rows={view.counts} />
      <Latest ctx={ctx} rows={view.latest} />
      <Destinations ctx={ctx} destinations={view.destinations} />
    </>
  );
}

/** An application by its procedure's name (Japanese), or as "an application" when nothing names it. */
function ApplicationName({ ctx, name }: { ctx: PageContext; name: string | undefined }) {
  return name ? <Ja ctx={ctx}>{name}</Ja> : ctx.t("handoff.unnamedApplication");
}

/** A destination by its configured name; one no longer configured says so (its code is not a name). */
function DestinationName({ ctx, label }: { ctx: PageContext; label: LocaleMap | undefined }) {
  return label ? <Local map={label} ctx={ctx} /> : ctx.t("handoff.unknownDestination");
}

/** "転入届 → 学校教育課": what a "retry now" button sends again, for a screen reader. */
function RetryTarget({ ctx, row }: { ctx: PageContext; row: LatestRowView }) {
  return (
    <Msg
      t={ctx.t}
      k="handoff.deliveryOf"
      parts={{
        application: <ApplicationName ctx={ctx} name={row.applicationName} />,
        destination: <DestinationName ctx={ctx} label={row.label} />,
      }}
    />
  );
}

/** The delivery just sent back to the queue, by its application and destination (never its key). */
function RetriedNotice({ ctx, view }: { ctx: PageContext; view: HandoffPageView }) {
  const row = view.latest.find((r) => r.key === view.retried);
  return (
    <p class="notice" role="status">
      {row ? (
        <Msg t={ctx.t} k="handoff.retried" parts={{ delivery: <RetryTarget ctx={ctx} row={row} /> }} />
      ) : (
        ctx.t("handoff.retriedOne")
      )}
    </p>
  );
}

function Counts({ ctx, rows }: { ctx: PageContext; rows: CountsRowView[] }) {
  const { t } = ctx;
  return (
    <>
      <h2>{t("handoff.counts")}</h2>
      {rows.length === 0 ? (
        <p>{t("handoff.none")}</p>
      ) : (
        <TableScroll label={t("handoff.counts")}>
          <table data-counts>
            <thead>
              <tr>
                <th scope="col">{t("handoff.destination")}</th>
                <th scope="col">{t("handoff.office")}</th>
                {deliveryStates.map((s) => (
                  <th scope="col">{t(stateKey[s])}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr data-destination={row.destination}>
                  <th scope="row">
                    <DestinationName ctx={ctx} label={row.label} />
                  </th>
                  <td>
                    <Local map={row.office} ctx={ctx} />
                  </td>
                  {deliveryStates.map((s) => (
                    <td data-count={s}>{row.counts[s]}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </>
  );
}

function Latest({ ctx, rows }: { ctx: PageContext; rows: LatestRowView[] }) {
  const { t } = ctx;
  const when = (d: Date | null) =>
    d ? <time datetime={d.toISOString()}>{tokyoDateTime(d, ctx.lang)}</time> : "—";
  return (
    <>
      <h2>{t("handoff.latest")}</h2>
      {rows.length === 0 ? (
        <p>{t("handoff.none")}</p>
      ) : (
        <TableScroll label={t("handoff.latest")}>
          <table data-latest>
            <thead>
              <tr>
                <th scope="col">{t("handoff.updated")}</th>
                <th scope="col">{t("handoff.application")}</th>
                <th scope="col">{t("handoff.destination")}</th>
                <th scope="col">{t("handoff.office")}</th>
                <th scope="col">{t("handoff.state")}</th>
                <th scope="col">{t("handoff.attempts")}</th>
                <th scope="col">{t("handoff.nextAttempt")}</th>
                <th scope="col">{t("handoff.lastError")}</th>
                <th scope="col">{t("handoff.action")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr data-delivery={row.id} data-key={row.key} data-state={row.state}>
                  <td>{when(row.updatedAt)}</td>
                  <td>
                    <a href={`/visits/${row.visitId}`}>
                      <ApplicationName ctx={ctx} name={row.applicationName} />
                    </a>
                  </td>
                  <td>
                    <DestinationName ctx={ctx} label={row.label} />
                  </td>
                  <td>
                    <Local map={row.office} ctx={ctx} />
                  </td>
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
                          {t("handoff.retryNow")}
                          <span class="visually-hidden">
                            {" "}
                            <RetryTarget ctx={ctx} row={row} />
                          </span>
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
        </TableScroll>
      )}
    </>
  );
}

function Destinations({ ctx, destinations }: { ctx: PageContext; destinations: DestinationView[] }) {
  const { t } = ctx;
  return (
    <>
      <h2>{t("handoff.destinations")}</h2>
      <TableScroll label={t("handoff.destinations")}>
        <table data-destinations>
          <thead>
            <tr>
              <th scope="col">{t("handoff.destination")}</th>
              <th scope="col">{t("handoff.kind")}</th>
              <th scope="col">{t("handoff.target")}</th>
              <th scope="col">{t("handoff.state")}</th>
            </tr>
          </thead>
          <tbody>
            {destinations.map((d) => (
              <tr data-destination={d.id} data-health={d.problem ? "problem" : "ok"}>
                <th scope="row">
                  <Local map={d.label} ctx={ctx} />
                </th>
                <td>{t(d.kind === "file" ? "handoff.kindFile" : "handoff.kindHttp")}</td>
                <td>
                  <code>{d.target}</code>
                </td>
                <td>
                  {d.problem ? (
                    <>
                      {t("handoff.healthProblem", { problem: t.message(d.problem) })}
                      {d.detail ? (
                        <>
                          {" "}
                          <code>{d.detail}</code>
                        </>
                      ) : null}
                    </>
                  ) : (
                    t("handoff.healthOk")
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}
