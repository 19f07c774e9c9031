import type { Problem } from "../../shared/errors";
import type { Locale, LocaleMap } from "../../shared/locale";
import { Local } from "../../web/components/lang";
import type { PublicContext } from "../../web/components/public-layout";
import { BookingPage, Csrf, Day } from "./components";
import type { DayText, TimeChoice } from "./reservation.presenter";

export interface TimeChoiceView {
  office: LocaleMap;
  purpose: LocaleMap;
  day: DayText;
  times: TimeChoice[];
  /** Where the chosen time is posted: a new hold, or a move of a booking. */
  action: string;
  moving: boolean;
  back: string;
  csrfToken: string;
  problems: readonly Problem[];
  languages: readonly Locale[];
}

/** Step 4: which time. Choosing holds the seat for 10 minutes (or moves the booking there). */
export function timeChoicePage(ctx: PublicContext, v: TimeChoiceView) {
  const { t } = ctx;
  return (
    <BookingPage
      ctx={ctx}
      title={t("reservations.pubChooseTime")}
      languages={v.languages}
      problems={v.problems}
      back={{ href: v.back, label: t("reservations.pubBack") }}
    >
      <p class="lead">
        <Local map={v.office} ctx={ctx} /> / <Local map={v.purpose} ctx={ctx} />
      </p>
      <h2>
        <Day ctx={ctx} day={v.day} />
      </h2>
      <p>{t(v.moving ? "reservations.pubMoveNote" : "reservations.pubHoldNote")}</p>
      {v.times.length === 0 ? (
        <p>{t("reservations.pubNoTimes")}</p>
      ) : (
        <form method="post" action={v.action}>
          <Csrf token={v.csrfToken} />
          <ul class="choice-list">
            {v.times.map((s) => (
              <li>
                <button
                  class="button button--secondary"
                  type="submit"
                  name="start"
                  value={s.start}
                  disabled={s.remaining === 0}
                >
                  {s.label}{" "}
                  <span class="choice-list__note">
                    {s.remaining === 0
                      ? t("reservations.pubFull")
                      : t("reservations.pubSeatsLeft", { count: s.remaining })}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </form>
      )}
    </BookingPage>
  );
}
