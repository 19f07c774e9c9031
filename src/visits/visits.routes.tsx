import { type Context, Hono } from "hono";
import QRCode from "qrcode";
import { z } from "zod";
import type { InterviewQuestion } from "../forms/field-dictionary";
import type { Plan } from "../guidance/engine";
import { settingsForMunicipality } from "../guidance/guidance.api";
import { GuidanceForm, GuidanceSheet } from "../guidance/guidance.routes";
import {
  applyMemberAction,
  draftFromForm,
  draftFromHousehold,
  emptyDraft,
  fieldIdForPath,
  type GuidanceDraft,
  householdFromDraft,
} from "../guidance/guidance-form";
import { destinationCatalog } from "../handoff/destination-catalog";
import { DeliveryStatuses } from "../handoff/handoff.pages";
import { applicationStatusKey, presentStatuses } from "../handoff/handoff.presenters";
import { handoffRepository } from "../handoff/handoff.repository";
import { surveyLinkToken } from "../kpi/answer-survey";
import { householdToGuidanceInput } from "../registry/guidance-input";
import { householdForGuidance } from "../registry/household-for-guidance";
import { openHousehold, openReasons } from "../registry/open-household";
import { residentRegistryFor } from "../registry/registry-adapter";
import { todayInJapan } from "../shared/dates";
import { AppError, notFound, type Problem } from "../shared/errors";
import type { AppEnv, AppServices } from "../web/context";
import { CsrfField, ErrorSummary, type PageContext, tokyoTime } from "../web/layout";
import { clientIp, requireStaff } from "../web/middleware";
import { renderPage } from "../web/respond";
import { acceptVisit, type VisitMeasures } from "./accept-visit";
import { type Declined, declineProcedure } from "./decline-procedure";
import { moveVisit } from "./move-visit";
import { answerFieldId, saveAnswers } from "./save-answers";
import { setHousehold } from "./set-household";
import { signVisit } from "./sign-visit";
import { startVisit } from "./start-visit";
import { verifyIdentity } from "./verify-identity";
import { visitStateLabel } from "./visit";
import { type VisitRow, visitRepository } from "./visit.repository";
import { renderVisitForms, visitFormInputs } from "./visit-forms";
import { loadVisit, type StaffScope } from "./visit-scope";
import { IdentityStep, L, PlanStep, StepIndicator, VisitForm } from "./visits.pages";

const versionField = z.coerce.number().int().min(1);

function scopeOf(c: Context<AppEnv>): StaffScope {
  const session = c.get("session");
  if (!session) throw new AppError("UNAUTHENTICATED");
  return { municipalityId: session.municipalityId, staffId: session.staff.id, officeId: session.officeId };
}

async function formOf(c: Context<AppEnv>) {
  const form = await c.req.formData();
  const all = (name: string) => form.getAll(name).filter((v): v is string => typeof v === "string");
  const one = (name: string) => (all(name)[0] ?? "").normalize("NFKC").trim();
  return { all, one, version: versionField.parse(one("version") || "0") };
}

function QuestionField({
  q,
  value,
  error,
  lang,
  members,
}: {
  q: InterviewQuestion;
  value: string;
  error?: string | undefined;
  lang: "ja" | "en";
  members: Array<{ id: string; name?: string | undefined }>;
}) {
  const id = answerFieldId(q.key, q.memberId);
  const name = q.memberId ? `a.${q.key}.${q.memberId}` : `a.${q.key}`;
  const who = q.memberId ? ` — ${members.find((m) => m.id === q.memberId)?.name ?? q.memberId}` : "";
  const hintId = q.hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  const options =
    q.type === "member"
      ? members.map((m) => ({ value: m.id, label: { ja: m.name ?? m.id, en: m.name ?? m.id } }))
      : q.options;
  return (
    <div class={error ? "field field--error" : "field"}>
      <label for={id}>
        {q.label[lang]}
        {who}
      </label>
      {q.hint ? (
        <p class="field__hint" id={hintId}>
          {q.hint[lang]}
        </p>
      ) : null}
      {error ? (
        <p class="field__error" id={errorId}>
          {error}
        </p>
      ) : null}
      {options ? (
        <select id={id} name={name} aria-describedby={describedBy}>
          <option value="">{L(lang, "選択してください", "Choose")}</option>
          {options.map((o) => (
            <option value={o.value} selected={o.value === value}>
              {o.label[lang]}
            </option>
          ))}
        </select>
      ) : (
        <input
          id={id}
          name={name}
          type="text"
          value={value}
          inputmode={
            q.type === "postalCode" || q.type === "digits" || q.type === "phone" || q.type === "integer"
              ? "numeric"
              : undefined
          }
          aria-describedby={describedBy}
          aria-invalid={error ? "true" : undefined}
        />
      )}
    </div>
  );
}

