import { type Context, Hono } from "hono";
import type { Child } from "hono/jsx";
import { z } from "zod";
import type { MunicipalitySettings } from "../catalog/municipality.schema";
import { procedureInfo } from "../catalog/procedure-info";
import { householdForGuidance } from "../registry/household-for-guidance";
import { residentRegistryFor } from "../registry/registry-adapter";
import { formatDeadline, todayInJapan } from "../shared/dates";
import { notFound, type Problem } from "../shared/errors";
import type { AppEnv, AppServices } from "../web/context";
import type { Lang } from "../web/i18n";
import { CsrfField, ErrorSummary, type PageContext } from "../web/layout";
import { requireStaff } from "../web/middleware";
import { renderPage } from "../web/respond";
import type { Plan, PlanItem } from "./engine";
import { settingsForMunicipality } from "./guidance.api";
import {
  applyMemberAction,
  benefitOptions,
  careLevels,
  draftFromForm,
  draftFromHousehold,
  emptyDraft,
  emptyMember,
  fieldIdForPath,
  type GuidanceDraft,
  householdFromDraft,
  insurances,
  MAX_MEMBERS,
  memberFlags,
  memberId,
  type Option,
  ownsOptions,
  pensions,
  phaseOneEvents,
  relations,
  sexes,
} from "./guidance-form";
import { guideHousehold } from "./guide";

// The events of a household already in the registry, as the household page's link may name them.
const registryEvents = z.enum(["move-within", "move-between-wards", "move-out", "death"]);

const L = (lang: Lang, ja: string, en: string) => (lang === "ja" ? ja : en);
const label = (o: Option, lang: Lang) => o.label[lang];

function Select(props: {
  id: string;
  name: string;
  label: string;
  options: Option[];
  value: string;
  lang: Lang;
  error?: string | undefined;
}) {
  return (
    <div class={props.error ? "field field--error" : "field"}>
      <label for={props.id}>{props.label}</label>
      {props.error ? (
        <p class="field__error" id={`${props.id}-error`}>
          {props.error}
        </p>
      ) : null}
      <select
        id={props.id}
        name={props.name}
        aria-describedby={props.error ? `${props.id}-error` : undefined}
      >
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.value}>
            {label(o, props.lang)}
          </option>
        ))}
      </select>
    </div>
  );
}

function TextInput(props: {
  id: string;
  name: string;
  label: string;
  value: string;
  type?: string;
  error?: string | undefined;
  hint?: string;
}) {
  const describedBy = [props.hint ? `${props.id}-hint` : "", props.error ? `${props.id}-error` : ""]
    .filter(Boolean)
    .join(" ");
  return (
    <div class={props.error ? "field field--error" : "field"}>
      <label for={props.id}>{props.label}</label>
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
      <input
        id={props.id}
        name={props.name}
        type={props.type ?? "text"}
        value={props.value}
        aria-describedby={describedBy || undefined}
        aria-invalid={props.error ? "true" : undefined}
      />
    </div>
  );
}

function Checkboxes(props: {
  legend: string;
  name: string;
  idPrefix: string;
  options: Option[];
  checked: string[];
  lang: Lang;
}) {
  return (
    <fieldset class="checkboxes">
      <legend>{props.legend}</legend>
      {props.options.map((o) => (
        <div class="checkbox">
          <input
            type="checkbox"
            id={`${props.idPrefix}-${o.value}`}
            name={props.name}
            value={o.value}
            checked={props.checked.includes(o.value)}
          />
          <label for={`${props.idPrefix}-${o.value}`}>{label(o, props.lang)}</label>
        </div>
      ))}
    </fieldset>
  );
}

function Checkbox(props: { id: string; name: string; label: string; checked: boolean }) {
  return (
    <div class="checkbox">
      <input type="checkbox" id={props.id} name={props.name} value="on" checked={props.checked} />
      <label for={props.id}>{props.label}</label>
    </div>
  );
}

/**
 * The event-and-household form. The staff guidance page posts it to /guidance; a counter visit reuses
 * it for a household entered at the counter (`action`, `hidden`, `submitLabel`, no sheet button).
 */
