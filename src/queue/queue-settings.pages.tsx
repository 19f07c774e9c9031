import type { Problem } from "../shared/errors";
import type { MessageKey } from "../web/i18n";
import { CsrfField, ErrorSummary, type PageContext } from "../web/layout";
import {
  type PurposeSettingsForm,
  purposeFieldId,
  type QueueSettingsForm,
  SERVICE_MINUTES_MAX,
} from "./queue-settings.schema";

export interface QueueSettingsView {
  officeId: string;
  officeName: string;
  form: QueueSettingsForm;
  /** The office's counters, in number order. */
  counters: Array<{ id: string; label: string }>;
  /** Purposes that issued a ticket today: their bands stay as they are until tomorrow. */
  lockedPurposeIds: string[];
  otherOffices: Array<{ id: string; name: string }>;
  problems: Problem[];
  saved: boolean;
}

/** Monday first, as Japanese office calendars are read. */
const weekdayOrder = [1, 2, 3, 4, 5, 6, 0] as const;
const weekdayKey: Record<number, MessageKey> = {
  0: "queueWeekday0",
  1: "queueWeekday1",
  2: "queueWeekday2",
  3: "queueWeekday3",
  4: "queueWeekday4",
  5: "queueWeekday5",
  6: "queueWeekday6",
};

const emptyPurpose: PurposeSettingsForm = {
  id: "",
  labelJa: "",
  labelEasy: "",
  labelEn: "",
  bandStart: "",
  bandEnd: "",
  defaultServiceMinutes: "",
  counterIds: [],
};

function errorsAt(ctx: PageContext, problems: Problem[], id: string): string[] {
  return problems.filter((p) => p.path === id).map((p) => (ctx.lang === "ja" ? p.ja : p.en));
}

function FieldErrors({ id, errors }: { id: string; errors: string[] }) {
  if (errors.length === 0) return null;
  return (
    <p class="field__error" id={`${id}-error`}>
      {errors.map((e, i) => (i === 0 ? e : [<br />, e]))}
    </p>
  );
}

const describedBy = (...ids: Array<string | false | undefined>) => ids.filter(Boolean).join(" ") || undefined;

function Input(props: {
  ctx: PageContext;
  problems: Problem[];
  id: string;
  label: string;
  value: string;
  type?: "text" | "time" | "number";
  hint?: string;
  inputmode?: "numeric";
  min?: number;
  max?: number;
  lang?: string;
}) {
  const errors = errorsAt(props.ctx, props.problems, props.id);
  const hintId = props.hint ? `${props.id}-hint` : undefined;
  return (
    <div class={errors.length > 0 ? "field field--error" : "field"}>
      <label for={props.id}>{props.label}</label>
      {props.hint ? (
        <p class="field__hint" id={hintId}>
          {props.hint}
        </p>
      ) : null}
      <FieldErrors id={props.id} errors={errors} />
      <input
        id={props.id}
        name={props.id}
        type={props.type ?? "text"}
        value={props.value}
        inputmode={props.inputmode}
        min={props.min}
        max={props.max}
        lang={props.lang}
        autocomplete="off"
        aria-describedby={describedBy(hintId, errors.length > 0 && `${props.id}-error`)}
        aria-invalid={errors.length > 0 ? "true" : undefined}
      />
    </div>
  );
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
  const common = { ctx, problems: v.problems };
  const locked = purpose.id !== "" && v.lockedPurposeIds.includes(purpose.id);
  const name = ctx.lang === "ja" ? purpose.labelJa : purpose.labelEn;
  const counterErrors = errorsAt(ctx, v.problems, id("counters"));
  return (
    <fieldset class="panel" data-testid="purpose-row">
      <legend>
        {props.isNew
          ? t("queueSettingsNewPurpose")
          : `${t("queueSettingsPurposeN", { n: String(row + 1) })}${name ? `: ${name}` : ""}`}
      </legend>
      {props.isNew ? <p class="field__hint">{t("queueSettingsNewPurposeHint")}</p> : null}
      <input type="hidden" name={`p${row}-id`} value={purpose.id} />
      <Input {...common} id={id("labelJa")} label={t("queueSettingsLabelJa")} value={purpose.labelJa} />
      <Input {...common} id={id("labelEasy")} label={t("queueSettingsLabelEasy")} value={purpose.labelEasy} />
      <Input
        {...common}
        id={id("labelEn")}
        label={t("queueSettingsLabelEn")}
        value={purpose.labelEn}
        lang="en"
      />
      {locked ? (
        <p class="field__hint" data-testid="band-locked">
          {t("queueSettingsBandLocked")}
        </p>
      ) : null}
      <Input
        {...common}
        id={id("bandStart")}
        label={t("queueSettingsBandStart")}
        value={purpose.bandStart}
        inputmode="numeric"
      />
      <Input
        {...common}
        id={id("bandEnd")}
        label={t("queueSettingsBandEnd")}
        value={purpose.bandEnd}
        inputmode="numeric"
      />
      <Input
        {...common}
        id={id("defaultServiceMinutes")}
        label={t("queueSettingsServiceMinutes")}
        value={purpose.defaultServiceMinutes}
        inputmode="numeric"
        max={SERVICE_MINUTES_MAX}
      />
      <fieldset
        class={counterErrors.length > 0 ? "checkboxes field--error" : "checkboxes"}
        id={id("counters")}
        aria-describedby={counterErrors.length > 0 ? `${id("counters")}-error` : undefined}
      >
        <legend>{t("queueSettingsCounters")}</legend>
        <FieldErrors id={id("counters")} errors={counterErrors} />
        {v.counters.map((c) => (
          <div class="checkbox">
            <input
              type="checkbox"
              id={`${id("counters")}-${c.id}`}
              name={id("counters")}
              value={c.id}
              checked={purpose.counterIds.includes(c.id)}
            />
            <label for={`${id("counters")}-${c.id}`}>{c.label}</label>
          </div>
        ))}
      </fieldset>
    </fieldset>
  );
}