/** "𠮷田 太郎（m1）、…": staff tell the resident whom a procedure is for by name, not by member id. */
function memberNamesOf(members: Array<{ id: string; name?: string | undefined }>) {
  return (ids: string[]): string =>
    ids
      .map((id) => {
        const name = members.find((m) => m.id === id)?.name;
        return name ? `${name}（${id}）` : id;
      })
      .join("、");
}

function answerValue(raw: Record<string, unknown>, q: InterviewQuestion): string {
  const v = raw[q.key];
  if (q.memberId === undefined) return v === undefined ? "" : String(v);
  const byMember = v as Record<string, unknown> | undefined;
  return byMember?.[q.memberId] === undefined ? "" : String(byMember[q.memberId]);
}

/** Form fields a.<key> and a.<key>.<memberId> back into the answers document; blanks are left out. */
function answersFromForm(all: (name: string) => string[], names: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of names) {
    if (!name.startsWith("a.")) continue;
    const value = (all(name)[0] ?? "").normalize("NFKC").trim();
    if (value === "") continue;
    const [, key, memberId] = name.split(".");
    if (!key) continue;
    if (memberId) {
      const byMember = (out[key] as Record<string, unknown> | undefined) ?? {};
      byMember[memberId] = value;
      out[key] = byMember;
    } else out[key] = value;
  }
  return out;
}

