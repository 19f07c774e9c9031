import type { Problem } from "../../shared/errors";
import {
  CheckboxGroup,
  DateField,
  ErrorSummary,
  problemFor,
  SelectField,
  TextField,
} from "../../web/components/fields";
import { CsrfField, type PageContext } from "../../web/layout";
import { WithName } from "./components";
import type { EditView } from "./registry.presenter";

/** The change of a member's facts as the resident reports them, with the reason, on a known version. */
export function EditPage({
  ctx,
  view,
  problems,
}: {
  ctx: PageContext;
  view: EditView;
  problems: readonly Problem[];
}) {
  const { t } = ctx;
  const { values } = view;
  const error = (path: string) => problemFor(problems, path, t);
  const none = { value: "", label: t("registry.none") };
  return (
    <>
      <h1>
        <WithName ctx={ctx} id="registry.editTitle" name={view.name} />
      </h1>
      <ErrorSummary problems={problems} t={t} />
      <p class="lead">{t("registry.editLead")}</p>
      <form method="post" action={`/registry/residents/${view.residentId}/edit`} novalidate>
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="version" value={String(values.version)} />
        <SelectField
          id="insurance"
          label={view.insurance.label}
          options={view.insurance.choices}
          value={values.insurance}
          error={error("insurance")}
        />
        <SelectField
          id="pension"
          label={view.pension.label}
          options={[none, ...view.pension.choices]}
          value={values.pension ?? ""}
          error={error("pension")}
        />
        <SelectField
          id="careLevel"
          label={view.careLevel.label}
          options={[none, ...view.careLevel.choices]}
          value={values.careLevel ?? ""}
          error={error("careLevel")}
        />
        {/* Each flag is its own field (name = the fact, value 1), so the group is drawn here. */}
        <fieldset class="field" id="flags">
          <legend>{t("registry.flagsLegend")}</legend>
          {view.flags.map((flag) => (
            <div class="checkbox">
              <input
                type="checkbox"
                id={`flag-${flag.value}`}
                name={flag.value}
                value="1"
                checked={values[flag.value as keyof typeof values] === true}
              />
              <label for={`flag-${flag.value}`}>{flag.label}</label>
            </div>
          ))}
        </fieldset>
        <CheckboxGroup
          id="benefits"
          legend={view.benefits.label}
          options={view.benefits.choices}
          values={values.benefits}
          error={error("benefits")}
        />
        <CheckboxGroup
          id="owns"
          legend={view.owns.label}
          options={view.owns.choices}
          values={values.owns}
          error={error("owns")}
        />
        <fieldset class="field" id="domicile">
          <legend>{t("registry.domicileLegend")}</legend>
          <p class="field__hint">{t("registry.domicileLead")}</p>
          <SelectField
            id="nationality"
            label={t("registry.labelNationality")}
            options={view.nationalities}
            value={values.nationality}
            error={error("nationality")}
          />
          <TextField
            id="honseki"
            label={t("registry.labelHonseki")}
            hint={t("registry.honsekiHint")}
            value={values.honseki ?? ""}
            maxlength={200}
            lang="ja"
            error={error("honseki")}
          />
          <TextField
            id="hittousha"
            label={t("registry.labelHittousha")}
            hint={t("registry.hittoushaHint")}
            value={values.hittousha ?? ""}
            maxlength={100}
            lang="ja"
            error={error("hittousha")}
          />
          <SelectField
            id="residenceStatus"
            label={t("registry.labelResidenceStatus")}
            options={[none, ...view.residenceStatuses]}
            value={values.residenceStatus ?? ""}
            error={error("residenceStatus")}
          />
          <TextField
            id="residenceCardNumber"
            label={t("registry.labelResidenceCardNumber")}
            hint={t("registry.residenceCardNumberHint")}
            value={values.residenceCardNumber ?? ""}
            maxlength={20}
            autocomplete="off"
            error={error("residenceCardNumber")}
          />
          <DateField
            id="residencePeriodEnd"
            t={t}
            label={t("registry.labelResidencePeriodEnd")}
            hint={t("registry.residencePeriodEndHint")}
            value={values.residencePeriodEndText ?? values.residencePeriodEnd ?? ""}
            showRead={values.residencePeriodEndText !== undefined}
            examples="recent"
            error={error("residencePeriodEnd")}
          />
        </fieldset>
        <TextField
          id="reason"
          label={t("registry.editReason")}
          hint={t("registry.editReasonHint")}
          value={values.reason}
          error={error("reason")}
        />
        <button class="button" type="submit">
          {t("registry.save")}
        </button>
      </form>
      <p>
        <a href={`/registry/households/${view.householdId}`}>{t("registry.cancel")}</a>
      </p>
    </>
  );
}
