import {
  benefits,
  careLevels,
  insurances,
  type MemberFlag,
  origins,
  pensionCategories,
  phase1Events,
  possessions,
  relations,
  sexes,
} from "../../catalog/vocabulary";
import {
  benefitLabels,
  careLevelLabels,
  eventTypeDescriptions,
  insuranceLabels,
  memberFlagStatements,
  originLabels,
  pensionCategoryLabels,
  possessionLabels,
  relationLabels,
  sexLabels,
} from "../../catalog/vocabulary-labels";
import { formatWareki, parseDateInput } from "../../shared/dates";
import type { Problem } from "../../shared/errors";
import { pickLabel } from "../../shared/locale";
import {
  CheckboxGroup,
  DateField,
  type Option,
  problemFor,
  RadioGroup,
  SelectField,
  TextField,
} from "../../web/components/fields";
import { Ja } from "../../web/components/lang";
import { LANGUAGES, type Translate } from "../../web/i18n";
import { CsrfField, type PageContext } from "../../web/layout";
import {
  emptyMember,
  filerChoiceOf,
  filerOther,
  type GuidanceDraft,
  MAX_MEMBERS,
  type MemberDraft,
  memberId,
  prefectureOfMunicipality,
  registryFields,
} from "../guidance-form";
import { filerRelations } from "../household.schema";
import { prefectureOf } from "../prefecture";
import { commonRegions, regionCodes, regionName } from "../regions";
import { Checkbox, Numbered, options, regionOptions } from "./components";

// The order the form has always shown them in: the common ones first.
const flagOrder: readonly MemberFlag[] = [
  "myNumberCard",
  "sealRegistered",
  "pensionRecipient",
  "disabilityCertificate",
  "pregnant",
  "needsDaycare",
  "publicServant",
];

const filerRelationKeys = {
  "other-relative": "guidance.form.filerRelationOtherRelative",
  proxy: "guidance.form.filerRelationProxy",
  landlord: "guidance.form.filerRelationLandlord",
} as const;

/** The placeholders of the empty member the script clones (a <template>): index and number. */
const TEMPLATE_INDEX = "__i__";
const TEMPLATE_NUMBER = "__n__";

interface FormContext {
  t: Translate;
  lang: string;
  errorFor: (id: string) => string | undefined;
}

/** A member as people read them in a choice: 「山本 健二（世帯主）」, 「2人目の方（子）」; never an id. */
function memberChoiceLabel(ctx: FormContext, m: MemberDraft, index: number): string {
  const name = m.name || ctx.t("guidance.form.unnamedMember", { n: index + 1 });
  const relation = relationLabels[m.relation as keyof typeof relationLabels];
  if (!relation) return name;
  return ctx.t("guidance.form.filerMember", { name, relation: pickLabel(relation, ctx.lang).text });
}

/** Wraps fields that apply to some events, nationalities or origins only; the script hides the others. */
function When(props: {
  event?: string;
  origin?: string;
  destination?: string;
  nationality?: string;
  children: unknown;
}) {
  return (
    <div
      class="hf-when"
      data-when-event={props.event}
      data-when-origin={props.origin}
      data-when-destination={props.destination}
      data-when-nationality={props.nationality}
    >
      {props.children as never}
    </div>
  );
}

/**
 * The event-and-household form. The staff guidance page posts it to /guidance; a counter visit reuses
 * it for a household entered at the counter (`action`, `hidden`, `submitLabel`, no sheet button).
 * `problems` carry form field ids as paths (see `fieldIdForPath`). It works as plain HTML (every
 * field shown, adding a member is a round trip); the household-form script hides the fields that do
 * not apply and adds or removes members in place.
 */
