import { applicationStatusKey, type DeliveryStatusView } from "../../handoff/handoff.presenters";
import { DeliveryStatuses } from "../../handoff/pages/components";
import { Ja } from "../../web/components/lang";
import type { MessageKey } from "../../web/i18n";
import type { PageContext } from "../../web/layout";
import type { AcceptedView, VisitFrameView } from "../visits.presenters";
import { MemberNames, MoveButton, TableScroll } from "./components";

const measureKeys: Array<[keyof AcceptedView<unknown>["measures"], MessageKey]> = [
  ["formsProduced", "visits.measureFormsProduced"],
  ["fieldsFilledBySystem", "visits.measureFieldsFilled"],
  ["questionsAsked", "visits.measureQuestionsAsked"],
  ["namesWrittenByResident", "visits.measureNamesWritten"],
  ["signatures", "visits.measureSignatures"],
];

/**
 * Accepted (and closed): the applications with their status and their delivery to each core system,
 * what the visit spared the resident (the measures), the guidance sheet and the survey.
 */
export function AcceptedPage({
  ctx,
  visit,
  view,
}: {
  ctx: PageContext;
  visit: VisitFrameView;
  /** With each application's deliveries as the hand-off module presents them. */
  view: AcceptedView<DeliveryStatusView[]>;
}) {
  const { t } = ctx;
  return (
    <>
      <p class="notice" role="status">
        {t("visits.acceptedCount", { count: view.applications.length })}
      </p>
      <TableScroll label={t("visits.acceptedTableLabel")}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t("visits.columnApplication")}</th>
              <th scope="col">{t("visits.columnMembers")}</th>
              <th scope="col">{t("visits.columnStatus")}</th>
              <th scope="col">{t("handoff.visitColumn")}</th>
            </tr>
          </thead>
          <tbody>
            {view.applications.map((a) => (
              <tr data-application={a.procedureId}>
                <td>
                  <a href={`/visits/${visit.id}/applications/${a.id}/form.pdf`}>
                    <Ja ctx={ctx}>{a.name}</Ja>
                  </a>
                </td>
                <td>
                  <MemberNames ctx={ctx} members={a.members} />
                </td>
                <td>{t(applicationStatusKey[a.status])}</td>
                <td>
                  <DeliveryStatuses ctx={ctx} statuses={a.deliveries} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <dl class="summary-list" data-measures>
        {measureKeys.map(([measure, key]) => (
          <>
            <dt>{t(key)}</dt>
            <dd>{view.measures[measure]}</dd>
          </>
        ))}
      </dl>
      <div class="button-row">
        <a class="button button--secondary" href={`/visits/${visit.id}/sheet`}>
          {t("visits.printSheet")}
        </a>
        <a class="button button--secondary" href={`/survey/visit/${visit.id}`} data-testid="visit-survey">
          {t("visits.surveyOnTablet")}
        </a>
        {visit.state === "accepted" ? (
          <MoveButton ctx={ctx} visit={visit} to="closed" label="visits.closeVisit" />
        ) : null}
      </div>
    </>
  );
}
