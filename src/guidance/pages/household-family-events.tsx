import { CheckboxGroup, type Option, RadioGroup, SelectField } from "../../web/components/fields";
import { ADD_NEWBORN, type GuidanceDraft, MAX_MEMBERS, memberId } from "../guidance-form";
import { Checkbox } from "./components";
import type { FormContext } from "./household-form-parts";

/**
 * The fieldsets of a birth, a marriage and a divorce (catalogue section 5). Without the page's script
 * every one shows, its legend saying which event it is for, and only the chosen event's are read
 * (householdFromDraft); the script shows only the chosen event's. The marriage and the divorce share
 * the couple's fieldset (the two partners and whose surname changes), so no field is posted twice.
 * Selects and boxes that name members carry `data-member-choice` / `data-member-checks`: the script
 * rebuilds them when a member is added or removed.
 */
export function FamilyEventFieldsets({
  f,
  draft,
  memberOptions,
}: {
  f: FormContext;
  draft: GuidanceDraft;
  /** The members to choose from, after a first "choose" option. */
  memberOptions: Option[];
}) {
  const { t } = f;
  const e = draft.event;
  const members = memberOptions.slice(1);
  const choose = (label: string): Option[] => [{ value: "", label }, ...members];
  // The boxes say the name only: 「山本 健二（世帯主）」 labels the filer's choice of the same person.
  const boxes: Option[] = draft.members.map((m, i) => ({
    value: memberId(i),
    label: m.name || t("guidance.form.unnamedMember", { n: i + 1 }),
  }));
  return (
    <>
      <fieldset class="panel hf-panel hf-when" data-when-event="birth">
        <legend>{t("guidance.form.birthSection")}</legend>
        <div class="hf-grid">
          <SelectField
            id="event-newborn"
            name="event.newborn"
            label={t("guidance.form.newborn")}
            hint={t("guidance.form.newbornHint")}
            options={memberOptions}
            value={e.type === "birth" ? e.subject : ""}
            error={f.errorFor("event-newborn")}
          />
          <SelectField
            id="event-mother"
            name="event.mother"
            label={t("guidance.form.mother")}
            options={choose(t("guidance.form.motherNotInHousehold"))}
            value={e.mother}
            error={f.errorFor("event-mother")}
          />
        </div>
        {draft.members.length < MAX_MEMBERS ? (
          <p>
            <button
              class="button button--secondary hf-small-button"
              type="submit"
              name="action"
              value={ADD_NEWBORN}
              data-add-newborn
            >
              {t("guidance.form.addNewborn")}
            </button>
          </p>
        ) : null}
        <Checkbox
          id="event-birthRegistered"
          name="event.birthRegistered"
          label={t("guidance.form.birthRegistered")}
          checked={e.birthRegistered}
        />
      </fieldset>

      <fieldset class="panel hf-panel hf-when" data-when-event="marriage divorce">
        <legend>{t("guidance.form.coupleSection")}</legend>
        <div class="hf-grid">
          <SelectField
            id="event-partners"
            name="event.partners"
            label={t("guidance.form.partner1")}
            options={memberOptions}
            value={e.partners[0]}
            error={f.errorFor("event-partners")}
          />
          <SelectField
            id="event-partners-1"
            name="event.partners"
            label={t("guidance.form.partner2")}
            options={memberOptions}
            value={e.partners[1]}
            error={f.errorFor("event-partners-1")}
          />
        </div>
        <div data-member-checks>
          <CheckboxGroup
            id="event-surnameChanges"
            name="event.surnameChanges"
            legend={t("guidance.form.surnameChanges")}
            options={boxes}
            values={e.surnameChanges}
            error={f.errorFor("event-surnameChanges")}
            class="hf-member-checks"
          />
        </div>
      </fieldset>

      <fieldset class="panel hf-panel hf-when" data-when-event="marriage">
        <legend>{t("guidance.form.marriageSection")}</legend>
        <div class="hf-checks">
          <Checkbox
            id="event-householdsMerge"
            name="event.householdsMerge"
            label={t("guidance.form.householdsMerge")}
            hint={t("guidance.form.householdsMergeHint")}
            checked={e.householdsMerge}
          />
          <Checkbox
            id="event-marriageRegistered"
            name="event.marriageRegistered"
            label={t("guidance.form.marriageRegistered")}
            checked={e.marriageRegistered}
          />
        </div>
      </fieldset>

      <fieldset class="panel hf-panel hf-when" data-when-event="divorce">
        <legend>{t("guidance.form.divorceSection")}</legend>
        <RadioGroup
          id="event-divorceType"
          name="event.divorceType"
          legend={t("guidance.form.divorceType")}
          options={[
            { value: "agreement", label: t("guidance.form.divorceTypeAgreement") },
            { value: "court", label: t("guidance.form.divorceTypeCourt") },
          ]}
          value={e.divorceType}
          class="hf-filer-choices"
        />
        <div class="hf-grid">
          <SelectField
            id="event-custodian"
            name="event.custodian"
            label={t("guidance.form.custodian")}
            hint={t("guidance.form.custodianHint")}
            options={choose(t("guidance.form.custodianNone"))}
            value={e.custodian}
            error={f.errorFor("event-custodian")}
          />
          <SelectField
            id="event-leaving"
            name="event.leaving"
            label={t("guidance.form.leaving")}
            options={choose(t("guidance.form.leavingNobody"))}
            value={e.leaving}
            error={f.errorFor("event-leaving")}
          />
        </div>
        <div data-member-checks>
          <CheckboxGroup
            id="event-keepSurname"
            name="event.keepSurname"
            legend={t("guidance.form.keepSurname")}
            hint={t("guidance.form.keepSurnameHint")}
            options={boxes}
            values={e.keepSurname}
            error={f.errorFor("event-keepSurname")}
            class="hf-member-checks"
          />
        </div>
        <Checkbox
          id="event-divorceRegistered"
          name="event.divorceRegistered"
          label={t("guidance.form.divorceRegistered")}
          checked={e.divorceRegistered}
        />
      </fieldset>
    </>
  );
}
