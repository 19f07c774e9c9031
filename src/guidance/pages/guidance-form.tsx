import { origins } from "../../catalog/vocabulary";
import { originLabels } from "../../catalog/vocabulary-labels";
import type { Problem } from "../../shared/errors";
import { type Option, problemFor, RadioGroup, SelectField, TextField } from "../../web/components/fields";
import { LANGUAGES } from "../../web/i18n";
import { CsrfField, type PageContext } from "../../web/layout";
import { assetUrl } from "../../web/static-assets";
import {
  emptyMember,
  filerChoiceOf,
  filerOther,
  type GuidanceDraft,
  MAX_MEMBERS,
  memberId,
  prefectureOfMunicipality,
} from "../guidance-form";
import { filerRelations } from "../household.schema";
import { options } from "./components";
import { EventFieldset } from "./household-event";
import { FamilyEventFieldsets } from "./household-family-events";
import {
  type FormContext,
  filerRelationKeys,
  memberChoiceLabel,
  TEMPLATE_INDEX,
} from "./household-form-parts";
import { MemberFields } from "./household-member";

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
      <link rel="stylesheet" href={assetUrl("app/household-form.css")} />
      {/* In this order: the form's script marks the postal code field that the lookup then serves. */}
      <script type="module" src={assetUrl("js/household-form.js")} />
      <script type="module" src={assetUrl("js/postal-lookup.js")} />
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
        data-newborn-added={t("guidance.form.newbornAdded", { n: "{n}" })}
      >
        {Object.entries(hidden).map(([name, value]) => (
          <input type="hidden" name={name} value={value} />
        ))}
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="memberCount" value={String(draft.members.length)} data-member-count />
        <p class="visually-hidden" role="status" data-hf-status />
        <EventFieldset
          f={f}
          draft={draft}
          memberOptions={memberOptions}
          places={places}
          home={home}
          movedAddress={movedAddress}
        />
        <FamilyEventFieldsets f={f} draft={draft} memberOptions={memberOptions} />

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
