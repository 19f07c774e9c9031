import type { Locale, LocaleMap } from "../../shared/locale";
import { Local } from "../../web/components/lang";
import type { PublicContext } from "../../web/components/public-layout";
import { BookingPage, Day } from "./components";
import type { DayChoice } from "./reservation.presenter";

export interface DayChoiceView {
  office: LocaleMap;
  purpose: LocaleMap;
  days: DayChoice[];
  earlier: string | null;
  later: string | null;
  back: string;
  /** Moving a booking: the heading says so. */
  moving: boolean;
  languages: readonly Locale[];
}

/** Step 3: which day (the days with a free seat, two weeks a page). */
export function dayChoicePage(ctx: PublicContext, v: DayChoiceView) {
  const { t } = ctx;
  return (
    <BookingPage
      ctx={ctx}
      title={t(v.moving ? "reservations.pubMoveTitle" : "reservations.pubChooseDay")}
      languages={v.languages}
      back={{ href: v.back, label: t("reservations.pubBack") }}
    >
      <p class="lead">
        <Local map={v.office} ctx={ctx} /> / <Local map={v.purpose} ctx={ctx} />
      </p>
      {v.moving ? <h2>{t("reservations.pubChooseDay")}</h2> : null}
      {v.days.length === 0 ? (
        <p>{t("reservations.pubNoDays")}</p>
      ) : (
        <ul class="choice-list">
          {v.days.map((d) => (
            <li>
              <a class="button button--secondary" href={d.href} data-date={d.date}>
                <Day ctx={ctx} day={d.text} />
                <span class="choice-list__note">
                  {t("reservations.pubSeatsLeft", { count: d.remaining })}
                </span>
              </a>
            </li>
          ))}
        </ul>
      )}
      <p class="button-row">
        {v.earlier ? <a href={v.earlier}>{t("reservations.pubEarlier")}</a> : null}
        {v.later ? <a href={v.later}>{t("reservations.pubLater")}</a> : null}
      </p>
    </BookingPage>
  );
}
