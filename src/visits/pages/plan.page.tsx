import { ManualLink } from "../../manual/pages/manual-link";
import { formatWesternDate } from "../../shared/dates";
import type { Problem } from "../../shared/errors";
import { problemFor, TextField } from "../../web/components/fields";
import { Ja, Local } from "../../web/components/lang";
import type { PageContext } from "../../web/layout";
import type { PlanRowView, VisitFrameView } from "../visits.presenters";
import { Deadline, MemberNames, MoveButton, Msg, TableScroll, VisitForm } from "./components";
import { VisitEvents, type VisitEventsView } from "./visit-events.page";

/** Declining a one-stop procedure (with the resident's reason), or taking a decline back. */
function DeclineForm({
  ctx,
  visit,
  p,
  problems,
}: {
  ctx: PageContext;
  visit: VisitFrameView;
  p: PlanRowView;
  problems: readonly Problem[];
}) {
  const { t } = ctx;
  // A procedure's name is its Japanese legal name: marked as Japanese inside another language.
  const name = <Ja ctx={ctx}>{p.name}</Ja>;
  return (
    <VisitForm ctx={ctx} visit={visit} action="decline">
      <input type="hidden" name="procedureId" value={p.id} />
      {p.declined !== undefined ? (
        <button class="link-button" type="submit" name="declined" value="no">
          <Msg t={t} k="visits.applyAgain" parts={{ name }} />
        </button>
      ) : (
        <>
          <TextField
            id={`reason-${p.id}`}
            name="reason"
            label={
              <span class="visually-hidden">
                <Msg t={t} k="visits.declineReasonLabel" parts={{ name }} />
              </span>
            }
            error={problemFor(problems, `reason-${p.id}`, t)}
          />
          <button class="link-button" type="submit" name="declined" value="yes">
            {t("visits.decline")}
          </button>
        </>
      )}
    </VisitForm>
  );
}

/**
 * The plan: every procedure the household's event calls for, who it is for, its deadline, and whether
 * this counter takes it or the resident is guided elsewhere. The resident may decline one today.
 */
export function PlanPage({
  ctx,
  visit,
  procedures,
  events,
  problems,
}: {
  ctx: PageContext;
  visit: VisitFrameView;
  procedures: PlanRowView[];
  events: VisitEventsView;
  problems: readonly Problem[];
}) {
  const { t } = ctx;
  return (
    <>
      <h2>{t("visits.planTitle", { count: procedures.length })}</h2>
      <p>{t("visits.planLead")}</p>
      <TableScroll label={t("visits.planTableLabel")}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t("visits.columnProcedure")}</th>
              <th scope="col">{t("visits.columnDepartment")}</th>
              <th scope="col">{t("visits.columnMembers")}</th>
              <th scope="col">{t("visits.columnDeadline")}</th>
              <th scope="col">{t("visits.columnHandling")}</th>
            </tr>
          </thead>
          <tbody>
            {procedures.map((p) => (
              <tr data-procedure={p.id} class={p.declined !== undefined ? "declined" : ""}>
                <td>
                  <Ja ctx={ctx}>{p.name}</Ja> <ManualLink t={t} procedureId={p.id} name={p.name} />
                  {p.declined !== undefined ? (
                    <p>
                      <Msg
                        t={t}
                        k="visits.declinedReason"
                        params={{ reason: p.declined }}
                        parts={{ label: <strong>{t("visits.declinedLabel")}</strong> }}
                      />
                    </p>
                  ) : null}
                  {p.handling === "one-stop" ? (
                    <DeclineForm ctx={ctx} visit={visit} p={p} problems={problems} />
                  ) : null}
                </td>
                <td>{p.department ? <Local map={p.department} ctx={ctx} /> : t("visits.otherBodies")}</td>
                <td>
                  <MemberNames ctx={ctx} members={p.members} />
                </td>
                <td>
                  {p.due ? (
                    <Deadline ctx={ctx} iso={p.due} />
                  ) : p.openDeadline ? (
                    t.message(p.openDeadline)
                  ) : (
                    t("visits.noDeadline")
                  )}
                  {p.due && p.deadline && p.due !== p.deadline ? (
                    <p class="due-moved">
                      {t("visits.dueMoved", { deadline: formatWesternDate(p.deadline, ctx.t.intlLocale) })}
                    </p>
                  ) : null}
                </td>
                <td>{p.handling === "one-stop" ? t("visits.handlingHere") : t("visits.handlingGuidance")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <VisitEvents ctx={ctx} visit={visit} view={events} />
      <div class="button-row">
        <MoveButton ctx={ctx} visit={visit} to="interview" label="visits.toInterview" />
        <MoveButton ctx={ctx} visit={visit} to="household" label="visits.backToHousehold" secondary />
      </div>
    </>
  );
}
