import { insurances, pensionCategories } from "../../catalog/vocabulary";
import { insuranceLabels, pensionCategoryLabels } from "../../catalog/vocabulary-labels";
import { DateField, SelectField, TextField } from "../../web/components/fields";
import { type MemberDraft, previousCoverEvents } from "../guidance-form";
import { commonRegions, regionCodes } from "../regions";
import { options, regionOptions } from "./components";
import { type FormContext, When } from "./household-form-parts";

/**
 * A member's 国籍・地域 and what goes with it: 本籍 and 筆頭者 for a Japanese national; 在留資格, the card
 * number and the end of the period of stay for a foreign resident (住基法 §30の45).
 */
export function MemberDetails({
  f,
  m,
  p,
  errorFor,
}: {
  f: FormContext;
  m: MemberDraft;
  p: string;
  errorFor: (field: string) => string | undefined;
}) {
  const { t, lang } = f;
  const _foreign = m.nationality !== "JP";
  return (
    <fieldset class="hf-details" data-nationality-group>
      <legend>{t("guidance.form.details")}</legend>
      <div class="hf-grid">
        <SelectField
          id={`${p}-nationality`}
          name={`${p}.nationality`}
          label={t("guidance.form.nationality")}
          options={regionOptions(lang, commonRegions, regionCodes)}
          value={m.nationality}
          error={errorFor("nationality")}
        />
        <When nationality="JP">
          <TextField
            id={`${p}-honseki`}
            name={`${p}.honseki`}
            label={t("guidance.form.honseki")}
            value={m.honseki}
            autocomplete="off"
            error={errorFor("honseki")}
          />
        </When>
        <When nationality="JP">
          <TextField
            id={`${p}-hittousha`}
            name={`${p}.hittousha`}
            label={t("guidance.form.hittousha")}
            value={m.hittousha}
            autocomplete="off"
            error={errorFor("hittousha")}
          />
        </When>
        <When nationality="foreign">
          <TextField
            id={`${p}-residenceStatus`}
            name={`${p}.residenceStatus`}
            label={t("guidance.form.residenceStatus")}
            value={m.residenceStatus}
            autocomplete="off"
            error={errorFor("residenceStatus")}
          />
        </When>
        <When nationality="foreign">
          <TextField
            id={`${p}-residenceCardNumber`}
            name={`${p}.residenceCardNumber`}
            label={t("guidance.form.residenceCardNumber")}
            hint={t("guidance.form.residenceCardNumberHint")}
            value={m.residenceCardNumber}
            autocomplete="off"
            maxlength={20}
            error={errorFor("residenceCardNumber")}
          />
        </When>
        <When nationality="foreign">
          <DateField
            t={t}
            id={`${p}-residencePeriodEnd`}
            name={`${p}.residencePeriodEnd`}
            label={t("guidance.form.residencePeriodEnd")}
            examples="recent"
            value={m.residencePeriodEnd}
            error={errorFor("residencePeriodEnd")}
          />
        </When>
      </div>
    </fieldset>
  );
}

/**
 * The member's health insurance and pension before the event (a move-in, a marriage, a divorce):
 * "unchanged" unless staff say otherwise, as the engine reads an absent value.
 */
export function PreviousCover({
  f,
  m,
  p,
  errorFor,
}: {
  f: FormContext;
  m: MemberDraft;
  p: string;
  errorFor: (field: string) => string | undefined;
}) {
  const { t, lang } = f;
  const unchanged = { value: "", label: t("guidance.form.previousUnchanged") };
  return (
    <When event={previousCoverEvents.join(" ")}>
      <div class="hf-grid">
        <SelectField
          id={`${p}-previousInsurance`}
          name={`${p}.previousInsurance`}
          label={t("guidance.form.previousInsurance")}
          options={[unchanged, ...options(insurances, insuranceLabels, lang)]}
          value={m.previousInsurance}
          error={errorFor("previousInsurance")}
        />
        <SelectField
          id={`${p}-previousPension`}
          name={`${p}.previousPension`}
          label={t("guidance.form.previousPension")}
          options={[unchanged, ...options(pensionCategories, pensionCategoryLabels, lang)]}
          value={m.previousPension}
          error={errorFor("previousPension")}
        />
      </div>
    </When>
  );
}