export function visitRoutes(deps: AppServices): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use("/visits", requireStaff(deps));
  app.use("/visits/*", requireStaff(deps));
  const now = () => deps.now?.() ?? new Date();
  const db = deps.database.db;
  const registry = residentRegistryFor(deps.config, deps.database);

  const visitPage = async (
    c: Context<AppEnv>,
    visit: VisitRow,
    options: { problems?: Problem[]; draft?: GuidanceDraft; status?: 200 | 409 | 422 } = {},
  ) => {
    const problems = options.problems ?? [];
    const settings = settingsForMunicipality(visit.municipalityId);
    const lang = c.get("lang");
    const title = L(lang, "来庁受付", "Counter visit");
    let body: (ctx: PageContext) => unknown = () => null;
    if (visit.state === "reception") {
      body = (ctx) => (
        <VisitForm ctx={ctx} visit={visit} action="move">
          <input type="hidden" name="to" value="identity" />
          <p>
            {L(
              lang,
              "住民の方がお掛けになったら、本人確認から始めます。",
              "When the resident is seated, begin with the identity check.",
            )}
          </p>
          <button class="button" type="submit">
            {L(lang, "本人確認を始める", "Begin the identity check")}
          </button>
        </VisitForm>
      );
    } else if (visit.state === "identity") {
      body = (ctx) => <IdentityStep ctx={ctx} visit={visit} />;
    } else if (visit.state === "household") {
      const q = c.req.query("q")?.normalize("NFKC").trim() ?? "";
      const birthDate = c.req.query("birthDate")?.trim() ?? "";
      const results =
        q || birthDate
          ? await registry.search(visit.municipalityId, {
              ...(q ? { name: q } : {}),
              ...(birthDate ? { birthDate } : {}),
              limit: 20,
            })
          : undefined;
      const draft = options.draft ?? emptyDraft(todayInJapan(now()));
      body = (ctx) => (
        <>
          <h2>{L(lang, "住民記録から世帯を呼び出す", "Bring up the household from the registry")}</h2>
          <form method="get" action={`/visits/${visit.id}`} class="search-form">
            <div class="field">
              <label for="q">{L(lang, "氏名またはフリガナ", "Name or kana")}</label>
              <input id="q" name="q" type="text" value={q} />
            </div>
            <div class="field">
              <label for="birthDate">
                {L(lang, "生年月日（例: 1984-06-02）", "Date of birth (e.g. 1984-06-02)")}
              </label>
              <input id="birthDate" name="birthDate" type="text" value={birthDate} />
            </div>
            <button class="button button--secondary" type="submit">
              {L(lang, "検索", "Search")}
            </button>
          </form>
          {results ? (
            results.residents.length === 0 ? (
              <p role="status">{L(lang, "該当する方はいません。", "No one matches.")}</p>
            ) : (
              <table>
                <thead>
                  <tr>
                    <th scope="col">{L(lang, "氏名", "Name")}</th>
                    <th scope="col">{L(lang, "生年月日", "Date of birth")}</th>
                    <th scope="col">{L(lang, "住所", "Address")}</th>
                    <th scope="col">{L(lang, "この世帯で進める", "Use this household")}</th>
                  </tr>
                </thead>
                <tbody>
                  {results.residents.map((r) => (
                    <tr>
                      <td>
                        {r.name}
                        <br />
                        <span lang="ja">{r.kana}</span>
                      </td>
                      <td>{r.birthDate}</td>
                      <td>
                        {r.ward} {r.address}
                      </td>
                      <td>
                        <VisitForm ctx={ctx} visit={visit} action="registry-household">
                          <input type="hidden" name="householdId" value={r.householdId} />
                          <input type="hidden" name="residentId" value={r.id} />
                          <label class="visually-hidden" for={`reason-${r.id}`}>
                            {L(lang, "出来事（閲覧の理由）", "Event (reason for opening)")}
                          </label>
                          <select id={`reason-${r.id}`} name="reason">
                            {openReasons
                              .filter((x) => x !== "certificate")
                              .map((x) => (
                                <option value={x} selected={x === draft.event.type}>
                                  {visitEventLabel(x, lang)}
                                </option>
                              ))}
                          </select>
                          <button class="link-button" type="submit">
                            {L(lang, `${r.name} さんの世帯を開く`, `Open ${r.name}'s household`)}
                          </button>
                        </VisitForm>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )
          ) : null}
          <h2>{L(lang, "世帯の確認・入力", "Confirm or enter the household")}</h2>
          <p>
            {L(
              lang,
              "転入の方は住民記録にないため、ここで入力します。住民記録から開いた世帯は内容を確認し、異動しない方や亡くなった方を選んでください。",
              "Someone moving in is not in the registry yet: enter the household here. For a household opened from the registry, check it and mark who does not move, or who died.",
            )}
          </p>
          <GuidanceForm
            ctx={ctx}
            draft={draft}
            problems={problems}
            action={`/visits/${visit.id}/household`}
            hidden={{ version: String(visit.version), registryHouseholdId: c.req.query("household") ?? "" }}
            submitLabel={L(lang, "この世帯で手続きを確認する", "Confirm and list the procedures")}
            showSheet={false}
          />
        </>
      );
    } else if (visit.state === "plan") {
      const memberNames = memberNamesOf(visitFormInputs(visit).household.members);
      body = (ctx) => (
        <PlanStep
          ctx={ctx}
          visit={visit}
          memberNames={memberNames}
          departmentLabel={(d) =>
            (settings.departmentLabels as Record<string, { ja: string; en: string }>)[d]?.[lang] ??
            L(lang, "市役所以外の機関", "Other bodies")
          }
        />
      );
    } else if (visit.state === "interview") {
      const inputs = visitFormInputs(visit);
      const raw = {
        ...inputs.rawAnswers,
        ...((options.draft as unknown as { answers?: Record<string, unknown> })?.answers ?? {}),
      };
      const errorFor = (id: string) => {
        const p = problems.find((x) => x.path === id);
        return p ? (lang === "ja" ? p.ja : p.en) : undefined;
      };
      body = (ctx) => (
        <VisitForm ctx={ctx} visit={visit} action="answers">
          <h2>
            {L(
              lang,
              `聞き取り（${inputs.questions.length}問）`,
              `Interview (${inputs.questions.length} questions)`,
            )}
          </h2>
          <p>
            {L(
              lang,
              "書類に必要で、住民記録にない事項だけをお聞きします。同じ事項は一度だけです。",
              "Only what the forms need and the registry does not know is asked, each once.",
            )}
          </p>
          {inputs.questions.length === 0 ? (
            <p>{L(lang, "お聞きする事項はありません。", "There is nothing to ask.")}</p>
          ) : null}
          {inputs.questions.map((q) => (
            <QuestionField
              q={q}
              value={answerValue(raw, q)}
              error={errorFor(answerFieldId(q.key, q.memberId))}
              lang={lang}
              members={inputs.household.members}
            />
          ))}
          <div class="button-row">
            <button class="button" type="submit" name="proceed" value="yes">
              {L(lang, "内容の確認へ進む", "Go on to the review")}
            </button>
            <button class="button button--secondary" type="submit" name="proceed" value="no">
              {L(lang, "途中まで保存", "Save for now")}
            </button>
          </div>
        </VisitForm>
      );
    } else if (visit.state === "review" || visit.state === "signature") {
      const inputs = visitFormInputs(visit);
      const oneStop = inputs.plan.procedures.filter((p) => p.handling === "one-stop");
      body = (ctx) => (
        <>
          <h2>{L(lang, "申請内容のご確認", "Please check your applications")}</h2>
          <p class="lead">
            {L(
              lang,
              `次の ${oneStop.length} 件の申請書を作成しました。内容をご確認のうえ、一度だけご署名ください。`,
              `We have prepared the ${oneStop.length} applications below. Please check them and sign once.`,
            )}
          </p>
          <ul>
            {oneStop.map((p) => (
              <li>
                {p.name}（
                {p.members
                  .map((id) => inputs.household.members.find((m) => m.id === id)?.name ?? id)
                  .join("、")}
                ）
              </li>
            ))}
          </ul>
          <p>
            <a href={`/visits/${visit.id}/forms.pdf`}>
              {L(lang, "申請書（PDF）を開く", "Open the application forms (PDF)")}
            </a>
          </p>
          <iframe
            class="pdf-preview"
            src={`/visits/${visit.id}/forms.pdf`}
            title={L(lang, "申請書のプレビュー", "Preview of the application forms")}
          />
          {visit.state === "review" ? (
            <VisitForm ctx={ctx} visit={visit} action="sign" attrs={{ "data-signature-form": "" }}>
              <h2 id="signature">{L(lang, "ご署名", "Your signature")}</h2>
              <p class="field__error" data-signature-error hidden role="alert">
                {L(lang, "署名欄にご署名ください。", "Please sign in the box.")}
              </p>
              <canvas
                class="signature-pad"
                aria-label={L(lang, "署名欄（指やペンで署名）", "Signature box: sign with a finger or pen")}
                role="img"
              />
              <input type="hidden" name="signature" value="" />
              <noscript>
                <p>
                  {L(
                    lang,
                    "署名にはタブレットの署名欄（JavaScript）が必要です。",
                    "Signing needs the tablet's signature box (JavaScript).",
                  )}
                </p>
              </noscript>
              <div class="button-row">
                <button class="button button--secondary" type="button" data-signature-clear>
                  {L(lang, "書き直す", "Clear")}
                </button>
                <button class="button" type="submit">
                  {L(lang, "署名して確定する", "Sign")}
                </button>
              </div>
              {/* The pad's island: without it the canvas cannot be drawn on and nothing is sent. */}
              <script type="module" src="/static/js/signature.js" />
            </VisitForm>
          ) : (
            <div class="button-row">
              <VisitForm ctx={ctx} visit={visit} action="accept">
                <button class="button" type="submit">
                  {L(lang, "受理する", "Accept the applications")}
                </button>
              </VisitForm>
              <VisitForm ctx={ctx} visit={visit} action="move">
                <input type="hidden" name="to" value="review" />
                <button class="button button--secondary" type="submit">
                  {L(lang, "署名をやり直す", "Sign again")}
                </button>
              </VisitForm>
            </div>
          )}
        </>
      );
    } else if (visit.state === "accepted" || visit.state === "closed") {
      const applications = await visitRepository(db).listApplications(visit.municipalityId, visit.id);
      const deliveries = await handoffRepository(db).listForApplications(
        visit.municipalityId,
        applications.map((a) => a.id),
      );
      const destinations = destinationCatalog().municipalities[visit.municipalityId]?.destinations ?? [];
      const memberNames = memberNamesOf(visitFormInputs(visit).household.members);
      const measures = visit.measures as Partial<VisitMeasures>;
      body = (ctx) => (
        <>
          <p class="notice" role="status">
            {L(
              lang,
              `${applications.length} 件の申請を受理しました。`,
              `${applications.length} applications were accepted.`,
            )}
          </p>
          <table>
            <thead>
              <tr>
                <th scope="col">{L(lang, "申請", "Application")}</th>
                <th scope="col">{L(lang, "対象", "Members")}</th>
                <th scope="col">{L(lang, "状態", "Status")}</th>
                <th scope="col">{ctx.t("handoffVisitColumn")}</th>
              </tr>
            </thead>
            <tbody>
              {applications.map((a) => (
                <tr data-application={a.procedureId}>
                  <td>
                    <a href={`/visits/${visit.id}/applications/${a.id}/form.pdf`}>
                      {(a.data as { name?: string }).name ?? a.procedureId}
                    </a>
                  </td>
                  <td>{memberNames(a.members as string[])}</td>
                  <td>{ctx.t(applicationStatusKey[a.status])}</td>
                  <td>
                    <DeliveryStatuses
                      ctx={ctx}
                      statuses={presentStatuses(
                        deliveries.filter((d) => d.applicationId === a.id),
                        destinations,
                      )}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <dl class="summary-list" data-measures>
            <dt>{L(lang, "作成した書類", "Forms produced")}</dt>
            <dd>{measures.formsProduced ?? 0}</dd>
            <dt>{L(lang, "システムが記入した項目", "Fields filled by the system")}</dt>
            <dd>{measures.fieldsFilledBySystem ?? 0}</dd>
            <dt>{L(lang, "お聞きした事項", "Questions asked")}</dt>
            <dd>{measures.questionsAsked ?? 0}</dd>
            <dt>{L(lang, "住民の方が書いた氏名", "Names written by the resident")}</dt>
            <dd>{measures.namesWrittenByResident ?? 0}</dd>
            <dt>{L(lang, "署名", "Signatures")}</dt>
            <dd>{measures.signatures ?? 0}</dd>
          </dl>
          <div class="button-row">
            <a class="button button--secondary" href={`/visits/${visit.id}/sheet`}>
              {L(lang, "手続きのご案内を印刷する", "Print the guidance sheet")}
            </a>
            <a class="button button--secondary" href={`/survey/visit/${visit.id}`} data-testid="visit-survey">
              {L(lang, "満足度アンケートをタブレットで", "Satisfaction survey on this tablet")}
            </a>
            {visit.state === "accepted" ? (
              <VisitForm ctx={ctx} visit={visit} action="move">
                <input type="hidden" name="to" value="closed" />
                <button class="button" type="submit">
                  {L(lang, "受付を終了する", "Close the visit")}
                </button>
              </VisitForm>
            ) : null}
          </div>
        </>
      );
    } else {
      body = () => (
        <p role="status">{L(lang, "この来庁受付は取り消されました。", "This visit was cancelled.")}</p>
      );
    }
    return renderPage(
      c,
      title,
      (ctx) => (
        <>
          <ErrorSummary problems={problems} t={ctx.t} lang={ctx.lang} />
          <p>
            <a href="/visits">{L(lang, "来庁受付の一覧", "All visits")}</a>
          </p>
          <h1>
            {title} <span class="visit-state">（{visitStateLabel(visit.state)[lang]}）</span>
          </h1>
          <StepIndicator state={visit.state} lang={lang} />
          {body(ctx) as never}
          {["reception", "identity", "household", "plan", "interview", "review", "signature"].includes(
            visit.state,
          ) ? (
            <VisitForm ctx={ctx} visit={visit} action="move">
              <input type="hidden" name="to" value="cancelled" />
              <button class="link-button cancel-visit" type="submit">
                {L(lang, "この受付を取り消す", "Cancel this visit")}
              </button>
            </VisitForm>
          ) : null}
        </>
      ),
      options.status ?? 200,
    );
  };

  /** Runs a step; an expected refusal re-shows the visit with the problems (GOV.UK error summary). */
  const step = async (
    c: Context<AppEnv>,
    run: () => Promise<VisitRow>,
    onProblem?: (visit: VisitRow, problems: Problem[]) => { draft?: GuidanceDraft },
  ) => {
    try {
      const visit = await run();
      return c.redirect(`/visits/${visit.id}`, 303);
    } catch (error) {
      if (error instanceof AppError && (error.code === "VALIDATION" || error.code === "CONFLICT")) {
        const visit = await loadVisit(db, scopeOf(c), c.req.param("id") ?? "");
        const extra = onProblem?.(visit, error.problems) ?? {};
        return visitPage(c, visit, {
          problems: error.problems,
          ...extra,
          status: error.code === "CONFLICT" ? 409 : 422,
        });
      }
      throw error;
    }
  };

  app.get("/visits", async (c) => {
    const scope = scopeOf(c);
    const open = await visitRepository(db).listOpen(scope.municipalityId, scope.officeId);
    const lang = c.get("lang");
    return renderPage(c, L(lang, "来庁受付", "Counter visits"), (ctx) => (
      <>
        <h1>{L(lang, "来庁受付", "Counter visits")}</h1>
        <form method="post" action="/visits">
          <CsrfField token={ctx.csrfToken} />
          <button class="button" type="submit">
            {L(lang, "新しい来庁を受け付ける", "Start a new visit")}
          </button>
        </form>
        <h2>{L(lang, "受付中の来庁", "Open visits")}</h2>
        {open.length === 0 ? (
          <p>{L(lang, "受付中の来庁はありません。", "There are no open visits.")}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">{L(lang, "受付時刻", "Started")}</th>
                <th scope="col">{L(lang, "段階", "Step")}</th>
                <th scope="col">{L(lang, "開く", "Open")}</th>
              </tr>
            </thead>
            <tbody>
              {open.map((v) => (
                <tr>
                  <td>{tokyoTime(v.createdAt, lang)}</td>
                  <td>{visitStateLabel(v.state)[lang]}</td>
                  <td>
                    <a href={`/visits/${v.id}`}>
                      {L(
                        lang,
                        `${tokyoTime(v.createdAt, lang)} の受付を開く`,
                        `Open the visit of ${tokyoTime(v.createdAt, lang)}`,
                      )}
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </>
    ));
  });

  app.post("/visits", async (c) => {
    const session = c.get("session");
    const visit = await startVisit(db, {
      scope: scopeOf(c),
      counterId: session?.counterId ?? null,
      now: now(),
    });
    return c.redirect(`/visits/${visit.id}`, 303);
  });

  app.get("/visits/:id", async (c) => {
    const visit = await loadVisit(db, scopeOf(c), c.req.param("id"));
    const householdId = c.req.query("household");
    if (visit.state === "household" && householdId) {
      // Prefill from a registry household this staff member opened with a reason in this session (the
      // audit entry); without one, the page shows no registry data and the search asks for a reason.
      const session = c.get("session");
      if (!session) throw notFound();
      const today = todayInJapan(now());
      const found = await householdForGuidance({
        db,
        registry,
        municipalityId: visit.municipalityId,
        householdId,
        staffId: session.staff.id,
        sessionStartedAt: session.createdAt,
        now: now(),
        eventDate: today,
      });
      if (found.kind === "needs-reason") return visitPage(c, visit);
      const household = found.household;
      const event = z
        .enum(["move-within", "move-between-wards", "move-out", "death", "move-in"])
        .catch("move-within")
        .parse(c.req.query("event"));
      const input = householdToGuidanceInput(household, { type: event, date: today });
      const draft = draftFromHousehold(
        { event: { type: event, date: today }, members: input.members.map((m) => ({ ...m })) },
        today,
      );
      const subject = c.req.query("subject");
      if (event === "death" && subject) {
        const index = household.members.findIndex((m) => m.id === subject);
        if (index >= 0) draft.event.subject = `m${index + 1}`;
      }
      return visitPage(c, visit, { draft });
    }
    return visitPage(c, visit);
  });

  app.post("/visits/:id/move", async (c) => {
    const { one, version } = await formOf(c);
    const to = z
      .enum(["identity", "household", "plan", "interview", "review", "cancelled", "closed"])
      .safeParse(one("to"));
    if (!to.success)
      throw new AppError("VALIDATION", [{ path: "", ja: "操作が正しくありません。", en: "Unknown action." }]);
    return step(c, () =>
      moveVisit(db, {
        scope: scopeOf(c),
        visitId: c.req.param("id"),
        version,
        to: to.data as never,
        now: now(),
      }),
    );
  });

  app.post("/visits/:id/identity", async (c) => {
    const { all, version } = await formOf(c);
    return step(c, () =>
      verifyIdentity(db, {
        scope: scopeOf(c),
        visitId: c.req.param("id"),
        version,
        check: {
          documents: all("documents"),
          agent: all("agent").length > 0,
          agentSameHousehold: all("agentSameHousehold").length > 0,
          powerOfAttorney: all("powerOfAttorney").length > 0,
        },
        now: now(),
      }),
    );
  });

  app.post("/visits/:id/registry-household", async (c) => {
    const { one } = await formOf(c);
    const scope = scopeOf(c);
    const visit = await loadVisit(db, scope, c.req.param("id"));
    const reason = z.enum(openReasons).safeParse(one("reason"));
    if (!reason.success)
      throw new AppError("VALIDATION", [
        { path: "", ja: "閲覧の理由を選んでください。", en: "Choose the reason for opening the household." },
      ]);
    const session = c.get("session");
    await openHousehold({
      db,
      registry,
      municipalityId: scope.municipalityId,
      householdId: one("householdId"),
      residentId: one("residentId"),
      reason: reason.data,
      detail: `ワンストップ窓口の来庁受付 / one-stop visit ${visit.id}`,
      actor: {
        staffId: scope.staffId,
        username: session?.staff.username ?? "",
        officeId: scope.officeId,
        requestId: c.get("requestId"),
        ip: clientIp(c),
      },
    });
    const query = new URLSearchParams({
      household: one("householdId"),
      event: reason.data,
      subject: one("residentId"),
    });
    return c.redirect(`/visits/${visit.id}?${query}`, 303);
  });

  app.post("/visits/:id/household", async (c) => {
    const { all, one, version } = await formOf(c);
    const draft = draftFromForm(all);
    const action = one("action") || "plan";
    const visit = await loadVisit(db, scopeOf(c), c.req.param("id"));
    if (applyMemberAction(draft, action)) return visitPage(c, visit, { draft });
    const registryHouseholdId = one("registryHouseholdId");
    return step(
      c,
      () =>
        setHousehold(db, {
          scope: scopeOf(c),
          visitId: visit.id,
          version,
          household: householdFromDraft(draft),
          source: registryHouseholdId ? "registry" : "entered",
          registryHouseholdId: registryHouseholdId || null,
          now: now(),
        }),
      (_visit, problems) => {
        for (const p of problems) p.path = fieldIdForPath(p.path);
        return { draft };
      },
    );
  });

  app.post("/visits/:id/decline", async (c) => {
    const { one, version } = await formOf(c);
    return step(
      c,
      () =>
        declineProcedure(db, {
          scope: scopeOf(c),
          visitId: c.req.param("id"),
          version,
          procedureId: one("procedureId"),
          reason: one("reason"),
          declined: one("declined") === "yes",
          now: now(),
        }),
      // The plan has one reason box per procedure: link the error summary to this procedure's box.
      (_visit, problems) => {
        for (const p of problems) if (p.path === "reason") p.path = `reason-${one("procedureId")}`;
        return {};
      },
    );
  });

  app.post("/visits/:id/answers", async (c) => {
    const form = await c.req.formData();
    const all = (name: string) => form.getAll(name).filter((v): v is string => typeof v === "string");
    const version = versionField.parse(all("version")[0] ?? "0");
    const answers = answersFromForm(all, [...new Set(form.keys())]);
    return step(
      c,
      () =>
        saveAnswers(db, {
          scope: scopeOf(c),
          visitId: c.req.param("id"),
          version,
          answers,
          proceed: all("proceed")[0] === "yes",
          now: now(),
        }),
      () => ({ draft: { answers } as never }),
    );
  });

  app.post("/visits/:id/sign", async (c) => {
    const { one, version } = await formOf(c);
    return step(c, () =>
      signVisit(db, {
        scope: scopeOf(c),
        visitId: c.req.param("id"),
        version,
        signature: one("signature"),
        now: now(),
      }),
    );
  });

  app.post("/visits/:id/accept", async (c) => {
    const { version } = await formOf(c);
    return step(c, () =>
      acceptVisit(db, { scope: scopeOf(c), visitId: c.req.param("id"), version, now: now() }),
    );
  });

  app.get("/visits/:id/forms.pdf", async (c) => {
    const visit = await loadVisit(db, scopeOf(c), c.req.param("id"));
    if (!["review", "signature", "accepted", "closed"].includes(visit.state)) throw notFound();
    const signature = await visitRepository(db).findSignature(visit.municipalityId, visit.id);
    const inputs = visitFormInputs(visit);
    const rendered = await renderVisitForms(visit, inputs, {
      ...(signature ? { signaturePng: signature.imagePng } : {}),
      filedOn: todayInJapan(signature?.signedAt ?? now()),
    });
    return c.body(rendered.pdf as never, 200, {
      "content-type": "application/pdf",
      "cache-control": "no-store",
      "content-disposition": "inline; filename=forms.pdf",
    });
  });

  app.get("/visits/:id/applications/:applicationId/form.pdf", async (c) => {
    const visit = await loadVisit(db, scopeOf(c), c.req.param("id"));
    const application = await visitRepository(db).findApplication(
      visit.municipalityId,
      visit.id,
      c.req.param("applicationId"),
    );
    if (!application) throw notFound();
    return c.body(application.formPdf as never, 200, {
      "content-type": "application/pdf",
      "cache-control": "no-store",
    });
  });

  app.get("/visits/:id/sheet", async (c) => {
    const visit = await loadVisit(db, scopeOf(c), c.req.param("id"));
    if (!visit.plan || !visit.household) throw notFound();
    const inputs = visitFormInputs(visit);
    const draft = draftFromHousehold(inputs.household as never, todayInJapan(now()));
    const lang = c.get("lang");
    // A procedure the resident declined was not done at this counter: it stays on the sheet as one
    // still to do at its department, with its deadline, should the resident want it after all.
    const declined = new Set((visit.declined as Declined[]).map((d) => d.procedureId));
    const plan: Plan = {
      procedures: (visit.plan as Plan).procedures.map((p) =>
        p.handling === "one-stop" && declined.has(p.id) ? { ...p, handling: "guidance" } : p,
      ),
    };
    // The survey's QR: one link per visit, the same on every reprint.
    const surveyUrl = `${new URL(c.req.url).origin}/survey/s/${await surveyLinkToken(db, visit.municipalityId, visit.id)}`;
    const qrSvg = await QRCode.toString(surveyUrl, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
    return renderPage(c, L(lang, "手続きのご案内", "Your procedures"), (ctx) => (
      <GuidanceSheet
        plan={plan}
        draft={draft}
        settings={settingsForMunicipality(visit.municipalityId)}
        lang={ctx.lang}
        today={todayInJapan(now())}
        survey={{ url: surveyUrl, qrSvg }}
      />
    ));
  });

  return app;
}

function visitEventLabel(reason: string, lang: "ja" | "en"): string {
  const labels: Record<string, [string, string]> = {
    "move-within": ["転居（同じ区内）", "Move within the ward"],
    "move-between-wards": ["区間異動", "Move to another ward"],
    "move-out": ["転出", "Move out"],
    death: ["死亡（おくやみ）", "Death"],
    "move-in": ["転入", "Move in"],
  };
  const l = labels[reason] ?? [reason, reason];
  return lang === "ja" ? l[0] : l[1];
}
