import type { GuidanceDraft } from "../../guidance/guidance-form";
import { GuidanceForm } from "../../guidance/pages/guidance-form";
import type { Problem } from "../../shared/errors";
import { DateField, problemFor, SelectField, TextField } from "../../web/components/fields";
import { Ja } from "../../web/components/lang";
import type { MessageKey } from "../../web/i18n";
import type { PageContext } from "../../web/layout";
import type { ResidentHitView, VisitFrameView } from "../visits.presenters";
import { Msg, VisitForm } from "./components";
import { ResidentDifferences, type ResidentDifferenceView } from "./resident-differences";

/** The events a registry household is opened for, which are also the audited reasons for opening it. */
export const eventKey: Record<string, MessageKey> = {
  "move-within": "visits.eventMoveWithin",
  "move-between-wards": "visits.eventMoveBetweenWards",
  "move-out": "visits.eventMoveOut",
  death: "visits.eventDeath",
  "move-in": "visits.eventMoveIn",
  birth: "visits.eventBirth",
  marriage: "visits.eventMarriage",
  divorce: "visits.eventDivorce",
  change: "visits.eventChange",
  other: "visits.eventOther",
};

export interface HouseholdPageView {
  search: {
    q: string;
    birthDate: string;
    results?: ResidentHitView[] | undefined;
    /** A date of birth that could not be read (the visit page's error summary links to the field). */
    problems?: Problem[];
  };
  /** The reasons staff may give for opening a registry household, and the one chosen by default. */
  reasons: readonly string[];
  reason: string;
  draft: GuidanceDraft;
  /** The registry household the form was prefilled from, if any. */
  registryHouseholdId: string;
  /** Events added at the plan step, which confirming the household again drops. */
  laterEvents: string[];
  /** A pre-application's household opened from the registry: where the resident's entry differed. */
  residentDifferences?: ResidentDifferenceView[];
}

function ResidentRow({
  ctx,
  visit,
  r,
  view,
}: {
  ctx: PageContext;
  visit: VisitFrameView;
  r: ResidentHitView;
  view: HouseholdPageView;
}) {
  const { t } = ctx;
  const name = <Ja ctx={ctx}>{r.name}</Ja>;
  return (
    <tr>
      <td>
        {name}
        <br />
        <Ja ctx={ctx}>{r.kana}</Ja>
      </td>
      <td>{r.birthDate}</td>
      <td>
        <Ja ctx={ctx}>
          {r.ward} {r.address}
        </Ja>
      </td>
      <td>
        <VisitForm ctx={ctx} visit={visit} action="registry-household">
          <input type="hidden" name="householdId" value={r.householdId} />
          <input type="hidden" name="residentId" value={r.id} />
          <SelectField
            id={`reason-${r.id}`}
            name="reason"
            label={<span class="visually-hidden">{t("visits.openReasonLabel")}</span>}
            value={view.reason}
            options={view.reasons.map((x) => ({ value: x, label: eventKey[x] ? t(eventKey[x]) : x }))}
          />
          <button class="link-button" type="submit">
            <Msg t={t} k="visits.openHousehold" parts={{ name }} />
          </button>
        </VisitForm>
      </td>
    </tr>
  );
}

/**
 * The household step: bring a household up from the registry (a search, then opening it with a reason,
 * which is audited), or enter it (someone moving in is not in the registry yet); then confirm it.
 */
export function HouseholdPage({
  ctx,
  visit,
  view,
  problems,
}: {
  ctx: PageContext;
  visit: VisitFrameView;
  view: HouseholdPageView;
  problems: Problem[];
}) {
  const { t } = ctx;
  const { results } = view.search;
  const later = view.laterEvents.map((e) => (eventKey[e] ? t(eventKey[e]) : e));
  return (
    <>
      {later.length > 0 ? (
        <p class="notice" role="note">
          {t("visits.eventsCleared", { events: later.join(t("visits.listSeparator")) })}
        </p>
      ) : null}
      <h2>{t("visits.registrySearchTitle")}</h2>
      <form method="get" action={`/visits/${visit.id}`} class="search-form">
        <TextField id="q" label={t("visits.searchName")} value={view.search.q} />
        <DateField
          t={t}
          id="birthDate"
          label={t("visits.searchBirthDate")}
          value={view.search.birthDate}
          error={problemFor(problems, "birthDate", t)}
        />
        <button class="button button--secondary" type="submit">
          {t("visits.search")}
        </button>
      </form>
      {results ? (
        results.length === 0 ? (
          <p role="status">{t("visits.noMatch")}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">{t("visits.columnName")}</th>
                <th scope="col">{t("visits.columnBirthDate")}</th>
                <th scope="col">{t("visits.columnAddress")}</th>
                <th scope="col">{t("visits.columnUseHousehold")}</th>
              </tr>
            </thead>
            <tbody>
              {results.map((r) => (
                <ResidentRow ctx={ctx} visit={visit} r={r} view={view} />
              ))}
            </tbody>
          </table>
        )
      ) : null}
      {view.residentDifferences?.length ? (
        <ResidentDifferences ctx={ctx} differences={view.residentDifferences} />
      ) : null}
      <h2>{t("visits.householdEntryTitle")}</h2>
      <p>{t("visits.householdEntryLead")}</p>
      <GuidanceForm
        ctx={ctx}
        draft={view.draft}
        problems={problems}
        action={`/visits/${visit.id}/household`}
        hidden={{ version: String(visit.version), registryHouseholdId: view.registryHouseholdId }}
        submitLabel={t("visits.confirmHousehold")}
        showSheet={false}
      />
    </>
  );
}
