import type { Locale, LocaleMap } from "../../shared/locale";
import { Local } from "../../web/components/lang";
import type { PublicContext } from "../../web/components/public-layout";
import { BookingPage } from "./components";

export interface PurposeChoiceView {
  office: LocaleMap;
  purposes: Array<{ labels: LocaleMap; href: string }>;
  back: string;
  languages: readonly Locale[];
}

/** Step 2: what for (only the purposes that take bookings). */
export function purposeChoicePage(ctx: PublicContext, v: PurposeChoiceView) {
  const { t } = ctx;
  return (
    <BookingPage
      ctx={ctx}
      title={t("reservations.pubChoosePurpose")}
      languages={v.languages}
      back={{ href: v.back, label: t("reservations.pubBack") }}
    >
      <p class="lead">
        <Local map={v.office} ctx={ctx} />
      </p>
      {v.purposes.length === 0 ? (
        <p>{t("reservations.pubNoPurposes")}</p>
      ) : (
        <ul class="choice-list">
          {v.purposes.map((p) => (
            <li>
              <a class="button button--secondary" href={p.href}>
                <Local map={p.labels} ctx={ctx} />
              </a>
            </li>
          ))}
        </ul>
      )}
    </BookingPage>
  );
}
