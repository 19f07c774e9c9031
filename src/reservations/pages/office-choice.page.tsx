import type { Locale, LocaleMap } from "../../shared/locale";
import { Local } from "../../web/components/lang";
import type { PublicContext } from "../../web/components/public-layout";
import { BookingPage } from "./components";

export interface OfficeChoiceView {
  offices: Array<{ name: LocaleMap; href: string }>;
  languages: readonly Locale[];
}

/** Step 1: which office. */
export function officeChoicePage(ctx: PublicContext, v: OfficeChoiceView) {
  const { t } = ctx;
  return (
    <BookingPage ctx={ctx} title={t("reservations.pubTitle")} languages={v.languages}>
      <p class="lead">{t("reservations.pubLead")}</p>
      <h2>{t("reservations.pubChooseOffice")}</h2>
      <ul class="choice-list">
        {v.offices.map((o) => (
          <li>
            <a class="button button--secondary" href={o.href}>
              <Local map={o.name} ctx={ctx} />
            </a>
          </li>
        ))}
      </ul>
    </BookingPage>
  );
}
