import { CardCheck } from "../../card/pages/card-check";
import type { Problem } from "../../shared/errors";
import { DateField, ErrorSummary, problemFor, SelectField, TextField } from "../../web/components/fields";
import type { PageContext } from "../../web/layout";
import type { CardForm } from "../search-residents";
import { ResultsSection, SearchTabs } from "./components";
import type { Choice, ResultsView } from "./registry.presenter";

export interface CardPageProps {
  ctx: PageContext;
  form: CardForm;
  sexes: Choice[];
  problems: readonly Problem[];
  results: ResultsView | undefined;
}

/** Finding a person by the four attributes printed on a My Number card. */
export function CardPage({ ctx, form, sexes, problems, results }: CardPageProps) {
  const { t } = ctx;
  const error = (path: string) => problemFor(problems, path, t);
  return (
    <>
      <h1>{t("registry.cardSearch")}</h1>
      <ErrorSummary problems={problems} t={t} />
      <SearchTabs ctx={ctx} current="card" />
      <p class="lead">{t("registry.cardLead")}</p>
      <CardCheck ctx={ctx} version={0} action="fill" />
      <form method="get" action="/registry/card" novalidate>
        <TextField id="name" label={t("registry.cardName")} value={form.name} error={error("name")} />
        <TextField
          id="address"
          label={t("registry.cardAddress")}
          value={form.address}
          error={error("address")}
        />
        <DateField
          t={t}
          id="birthDate"
          label={t("registry.birthDate")}
          value={form.birthDate}
          error={error("birthDate")}
        />
        <SelectField
          id="sex"
          label={t("registry.sex")}
          value={form.sex}
          options={[{ value: "", label: "" }, ...sexes]}
          error={error("sex")}
        />
        <button class="button" type="submit">
          {t("registry.searchButton")}
        </button>
      </form>
      <ResultsSection ctx={ctx} results={results} />
    </>
  );
}
