import type { Problem } from "../../shared/errors";
import type { Locale, LocaleMap } from "../../shared/locale";
import { Local } from "../../web/components/lang";
import { type PublicContext, PublicLayout } from "../../web/components/public-layout";
import { CsrfField } from "../../web/layout";
import type { WaitShown } from "../wait-estimate";
import { QueueAlert, waitText } from "./components";

/** One language button: the language in its own name, leading to the kiosk in that language. */
export interface KioskLanguage {
  code: Locale;
  name: string;
  href: string;
  current: boolean;
}

export interface KioskPurpose {
  id: string;
  labels: LocaleMap;
  waiting: number;
  wait: WaitShown;
}

export interface KioskView {
  officeId: string;
  officeName: LocaleMap;
  languages: KioskLanguage[];
  purposes: KioskPurpose[];
  /** Why tickets cannot be issued now, or empty. */
  closed: Problem[];
  problems: Problem[];
  csrfToken: string;
  /** The kiosk has a printer: carried to the receipt, which then prints by itself. */
  printer: boolean;
}

/**
 * The language buttons on top of the kiosk: each language in its own name and marked with its own
 * lang, as links (a shared kiosk keeps no cookie of one resident's choice for the next).
 */
function KioskLanguages({ ctx, languages }: { ctx: PublicContext; languages: KioskLanguage[] }) {
  if (languages.length < 2) return null;
  return (
    <nav class="kiosk-langs" aria-label={ctx.t("common.languageNav")}>
      <ul>
        {languages.map((l) => (
          <li>
            <a
              href={l.href}
              lang={l.code}
              hreflang={l.code}
              class={l.current ? "kiosk-langs__button kiosk-langs__button--current" : "kiosk-langs__button"}
              aria-current={l.current ? "true" : undefined}
            >
              {l.name}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The kiosk: a touch screen that reads in the language the resident chose (Japanese at first). */
export function kioskPage(ctx: PublicContext, v: KioskView) {
  const { t } = ctx;
  return (
    <PublicLayout ctx={ctx} title={t("queue.kioskTitle")} bodyClass="queue kiosk" styles={["queue"]}>
      <KioskLanguages ctx={ctx} languages={v.languages} />
      <header class="kiosk__header">
        <p class="kiosk__office">
          <Local map={v.officeName} ctx={ctx} />
        </p>
        <h1>{t("queue.kioskTitle")}</h1>
        <p>{t("queue.kioskLead")}</p>
      </header>
      <QueueAlert problems={v.problems} t={t} />
      {v.closed.length > 0 ? (
        <QueueAlert problems={v.closed} t={t} />
      ) : (
        <form method="post" action={`/queue/offices/${v.officeId}/kiosk`} class="kiosk__form">
          <CsrfField token={v.csrfToken} />
          <input type="hidden" name="lang" value={ctx.lang} />
          {v.printer ? <input type="hidden" name="printer" value="1" /> : null}
          <ul class="kiosk__purposes">
            {v.purposes.map((p) => (
              <li>
                <button type="submit" name="purposeId" value={p.id} class="kiosk__purpose">
                  <span class="kiosk__label">
                    <Local map={p.labels} ctx={ctx} />
                  </span>
                  <span class="kiosk__wait">
                    <span>{t("queue.waitingCount", { count: String(p.waiting) })}</span>
                    <span>{waitText(t, p.wait)}</span>
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </form>
      )}
      {/* Reservations (src/reservations): a resident who booked checks in with the reservation's code. */}
      <p class="kiosk__reservation">
        <a
          class="button button--secondary kiosk__big-button"
          href={`/reservations/kiosk/${v.officeId}?lang=${encodeURIComponent(ctx.lang)}`}
        >
          {t("reservations.kioskEntry")}
        </a>
      </p>
    </PublicLayout>
  );
}
