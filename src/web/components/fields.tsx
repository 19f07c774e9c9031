import type { Child } from "hono/jsx";
import type { Problem } from "../../shared/errors";
import type { Translate } from "../i18n";

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
      <h2 id="error-summary-title">{t("common.errorSummaryTitle")}</h2>
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
  },
) {
  return (
    <Frame {...props}>
      <input
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
