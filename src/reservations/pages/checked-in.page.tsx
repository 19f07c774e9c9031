import type { Locale, LocaleMap } from "../../shared/locale";
import { Local } from "../../web/components/lang";
import type { PublicContext } from "../../web/components/public-layout";
import { BookingPage } from "./components";

export interface CheckedInView {
  /** "R-123" for a reservation on time; the plain number for a late arrival (a walk-in's ticket). */
  mark: string;
  late: boolean;
  purpose: LocaleMap;
  slotTime: string;
  phoneUrl: string;
  qrSvg: string;
  /** Back to the kiosk (at a kiosk) or to the reservation (on a phone). */
  back: { href: string; label: string } | null;
  languages: readonly Locale[];
}

/** The ticket a check-in gave: its mark large, the purpose, the phone page's QR code. */
export function checkedInPage(ctx: PublicContext, v: CheckedInView) {
  const { t } = ctx;
  return (
    <BookingPage ctx={ctx} title={t("reservations.checkedInTitle")} languages={v.languages}>
      <div role="status">
        <p class="phone__label">{t("reservations.checkedInNumber")}</p>
        <p class="receipt__number" data-testid="checkin-mark">
          {v.mark}
        </p>
      </div>
      <p class="phone__purpose">
        <Local map={v.purpose} ctx={ctx} />
      </p>
      <p>
        {v.late
          ? t("reservations.checkedInLate", { time: v.slotTime })
          : t("reservations.checkedInOnTime", { time: v.slotTime })}
      </p>
      <div class="receipt__qr">
        <div
          class="receipt__qr-code"
          role="img"
          aria-label={t("reservations.checkedInQrAlt")}
          dangerouslySetInnerHTML={{ __html: v.qrSvg }}
        />
        <p>{t("reservations.checkedInQrLead")}</p>
      </div>
      <p class="receipt__url">
        <a href={v.phoneUrl} data-testid="checkin-phone-link">
          {v.phoneUrl}
        </a>
      </p>
      {v.back ? (
        <p>
          <a class="button button--secondary kiosk__big-button" href={v.back.href}>
            {v.back.label}
          </a>
        </p>
      ) : null}
    </BookingPage>
  );
}
