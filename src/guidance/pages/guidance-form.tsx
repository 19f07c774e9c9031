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
import type { Problem } from "../../shared/errors";
import { CheckboxGroup, type Option, problemFor, SelectField, TextField } from "../../web/components/fields";
import { LANGUAGES } from "../../web/i18n";
import { CsrfField, type PageContext } from "../../web/layout";
import { type GuidanceDraft, MAX_MEMBERS, memberId } from "../guidance-form";
import { Checkbox, options } from "./components";

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

/**
 * The event-and-household form. The staff guidance page posts it to /guidance; a counter visit reuses
 * it for a household entered at the counter (`action`, `hidden`, `submitLabel`, no sheet button).
 * `problems` carry form field ids as paths (see `fieldIdForPath`).
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
  const errorFor = (id: string) => problemFor(problems, id, t);
  const e = draft.event;
  // Plain text, not type="date": a browser's date control silently submits "" for a date it cannot
  // take (2026-02-30), so the staff member would lose what they typed instead of seeing why.
  const dateHint = t("guidance.form.dateHint");
  const places = options(origins, originLabels, lang);
  const memberOptions: Option[] = [
    { value: "", label: t("guidance.form.choose") },
    ...draft.members.map((m, i) => ({ value: memberId(i), label: `${memberId(i)} ${m.name}`.trim() })),
  ];
  return (
    <form method="post" action={action} novalidate>
      {Object.entries(hidden).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <CsrfField token={ctx.csrfToken} />
      <input type="hidden" name="memberCount" value={String(draft.members.length)} />
      <fieldset class="panel">
        <legend>{t("guidance.form.event")}</legend>
        <SelectField
          id="event-type"
          name="event.type"
          label={t("guidance.form.eventType")}
          options={options(phase1Events, eventTypeDescriptions, lang)}
          value={e.type}
          error={errorFor("event-type")}
        />
        <TextField
          id="event-date"
          name="event.date"
          label={t("guidance.form.eventDate")}
          hint={dateHint}
          value={e.date}
          error={errorFor("event-date")}
        />
        <SelectField
          id="event-origin"
          name="event.origin"
          label={t("guidance.form.origin")}
          options={places}
          value={e.origin}
        />
        <SelectField
          id="event-destination"
          name="event.destination"
          label={t("guidance.form.destination")}
          options={places}
          value={e.destination}
        />
        <Checkbox
          id="event-crossPrefecture"
          name="event.crossPrefecture"
          label={t("guidance.form.crossPrefecture")}
          checked={e.crossPrefecture}
        />
        <Checkbox
          id="event-schoolDistrictChanges"
          name="event.schoolDistrictChanges"
          label={t("guidance.form.schoolDistrictChanges")}
          checked={e.schoolDistrictChanges}
        />
        <SelectField
          id="event-subject"
          name="event.subject"
          label={t("guidance.form.subject")}
          options={memberOptions}
          value={e.subject}
          error={errorFor("event-subject")}
        />
        <SelectField
          id="event-funeralHost"
          name="event.funeralHost"
          label={t("guidance.form.funeralHost")}
          options={memberOptions}
          value={e.funeralHost}
          error={errorFor("event-funeralHost")}
        />
        <Checkbox
          id="event-deathRegistered"
          name="event.deathRegistered"
          label={t("guidance.form.deathRegistered")}
          checked={e.deathRegistered}
        />
        <Checkbox
          id="requests-residenceCertificate"
          name="requests"
          label={t("guidance.form.residenceCertificate")}
          checked={draft.requests.includes("residenceCertificate")}
        />
      </fieldset>

      {draft.members.map((m, i) => {
        const p = `m${i}`;
        return (
          <fieldset class="panel">
            <legend>
              {t("guidance.form.member", { n: i + 1 })} ({memberId(i)})
            </legend>
            <TextField
              id={`${p}-name`}
              name={`${p}.name`}
              label={t("guidance.form.name")}
              value={m.name}
              error={errorFor(`${p}-name`)}
            />
            <TextField
              id={`${p}-kana`}
              name={`${p}.kana`}
              label={t("guidance.form.kana")}
              value={m.kana}
              error={errorFor(`${p}-kana`)}
            />
            <SelectField
              id={`${p}-relation`}
              name={`${p}.relation`}
              label={t("guidance.form.relation")}
              options={options(relations, relationLabels, lang)}
              value={m.relation}
              error={errorFor(`${p}-relation`)}
            />
            <TextField
              id={`${p}-birthDate`}
              name={`${p}.birthDate`}
              label={t("guidance.form.birthDate")}
              hint={dateHint}
              value={m.birthDate}
              error={errorFor(`${p}-birthDate`)}
            />
            <SelectField
              id={`${p}-sex`}
              name={`${p}.sex`}
              label={t("guidance.form.sex")}
              options={[
                { value: "", label: t("guidance.form.sexNotGiven") },
                ...options(sexes, sexLabels, lang),
              ]}
              value={m.sex}
            />
            <SelectField
              id={`${p}-insurance`}
              name={`${p}.insurance`}
              label={t("guidance.form.insurance")}
              options={options(insurances, insuranceLabels, lang)}
              value={m.insurance}
              error={errorFor(`${p}-insurance`)}
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
              error={errorFor(`${p}-pension`)}
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
            <Checkbox
              id={`${p}-moving`}
              name={`${p}.moving`}
              label={t("guidance.form.moving")}
              checked={m.moving}
            />
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
            {draft.members.length > 1 ? (
              <button class="button button--secondary" type="submit" name="action" value={`remove:${i}`}>
                {t("guidance.form.removeMember", { n: i + 1 })}
              </button>
            ) : null}
          </fieldset>
        );
      })}
      <div class="button-row">
        {draft.members.length < MAX_MEMBERS ? (
          <button class="button button--secondary" type="submit" name="action" value="add">
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
  );
}