export function GuidanceForm({
  ctx,
  draft,
  problems,
  action = "/guidance",
  hidden = {},
  submitLabel,
  showSheet = true,
}: {
  ctx: PageContext;
  draft: GuidanceDraft;
  problems: Problem[];
  action?: string;
  hidden?: Record<string, string>;
  submitLabel?: string;
  showSheet?: boolean;
}) {
  const { lang } = ctx;
  const errorFor = (id: string) => {
    const p = problems.find((x) => x.path === id);
    return p ? (lang === "ja" ? p.ja : p.en) : undefined;
  };
  const e = draft.event;
  // Plain text, not type="date": a browser's date control silently submits "" for a date it cannot
  // take (2026-02-30), so the staff member would lose what they typed instead of seeing why.
  const dateHint = L(lang, "例: 2026-04-06", "For example, 2026-04-06");
  const memberOptions: Option[] = [
    { value: "", label: { ja: "選択してください", en: "Choose" } },
    ...draft.members.map((m, i) => ({
      value: memberId(i),
      label: { ja: `${memberId(i)} ${m.name}`.trim(), en: `${memberId(i)} ${m.name}`.trim() },
    })),
  ];
  return (
    <form method="post" action={action} novalidate>
      {Object.entries(hidden).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <CsrfField token={ctx.csrfToken} />
      <input type="hidden" name="memberCount" value={String(draft.members.length)} />
      <fieldset class="panel">
        <legend>{L(lang, "出来事", "Life event")}</legend>
        <Select
          id="event-type"
          name="event.type"
          label={L(lang, "種類", "Event")}
          options={phaseOneEvents}
          value={e.type}
          lang={lang}
          error={errorFor("event-type")}
        />
        <TextInput
          id="event-date"
          name="event.date"
          label={L(lang, "日付（異動日・死亡日）", "Date (moving day or day of death)")}
          hint={dateHint}
          value={e.date}
          error={errorFor("event-date")}
        />
        <Select
          id="event-origin"
          name="event.origin"
          label={L(lang, "転入元（転入のとき）", "Moving in from (move-in)")}
          options={[
            {
              value: "other-municipality",
              label: { ja: "国内の他の市区町村", en: "Another municipality in Japan" },
            },
            { value: "abroad", label: { ja: "国外", en: "Abroad" } },
          ]}
          value={e.origin}
          lang={lang}
        />
        <Select
          id="event-destination"
          name="event.destination"
          label={L(lang, "転出先（転出のとき）", "Moving out to (move-out)")}
          options={[
            {
              value: "other-municipality",
              label: { ja: "国内の他の市区町村", en: "Another municipality in Japan" },
            },
            { value: "abroad", label: { ja: "国外", en: "Abroad" } },
          ]}
          value={e.destination}
          lang={lang}
        />
        <Checkbox
          id="event-crossPrefecture"
          name="event.crossPrefecture"
          label={L(lang, "他の都道府県との間の異動", "To or from another prefecture")}
          checked={e.crossPrefecture}
        />
        <Checkbox
          id="event-schoolDistrictChanges"
          name="event.schoolDistrictChanges"
          label={L(
            lang,
            "通学区域が変わる（市内の転居）",
            "The school district changes (moves within the city)",
          )}
          checked={e.schoolDistrictChanges}
        />
        <Select
          id="event-subject"
          name="event.subject"
          label={L(lang, "亡くなった方（死亡のとき）", "The deceased (death)")}
          options={memberOptions}
          value={e.subject}
          lang={lang}
          error={errorFor("event-subject")}
        />
        <Select
          id="event-funeralHost"
          name="event.funeralHost"
          label={L(lang, "喪主（死亡のとき・任意）", "Funeral host (death, optional)")}
          options={memberOptions}
          value={e.funeralHost}
          lang={lang}
          error={errorFor("event-funeralHost")}
        />
        <Checkbox
          id="event-deathRegistered"
          name="event.deathRegistered"
          label={L(lang, "死亡届は提出済み", "The death has already been registered")}
          checked={e.deathRegistered}
        />
        <Checkbox
          id="requests-residenceCertificate"
          name="requests"
          label={L(lang, "住民票の写しが必要", "Needs a residence certificate")}
          checked={draft.requests.includes("residenceCertificate")}
        />
      </fieldset>

      {draft.members.map((m, i) => {
        const p = `m${i}`;
        return (
          <fieldset class="panel">
            <legend>
              {L(lang, `世帯員 ${i + 1}`, `Member ${i + 1}`)} ({memberId(i)})
            </legend>
            <TextInput
              id={`${p}-name`}
              name={`${p}.name`}
              label={L(lang, "氏名", "Name")}
              value={m.name}
              error={errorFor(`${p}-name`)}
            />
            <TextInput
              id={`${p}-kana`}
              name={`${p}.kana`}
              label={L(lang, "フリガナ", "Name in kana")}
              value={m.kana}
              error={errorFor(`${p}-kana`)}
            />
            <Select
              id={`${p}-relation`}
              name={`${p}.relation`}
              label={L(lang, "続柄", "Relation")}
              options={relations}
              value={m.relation}
              lang={lang}
              error={errorFor(`${p}-relation`)}
            />
            <TextInput
              id={`${p}-birthDate`}
              name={`${p}.birthDate`}
              label={L(lang, "生年月日", "Date of birth")}
              hint={dateHint}
              value={m.birthDate}
              error={errorFor(`${p}-birthDate`)}
            />
            <Select
              id={`${p}-sex`}
              name={`${p}.sex`}
              label={L(lang, "性別", "Sex")}
              options={sexes}
              value={m.sex}
              lang={lang}
            />
            <Select
              id={`${p}-insurance`}
              name={`${p}.insurance`}
              label={L(lang, "健康保険（異動後）", "Health insurance (after the event)")}
              options={insurances}
              value={m.insurance}
              lang={lang}
              error={errorFor(`${p}-insurance`)}
            />
            <Select
              id={`${p}-pension`}
              name={`${p}.pension`}
              label={L(lang, "国民年金の種別（20〜59歳）", "National pension category (ages 20–59)")}
              options={pensions}
              value={m.pension}
              lang={lang}
              error={errorFor(`${p}-pension`)}
            />
            <Select
              id={`${p}-careLevel`}
              name={`${p}.careLevel`}
              label={L(lang, "要介護・要支援認定", "Long-term care level")}
              options={careLevels}
              value={m.careLevel}
              lang={lang}
            />
            <Checkbox
              id={`${p}-moving`}
              name={`${p}.moving`}
              label={L(lang, "異動する（転入・転居・転出のとき）", "Moves (for move events)")}
              checked={m.moving}
            />
            <Checkboxes
              legend={L(lang, "該当するもの", "Applies to this person")}
              name={`${p}.flags`}
              idPrefix={`${p}-flag`}
              options={memberFlags}
              checked={m.flags}
              lang={lang}
            />
            <Checkboxes
              legend={L(lang, "受給している手当・助成", "Benefits received")}
              name={`${p}.benefits`}
              idPrefix={`${p}-benefit`}
              options={benefitOptions}
              checked={m.benefits}
              lang={lang}
            />
            <Checkboxes
              legend={L(lang, "所有しているもの", "Owns")}
              name={`${p}.owns`}
              idPrefix={`${p}-owns`}
              options={ownsOptions}
              checked={m.owns}
              lang={lang}
            />
            {draft.members.length > 1 ? (
              <button class="button button--secondary" type="submit" name="action" value={`remove:${i}`}>
                {L(lang, `世帯員 ${i + 1} を削除`, `Remove member ${i + 1}`)}
              </button>
            ) : null}
          </fieldset>
        );
      })}
      <div class="button-row">
        {draft.members.length < MAX_MEMBERS ? (
          <button class="button button--secondary" type="submit" name="action" value="add">
            {L(lang, "世帯員を追加", "Add a member")}
          </button>
        ) : null}
        <button class="button" type="submit" name="action" value="plan">
          {submitLabel ?? L(lang, "必要な手続きを表示", "Show the procedures")}
        </button>
        {showSheet ? (
          <button class="button button--secondary" type="submit" name="action" value="sheet">
            {L(lang, "案内票を印刷用に表示", "Printable guidance sheet")}
          </button>
        ) : null}
      </div>
    </form>
  );
}

function departmentLabel(settings: MunicipalitySettings, department: string, lang: Lang): string {
  if (department === "external") return L(lang, "市役所以外の機関", "Other bodies");
  const labels = settings.departmentLabels as Record<string, { ja: string; en: string }>;
  return labels[department]?.[lang] ?? department;
}

function memberNames(item: PlanItem, draft: GuidanceDraft): string {
  return item.members
    .map((id) => {
      const index = Number(id.slice(1)) - 1;
      const name = draft.members[index]?.name;
      return name ? `${name}（${id}）` : id;
    })
    .join("、");
}

function Deadline({ iso, lang }: { iso: string | null; lang: Lang }) {
  if (!iso) return <span>{L(lang, "期限なし", "No deadline")}</span>;
  return <time datetime={iso}>{formatDeadline(iso, lang)}</time>;
}

function PlanView({
  plan,
  draft,
  settings,
  lang,
}: {
  plan: Plan;
  draft: GuidanceDraft;
  settings: MunicipalitySettings;
  lang: Lang;
}) {
  if (plan.procedures.length === 0) {
    return (
      <p class="notice" role="status">
        {L(lang, "この内容では、必要な手続きはありません。", "No procedures are needed for this household.")}
      </p>
    );
  }
  const groups = new Map<string, PlanItem[]>();
  for (const item of plan.procedures)
    groups.set(item.department, [...(groups.get(item.department) ?? []), item]);
  return (
    <section aria-labelledby="plan-title" id="plan">
      <h2 id="plan-title">
        {L(
          lang,
          `必要な手続き（${plan.procedures.length}件）`,
          `Procedures needed (${plan.procedures.length})`,
        )}
      </h2>
      {[...groups].map(([department, items]) => (
        <section aria-label={departmentLabel(settings, department, lang)}>
          <h3>{departmentLabel(settings, department, lang)}</h3>
          <table>
            <thead>
              <tr>
                <th scope="col">{L(lang, "手続き", "Procedure")}</th>
                <th scope="col">{L(lang, "対象の方", "For")}</th>
                <th scope="col">{L(lang, "期限", "Deadline")}</th>
                <th scope="col">{L(lang, "受付", "Handled")}</th>
                <th scope="col">{L(lang, "理由", "Why")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr data-procedure={item.id}>
                  <td>
                    {item.name}
                    <br />
                    <code>{item.id}</code>
                  </td>
                  <td>{memberNames(item, draft)}</td>
                  <td>
                    <Deadline iso={item.deadline} lang={lang} />
                  </td>
                  <td>
                    {item.handling === "one-stop"
                      ? L(lang, "この窓口で受付", "At this counter")
                      : L(lang, "ご案内（他の窓口・機関）", "Guidance (elsewhere)")}
                  </td>
                  <td>
                    <ul class="reasons">
                      {item.reasons.map((r) => (
                        <li>{r}</li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </section>
  );
}

export function GuidanceSheet({
  plan,
  draft,
  settings,
  lang,
  today,
  survey,
}: {
  plan: Plan;
  draft: GuidanceDraft;
  settings: MunicipalitySettings;
  lang: Lang;
  today: string;
  /** The satisfaction survey's link and its QR code (an SVG text), on a visit's sheet. */
  survey?: { url: string; qrSvg: string } | undefined;
}) {
  const here = plan.procedures.filter((p) => p.handling === "one-stop");
  const elsewhere = plan.procedures.filter((p) => p.handling === "guidance");
  const event = phaseOneEvents.find((o) => o.value === draft.event.type);
  const rows = (items: PlanItem[], showDept: boolean): Child => (
    <table class="sheet-table">
      <thead>
        <tr>
          <th scope="col">{L(lang, "手続き", "Procedure")}</th>
          <th scope="col">{L(lang, "対象の方", "For")}</th>
          {showDept ? <th scope="col">{L(lang, "窓口・機関", "Where")}</th> : null}
          <th scope="col">{L(lang, "期限", "Deadline")}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr data-procedure={item.id}>
            <td>{item.name}</td>
            <td>{memberNames(item, draft)}</td>
            {showDept ? (
              <td>
                {procedureInfo(item.id, settings)?.place[lang] ??
                  departmentLabel(settings, item.department, lang)}
              </td>
            ) : null}
            <td>
              <Deadline iso={item.deadline} lang={lang} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <article class="sheet" aria-labelledby="sheet-title">
      <h1 id="sheet-title">{L(lang, "手続きのご案内", "Your procedures")}</h1>
      <p>
        {settings.name[lang]} ・ {event ? event.label[lang] : draft.event.type} ・{" "}
        {draft.event.date ? <Deadline iso={draft.event.date} lang={lang} /> : null}
      </p>
      <p class="sheet-issued">
        {L(lang, "発行日", "Issued")}: <Deadline iso={today} lang={lang} />
      </p>
      <h2>{L(lang, "本日この窓口でお受けする手続き", "Done at this counter today")}</h2>
      {here.length > 0 ? rows(here, false) : <p>{L(lang, "ありません。", "None.")}</p>}
      <h2>{L(lang, "ほかの窓口・機関でお手続きください", "Still to do elsewhere")}</h2>
      {elsewhere.length > 0 ? rows(elsewhere, true) : <p>{L(lang, "ありません。", "None.")}</p>}
      <p class="sheet-note">
        {L(
          lang,
          "期限が土日・祝日にあたる場合も、表示の日付のとおりです。ご不明な点は窓口におたずねください。",
          "Deadlines are shown as the law sets them, even when they fall on a weekend or holiday. Ask at the counter if anything is unclear.",
        )}
      </p>
      {survey ? (
        <section class="sheet-survey" aria-labelledby="sheet-survey-title" data-testid="sheet-survey">
          <div
            class="sheet-survey-qr"
            role="img"
            aria-label={L(lang, "アンケートのQRコード", "QR code of the survey")}
            // The SVG text comes from the qrcode package, not from any input.
            dangerouslySetInnerHTML={{ __html: survey.qrSvg }}
          />
          <div>
            <h2 id="sheet-survey-title">{L(lang, "アンケートにご協力ください", "Tell us how we did")}</h2>
            <p>
              {L(
                lang,
                "お手続きが終わったら、QRコードから1問（5段階）のアンケートにお答えください。お名前などはうかがいません。日本語・やさしい日本語・Englishで答えられます。",
                "Once your procedures are done, answer one question (5 points) from the QR code. We do not ask for your name. In Japanese, easy Japanese or English.",
              )}
            </p>
            <p class="sheet-survey-url">{survey.url}</p>
          </div>
        </section>
      ) : null}
      <p class="no-print">
        <button class="button" type="button" data-print hidden>
          {L(lang, "印刷する", "Print")}
        </button>{" "}
        <a href="/guidance">{L(lang, "新しい案内を作成", "Start a new guidance")}</a>
      </p>
    </article>
  );
}

export function guidanceRoutes(deps: AppServices): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use("/guidance", requireStaff(deps));
  const today = () => todayInJapan(deps.now?.() ?? new Date());

  const page = (
    c: Context<AppEnv>,
    draft: GuidanceDraft,
    options: { problems?: Problem[]; plan?: Plan; status?: 200 | 422 } = {},
  ) => {
    const session = c.get("session");
    const settings = settingsForMunicipality(session?.municipalityId ?? "national");
    const title = c.get("lang") === "ja" ? "手続きの案内" : "Guidance";
    return renderPage(
      c,
      title,
      (ctx) => (
        <>
          <ErrorSummary problems={options.problems ?? []} t={ctx.t} lang={ctx.lang} />
          <h1>{title}</h1>
          <p class="lead">
            {L(
              ctx.lang,
              "出来事と世帯の情報を入力すると、必要な手続き・対象の方・期限・理由を表示します。",
              "Enter the life event and the household to see every procedure needed, for whom, by when, and why.",
            )}
          </p>
          {options.plan ? (
            <PlanView plan={options.plan} draft={draft} settings={settings} lang={ctx.lang} />
          ) : null}
          <GuidanceForm ctx={ctx} draft={draft} problems={options.problems ?? []} />
        </>
      ),
      options.status ?? 200,
    );
  };

  const registry = residentRegistryFor(deps.config, deps.database);
  app.get("/guidance", async (c) => {
    const householdId = c.req.query("household");
    if (!householdId) return page(c, emptyDraft(today()));
    // "Start guidance for this household" from the registry: the members arrive filled in, once this
    // staff member has opened the household with a reason (the audit entry); otherwise they give one.
    const session = c.get("session");
    if (!session) throw notFound();
    const found = await householdForGuidance({
      db: deps.database.db,
      registry,
      municipalityId: session.municipalityId,
      householdId,
      staffId: session.staff.id,
      sessionStartedAt: session.createdAt,
      now: deps.now?.() ?? new Date(),
      eventDate: today(),
    });
    if (found.kind === "needs-reason") return c.redirect(found.openPath, 303);
    const type = registryEvents.catch("move-within").parse(c.req.query("event"));
    const draft = draftFromHousehold(
      { event: { type, date: today() }, members: found.members.map((m) => ({ ...m })) },
      today(),
    );
    return page(c, draft);
  });

  app.post("/guidance", async (c) => {
    const form = await c.req.formData();
    const get = (name: string) => form.getAll(name).filter((v): v is string => typeof v === "string");
    const draft = draftFromForm(get);
    if (draft.members.length === 0) draft.members.push(emptyMember());
    const action = get("action")[0] ?? "plan";
    if (applyMemberAction(draft, action)) return page(c, draft);
    const session = c.get("session");
    const settings = settingsForMunicipality(session?.municipalityId ?? "national");
    const result = guideHousehold(householdFromDraft(draft), settings);
    if (!result.ok) {
      const problems = result.error.problems.map((p) => ({
        path: fieldIdForPath(p.path),
        ja: p.ja,
        en: p.en,
      }));
      return page(c, draft, { problems, status: 422 });
    }
    if (action === "sheet") {
      const title = c.get("lang") === "ja" ? "手続きのご案内" : "Your procedures";
      return renderPage(c, title, (ctx) => (
        <GuidanceSheet plan={result.plan} draft={draft} settings={settings} lang={ctx.lang} today={today()} />
      ));
    }
    return page(c, draft, { plan: result.plan });
  });
  return app;
}
