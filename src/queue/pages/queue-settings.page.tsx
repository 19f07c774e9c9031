import type { Problem } from "../../shared/errors";
import { type Locale, type LocaleMap, pickLabel } from "../../shared/locale";
import { CheckboxGroup, TextArea, TextField } from "../../web/components/fields";
import { Local } from "../../web/components/lang";
import type { MessageKey } from "../../web/i18n";
import { CsrfField, ErrorSummary, type PageContext } from "../../web/layout";
import { type PurposeSettingsForm, purposeFieldId, type QueueSettingsForm } from "../queue-settings.schema";

export interface QueueSettingsView {
  officeId: string;
  officeName: LocaleMap;
  form: QueueSettingsForm;
  /** One name field per offered language, Japanese first (required). */
  nameFields: Array<{ code: Locale; label: string }>;
  /** The languages the display may show under its Japanese, each in its own name. */
  captionLanguages: Array<{ code: Locale; name: string }>;
  /** The office's counters, in number order. */
  counters: Array<{ id: string; labels: LocaleMap }>;
  /** Purposes that issued a ticket today: their bands stay as they are until tomorrow. */
  lockedPurposeIds: string[];
  otherOffices: Array<{ id: string; name: LocaleMap }>;
  problems: Problem[];
  saved: boolean;
}

/** Monday first, as Japanese office calendars are read. */
const weekdayOrder = [1, 2, 3, 4, 5, 6, 0] as const;
const weekdayKey: Record<number, MessageKey> = {
  0: "queue.weekday0",
  1: "queue.weekday1",
  2: "queue.weekday2",
  3: "queue.weekday3",
  4: "queue.weekday4",
  5: "queue.weekday5",
  6: "queue.weekday6",
};

/** Every problem at a field, as one text (a closed-date list can have several). */
function errorAt(ctx: PageContext, problems: readonly Problem[], id: string): string | undefined {
  const texts = problems.filter((p) => p.path === id).map((p) => ctx.t.message(p));
  return texts.length > 0 ? texts.join(" ") : undefined;
}

function PurposeRow(props: {
  ctx: PageContext;
  v: QueueSettingsView;
  row: number;
  purpose: PurposeSettingsForm;
  isNew: boolean;
}) {
  const { ctx, v, row, purpose } = props;
  const t = ctx.t;
  const id = (f: Parameters<typeof purposeFieldId>[1]) => purposeFieldId(row, f);
  const error = (field: string) => errorAt(ctx, v.problems, field);
  const locked = purpose.id !== "" && v.lockedPurposeIds.includes(purpose.id);
  const names = Object.fromEntries(Object.entries(purpose.labels).filter(([, text]) => text !== ""));
  const name: LocaleMap | undefined = names.ja ? { ...names, ja: names.ja } : undefined;
  const number = (field: "bandStart" | "bandEnd" | "defaultServiceMinutes", label: MessageKey) => (
    <TextField
      id={id(field)}
      label={t(label)}
      value={purpose[field]}
      inputmode="numeric"
      autocomplete="off"
      error={error(id(field))}
    />
  );
  return (
    <fieldset class="panel" data-testid="purpose-row">
      <legend>
        {props.isNew ? t("queue.settingsNewPurpose") : t("queue.settingsPurposeN", { n: String(row + 1) })}
        {!props.isNew && name ? (
          <>
            : <Local map={name} ctx={ctx} />
          </>
        ) : null}
      </legend>
      {props.isNew ? <p class="field__hint">{t("queue.settingsNewPurposeHint")}</p> : null}
      <input type="hidden" name={`p${row}-id`} value={purpose.id} />
      <p class="field__hint">{t("queue.settingsLabelsHint")}</p>
      {v.nameFields.map((f) => (
        <TextField
          id={id(`label-${f.code}`)}
          label={f.label}
          value={purpose.labels[f.code] ?? ""}
          lang={f.code}
          autocomplete="off"
          error={error(id(`label-${f.code}`))}
        />
      ))}
      {locked ? (
        <p class="field__hint" data-testid="band-locked">
          {t("queue.settingsBandLocked")}
        </p>
      ) : null}
      {number("bandStart", "queue.settingsBandStart")}
      {number("bandEnd", "queue.settingsBandEnd")}
      {number("defaultServiceMinutes", "queue.settingsServiceMinutes")}
      <CheckboxGroup
        id={id("counters")}
        legend={t("queue.settingsCounters")}
        error={error(id("counters"))}
        values={purpose.counterIds}
        options={v.counters.map((c) => {
          const { text, lang } = pickLabel(c.labels, ctx.lang);
          return { value: c.id, label: text, ...(lang !== ctx.lang ? { lang } : {}) };
        })}
      />
    </fieldset>
  );
}

