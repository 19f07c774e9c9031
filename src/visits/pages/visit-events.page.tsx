import type { GuidanceDraft } from "../../guidance/guidance-form";
import { GuidanceForm } from "../../guidance/pages/guidance-form";
import type { Problem } from "../../shared/errors";
import { SelectField } from "../../web/components/fields";
import type { PageContext } from "../../web/layout";
import type { VisitFrameView } from "../visits.presenters";
import { VisitForm } from "./components";
import { eventKey } from "./household.page";

/** The events a visit holds (the first from the household step) and those that may still be added. */
export interface VisitEventsView {
  events: string[];
  /** Event types not in the visit yet; empty when it holds as many as one visit may. */
  addable: string[];
}

const label = (ctx: PageContext, event: string) => (eventKey[event] ? ctx.t(eventKey[event]) : event);

/**
 * The plan step's list of the visit's events: a marriage and the partner's move-in on one day are one
 * visit, one plan (each procedure once) and one signature. A further event can be taken out again.
 */
export function VisitEvents({
  ctx,
  visit,
  view,
}: {
  ctx: PageContext;
  visit: VisitFrameView;
  view: VisitEventsView;
}) {
  const { t } = ctx;
  return (
    <section aria-labelledby="visit-events-title" class="visit-events">
      <h3 id="visit-events-title">{t("visits.eventsTitle")}</h3>
      <p>{t("visits.eventsLead")}</p>
      <ul>
        {view.events.map((event, index) => (
          <li data-event={event}>
            {index === 0
              ? t("visits.eventFirst", { event: label(ctx, event) })
              : t("visits.eventMore", { event: label(ctx, event) })}
            {index > 0 ? (
              <VisitForm ctx={ctx} visit={visit} action="events/remove">
                <input type="hidden" name="index" value={String(index)} />
                <button class="link-button" type="submit">
                  {t("visits.removeEvent", { event: label(ctx, event) })}
                </button>
              </VisitForm>
            ) : null}
          </li>
        ))}
      </ul>
      {view.addable.length > 0 ? (
        <form method="get" action={`/visits/${visit.id}`} class="search-form">
          <SelectField
            id="addEvent"
            name="addEvent"
            label={t("visits.addEventLabel")}
            value={view.addable[0] ?? ""}
            options={view.addable.map((e) => ({ value: e, label: label(ctx, e) }))}
          />
          <button class="button button--secondary" type="submit">
            {t("visits.addEvent")}
          </button>
        </form>
      ) : null}
    </section>
  );
}

/**
 * Adding a further event: the household form with the visit's people filled in and the chosen event,
 * posted to the visit's events. Cancelling goes back to the plan unchanged.
 */
export function AddEventPage({
  ctx,
  visit,
  draft,
  problems,
}: {
  ctx: PageContext;
  visit: VisitFrameView;
  draft: GuidanceDraft;
  problems: Problem[];
}) {
  const { t } = ctx;
  return (
    <>
      <h2>{t("visits.addEventTitle", { event: label(ctx, draft.event.type) })}</h2>
      <p>{t("visits.addEventLead")}</p>
      <GuidanceForm
        ctx={ctx}
        draft={draft}
        problems={problems}
        action={`/visits/${visit.id}/events`}
        hidden={{ version: String(visit.version) }}
        submitLabel={t("visits.confirmAddEvent")}
        showSheet={false}
      />
      <p>
        <a href={`/visits/${visit.id}`}>{t("visits.cancelAddEvent")}</a>
      </p>
    </>
  );
}
