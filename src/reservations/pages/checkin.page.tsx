import type { Problem } from "../../shared/errors";
import type { Locale, LocaleMap } from "../../shared/locale";
import { problemFor, TextField } from "../../web/components/fields";
import { Local } from "../../web/components/lang";
import type { PublicContext } from "../../web/components/public-layout";
import { BookingPage, Csrf } from "./components";

export interface CheckInView {
  office: LocaleMap;
  action: string;
  /** The kiosk's own page, to go back to taking a ticket without a reservation. */
  kiosk: string;
  code: string;
  csrfToken: string;
  problems: readonly Problem[];
  languages: readonly Locale[];
}

/**
 * The kiosk's check-in: type the reservation's 8 digits (or scan its QR code with the kiosk's scanner,
 * which types them), and get the ticket.
 */
export function checkInPage(ctx: PublicContext, v: CheckInView) {
  const { t } = ctx;
  return (
    <BookingPage
      ctx={ctx}
      title={t("reservations.kioskTitle")}
      languages={v.languages}
      problems={v.problems}
      back={{ href: v.kiosk, label: t("reservations.kioskBack") }}
    >
      <p class="lead">
        <Local map={v.office} ctx={ctx} />
      </p>
      <form method="post" action={v.action} novalidate>
        <Csrf token={v.csrfToken} />
        <TextField
          id="code"
          label={t("reservations.kioskCode")}
          hint={t("reservations.kioskCodeHint")}
          inputmode="numeric"
          autocomplete="off"
          maxlength={20}
          value={v.code}
          error={problemFor(v.problems, "code", t)}
          required
        />
        <button class="button kiosk__big-button" type="submit">
          {t("reservations.kioskSubmit")}
        </button>
      </form>
    </BookingPage>
  );
}
