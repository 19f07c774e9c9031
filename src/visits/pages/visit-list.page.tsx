import { todayInJapan } from "../../shared/dates";
import { Ja, Local } from "../../web/components/lang";
import { CsrfField, type PageContext, tokyoDayTime, tokyoTime } from "../../web/layout";
import type { VisitListItemView } from "../visits.presenters";
import { stateKey, TableScroll } from "./components";

/** When a visit started: the time for today's, the day and time for one left open from an earlier day. */
function startedText(ctx: PageContext, at: Date): string {
  const today = todayInJapan(ctx.now ?? new Date());
  return todayInJapan(at) === today ? tokyoTime(at, ctx.lang) : tokyoDayTime(at, ctx.lang);
}

/**
 * The office's open visits — each with the resident's name (the filer, else the head of household),
 * the ticket number called out, what the visit is about and when it started — and the button that
 * starts one for a resident who walked up without a ticket.
 */
export function VisitListPage({ ctx, visits }: { ctx: PageContext; visits: VisitListItemView[] }) {
  const { t } = ctx;
  return (
    <>
      <h1>{t("visits.listTitle")}</h1>
      <form method="post" action="/visits">
        <CsrfField token={ctx.csrfToken} />
        <button class="button" type="submit">
          {t("visits.startNew")}
        </button>
      </form>
      <h2 id="open-visits">{t("visits.openVisits")}</h2>
      {visits.length === 0 ? (
        <p>{t("visits.noOpenVisits")}</p>
      ) : (
        <TableScroll label={t("visits.visitsTableLabel")}>
          <table aria-labelledby="open-visits">
            <thead>
              <tr>
                <th scope="col">{t("visits.columnTicket")}</th>
                <th scope="col">{t("visits.columnPerson")}</th>
                <th scope="col">{t("visits.columnPurpose")}</th>
                <th scope="col">{t("visits.columnStarted")}</th>
                <th scope="col">{t("visits.columnStep")}</th>
              </tr>
            </thead>
            <tbody>
              {visits.map((v) => {
                const started = startedText(ctx, v.createdAt);
                return (
                  <tr data-visit={v.id}>
                    <td>
                      {v.ticket
                        ? t("visits.ticketNumber", { number: v.ticket.number })
                        : t("visits.noTicket")}
                    </td>
                    <th scope="row">
                      <a href={`/visits/${v.id}`}>
                        {v.person ? (
                          <Ja ctx={ctx}>{v.person}</Ja>
                        ) : (
                          t("visits.unknownPerson", { time: started })
                        )}
                      </a>
                    </th>
                    <td>{v.purpose ? <Local map={v.purpose} ctx={ctx} /> : t("visits.noPurpose")}</td>
                    <td>
                      <time datetime={v.createdAt.toISOString()}>{started}</time>
                    </td>
                    <td>{t(stateKey[v.state])}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
      )}
    </>
  );
}
