import { benefits, careLevels, insurances, pensionCategories, possessions } from "../catalog/vocabulary";
import type { Problem } from "../shared/errors";
import type { MessageKey } from "../web/i18n";
import { CsrfField, ErrorSummary, Field, type PageContext, problemFor, tokyoTime } from "../web/layout";
import type { OpenReason } from "./open-household";
import { openReasons } from "./open-household";
import {
  benefitLabels,
  careLevelLabels,
  displayDate,
  factLabels,
  historyFieldLabels,
  insuranceLabels,
  label,
  pensionLabels,
  possessionLabels,
  relationLabels,
  sexLabels,
  sourceLabels,
} from "./registry-labels";
import {
  ageOn,
  booleanFacts,
  type HouseholdRecord,
  type ResidentChange,
  type ResidentFacts,
  type ResidentRecord,
  type ResidentSummary,
  type SearchResults,
  todayInJapan,
} from "./resident";
import type { CardForm, SearchForm } from "./search-residents";

const reasonKeys: Record<OpenReason, MessageKey> = {
  "move-within": "registryReasonMoveWithin",
  "move-between-wards": "registryReasonMoveBetweenWards",
  "move-out": "registryReasonMoveOut",
  death: "registryReasonDeath",
  "move-in": "registryReasonMoveIn",
  certificate: "registryReasonCertificate",
  change: "registryReasonChange",
  other: "registryReasonOther",
};

function SexSelect({
  ctx,
  value,
  error,
  anyOption,
}: {
  ctx: PageContext;
  value: string;
  error?: string;
  anyOption: boolean;
}) {
  return (
    <div class={error ? "field field--error" : "field"}>
      <label for="sex">{ctx.t("registrySex")}</label>
      {error ? (
        <p class="field__error" id="sex-error">
          {error}
        </p>
      ) : null}
      <select
        id="sex"
        name="sex"
        aria-describedby={error ? "sex-error" : undefined}
        aria-invalid={error ? "true" : undefined}
      >
        {anyOption ? <option value="">{ctx.t("registrySexAny")}</option> : <option value="" />}
        <option value="female" selected={value === "female"}>
          {label(sexLabels.female, ctx.lang)}
        </option>
        <option value="male" selected={value === "male"}>
          {label(sexLabels.male, ctx.lang)}
        </option>
      </select>
    </div>
  );
}

function SearchTabs({ ctx, current }: { ctx: PageContext; current: "search" | "card" }) {
  return (
    <nav class="registry-tabs" aria-label={ctx.lang === "ja" ? "探し方" : "Ways to search"}>
      <ul>
        <li>
          <a href="/registry/search" aria-current={current === "search" ? "page" : undefined}>
            {ctx.t("registrySearch")}
          </a>
        </li>
        <li>
          <a href="/registry/card" aria-current={current === "card" ? "page" : undefined}>
            {ctx.t("registryCardSearch")}
          </a>
        </li>
      </ul>
    </nav>
  );
}

