import type { Translate } from "../../web/i18n";

/** Where the manual entry of a catalogue procedure is, for staff (its staff part). */
export const staffManualHref = (procedureId: string): string =>
  `/manual/procedures/${encodeURIComponent(procedureId)}`;

/** Where its public part is, for residents of a municipality (null for the national baseline). */
export const publicManualHref = (municipalityId: string, procedureId: string): string | null =>
  municipalityId === "national"
    ? null
    : `/faq/${municipalityId}/procedures/${encodeURIComponent(procedureId)}`;

/**
 * "Manual" beside a procedure on the staff plan: opens the procedure's entry (the route finds it,
 * so a plan never needs to know entry ids). Its accessible name says which procedure.
 */
export function ManualLink({ t, procedureId, name }: { t: Translate; procedureId: string; name: string }) {
  return (
    <a
      class="manual-link"
      href={staffManualHref(procedureId)}
      aria-label={t("manual.planLinkLabel", { procedure: name })}
    >
      {t("manual.planLink")}
    </a>
  );
}

/** "Guide to this procedure" on the resident's sheet: the public part in the sheet's language. */
export function PublicManualLink({ t, href }: { t: Translate; href: string | null }) {
  return href ? (
    <a class="manual-link" href={href}>
      {t("manual.faqGuideLink")}
    </a>
  ) : null;
}
