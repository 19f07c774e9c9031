import type { Problem } from "../../shared/errors";
import type { Locale } from "../../shared/locale";
import { problemFor, TextField } from "../../web/components/fields";
import { Ja, Local } from "../../web/components/lang";
import type { PublicContext } from "../../web/components/public-layout";
import { BookingPage, Csrf, Day } from "./components";
import type { ReservationSummary } from "./reservation.presenter";

export interface ManageView {
  summary: ReservationSummary;
  /** The page's own path: every action posts below it. */
  base: string;
  actions: { confirm: boolean; move: boolean; cancel: boolean; checkIn: boolean; calendar: boolean };
  /** The last moment to move or cancel ("2026-12-06 09:30"), when the booking has one. */
  cutoff: string | null;
  /** The code as a QR code (SVG) for a kiosk's scanner. */
  codeQrSvg: string;
  form: { name?: string; kana?: string; phone?: string; email?: string; preApplication?: string };
  csrfToken: string;
  problems: readonly Problem[];
  /** A notice after an action (booked, moved). */
  notice: "booked" | "moved" | null;
  languages: readonly Locale[];
}

function Facts({ ctx, s }: { ctx: PublicContext; s: ReservationSummary }) {
  const { t } = ctx;
  return (
    <dl class="receipt__facts">
      <dt>{t("reservations.pubDay")}</dt>
      <dd data-testid="reservation-day">
        <Day ctx={ctx} day={s.day} />
      </dd>
      <dt>{t("reservations.pubTime")}</dt>
      <dd data-testid="reservation-time">{s.time}</dd>
      <dt>{t("reservations.pubOffice")}</dt>
      <dd>
        <Local map={s.office} ctx={ctx} />
      </dd>
      <dt>{t("reservations.pubPurpose")}</dt>
      <dd>
        <Local map={s.purpose} ctx={ctx} />
      </dd>
      {s.preApplication ? (
        <>
          <dt>{t("reservations.pubPreApplicationLinked")}</dt>
          <dd data-testid="reservation-pre-application">{t("reservations.pubPreApplicationLinkedText")}</dd>
        </>
      ) : null}
      {s.name ? (
        <>
          <dt>{t("reservations.pubName")}</dt>
          <dd>
            <Ja ctx={ctx}>{s.name}</Ja>
          </dd>
        </>
      ) : null}
    </dl>
  );
}

/** The resident's own reservation by its link: confirm a hold, or view, move, cancel, check in. */
export function managePage(ctx: PublicContext, v: ManageView) {
  const { t } = ctx;
  const s = v.summary;
  const held = s.status === "held";
  const title = held ? t("reservations.pubConfirmTitle") : t("reservations.pubManageTitle");
  const field = (id: "name" | "kana" | "phone" | "email" | "preApplication") => problemFor(v.problems, id, t);
  return (
    <BookingPage ctx={ctx} title={title} languages={v.languages} problems={v.problems}>
      {v.notice ? (
        <div class="notice" role="status">
          <p>{t(v.notice === "booked" ? "reservations.pubBooked" : "reservations.pubMoved")}</p>
        </div>
      ) : null}
      <p class="lead" data-testid="reservation-status">
        {t("reservations.pubStatus", { status: s.status })}
      </p>
      {held && s.holdUntil ? <p>{t("reservations.pubHeldUntil", { time: s.holdUntil })}</p> : null}
      <Facts ctx={ctx} s={s} />
      {held && v.actions.confirm ? (
        <form method="post" action={`${v.base}/confirm`} novalidate>
          <Csrf token={v.csrfToken} />
          <TextField
            id="name"
            label={t("reservations.pubName")}
            hint={t("reservations.pubNameHint")}
            required
            autocomplete="name"
            maxlength={100}
            value={v.form.name}
            error={field("name")}
          />
          <TextField
            id="kana"
            label={t("reservations.pubKana")}
            hint={t("reservations.pubOptional")}
            maxlength={100}
            value={v.form.kana}
            error={field("kana")}
          />
          <TextField
            id="phone"
            type="tel"
            label={t("reservations.pubPhone")}
            hint={t("reservations.pubOptional")}
            autocomplete="tel"
            inputmode="tel"
            maxlength={20}
            value={v.form.phone}
            error={field("phone")}
          />
          <TextField
            id="email"
            type="email"
            label={t("reservations.pubEmail")}
            hint={t("reservations.pubEmailHint")}
            autocomplete="email"
            maxlength={254}
            value={v.form.email}
            error={field("email")}
          />
          <TextField
            id="preApplication"
            label={t("reservations.pubPreApplication")}
            hint={t("reservations.pubPreApplicationHint")}
            autocomplete="off"
            maxlength={500}
            value={v.form.preApplication}
            error={field("preApplication")}
          />
          <p class="field__hint">{t("reservations.pubNoMyNumber")}</p>
          <button class="button" type="submit">
            {t("reservations.pubConfirm")}
          </button>
        </form>
      ) : null}
      {!held && (s.status === "booked" || s.status === "checked_in") ? (
        <section aria-labelledby="code-title">
          <h2 id="code-title">{t("reservations.pubCodeTitle")}</h2>
          <p class="phone__number" data-testid="reservation-code">
            {s.code}
          </p>
          <p>{t("reservations.pubCodeLead")}</p>
          <div
            class="qr"
            role="img"
            aria-label={t("reservations.pubCodeQrAlt")}
            dangerouslySetInnerHTML={{ __html: v.codeQrSvg }}
          />
          <p>{t("reservations.pubKeepLink")}</p>
        </section>
      ) : null}
      {v.actions.checkIn ? (
        <form method="post" action={`${v.base}/checkin`}>
          <Csrf token={v.csrfToken} />
          <button class="button" type="submit">
            {t("reservations.pubCheckInHere")}
          </button>
        </form>
      ) : null}
      <div class="button-row">
        {v.actions.calendar ? (
          <a class="button button--secondary" href={`${v.base}/calendar.ics`} download="reservation.ics">
            {t("reservations.pubCalendar")}
          </a>
        ) : null}
        {v.actions.move ? (
          <a class="button button--secondary" href={`${v.base}/move`}>
            {t("reservations.pubMove")}
          </a>
        ) : null}
      </div>
      {v.actions.cancel ? (
        <form method="post" action={`${v.base}/cancel`}>
          <Csrf token={v.csrfToken} />
          <button class="button button--secondary" type="submit">
            {t(held ? "reservations.pubRelease" : "reservations.pubCancel")}
          </button>
        </form>
      ) : null}
      {v.cutoff && s.status === "booked" ? (
        <p class="field__hint">
          {t(v.actions.cancel ? "reservations.pubCutoff" : "reservations.pubCutoffPassed", {
            cutoff: v.cutoff,
          })}
        </p>
      ) : null}
    </BookingPage>
  );
}