const emptyPurpose = (v: QueueSettingsView): PurposeSettingsForm => ({
  id: "",
  labels: Object.fromEntries(v.nameFields.map((f) => [f.code, ""])),
  bandStart: "",
  bandEnd: "",
  defaultServiceMinutes: "",
  counterIds: [],
});

/** The admin's form for one office's queue: hours, closing days, the display, and each purpose. */
export function queueSettingsPage(ctx: PageContext, v: QueueSettingsView) {
  const t = ctx.t;
  const f = v.form;
  const error = (field: string) => errorAt(ctx, v.problems, field);
  // A purpose being added that came back with problems is shown again; otherwise one empty row.
  const rows = f.purposes.some((p) => p.id === "") ? f.purposes : [...f.purposes, emptyPurpose(v)];
  return (
    <>
      {v.saved ? (
        <p class="notice" role="status" data-testid="notice">
          {t("queue.settingsSaved")}
        </p>
      ) : null}
      <h1>{t("queue.settingsTitle")}</h1>
      <ErrorSummary problems={v.problems} t={t} />
      <p class="lead">{t("queue.settingsLead", { office: v.officeName })}</p>
      <form method="post" action={`/queue/offices/${v.officeId}/settings`} novalidate>
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="purposeRows" value={String(rows.length)} />
        <fieldset class="panel">
          <legend>{t("queue.settingsHours")}</legend>
          {(["opensAt", "closesAt"] as const).map((field) => (
            <TextField
              id={field}
              label={t(field === "opensAt" ? "queue.settingsOpensAt" : "queue.settingsClosesAt")}
              value={f[field]}
              type="time"
              autocomplete="off"
              hint={t("queue.settingsTimeHint")}
              error={error(field)}
            />
          ))}
          <CheckboxGroup
            id="openWeekdays"
            legend={t("queue.settingsWeekdays")}
            error={error("openWeekdays")}
            values={f.openWeekdays}
            options={weekdayOrder.map((d) => ({
              value: String(d),
              label: t(weekdayKey[d] ?? "queue.weekday0"),
            }))}
          />
        </fieldset>
        <fieldset class="panel">
          <legend>{t("queue.settingsClosedDays")}</legend>
          <div class="checkbox">
            <input
              type="checkbox"
              id="observeNationalHolidays"
              name="observeNationalHolidays"
              value="on"
              checked={f.observeNationalHolidays}
            />
            <label for="observeNationalHolidays">{t("queue.settingsObserveHolidays")}</label>
          </div>
          <div class="checkbox">
            <input
              type="checkbox"
              id="observeYearEnd"
              name="observeYearEnd"
              value="on"
              checked={f.observeYearEnd}
            />
            <label for="observeYearEnd">{t("queue.settingsObserveYearEnd")}</label>
          </div>
          <TextArea
            id="closedDates"
            label={t("queue.settingsClosedDates")}
            hint={t("queue.settingsClosedDatesHint")}
            value={f.closedDates}
            rows={6}
            error={error("closedDates")}
          />
        </fieldset>
        <TextField
          id="nearlyCalledAhead"
          label={t("queue.settingsNearly")}
          value={f.nearlyCalledAhead}
          inputmode="numeric"
          autocomplete="off"
          hint={t("queue.settingsNearlyHint")}
          error={error("nearlyCalledAhead")}
        />
        {v.captionLanguages.length > 0 ? (
          <fieldset class="panel">
            <legend>{t("queue.settingsDisplay")}</legend>
            <CheckboxGroup
              id="displayCaptions"
              legend={t("queue.settingsDisplayCaptions")}
              hint={t("queue.settingsDisplayCaptionsHint")}
              error={error("displayCaptions")}
              values={f.displayCaptions}
              options={v.captionLanguages.map((l) => ({ value: l.code, label: l.name, lang: l.code }))}
            />
          </fieldset>
        ) : null}
        <h2>{t("queue.settingsPurposes")}</h2>
        <p>{t("queue.settingsPurposesLead")}</p>
        {rows.map((p, row) => (
          <PurposeRow ctx={ctx} v={v} row={row} purpose={p} isNew={p.id === ""} />
        ))}
        <button class="button" type="submit">
          {t("queue.settingsSave")}
        </button>
      </form>
      {v.otherOffices.length > 0 ? (
        <>
          <h2>{t("queue.settingsOtherOffices")}</h2>
          <ul>
            {v.otherOffices.map((o) => (
              <li>
                <a href={`/queue/offices/${o.id}/settings`}>
                  <Local map={o.name} ctx={ctx} />
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p>
        <a href="/queue">{t("queue.overviewTitle")}</a>
      </p>
    </>
  );
}