function ResultsTable({ ctx, results, card }: { ctx: PageContext; results: SearchResults; card: boolean }) {
  if (results.residents.length === 0) {
    return (
      <p role="status" data-testid="result-count">
        {ctx.t("registryNoResults")}
      </p>
    );
  }
  return (
    <>
      <p role="status" data-testid="result-count">
        {ctx.t("registryResultsCount", { count: String(results.residents.length) })}
        {results.more ? ` — ${ctx.t("registryMoreResults")}` : ""}
      </p>
      <table class="registry-results">
        <thead>
          <tr>
            <th scope="col">{ctx.t("registryFullName")}</th>
            <th scope="col">{ctx.t("registryKana")}</th>
            <th scope="col">{ctx.t("registryBirthDate")}</th>
            <th scope="col">{ctx.t("registrySex")}</th>
            <th scope="col">{ctx.t("registryAddress")}</th>
            <th scope="col">
              <span class="visually-hidden">{ctx.t("registryOpenHousehold")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {results.residents.map((r: ResidentSummary) => (
            <tr>
              <td lang="ja">{r.name}</td>
              <td lang="ja">{r.kana}</td>
              <td>{displayDate(r.birthDate, ctx.lang)}</td>
              <td>{label(sexLabels[r.sex], ctx.lang)}</td>
              <td lang="ja">
                {r.ward}
                {r.address}
                {card ? (
                  <>
                    <br />
                    <strong>
                      {r.addressMatches
                        ? ctx.t("registryCardAddressMatch")
                        : ctx.t("registryCardAddressMismatch")}
                    </strong>
                  </>
                ) : null}
              </td>
              <td>
                <a href={`/registry/households/${r.householdId}/open?resident=${r.id}`}>
                  {ctx.t("registryOpenHousehold")}
                  <span class="visually-hidden">: {r.name}</span>
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

export function searchPage(
  ctx: PageContext,
  form: SearchForm,
  problems: Problem[],
  results: SearchResults | undefined,
) {
  const ja = ctx.lang;
  return (
    <>
      <ErrorSummary problems={problems} t={ctx.t} lang={ctx.lang} />
      <h1>{ctx.t("registrySearch")}</h1>
      <SearchTabs ctx={ctx} current="search" />
      <p class="lead">{ctx.t("registrySearchLead")}</p>
      <form method="get" action="/registry/search" novalidate>
        <Field
          id="name"
          label={ctx.t("registryName")}
          value={form.name}
          error={problemFor(problems, "name", ja)}
        />
        <fieldset class="field">
          <legend>{ctx.t("registryMatch")}</legend>
          <label class="choice">
            <input type="radio" name="match" value="prefix" checked={form.match === "prefix"} />
            {ctx.t("registryMatchPrefix")}
          </label>
          <label class="choice">
            <input type="radio" name="match" value="partial" checked={form.match === "partial"} />
            {ctx.t("registryMatchPartial")}
          </label>
        </fieldset>
        <Field
          id="birthDate"
          label={`${ctx.t("registryBirthDate")}（${ctx.t("registryDateHint")}）`}
          value={form.birthDate}
          inputmode="numeric"
          error={problemFor(problems, "birthDate", ja)}
        />
        <SexSelect ctx={ctx} value={form.sex} anyOption={true} />
        <Field
          id="address"
          label={`${ctx.t("registryAddress")}（${ctx.t("registryAddressHint")}）`}
          value={form.address}
          error={problemFor(problems, "address", ja)}
        />
        <button class="button" type="submit">
          {ctx.t("registrySearchButton")}
        </button>
      </form>
      {results ? (
        <section aria-labelledby="results-title">
          <h2 id="results-title">{ctx.t("registryResults")}</h2>
          <ResultsTable ctx={ctx} results={results} card={false} />
        </section>
      ) : null}
    </>
  );
}

export function cardPage(
  ctx: PageContext,
  form: CardForm,
  problems: Problem[],
  results: SearchResults | undefined,
) {
  const ja = ctx.lang;
  return (
    <>
      <ErrorSummary problems={problems} t={ctx.t} lang={ctx.lang} />
      <h1>{ctx.t("registryCardSearch")}</h1>
      <SearchTabs ctx={ctx} current="card" />
      <p class="lead">{ctx.t("registryCardLead")}</p>
      <form method="get" action="/registry/card" novalidate>
        <Field
          id="name"
          label={ctx.t("registryCardName")}
          value={form.name}
          error={problemFor(problems, "name", ja)}
        />
        <Field
          id="address"
          label={ctx.t("registryCardAddress")}
          value={form.address}
          error={problemFor(problems, "address", ja)}
        />
        <Field
          id="birthDate"
          label={`${ctx.t("registryBirthDate")}（${ctx.t("registryDateHint")}）`}
          value={form.birthDate}
          inputmode="numeric"
          error={problemFor(problems, "birthDate", ja)}
        />
        <SexSelect ctx={ctx} value={form.sex} anyOption={false} error={problemFor(problems, "sex", ja)} />
        <button class="button" type="submit">
          {ctx.t("registrySearchButton")}
        </button>
      </form>
      {results ? (
        <section aria-labelledby="results-title">
          <h2 id="results-title">{ctx.t("registryResults")}</h2>
          <ResultsTable ctx={ctx} results={results} card={true} />
        </section>
      ) : null}
    </>
  );
}

export interface OpenFormValues {
  reason: string;
  detail: string;
  residentId: string;
}

export function openPage(
  ctx: PageContext,
  householdId: string,
  who: { name: string; birthDate: string } | undefined,
  values: OpenFormValues,
  problems: Problem[],
) {
  const reasonError = problemFor(problems, "reason", ctx.lang);
  const detailError = problemFor(problems, "detail", ctx.lang);
  return (
    <>
      <ErrorSummary problems={problems} t={ctx.t} lang={ctx.lang} />
      <h1>{ctx.t("registryOpenTitle")}</h1>
      {who ? (
        <p class="lead" lang="ja">
          {ctx.t("registryOpenFor", { name: who.name })}（{displayDate(who.birthDate, ctx.lang)}）
        </p>
      ) : null}
      <p>{ctx.t("registryOpenLead")}</p>
      <form method="post" action={`/registry/households/${householdId}/open`} novalidate>
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="resident" value={values.residentId} />
        <div class={reasonError ? "field field--error" : "field"}>
          <label for="reason">{ctx.t("registryReason")}</label>
          {reasonError ? (
            <p class="field__error" id="reason-error">
              {reasonError}
            </p>
          ) : null}
          <select
            id="reason"
            name="reason"
            aria-describedby={reasonError ? "reason-error" : undefined}
            aria-invalid={reasonError ? "true" : undefined}
          >
            <option value="" />
            {openReasons.map((r) => (
              <option value={r} selected={values.reason === r}>
                {ctx.t(reasonKeys[r])}
              </option>
            ))}
          </select>
        </div>
        <Field id="detail" label={ctx.t("registryReasonDetail")} value={values.detail} error={detailError} />
        <button class="button" type="submit">
          {ctx.t("registryOpenButton")}
        </button>
      </form>
      <p>
        <a href="/registry/search">{ctx.t("registryBackToSearch")}</a>
      </p>
    </>
  );
}

const yesNo = (ctx: PageContext, value: boolean) => ctx.t(value ? "yes" : "no");

function factValue(ctx: PageContext, facts: ResidentFacts, field: keyof ResidentFacts): string {
  const none = ctx.t("registryNone");
  switch (field) {
    case "insurance":
      return label(insuranceLabels[facts.insurance], ctx.lang);
    case "pension":
      return facts.pension ? label(pensionLabels[facts.pension], ctx.lang) : none;
    case "careLevel":
      return facts.careLevel ? label(careLevelLabels[facts.careLevel], ctx.lang) : none;
    case "benefits":
      return facts.benefits.length > 0
        ? facts.benefits.map((b) => label(benefitLabels[b], ctx.lang)).join("、")
        : none;
    case "owns":
      return facts.owns.length > 0
        ? facts.owns.map((o) => label(possessionLabels[o], ctx.lang)).join("、")
        : none;
    default:
      return yesNo(ctx, facts[field]);
  }
}

const shownFacts = [
  "insurance",
  "pension",
  "pensionRecipient",
  "myNumberCard",
  "careLevel",
  "disabilityCertificate",
  "sealRegistered",
  "pregnant",
  "needsDaycare",
  "publicServant",
  "benefits",
  "owns",
] as const;

function MemberCard({ ctx, member, today }: { ctx: PageContext; member: ResidentRecord; today: string }) {
  const headingId = `member-${member.id}`;
  return (
    <section class="member" aria-labelledby={headingId} data-testid="member">
      <h3 id={headingId}>
        <span lang="ja">{member.name}</span>
        <span class="member__relation">（{label(relationLabels[member.relation], ctx.lang)}）</span>
      </h3>
      <dl class="summary-list">
        <dt>{ctx.t("registryKana")}</dt>
        <dd lang="ja">{member.kana}</dd>
        <dt>{ctx.t("registryBirthDate")}</dt>
        <dd>
          {displayDate(member.birthDate, ctx.lang)}（
          {ctx.t("registryAge", { age: String(ageOn(member.birthDate, today)) })}）
        </dd>
        <dt>{ctx.t("registrySex")}</dt>
        <dd>{label(sexLabels[member.sex], ctx.lang)}</dd>
        <dt>{ctx.t("registryResidentNo")}</dt>
        <dd>{member.residentNo}</dd>
        {shownFacts.map((field) => (
          <>
            <dt>{label(factLabels[field], ctx.lang)}</dt>
            <dd data-fact={field}>{factValue(ctx, member, field)}</dd>
          </>
        ))}
      </dl>
      <p>
        <a href={`/registry/residents/${member.id}/edit`}>
          {ctx.t("registryEdit")}
          <span class="visually-hidden">: {member.name}</span>
        </a>
      </p>
    </section>
  );
}

const codeLabels: Record<string, Record<string, { ja: string; en: string }>> = {
  insurance: insuranceLabels,
  pension: pensionLabels,
  careLevel: careLevelLabels,
  benefits: benefitLabels,
  owns: possessionLabels,
  relation: relationLabels,
  sex: sexLabels,
};

/** A history value for people: codes by their labels, lists joined, yes/no for flags. */
function historyValue(ctx: PageContext, field: string, value: unknown): string {
  const labels = codeLabels[field];
  const one = (v: unknown) => (labels && typeof v === "string" ? label(labels[v], ctx.lang, v) : String(v));
  if (value === null || value === undefined) return ctx.t("registryNone");
  if (Array.isArray(value)) return value.length === 0 ? ctx.t("registryNone") : value.map(one).join("、");
  if (typeof value === "boolean") return yesNo(ctx, value);
  if (typeof value === "object") return "—";
  return one(value);
}

export function householdPage(
  ctx: PageContext,
  household: HouseholdRecord,
  history: ResidentChange[],
  today: string,
  notice: string | undefined,
) {
  return (
    <>
      {notice ? (
        <p class="notice" role="status">
          {notice}
        </p>
      ) : null}
      <h1>
        {ctx.t("registryHousehold")}:{" "}
        <span lang="ja">{household.members[0]?.name ?? household.householdNo}</span>
      </h1>
      <dl class="summary-list">
        <dt>{ctx.t("registryHouseholdNo")}</dt>
        <dd>{household.householdNo}</dd>
        <dt>{ctx.t("registryAddress")}</dt>
        <dd lang="ja">
          {household.ward}
          {household.address}
        </dd>
      </dl>
      <p>
        <a class="button" href={`/guidance?household=${household.id}`} data-testid="start-guidance">
          {ctx.t("registryStartGuidance")}
        </a>
      </p>
      <h2>{ctx.t("registryMembers")}</h2>
      {household.members.map((member) => (
        <MemberCard ctx={ctx} member={member} today={today} />
      ))}
      <h2>{ctx.t("registryHistory")}</h2>
      {history.length === 0 ? (
        <p>{ctx.t("registryNoHistory")}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{ctx.t("registryWhen")}</th>
              <th scope="col">{ctx.t("registryFullName")}</th>
              <th scope="col">{ctx.t("registryWhat")}</th>
              <th scope="col">{ctx.t("registryChange")}</th>
              <th scope="col">{ctx.t("registrySource")}</th>
              <th scope="col">{ctx.t("registryWho")}</th>
              <th scope="col">{ctx.t("registryReason")}</th>
            </tr>
          </thead>
          <tbody>
            {history.map((h) => (
              <tr>
                <td>
                  {todayInJapan(h.occurredAt)} {tokyoTime(h.occurredAt, ctx.lang)}
                </td>
                <td lang="ja">{h.residentName ?? "—"}</td>
                <td>
                  {label(
                    factLabels[h.field as keyof typeof factLabels] ?? historyFieldLabels[h.field],
                    ctx.lang,
                    h.field,
                  )}
                </td>
                <td>
                  {h.field === "created"
                    ? "—"
                    : `${historyValue(ctx, h.field, h.oldValue)} → ${historyValue(ctx, h.field, h.newValue)}`}
                </td>
                <td>{label(sourceLabels[h.source], ctx.lang, h.source)}</td>
                <td>{h.actorUsername ?? "—"}</td>
                <td>{h.reason ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>
        <a href="/registry/search">{ctx.t("registryBackToSearch")}</a>
      </p>
    </>
  );
}

export interface EditValues extends ResidentFacts {
  reason: string;
  version: number;
}

function Choices<T extends string>(props: {
  ctx: PageContext;
  name: string;
  legend: string;
  options: readonly T[];
  labels: Record<T, { ja: string; en: string }>;
  selected: readonly T[];
}) {
  return (
    <fieldset class="field" id={props.name}>
      <legend>{props.legend}</legend>
      {props.options.map((option) => (
        <label class="choice">
          <input type="checkbox" name={props.name} value={option} checked={props.selected.includes(option)} />
          {label(props.labels[option], props.ctx.lang)}
        </label>
      ))}
    </fieldset>
  );
}

function Select<T extends string>(props: {
  ctx: PageContext;
  id: string;
  legend: string;
  options: readonly T[];
  labels: Record<T, { ja: string; en: string }>;
  value: T | null;
  allowNone: boolean;
  error?: string | undefined;
}) {
  const errorId = `${props.id}-error`;
  return (
    <div class={props.error ? "field field--error" : "field"}>
      <label for={props.id}>{props.legend}</label>
      {props.error ? (
        <p class="field__error" id={errorId}>
          {props.error}
        </p>
      ) : null}
      <select
        id={props.id}
        name={props.id}
        aria-describedby={props.error ? errorId : undefined}
        aria-invalid={props.error ? "true" : undefined}
      >
        {props.allowNone ? <option value="">{props.ctx.t("registryNone")}</option> : null}
        {props.options.map((option) => (
          <option value={option} selected={props.value === option}>
            {label(props.labels[option], props.ctx.lang)}
          </option>
        ))}
      </select>
    </div>
  );
}

export function editPage(
  ctx: PageContext,
  resident: ResidentRecord,
  values: EditValues,
  problems: Problem[],
) {
  const error = (path: string) => problemFor(problems, path, ctx.lang);
  return (
    <>
      <ErrorSummary problems={problems} t={ctx.t} lang={ctx.lang} />
      <h1>{ctx.t("registryEditTitle", { name: resident.name })}</h1>
      <p class="lead">{ctx.t("registryEditLead")}</p>
      <form method="post" action={`/registry/residents/${resident.id}/edit`} novalidate>
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="version" value={String(values.version)} />
        <Select
          ctx={ctx}
          id="insurance"
          legend={label(factLabels.insurance, ctx.lang)}
          options={insurances}
          labels={insuranceLabels}
          value={values.insurance}
          allowNone={false}
          error={error("insurance")}
        />
        <Select
          ctx={ctx}
          id="pension"
          legend={label(factLabels.pension, ctx.lang)}
          options={pensionCategories}
          labels={pensionLabels}
          value={values.pension}
          allowNone={true}
          error={error("pension")}
        />
        <Select
          ctx={ctx}
          id="careLevel"
          legend={label(factLabels.careLevel, ctx.lang)}
          options={careLevels}
          labels={careLevelLabels}
          value={values.careLevel}
          allowNone={true}
          error={error("careLevel")}
        />
        <fieldset class="field" id="flags">
          <legend>{ctx.lang === "ja" ? "該当するもの" : "What applies"}</legend>
          {booleanFacts.map((field) => (
            <label class="choice">
              <input type="checkbox" name={field} value="1" checked={values[field]} />
              {label(factLabels[field], ctx.lang)}
            </label>
          ))}
        </fieldset>
        <Choices
          ctx={ctx}
          name="benefits"
          legend={label(factLabels.benefits, ctx.lang)}
          options={benefits}
          labels={benefitLabels}
          selected={values.benefits}
        />
        <Choices
          ctx={ctx}
          name="owns"
          legend={label(factLabels.owns, ctx.lang)}
          options={possessions}
          labels={possessionLabels}
          selected={values.owns}
        />
        <Field
          id="reason"
          label={`${ctx.t("registryEditReason")}（${ctx.t("registryEditReasonHint")}）`}
          value={values.reason}
          error={error("reason")}
        />
        <button class="button" type="submit">
          {ctx.t("registrySave")}
        </button>
      </form>
      <p>
        <a href={`/registry/households/${resident.householdId}`}>{ctx.t("registryCancel")}</a>
      </p>
    </>
  );
}
