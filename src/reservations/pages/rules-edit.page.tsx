import type { Problem } from "../../shared/errors";
import type { LocaleMap } from "../../shared/locale";
import { ErrorSummary, problemFor, TextArea, TextField } from "../../web/components/fields";
import { Local } from "../../web/components/lang";
import { TableScroll } from "../../web/components/table-scroll";
import type { MessageKey } from "../../web/i18n";
import { CsrfField, type PageContext } from "../../web/layout";
import { numberFields, type RulesForm } from "./rules-form";

export interface RulesEditView {
  office: LocaleMap;
  purpose: LocaleMap;
  action: string;
  form: RulesForm;
  history: Array<{ version: number; savedAt: string; by: string; summary: string; current: boolean }>;
  saved: boolean;
  problems: readonly Problem[];
}

const weekdayKeys: MessageKey[] = [
  "reservations.wdSun",
  "reservations.wdMon",
  "reservations.wdTue",
  "reservations.wdWed",
  "reservations.wdThu",
  "reservations.wdFri",
  "reservations.wdSat",
];

/** One office purpose's booking rules: the form (a save adds a version) and the versions before. */
export function rulesEditPage(ctx: PageContext, v: RulesEditView) {
  const { t } = ctx;
  const err = (path: string) => problemFor(v.problems, path, t);
  const f = v.form;
  return (
    <>
      <p>
        <a href="/reservations/staff/settings">{t("reservations.rulesBack")}</a>
      </p>
      <h1>
        {t("reservations.rulesEditTitle")}: <Local map={v.office} ctx={ctx} /> /{" "}
        <Local map={v.purpose} ctx={ctx} />
      </h1>
      <ErrorSummary problems={v.problems} t={t} />
      {v.saved ? (
        <div class="notice" role="status">
          <p>{t("reservations.rulesSaved")}</p>
        </div>
      ) : null}
      <form method="post" action={v.action} novalidate>
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="baseVersion" value={f.baseVersion} />
        <div class="checkbox">
          <input type="checkbox" id="enabled" name="enabled" checked={f.enabled} />
          <label for="enabled">{t("reservations.rulesEnabled")}</label>
        </div>
        <TextField
          id="start"
          label={t("reservations.rulesStart")}
          hint="09:00"
          value={f.start}
          error={err("start")}
        />
        <TextField
          id="end"
          label={t("reservations.rulesEnd")}
          hint="16:00"
          value={f.end}
          error={err("end")}
        />
        <fieldset>
          <legend>{t("reservations.rulesCapacity")}</legend>
          {f.capacity.map((c, i) => (
            <TextField
              id={`capacity${i}`}
              label={t(weekdayKeys[i] as MessageKey)}
              inputmode="numeric"
              value={c}
              error={err(`capacity${i}`)}
              class="inline-input"
            />
          ))}
        </fieldset>
        <TextArea
          id="overrides"
          label={t("reservations.rulesOverrides")}
          hint={t("reservations.rulesOverridesHint")}
          value={f.overrides}
          error={err("overrides")}
        />
        {numberFields.map((name) => (
          <TextField
            id={name}
            label={t(`reservations.rules_${name}` as MessageKey)}
            inputmode="numeric"
            value={f[name]}
            error={err(name)}
          />
        ))}
        <button class="button" type="submit">
          {t("reservations.rulesSave")}
        </button>
      </form>
      <h2 id="history-title">{t("reservations.rulesHistory")}</h2>
      <TableScroll labelledBy="history-title">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("reservations.rulesColVersion")}</th>
              <th scope="col">{t("reservations.rulesColSaved")}</th>
              <th scope="col">{t("reservations.rulesColBy")}</th>
              <th scope="col">{t("reservations.rulesColSummary")}</th>
            </tr>
          </thead>
          <tbody>
            {v.history.map((h) => (
              <tr aria-current={h.current ? "true" : undefined}>
                <td>
                  {h.version}
                  {h.current ? ` (${t("reservations.rulesCurrent")})` : ""}
                </td>
                <td>{h.savedAt}</td>
                <td>{h.by}</td>
                <td>{h.summary}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}
