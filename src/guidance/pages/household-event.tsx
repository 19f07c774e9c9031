import { eventTypes } from "../../catalog/vocabulary";
import { eventTypeDescriptions } from "../../catalog/vocabulary-labels";
import { DateField, type Option, SelectField, TextField } from "../../web/components/fields";
import type { GuidanceDraft } from "../guidance-form";
import { prefectureOf } from "../prefecture";
import { commonRegions, regionCodes } from "../regions";
import { Checkbox, options, regionOptions } from "./components";
import { type FormContext, When } from "./household-form-parts";

/**
 * The event's fieldset of the household form: the kind of event and its date, what goes with it (the
 * deceased, the funeral, the address moved from or to, the country of a move from abroad).
 */
export function EventFieldset({
  f,
  draft,
  memberOptions,
  places,
  home,
  movedAddress,
}: {
  f: FormContext;
  draft: GuidanceDraft;
  memberOptions: Option[];
  places: Option[];
  home: string | undefined;
  movedAddress: string;
}) {
  const { t, lang } = f;
  const e = draft.event;
  const abroad = e.origin === "abroad";
  return (
    <fieldset class="panel hf-panel">
      <legend>{t("guidance.form.event")}</legend>
      <div class="hf-grid">
        <SelectField
          id="event-type"
          name="event.type"
          label={t("guidance.form.eventType")}
          options={options(eventTypes, eventTypeDescriptions, lang)}
          value={e.type}
          error={f.errorFor("event-type")}
        />
        <DateField
          t={t}
          id="event-date"
          name="event.date"
          label={t("guidance.form.eventDate")}
          examples="recent"
          value={e.date}
          error={f.errorFor("event-date")}
        />
        <When event="move-in">
          <SelectField
            id="event-origin"
            name="event.origin"
            label={t("guidance.form.origin")}
            options={places}
            value={e.origin}
          />
        </When>
        <When event="move-out">
          <SelectField
            id="event-destination"
            name="event.destination"
            label={t("guidance.form.destination")}
            options={places}
            value={e.destination}
          />
        </When>
        <When event="death">
          <SelectField
            id="event-subject"
            name="event.subject"
            label={t("guidance.form.subject")}
            options={memberOptions}
            // A birth's newborn is chosen in the birth's own fieldset.
            value={e.type === "birth" ? "" : e.subject}
            error={f.errorFor("event-subject")}
          />
        </When>
        <When event="death">
          <SelectField
            id="event-funeralHost"
            name="event.funeralHost"
            label={t("guidance.form.funeralHost")}
            options={memberOptions}
            value={e.funeralHost}
            error={f.errorFor("event-funeralHost")}
          />
        </When>
        <When event="death">
          <DateField
            t={t}
            id="event-funeralDate"
            name="event.funeralDate"
            label={t("guidance.form.funeralDate")}
            examples="recent"
            value={e.funeralDate}
            error={f.errorFor("event-funeralDate")}
          />
        </When>
      </div>
      <When event="move-in" origin="other-municipality">
        <div class="hf-grid">
          <TextField
            id="previousAddress-postalCode"
            name="previousAddress.postalCode"
            label={t("guidance.form.previousPostalCode")}
            value={draft.previousAddress.postalCode}
            autocomplete="off"
            inputmode="numeric"
            maxlength={10}
            error={f.errorFor("previousAddress-postalCode")}
            class="hf-narrow"
          />
          <TextField
            id="previousAddress-address"
            name="previousAddress.address"
            label={t("guidance.form.previousAddress")}
            hint={t("guidance.form.addressHint")}
            value={abroad ? "" : draft.previousAddress.address}
            autocomplete="off"
            error={f.errorFor("previousAddress-address")}
            class="hf-wide"
          />
          <TextField
            id="previousAddress-householdHead"
            name="previousAddress.householdHead"
            label={t("guidance.form.previousHouseholdHead")}
            value={draft.previousAddress.householdHead}
            autocomplete="off"
            error={f.errorFor("previousAddress-householdHead")}
          />
        </div>
      </When>
      <When event="move-in" origin="abroad">
        <div class="hf-grid">
          <SelectField
            id="previousCountry"
            name="previousCountry"
            label={t("guidance.form.previousCountry")}
            options={[
              { value: "", label: t("guidance.form.choose") },
              ...regionOptions(lang, commonRegions.slice(1), regionCodes).filter((o) => o.value !== "JP"),
            ]}
            value={draft.previousCountry}
          />
          <TextField
            id="previousAddressAbroad"
            name="previousAddressAbroad"
            label={t("guidance.form.previousAddressAbroad")}
            value={abroad ? draft.previousAddress.address : ""}
            autocomplete="off"
            class="hf-wide"
          />
        </div>
      </When>
      <When event="move-out" destination="other-municipality">
        <div class="hf-grid">
          <TextField
            id="newAddress"
            name="newAddress"
            label={t("guidance.form.newAddress")}
            hint={t("guidance.form.addressHint")}
            value={draft.newAddress}
            autocomplete="off"
            error={f.errorFor("newAddress")}
            class="hf-wide"
          />
        </div>
      </When>
      <div class="hf-checks">
        {/* Read from the address when it names a prefecture: the box is for addresses that do not. */}
        <When event="move-in move-out" origin="other-municipality" destination="other-municipality">
          <div data-cross-prefecture hidden={prefectureOf(movedAddress) !== undefined && home !== undefined}>
            <Checkbox
              id="event-crossPrefecture"
              name="event.crossPrefecture"
              label={t("guidance.form.crossPrefecture")}
              hint={t("guidance.form.crossPrefectureHint")}
              checked={e.crossPrefecture}
            />
          </div>
        </When>
        <When event="move-within move-between-wards">
          <Checkbox
            id="event-schoolDistrictChanges"
            name="event.schoolDistrictChanges"
            label={t("guidance.form.schoolDistrictChanges")}
            checked={e.schoolDistrictChanges}
          />
        </When>
        <When event="death">
          <Checkbox
            id="event-deathRegistered"
            name="event.deathRegistered"
            label={t("guidance.form.deathRegistered")}
            checked={e.deathRegistered}
          />
        </When>
        <Checkbox
          id="requests-residenceCertificate"
          name="requests"
          label={t("guidance.form.residenceCertificate")}
          checked={draft.requests.includes("residenceCertificate")}
        />
      </div>
    </fieldset>
  );
}
