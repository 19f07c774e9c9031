import { CsrfField, type PageContext, tokyoTime } from "../../web/layout";
import type { VisitListItemView } from "../visits.presenters";
import { stateKey } from "./components";

/** The office's open visits, and the button that starts one for a resident who walked up without a ticket. */
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
      <h2>{t("visits.openVisits")}</h2>
      {visits.length === 0 ? (
        <p>{t("visits.noOpenVisits")}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t("visits.columnStarted")}</th>
              <th scope="col">{t("visits.columnStep")}</th>
              <th scope="col">{t("visits.columnOpen")}</th>
            </tr>
          </thead>
          <tbody>
            {visits.map((v) => {
              const time = tokyoTime(v.createdAt, ctx.lang);
              return (
                <tr>
                  <td>{time}</td>
                  <td>{t(stateKey[v.state])}</td>
                  <td>
                    <a href={`/visits/${v.id}`}>{t("visits.openVisitAt", { time })}</a>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </>
  );
}
