import type { Child } from "hono/jsx";
import { formatWareki, parseDateInput } from "../../shared/dates";
import type { Problem } from "../../shared/errors";
import { summaryLead, summaryTitle } from "../error-mapper";
import type { MessageKey, Translate } from "../i18n";
import { Ja } from "./lang";

/**
 * The one set of form fields: label, hint, error (linked from the error summary by the field's id),
 * aria-invalid and aria-describedby are written here and nowhere else (GOV.UK pattern).
 */

/** The text of the problem at `path`, in the reader's language, if there is one. */
export function problemFor(problems: readonly Problem[], path: string, t: Translate): string | undefined {
  const p = problems.find((x) => x.path === path);
  return p ? t.message(p) : undefined;
}

/** GOV.UK-style summary at the top of a form: each problem links to its field. */
export function ErrorSummary({ problems, t }: { problems: readonly Problem[]; t: Translate }) {
  if (problems.length === 0) return null;
  // Focused on load (autofocus works without script), so keyboard and screen-reader users meet it first.
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1} autofocus>
      <h2 id="error-summary-title">{t(summaryTitle(problems))}</h2>
      {summaryLead(problems) ? <p>{t(summaryLead(problems) as MessageKey)}</p> : null}
      <ul>
        {problems.map((p) => (
          <li>{p.path ? <a href={`#${p.path}`}>{t.message(p)}</a> : t.message(p)}</li>
        ))}
      </ul>
    </div>
  );
}

interface FieldBase {
  id: string;
  label: Child;
  hint?: Child | undefined;
  error?: string | undefined;
  /** The name submitted; the id by default. */
  name?: string;
  required?: boolean;
  /** Extra class on the wrapper (e.g. a width). */
  class?: string;
}

const describedBy = (p: FieldBase): string | undefined =>
  [p.hint ? `${p.id}-hint` : "", p.error ? `${p.id}-error` : ""].filter(Boolean).join(" ") || undefined;

/** The hint and the error under a label or legend, with the ids aria-describedby points at. */
function HintAndError(props: { id: string; hint?: Child | undefined; error?: string | undefined }) {
  return (
    <>
      {props.hint ? (
        <p class="field__hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {props.error ? (
        <p class="field__error" id={`${props.id}-error`}>
          {props.error}
        </p>
      ) : null}
    </>
  );
}

function Frame(props: FieldBase & { children: Child }) {
  return (
    <div class={[props.error ? "field field--error" : "field", props.class].filter(Boolean).join(" ")}>
      <label for={props.id}>{props.label}</label>
      <HintAndError id={props.id} hint={props.hint} error={props.error} />
      {props.children}
    </div>
  );
}

export function TextField(
  props: FieldBase & {
    type?: string;
    value?: string | undefined;
    autocomplete?: string;
    inputmode?: "numeric" | "text" | "email" | "tel" | "decimal";
    maxlength?: number;
    pattern?: string;
    lang?: string;
    /** `data-*` hooks of a client island (e.g. `data-postal-lookup`), kept off every other attribute. */
    data?: Record<`data-${string}`, string>;
  },
) {
  return (
    <Frame {...props}>
      <input
        {...props.data}
        id={props.id}
        name={props.name ?? props.id}
        type={props.type ?? "text"}
        value={props.value ?? ""}
        autocomplete={props.autocomplete}
        inputmode={props.inputmode}
        maxlength={props.maxlength}
        pattern={props.pattern}
        lang={props.lang}
        required={props.required}
        aria-describedby={describedBy(props)}
        aria-invalid={props.error ? "true" : undefined}
      />
    </Frame>
  );
}

const longDates = new Map<string, Intl.DateTimeFormat>();
/** "1980年4月2日", "2 April 1980": the 西暦 a reader reads, without the weekday. */
function westernDate(iso: string, intlLocale: string): string {
  let format = longDates.get(intlLocale);
  if (!format) {
    format = new Intl.DateTimeFormat(intlLocale === "en" ? "en-GB" : intlLocale, {
      year: "numeric",
      month: "long",
      day: "numeric",
      timeZone: "UTC",
    });
    longDates.set(intlLocale, format);
  }
  return format.format(new Date(`${iso}T00:00:00Z`));
}

/**
 * A date as people write it: a text input (a browser's `type="date"` refuses 和暦 and full-width
 * digits, and `inputmode="numeric"` hides the letters S, H, R and 昭和), read by the one parser
 * (`parseDateInput`). Under the input it says what it read, 「昭和55年4月2日（1980年4月2日）と読みました」,
 * so a misread 和暦 is seen before it is used; the hint gives the forms it takes.
 */