/** The admin's form for one office's queue: hours, closing days, and each purpose with its counters. */
export function queueSettingsPage(ctx: PageContext, v: QueueSettingsView) {
  const t = ctx.t;
  const f = v.form;
  const common = { ctx, problems: v.problems };
  // A purpose being added that came back with problems is shown again; otherwise one empty row.
  const rows = f.purposes.some((p) => p.id === "") ? f.purposes : [...f.purposes, emptyPurpose];
  const weekdayErrors = errorsAt(ctx, v.problems, "openWeekdays");
  const dateErrors = errorsAt(ctx, v.problems, "closedDates");
  return (
    <>
      <ErrorSummary problems={v.problems} t={t} lang={ctx.lang} />
      {v.saved ? (
        <p class="notice" role="status" data-testid="notice">
          {t("queueSettingsSaved")}
        </p>
      ) : null}
      <h1>{t("queueSettingsTitle")}</h1>
      <p class="lead">{t("queueSettingsLead", { office: v.officeName })}</p>
      <form method="post" action={`/queue/offices/${v.officeId}/settings`} novalidate>
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="purposeRows" value={String(rows.length)} />
        <fieldset class="panel">
          <legend>{t("queueSettingsHours")}</legend>
          <Input
            {...common}
            id="opensAt"
            label={t("queueSettingsOpensAt")}
            value={f.opensAt}
            type="time"
            hint={t("queueSettingsTimeHint")}
          />
          <Input
            {...common}
            id="closesAt"
            label={t("queueSettingsClosesAt")}
            value={f.closesAt}
            type="time"
            hint={t("queueSettingsTimeHint")}
          />
          <fieldset
            class={weekdayErrors.length > 0 ? "checkboxes field--error" : "checkboxes"}
            id="openWeekdays"
            aria-describedby={weekdayErrors.length > 0 ? "openWeekdays-error" : undefined}
          >
            <legend>{t("queueSettingsWeekdays")}</legend>
            <FieldErrors id="openWeekdays" errors={weekdayErrors} />
            {weekdayOrder.map((d) => (
              <div class="checkbox">
                <input
                  type="checkbox"
                  id={`openWeekdays-${d}`}
                  name="openWeekdays"
                  value={String(d)}
                  checked={f.openWeekdays.includes(String(d))}
                />
                <label for={`openWeekdays-${d}`}>{t(weekdayKey[d] ?? "queueWeekday0")}</label>
              </div>
            ))}
          </fieldset>
        </fieldset>
        <fieldset class="panel">
          <legend>{t("queueSettingsClosedDays")}</legend>
          <div class="checkbox">
            <input
              type="checkbox"
              id="observeNationalHolidays"
              name="observeNationalHolidays"
              value="on"
              checked={f.observeNationalHolidays}
            />
            <label for="observeNationalHolidays">{t("queueSettingsObserveHolidays")}</label>
          </div>
          <div class="checkbox">
            <input
              type="checkbox"
              id="observeYearEnd"
              name="observeYearEnd"
              value="on"
              checked={f.observeYearEnd}
            />
            <label for="observeYearEnd">{t("queueSettingsObserveYearEnd")}</label>
          </div>
          <div class={dateErrors.length > 0 ? "field field--error" : "field"}>
            <label for="closedDates">{t("queueSettingsClosedDates")}</label>
            <p class="field__hint" id="closedDates-hint">
              {t("queueSettingsClosedDatesHint")}
            </p>
            <FieldErrors id="closedDates" errors={dateErrors} />
            <textarea
              id="closedDates"
              name="closedDates"
              rows={6}
              cols={20}
              autocomplete="off"
              aria-describedby={describedBy("closedDates-hint", dateErrors.length > 0 && "closedDates-error")}
              aria-invalid={dateErrors.length > 0 ? "true" : undefined}
            >
              {f.closedDates}
            </textarea>
          </div>
        </fieldset>
        <Input
          {...common}
          id="nearlyCalledAhead"
          label={t("queueSettingsNearly")}
          value={f.nearlyCalledAhead}
          inputmode="numeric"
          hint={t("queueSettingsNearlyHint")}
        />
        <h2>{t("queueSettingsPurposes")}</h2>
        <p>{t("queueSettingsPurposesLead")}</p>
        {rows.map((p, row) => (
          <PurposeRow ctx={ctx} v={v} row={row} purpose={p} isNew={p.id === ""} />
        ))}
        <button class="button" type="submit">
          {t("queueSettingsSave")}
        </button>
      </form>
      {v.otherOffices.length > 0 ? (
        <>
          <h2>{t("queueSettingsOtherOffices")}</h2>
          <ul>
            {v.otherOffices.map((o) => (
              <li>
                <a href={`/queue/offices/${o.id}/settings`}>{o.name}</a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p>
        <a href="/queue">{t("queueOverviewTitle")}</a>
      </p>
    </>
  );
}
