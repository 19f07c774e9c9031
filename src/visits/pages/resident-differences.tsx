import { relations, sexes } from "../../catalog/vocabulary";
import { relationLabels, sexLabels } from "../../catalog/vocabulary-labels";
import { options } from "../../guidance/pages/components";
import { optionLabel, readDate } from "../../guidance/pages/household-form-parts";
import { regionName } from "../../guidance/regions";
import type { RegistryDifference } from "../../preapply/merge-with-registry";
import { Ja } from "../../web/components/lang";
import type { MessageKey } from "../../web/i18n";
import type { PageContext } from "../../web/layout";

/** A fact where the resident's pre-application and the registry disagree, with the registry member's name. */
export interface ResidentDifferenceView extends RegistryDifference {
  name: string;
}

/** A registered fact as people read it: a label for a code, 和暦 beside 西暦 for a date. */
function shown(ctx: PageContext, field: RegistryDifference["field"], value: string): string {
  switch (field) {
    case "relation":
      return optionLabel(options(relations, relationLabels, ctx.lang), value) || value;
    case "sex":
      return optionLabel(options(sexes, sexLabels, ctx.lang), value) || value;
    case "birthDate":
    case "residencePeriodEnd":
      return readDate(value);
    case "nationality":
      return regionName(value, ctx.lang);
    default:
      return value;
  }
}

/**
 * The household step of a visit from a pre-application, once the registry household is opened: where
 * what the resident entered differs from the registry, whose facts the form now uses
 * (src/preapply/merge-with-registry.ts), so staff can ask the resident about it.
 */
export function ResidentDifferences({
  ctx,
  differences,
}: {
  ctx: PageContext;
  differences: ResidentDifferenceView[];
}) {
  const { t } = ctx;
  const japanese = (field: string) =>
    field === "name" || field === "kana" || field === "honseki" || field === "hittousha";
  return (
    <section class="panel" aria-labelledby="resident-differences" data-testid="resident-differences">
      <h2 id="resident-differences">{t("visits.differencesTitle")}</h2>
      <p>{t("visits.differencesLead")}</p>
      <table>
        <thead>
          <tr>
            <th scope="col">{t("visits.differencesMember")}</th>
            <th scope="col">{t("visits.differencesField")}</th>
            <th scope="col">{t("visits.differencesEntered")}</th>
            <th scope="col">{t("visits.differencesRegistry")}</th>
          </tr>
        </thead>
        <tbody>
          {differences.map((d) => {
            const value = (text: string) => {
              const out = shown(ctx, d.field, text);
              return japanese(d.field) ? <Ja ctx={ctx}>{out}</Ja> : out;
            };
            return (
              <tr>
                <td>
                  {d.name ? <Ja ctx={ctx}>{d.name}</Ja> : t("guidance.memberOrdinal", { n: d.position })}
                </td>
                <th scope="row">{t(`guidance.form.${d.field}` as MessageKey)}</th>
                <td>{value(d.entered)}</td>
                <td>{value(d.registry)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
