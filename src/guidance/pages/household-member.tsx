import {
  benefits,
  careLevels,
  insurances,
  pensionCategories,
  possessions,
  relations,
  sexes,
} from "../../catalog/vocabulary";
import {
  benefitLabels,
  careLevelLabels,
  insuranceLabels,
  memberFlagStatements,
  pensionCategoryLabels,
  possessionLabels,
  relationLabels,
  sexLabels,
} from "../../catalog/vocabulary-labels";
import { CheckboxGroup, DateField, SelectField, TextField } from "../../web/components/fields";
import { type MemberDraft, registryFields } from "../guidance-form";
import { regionName } from "../regions";
import { Checkbox, Numbered, options } from "./components";
import {
  type FormContext,
  flagOrder,
  optionLabel,
  RegistryFact,
  readDate,
  TEMPLATE_NUMBER,
  When,
} from "./household-form-parts";
import { MemberDetails, PreviousCover } from "./household-member-details";

/**
 * One member's fields. `index` is a number, or the template's placeholder; a member read from the
 * registry shows its registered facts as text with 変更, which opens them for editing with a reason.
 */
export function MemberFields({
  f,
  m,
  index,
  count,
}: {
  f: FormContext;
  m: MemberDraft;
  index: number | string;
  count: number;
}) {
  const { t, lang } = f;
  const p = `m${index}`;
  const n = typeof index === "number" ? index + 1 : TEMPLATE_NUMBER;
  const errorFor = (field: string) => (typeof index === "number" ? f.errorFor(`${p}-${field}`) : undefined);
  const locked = m.fromRegistry && !m.unlocked;
  const foreign = m.nationality !== "JP";
  const identity = (
    <>
      <div class="hf-grid">
        <TextField
          id={`${p}-name`}
          name={`${p}.name`}
          label={t("guidance.form.name")}
          value={m.name}
          autocomplete="off"
          error={errorFor("name")}
        />
        <TextField
          id={`${p}-kana`}
          name={`${p}.kana`}
          label={t("guidance.form.kana")}
          value={m.kana}
          autocomplete="off"
          error={errorFor("kana")}
        />
        <SelectField
          id={`${p}-relation`}
          name={`${p}.relation`}
          label={t("guidance.form.relation")}
          options={options(relations, relationLabels, lang)}
          value={m.relation}
          error={errorFor("relation")}
        />
        <DateField
          t={t}
          id={`${p}-birthDate`}
          name={`${p}.birthDate`}
          label={t("guidance.form.birthDate")}
          value={m.birthDate}
          error={errorFor("birthDate")}
        />
        <SelectField
          id={`${p}-sex`}
          name={`${p}.sex`}
          label={t("guidance.form.sex")}
          options={[{ value: "", label: t("guidance.form.sexNotGiven") }, ...options(sexes, sexLabels, lang)]}
          value={m.sex}
        />
      </div>
      <MemberDetails f={f} m={m} p={p} errorFor={errorFor} />
      {m.fromRegistry ? (
        <TextField
          id={`${p}-changeReason`}
          name={`${p}.changeReason`}
          label={t("guidance.form.changeReason")}
          hint={t("guidance.form.changeReasonHint")}
          value={m.changeReason}
          error={errorFor("changeReason")}
          class="hf-wide"
        />
      ) : null}
    </>
  );
  return (
    <fieldset class="panel hf-member" data-member>
      <legend>
        <Numbered text={(x) => t("guidance.form.member", { n: x })} n={n} />
      </legend>
      {m.fromRegistry ? (
        <>
          <input type="hidden" name={`${p}.registry`} value="1" />
          <input type="hidden" name={`${p}.residentId`} value={m.residentId} />
          <input type="hidden" name={`${p}.unlocked`} value={m.unlocked ? "1" : ""} data-unlocked />
          <p class="hf-registry-badge">
            <span class="hf-badge">{t("guidance.form.fromRegistry")}</span>
          </p>
        </>
      ) : null}
      {locked ? (
        <>
          <div class="hf-registry" data-registry-facts>
            <dl class="hf-facts">
              <RegistryFact f={f} label={t("guidance.form.name")} value={m.name} ja />
              <RegistryFact f={f} label={t("guidance.form.kana")} value={m.kana} ja />
              <RegistryFact
                f={f}
                label={t("guidance.form.relation")}
                value={optionLabel(options(relations, relationLabels, lang), m.relation)}
              />
              <RegistryFact
                f={f}
                label={t("guidance.form.birthDate")}
                value={m.birthDate ? readDate(m.birthDate) : ""}
              />
              <RegistryFact
                f={f}
                label={t("guidance.form.sex")}
                value={optionLabel(options(sexes, sexLabels, lang), m.sex)}
              />
              <RegistryFact
                f={f}
                label={t("guidance.form.nationality")}
                value={regionName(m.nationality, lang)}
              />
              {foreign ? (
                <>
                  <RegistryFact f={f} label={t("guidance.form.residenceStatus")} value={m.residenceStatus} />
                  <RegistryFact
                    f={f}
                    label={t("guidance.form.residenceCardNumber")}
                    value={m.residenceCardNumber}
                  />
                  <RegistryFact
                    f={f}
                    label={t("guidance.form.residencePeriodEnd")}
                    value={m.residencePeriodEnd ? readDate(m.residencePeriodEnd) : ""}
                  />
                </>
              ) : (
                <>
                  <RegistryFact f={f} label={t("guidance.form.honseki")} value={m.honseki} ja />
                  <RegistryFact f={f} label={t("guidance.form.hittousha")} value={m.hittousha} ja />
                </>
              )}
            </dl>
            {/* What is shown is what is posted; the fields below are disabled until 変更. */}
            {registryFields.map((key) => (
              <input type="hidden" name={`${p}.${key}`} value={m[key]} data-registry-value />
            ))}
            <button
              class="button button--secondary hf-small-button"
              type="submit"
              name="action"
              value={`unlock:${index}`}
              data-unlock
            >
              {t("guidance.form.changeFacts")}
              <span class="visually-hidden">
                <Numbered text={(x) => t("guidance.form.changeFactsFor", { n: x })} n={n} />
              </span>
            </button>
          </div>
          <fieldset class="hf-identity" disabled hidden data-registry-edit>
            <legend class="visually-hidden">{t("guidance.form.registryFacts")}</legend>
            {identity}
          </fieldset>
        </>
      ) : (
        <div class="hf-identity">{identity}</div>
      )}
      <div class="hf-grid">
        <SelectField
          id={`${p}-insurance`}
          name={`${p}.insurance`}
          label={t("guidance.form.insurance")}
          options={options(insurances, insuranceLabels, lang)}
          value={m.insurance}
          error={errorFor("insurance")}
        />
        <SelectField
          id={`${p}-pension`}
          name={`${p}.pension`}
          label={t("guidance.form.pension")}
          options={[
            { value: "", label: t("guidance.form.pensionNone") },
            ...options(pensionCategories, pensionCategoryLabels, lang),
          ]}
          value={m.pension}
          error={errorFor("pension")}
        />
        <SelectField
          id={`${p}-careLevel`}
          name={`${p}.careLevel`}
          label={t("guidance.form.careLevel")}
          options={[
            { value: "", label: t("guidance.form.careLevelNone") },
            ...options(careLevels, careLevelLabels, lang),
          ]}
          value={m.careLevel}
        />
      </div>
      <PreviousCover f={f} m={m} p={p} errorFor={errorFor} />
      <When event="move-in move-within move-between-wards move-out">
        <Checkbox
          id={`${p}-moving`}
          name={`${p}.moving`}
          label={t("guidance.form.moving")}
          checked={m.moving}
        />
      </When>
      <div class="hf-choices">
        <CheckboxGroup
          id={`${p}-flag`}
          name={`${p}.flags`}
          legend={t("guidance.form.flags")}
          options={options(flagOrder, memberFlagStatements, lang)}
          values={m.flags}
        />
        <CheckboxGroup
          id={`${p}-benefit`}
          name={`${p}.benefits`}
          legend={t("guidance.form.benefits")}
          options={options(benefits, benefitLabels, lang)}
          values={m.benefits}
        />
        <CheckboxGroup
          id={`${p}-owns`}
          name={`${p}.owns`}
          legend={t("guidance.form.owns")}
          options={options(possessions, possessionLabels, lang)}
          values={m.owns}
        />
      </div>
      <button
        class="button button--secondary hf-small-button"
        type="submit"
        name="action"
        value={`remove:${index}`}
        data-remove-member
        hidden={count <= 1}
      >
        <Numbered text={(x) => t("guidance.form.removeMember", { n: x })} n={n} />
      </button>
    </fieldset>
  );
}
