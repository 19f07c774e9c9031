import type { Problem } from "../../shared/errors";
import { ErrorSummary, problemFor, SelectField, TextField } from "../../web/components/fields";
import { CsrfField, type PageContext } from "../../web/layout";
import type { OpenFormValues } from "../registry.forms";
import { WithName } from "./components";
import type { Choice } from "./registry.presenter";

export interface OpenPageProps {
  ctx: PageContext;
  householdId: string;
  /** The person chosen in the search, when they belong to this household. */
  who: { name: string; birthDate: string } | undefined;
  reasons: Choice[];
  values: OpenFormValues;
  problems: readonly Problem[];
}

/** The reason to open a household, asked before anything of it is shown (and logged with it). */
export function OpenPage({ ctx, householdId, who, reasons, values, problems }: OpenPageProps) {
  const { t } = ctx;
  return (
    <>
      <h1>{t("registry.openTitle")}</h1>
      <ErrorSummary problems={problems} t={t} />
      {who ? (
        <p class="lead">
          <WithName ctx={ctx} id="registry.openFor" name={who.name} />（{who.birthDate}）
        </p>
      ) : null}
      <p>{t("registry.openLead")}</p>
      <form method="post" action={`/registry/households/${householdId}/open`} novalidate>
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="resident" value={values.residentId} />
        <SelectField
          id="reason"
          label={t("registry.reason")}
          value={values.reason}
          options={[{ value: "", label: "" }, ...reasons]}
          error={problemFor(problems, "reason", t)}
        />
        <TextField
          id="detail"
          label={t("registry.reasonDetail")}
          value={values.detail}
          error={problemFor(problems, "detail", t)}
        />
        <button class="button" type="submit">
          {t("registry.openButton")}
        </button>
      </form>
      <p>
        <a href="/registry/search">{t("registry.backToSearch")}</a>
      </p>
    </>
  );
}