export function DateField(
  props: FieldBase & {
    t: Translate;
    value?: string | undefined;
    /** "bday" for one's own date of birth on a resident's page; "off" (the default) at the counter. */
    autocomplete?: "off" | "bday";
    /** The hint's examples: dates of birth (S55.4.2, the default) or recent dates (R8.4.1). */
    examples?: "birth" | "recent";
    /** Whether to say what was read; off for a value the page filled in itself. */
    showRead?: boolean;
  },
) {
  const { t } = props;
  const value = props.value ?? "";
  const parsed = value.trim() && !props.error && props.showRead !== false ? parseDateInput(value) : undefined;
  const read = parsed?.ok ? parsed.iso : undefined;
  const hint = props.hint ?? t(props.examples === "recent" ? "common.dateHintRecent" : "common.dateHint");
  const field = { ...props, hint };
  const marker = (i: number) => `\uE000${i}\uE001`;
  const readParts = read
    ? t("common.dateRead", { wareki: marker(0), western: westernDate(read, t.intlLocale) }).split(
        /\uE000\d\uE001/,
      )
    : [];
  return (
    <Frame {...field}>
      <input
        id={props.id}
        name={props.name ?? props.id}
        type="text"
        value={value}
        autocomplete={props.autocomplete ?? "off"}
        maxlength={40}
        required={props.required}
        aria-describedby={
          [describedBy(field), read ? `${props.id}-read` : ""].filter(Boolean).join(" ") || undefined
        }
        aria-invalid={props.error ? "true" : undefined}
      />
      {read ? (
        <p class="field__hint field__read" id={`${props.id}-read`}>
          {readParts[0]}
          <Ja ctx={{ lang: t.locale }}>{formatWareki(read)}</Ja>
          {readParts[1]}
        </p>
      ) : null}
    </Frame>
  );
}

export function TextArea(
  props: FieldBase & { value?: string | undefined; rows?: number; maxlength?: number },
) {
  return (
    <Frame {...props}>
      <textarea
        id={props.id}
        name={props.name ?? props.id}
        rows={props.rows ?? 3}
        maxlength={props.maxlength}
        required={props.required}
        aria-describedby={describedBy(props)}
        aria-invalid={props.error ? "true" : undefined}
      >
        {props.value ?? ""}
      </textarea>
    </Frame>
  );
}

export interface Option {
  value: string;
  label: Child;
  /** Marks a label in another language than the page (e.g. a Japanese-only name). */
  lang?: string;
}

export function SelectField(props: FieldBase & { options: readonly Option[]; value?: string | undefined }) {
  return (
    <Frame {...props}>
      <select
        id={props.id}
        name={props.name ?? props.id}
        required={props.required}
        aria-describedby={describedBy(props)}
        aria-invalid={props.error ? "true" : undefined}
      >
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.value} lang={o.lang}>
            {o.label}
          </option>
        ))}
      </select>
    </Frame>
  );
}

/** Radios or checkboxes in a fieldset; the first input carries the id the error summary links to. */
function ChoiceGroup(
  props: Omit<FieldBase, "label"> & {
    legend: Child;
    type: "radio" | "checkbox";
    options: readonly (Option & { hint?: Child })[];
    checked: (value: string) => boolean;
  },
) {
  const name = props.name ?? props.id;
  return (
    <fieldset
      class={[props.error ? "field field--error" : "field", props.class].filter(Boolean).join(" ")}
      aria-describedby={describedBy({ ...props, label: "" })}
    >
      <legend>{props.legend}</legend>
      <HintAndError id={props.id} hint={props.hint} error={props.error} />
      {props.options.map((o, i) => {
        const id = i === 0 ? props.id : `${props.id}-${i}`;
        return (
          <div class={props.type === "radio" ? "radio" : "checkbox"}>
            <input
              type={props.type}
              id={id}
              name={name}
              value={o.value}
              checked={props.checked(o.value)}
              aria-describedby={o.hint ? `${id}-hint` : undefined}
            />
            <label for={id} lang={o.lang}>
              {o.label}
            </label>
            {o.hint ? (
              <p class="field__hint" id={`${id}-hint`}>
                {o.hint}
              </p>
            ) : null}
          </div>
        );
      })}
    </fieldset>
  );
}

export function RadioGroup(
  props: Omit<FieldBase, "label"> & {
    legend: Child;
    options: readonly (Option & { hint?: Child })[];
    value?: string | undefined;
  },
) {
  return <ChoiceGroup {...props} type="radio" checked={(v) => v === props.value} />;
}

export function CheckboxGroup(
  props: Omit<FieldBase, "label"> & {
    legend: Child;
    options: readonly (Option & { hint?: Child })[];
    values?: readonly string[];
  },
) {
  return <ChoiceGroup {...props} type="checkbox" checked={(v) => (props.values ?? []).includes(v)} />;
}
