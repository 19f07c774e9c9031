import type { Problem } from "../../shared/errors";
import type { LocaleMap } from "../../shared/locale";
import { ErrorSummary, problemFor, TextArea } from "../../web/components/fields";
import { Local } from "../../web/components/lang";
import { CsrfField, type PageContext } from "../../web/layout";
import { OTHER_OFFICE_REASON_MAX } from "../other-office";

export interface OtherOfficeView {
  visitId: string;
  /** The office the visit belongs to; undefined if it has since been removed. */
  office: LocaleMap | undefined;
  reason: string;
  problems: Problem[];
}

/**
 * A visit of another office of the municipality, reached by its address: not shown by default. The page
 * says whose visit it is and offers to open it anyway, with a reason that goes to the audit log.
 */
export function OtherOfficePage({ ctx, view }: { ctx: PageContext; view: OtherOfficeView }) {
  const { t } = ctx;
  return (
    <>
      <ErrorSummary problems={view.problems} t={t} />
      <h1>{t("visits.otherOfficeTitle")}</h1>
      <p>
        {t("visits.otherOfficeBelongsTo")}{" "}
        <strong data-testid="visit-office">
          {view.office ? <Local map={view.office} ctx={ctx} /> : t("visits.otherOfficeUnknown")}
        </strong>
      </p>
      <p>{t("visits.otherOfficeExplain")}</p>
      <form method="post" action={`/visits/${view.visitId}/open-other-office`} novalidate>
        <CsrfField token={ctx.csrfToken} />
        <TextArea
          id="reason"
          label={t("visits.otherOfficeReasonLabel")}
          hint={t("visits.otherOfficeReasonHint", { max: OTHER_OFFICE_REASON_MAX })}
          error={problemFor(view.problems, "reason", t)}
          value={view.reason}
          maxlength={OTHER_OFFICE_REASON_MAX}
          required
        />
        <div class="button-row">
          <button class="button" type="submit">
            {t("visits.otherOfficeOpen")}
          </button>
          <a class="button button--secondary" href="/visits">
            {t("visits.otherOfficeBack")}
          </a>
        </div>
      </form>
    </>
  );
}
