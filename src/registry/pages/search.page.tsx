import type { Problem } from "../../shared/errors";
import {
  DateField,
  ErrorSummary,
  problemFor,
  RadioGroup,
  SelectField,
  TextField,
} from "../../web/components/fields";
import type { PageContext } from "../../web/layout";
import type { SearchForm } from "../search-residents";
import { ResultsSection, SearchTabs } from "./components";
import type { Choice, ResultsView } from "./registry.presenter";

export interface SearchPageProps {
  ctx: PageContext;
  form: SearchForm;
  sexes: Choice[];
  problems: readonly Problem[];
  results: ResultsView | undefined;
}

/** Resident search by name or kana, date of birth, sex and address (a GET form: no JavaScript needed). */
export function SearchPage({ ctx, form, sexes, problems, results }: SearchPageProps) {
  const { t } = ctx;
  const error = (path: string) => problemFor(problems, path, t);
  return (
    <>
      <h1>{t("registry.search")}</h1>
      <ErrorSummary problems={problems} t={t} />
      <SearchTabs ctx={ctx} current="search" />
      <p class="lead">{t("registry.searchLead")}</p>
      <form method="get" action="/registry/search" novalidate>
        <TextField id="name" label={t("registry.name")} value={form.name} error={error("name")} />
        <RadioGroup
          id="match"
          legend={t("registry.match")}
          value={form.match}
          options={[
            { value: "prefix", label: t("registry.matchPrefix") },
            { value: "partial", label: t("registry.matchPartial") },
          ]}
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
          options={[{ value: "", label: t("registry.sexAny") }, ...sexes]}
        />
        <TextField
          id="address"
          label={t("registry.address")}
          hint={t("registry.addressHint")}
          value={form.address}
          error={error("address")}
        />
        <button class="button" type="submit">
          {t("registry.searchButton")}
        </button>
      </form>
      <ResultsSection ctx={ctx} results={results} />
    </>
  );
}