export function GuidanceForm({
  ctx,
  draft,
  problems,
  action = "/guidance",
  hidden = {},
  submitLabel,
  showSheet = true,
  sheetLang,
}: {
  ctx: PageContext;
  draft: GuidanceDraft;
  problems: Problem[];
  action?: string;
  hidden?: Record<string, string>;
  submitLabel?: string;
  showSheet?: boolean;
  /** The language chosen for the printed sheet (the page's by default). */
  sheetLang?: string | undefined;
}) {
  const { t, lang } = ctx;
  const f: FormContext = { t, lang, errorFor: (id: string) => problemFor(problems, id, t) };
  const e = draft.event;
  const places = options(origins, originLabels, lang);
  const memberOptions: Option[] = [
    { value: "", label: t("guidance.form.choose") },
    ...draft.members.map((m, i) => ({ value: memberId(i), label: memberChoiceLabel(f, m, i) })),
  ];
  const home = prefectureOfMunicipality(ctx.session?.municipalityId);
  const abroad = e.origin === "abroad";
  const movedAddress = e.type === "move-out" ? draft.newAddress : abroad ? "" : draft.previousAddress.address;
  const filerChoice = filerChoiceOf(draft);
  return (
    <>
      <link rel="stylesheet" href="/static/app/household-form.css" />
      {/* In this order: the form's script marks the postal code field that the lookup then serves. */}
      <script type="module" src="/static/js/household-form.js" />
      <script type="module" src="/static/js/postal-lookup.js" />
      <form
        method="post"
        action={action}
        novalidate
        class="household-form"
        data-household-form
        data-max-members={String(MAX_MEMBERS)}
        data-home-prefecture={home ?? ""}
        data-filer-member={t("guidance.form.filerMember", { name: "{name}", relation: "{relation}" })}
        data-unnamed-member={t("guidance.form.unnamedMember", { n: "{n}" })}
        data-member-added={t("guidance.form.memberAdded", { n: "{n}" })}
        data-member-removed={t("guidance.form.memberRemoved")}
      >
        {Object.entries(hidden).map(([name, value]) => (
          <input type="hidden" name={name} value={value} />
        ))}
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="memberCount" value={String(draft.members.length)} data-member-count />
        <p class="visually-hidden" role="status" data-hf-status />
        <fieldset class="panel hf-panel">
          <legend>{t("guidance.form.event")}</legend>
          <div class="hf-grid">
            <SelectField
              id="event-type"
              name="event.type"
              label={t("guidance.form.eventType")}
              options={options(phase1Events, eventTypeDescriptions, lang)}
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
                value={e.subject}
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
              <div
                data-cross-prefecture
                hidden={prefectureOf(movedAddress) !== undefined && home !== undefined}
              >
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

        <fieldset class="panel hf-panel" data-filer>
          <legend>{t("guidance.form.filer")}</legend>
          <RadioGroup
            id="filer"
            name="filer"
            legend={<span class="visually-hidden">{t("guidance.form.filer")}</span>}
            hint={t("guidance.form.filerHint")}
            options={[
              ...draft.members.map((m, i) => ({ value: memberId(i), label: memberChoiceLabel(f, m, i) })),
              { value: filerOther, label: t("guidance.form.filerOther") },
            ]}
            value={filerChoice}
            error={f.errorFor("filer")}
            class="hf-filer-choices"
          />
          <div class="hf-grid" data-filer-other>
            <TextField
              id="filer-name"
              name="filer.name"
              label={t("guidance.form.filerName")}
              value={draft.filer.name}
              autocomplete="off"
              error={f.errorFor("filer-name")}
            />
            <TextField
              id="filer-kana"
              name="filer.kana"
              label={t("guidance.form.filerKana")}
              value={draft.filer.kana}
              autocomplete="off"
              error={f.errorFor("filer-kana")}
            />
            <SelectField
              id="filer-relation"
              name="filer.relation"
              label={t("guidance.form.filerRelation")}
              options={filerRelations.map((r) => ({ value: r, label: t(filerRelationKeys[r]) }))}
              value={draft.filer.relation}
              error={f.errorFor("filer-relation")}
            />
            <TextField
              id="filer-address"
              name="filer.address"
              label={t("guidance.form.filerAddress")}
              value={draft.filer.address}
              autocomplete="off"
              error={f.errorFor("filer-address")}
              class="hf-wide"
            />
            <TextField
              id="filer-phone"
              name="filer.phone"
              type="tel"
              label={t("guidance.form.filerPhone")}
              value={draft.filer.phone}
              autocomplete="off"
              error={f.errorFor("filer-phone")}
            />
          </div>
        </fieldset>

        <div class="hf-members" data-members>
          {draft.members.map((m, i) => (
            <MemberFields f={f} m={m} index={i} count={draft.members.length} />
          ))}
        </div>
        {/* An empty member for the script to clone when 世帯員を追加 is pressed (no round trip). */}
        <template data-member-template>
          <MemberFields f={f} m={emptyMember("child")} index={TEMPLATE_INDEX} count={2} />
        </template>
        <div class="button-row">
          {draft.members.length < MAX_MEMBERS ? (
            <button class="button button--secondary" type="submit" name="action" value="add" data-add-member>
              {t("guidance.form.addMember")}
            </button>
          ) : null}
          <button class="button" type="submit" name="action" value="plan">
            {submitLabel ?? t("guidance.form.showPlan")}
          </button>
          {showSheet ? (
            <button class="button button--secondary" type="submit" name="action" value="sheet">
              {t("guidance.form.showSheet")}
            </button>
          ) : null}
        </div>
        {showSheet ? (
          <SelectField
            id="sheet-lang"
            name="sheetLang"
            label={t("guidance.form.sheetLang")}
            // Each language in its own name, marked as such, so the resident can point at theirs.
            options={LANGUAGES.map((l) => ({ value: l.code, label: l.name, lang: l.code }))}
            value={sheetLang ?? lang}
          />
        ) : null}
      </form>
    </>
  );
}

/** A date from the registry as people read it: 「昭和55年4月2日（1980-04-02）」. */
function readDate(text: string): string {
  const read = parseDateInput(text);
  return read.ok ? `${formatWareki(read.iso)}（${read.iso}）` : text;
}

/**
 * One member's fields. `index` is a number, or the template's placeholder; a member read from the
 * registry shows its registered facts as text with 変更, which opens them for editing with a reason.
 */
function MemberFields({
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

const optionLabel = (list: readonly Option[], value: string): string => {
  const label = list.find((o) => o.value === value)?.label;
  return typeof label === "string" ? label : "";
};

/** One registered fact: its label and value (a name marked as Japanese), or 「記録なし」. */
function RegistryFact({
  f,
  label,
  value,
  ja,
}: {
  f: FormContext;
  label: string;
  value: string;
  ja?: boolean;
}) {
  const shown = !value ? f.t("guidance.form.notRecorded") : ja ? <Ja ctx={f}>{value}</Ja> : value;
  return (
    <div>
      <dt>{label}</dt>
      <dd>{shown}</dd>
    </div>
  );
}
