import { Local } from "../../web/components/lang";
import type { PageContext } from "../../web/layout";
import type { BookedNextItem } from "../booked-next";
import { timeText } from "./reservation.presenter";

/** The counter screen's "booked next" list (src/queue/pages/counter.page.tsx shows it). */
export function BookedNext({ ctx, items }: { ctx: PageContext; items: readonly BookedNextItem[] }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="booked-next-heading" data-testid="booked-next">
      <h2 id="booked-next-heading">{t("reservations.counterBookedNext")}</h2>
      {items.length === 0 ? (
        <p>{t("reservations.counterNoneBooked")}</p>
      ) : (
        <ul>
          {items.map((i) => (
            <li>
              {timeText(i.start)}–{timeText(i.end)} <Local map={i.purpose} ctx={ctx} />{" "}
              {i.mark
                ? t("reservations.counterArrived", { mark: i.mark })
                : t("reservations.counterNotArrived")}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
