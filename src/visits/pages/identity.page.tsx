import { CardCheck } from "../../card/pages/card-check";
import type { Problem } from "../../shared/errors";
import { CheckboxGroup, problemFor } from "../../web/components/fields";
import { Ja } from "../../web/components/lang";
import type { MessageKey } from "../../web/i18n";
import type { PageContext } from "../../web/layout";
import type { DocumentList } from "../identity";
import type { IdentityView, VisitFrameView } from "../visits.presenters";
import { Msg, VisitForm } from "./components";

const documentKey: Record<string, MessageKey> = {
  "mynumber-card": "visits.docMyNumberCard",
  "drivers-licence": "visits.docDriversLicence",
  passport: "visits.docPassport",
  "residence-card": "visits.docResidenceCard",
  "special-permanent-resident": "visits.docSpecialPermanentResident",
  "physical-disability-certificate": "visits.docPhysicalDisability",
  "ryoiku-techo": "visits.docRyoikuTecho",
  "mental-health-certificate": "visits.docMentalHealth",
  "health-insurance-certificate": "visits.docHealthInsurance",
  "care-insurance-certificate": "visits.docCareInsurance",
  "pension-book": "visits.docPensionBook",
  "pension-certificate": "visits.docPensionCertificate",
  "student-id": "visits.docStudentId",
  "employee-id": "visits.docEmployeeId",
  "bank-passbook": "visits.docBankPassbook",
};

function GroupLegend({ ctx, list }: { ctx: PageContext; list: DocumentList }) {
  const { t } = ctx;
  const i = <Ja ctx={ctx}>{t("visits.listI")}</Ja>;
  if (list === "photo") return <>{t("visits.groupPhoto")}</>;
  if (list === "i") return <Msg t={t} k="visits.groupI" parts={{ list: i }} />;
  return <Msg t={t} k="visits.groupRo" parts={{ list: <Ja ctx={ctx}>{t("visits.listRo")}</Ja>, other: i }} />;
}

function DocumentLabel({ ctx, code }: { ctx: PageContext; code: string }) {
  const key = documentKey[code];
  if (!key) return <>{code}</>;
  // 療育手帳 has no English name: the English label quotes it, marked as Japanese.
  return <Msg t={ctx.t} k={key} parts={{ name: <Ja ctx={ctx}>{ctx.t("visits.ryoikuTechoName")}</Ja> }} />;
}

/**
 * The identity check: which kinds of documents were seen (one photo document, or two from lists イ and
 * ロ), and whether an agent acts for the resident. Only the kinds are recorded.
 */
export function IdentityPage({
  ctx,
  visit,
  view,
  problems,
}: {
  ctx: PageContext;
  visit: VisitFrameView;
  view: IdentityView;
  problems: readonly Problem[];
}) {
  const { t } = ctx;
  return (
    <VisitForm ctx={ctx} visit={visit} action="identity">
      <CardCheck ctx={ctx} version={visit.version} action={`/visits/${visit.id}/identity/card`} />
      <h2>{t("visits.identityTitle")}</h2>
      <p>{t("visits.identityLead")}</p>
      {view.groups.map((g) => (
        <CheckboxGroup
          id={g.list === "photo" ? "documents" : `documents-${g.list}`}
          name="documents"
          class="checkboxes"
          legend={<GroupLegend ctx={ctx} list={g.list} />}
          error={g.list === "photo" ? problemFor(problems, "documents", t) : undefined}
          options={g.documents.map((code) => ({
            value: code,
            label: <DocumentLabel ctx={ctx} code={code} />,
          }))}
        />
      ))}
      <CheckboxGroup
        id="powerOfAttorney"
        name="agent"
        class="checkboxes"
        legend={t("visits.agentLegend")}
        error={problemFor(problems, "powerOfAttorney", t)}
        options={[
          { value: "acting", label: t("visits.agentActing") },
          { value: "sameHousehold", label: t("visits.agentSameHousehold") },
          { value: "powerOfAttorney", label: t("visits.powerOfAttorneyShown") },
        ]}
      />
      <button class="button" type="submit">
        {t("visits.recordIdentity")}
      </button>
    </VisitForm>
  );
}
