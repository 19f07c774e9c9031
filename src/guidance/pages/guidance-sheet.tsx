import type { MunicipalitySettings } from "../../catalog/municipality.schema";
import { PublicManualLink, publicManualHref } from "../../manual/pages/manual-link";
import { type LocaleMap, pickLabel } from "../../shared/locale";
import { Ja, Local } from "../../web/components/lang";
import { type Lang, translator } from "../../web/i18n";
import type { Plan } from "../engine";
import type { GuidanceDraft } from "../guidance-form";
import { Deadline, type GuidanceContext, JoinedList } from "./components";
import { presentSheet, type SheetMember, type SheetPlace, type SheetTodoItem } from "./sheet.presenter";

/** The members as the resident knows them: names (Japanese whatever the sheet), never ids. */
function Members({ members, ctx }: { members: readonly SheetMember[]; ctx: GuidanceContext }) {
  return (
    <JoinedList
      ctx={ctx}
      items={members.map((m) =>
        m.name ? <Ja ctx={ctx}>{m.name}</Ja> : ctx.t("guidance.memberOrdinal", { n: m.position }),
      )}
    />
  );
}

/**
 * An address in the reader's language, with the Japanese one beside it when that differs: the
 * Japanese is what a resident shows a taxi driver or types into a map.
 */
function Address({ map, ctx }: { map: LocaleMap; ctx: GuidanceContext }) {
  if (ctx.lang === "ja" || ctx.lang.startsWith("ja-")) return <>{map.ja}</>;
  // The reader's own form, else the romanised one (English) where the data has it.
  const own = map[ctx.lang] ? pickLabel(map, ctx.lang) : map.en ? { text: map.en, lang: "en" } : undefined;
  if (!own) return <Ja ctx={ctx}>{map.ja}</Ja>;
  return (
    <>
      {own.lang === ctx.lang ? own.text : <span lang={own.lang}>{own.text}</span>}
      <br />
      <Ja ctx={ctx}>{map.ja}</Ja>
    </>
  );
}

/** One fact of a place or a procedure: a term and its description, laid out by the sheet's CSS. */
function Fact({ term, children }: { term: string; children: unknown }) {
  return (
    <div class="sheet-fact">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function Todo({ item, ctx, guide }: { item: SheetTodoItem; ctx: GuidanceContext; guide?: string | null }) {
  const { t } = ctx;
  return (
    <li class="sheet-procedure" data-procedure={item.id}>
      <h4 class="sheet-procedure__name">
        <Local map={item.name} ctx={ctx} />
      </h4>
      <PublicManualLink t={t} href={guide ?? null} />
      <dl class="sheet-facts">
        <Fact term={t("guidance.col.for")}>
          <Members members={item.members} ctx={ctx} />
        </Fact>
        <Fact term={t("guidance.col.deadline")}>
          <Deadline iso={item.due} ctx={ctx} />
          {item.dueMoved ? <span class="sheet-due-moved">{t("guidance.sheet.dueMoved")}</span> : null}
        </Fact>
        <Fact term={t("guidance.sheet.bring")}>
          {item.bring.length > 0 ? (
            <ul class="sheet-bring">
              {item.bring.map((thing) => (
                <li>
                  <Local map={thing} ctx={ctx} />
                </li>
              ))}
            </ul>
          ) : (
            t("guidance.sheet.bringNothing")
          )}
        </Fact>
      </dl>
    </li>
  );
}

function Place({
  place,
  index,
  municipality,
  ctx,
  municipalityId,
}: {
  place: SheetPlace;
  index: number;
  municipality: LocaleMap;
  ctx: GuidanceContext;
  /** For the link from each procedure to its public manual entry. */
  municipalityId?: string | undefined;
}) {
  const { t } = ctx;
  const headingId = `sheet-place-${index + 1}`;
  return (
    <section class="sheet-place" data-place={place.key} data-kind={place.kind} aria-labelledby={headingId}>
      <h3 id={headingId}>
        <Local map={place.name} ctx={ctx} />
        {place.section ? (
          <>
            {" "}
            <span class="sheet-place__section">
              <Local map={place.section} ctx={ctx} />
            </span>
          </>
        ) : null}
      </h3>
      {place.kind === "city" ? (
        <p class="sheet-place__kind">{t("guidance.sheet.kindCity", { municipality })}</p>
      ) : place.kind === "outside" ? (
        <p class="sheet-place__kind">{t("guidance.sheet.kindOutside", { municipality })}</p>
      ) : null}
      <dl class="sheet-facts">
        {place.counter ? (
          <Fact term={t("guidance.sheet.counter")}>
            <Local map={place.counter} ctx={ctx} />
          </Fact>
        ) : null}
        {place.address ? (
          <Fact term={t("guidance.sheet.address")}>
            <Address map={place.address} ctx={ctx} />
          </Fact>
        ) : null}
        {place.phone ? (
          <Fact term={t("guidance.sheet.phone")}>
            <a href={place.phone.uri} class="sheet-phone">
              {place.phone.text}
            </a>
          </Fact>
        ) : null}
        {place.hours ? (
          <Fact term={t("guidance.sheet.hours")}>
            <Local map={place.hours} ctx={ctx} />
          </Fact>
        ) : null}
      </dl>
      <ul class="sheet-procedures">
        {place.procedures.map((item) => (
          <Todo
            item={item}
            ctx={ctx}
            guide={municipalityId ? publicManualHref(municipalityId, item.id) : null}
          />
        ))}
      </ul>
    </section>
  );
}

/**
 * The guidance sheet the resident takes home, in the language chosen for them (any the municipality
 * offers): what this counter took today, then each place still to go to — its address, phone and
 * hours — with the procedures to do there, their deadlines and what to bring. Japanese runs (names,
 * 和暦, untranslated labels) are marked lang="ja". One column of blocks, so it reads on a phone at
 * 320 px as on A4.
 */
export function GuidanceSheet({
  plan,
  draft,
  settings,
  lang,
  today,
  officeCode,
  survey,
}: {
  plan: Plan;
  draft: GuidanceDraft;
  settings: MunicipalitySettings;
  lang: Lang;
  today: string;
  /** The office the resident came to (the tenancy's code): its departments are where they go. */
  officeCode?: string | undefined;
  /** The satisfaction survey's link and its QR code (an SVG text), on a visit's sheet. */
  survey?: { url: string; qrSvg: string } | undefined;
}) {
  const ctx: GuidanceContext = { lang, t: translator(lang) };
  const { t } = ctx;
  const view = presentSheet(plan, draft, settings, officeCode);
  return (
    // The sheet may be in another language than the staff page around it (the resident's own).
    <article class="sheet" aria-labelledby="sheet-title" lang={lang}>
      <h1 id="sheet-title">{t("guidance.sheet.title")}</h1>
      <p class="sheet-meta">
        <Local map={view.municipality} ctx={ctx} /> ・ <Local map={view.event} ctx={ctx} /> ・{" "}
        {view.eventDate ? <Deadline iso={view.eventDate} ctx={ctx} /> : null}
      </p>
      <p class="sheet-issued">
        {t("guidance.sheet.issued")}: <Deadline iso={today} ctx={ctx} />
      </p>
      <section class="sheet-section" aria-labelledby="sheet-here-title">
        <h2 id="sheet-here-title">{t("guidance.sheet.hereTitle")}</h2>
        {view.here.length === 0 ? (
          <p>{t("guidance.sheet.none")}</p>
        ) : (
          <ul class="sheet-done">
            {view.here.map((item) => (
              <li data-procedure={item.id}>
                <span class="sheet-done__name">
                  <Local map={item.name} ctx={ctx} />
                </span>{" "}
                <span class="sheet-done__for">
                  {t("guidance.col.for")}: <Members members={item.members} ctx={ctx} />
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section class="sheet-section" aria-labelledby="sheet-elsewhere-title">
        <h2 id="sheet-elsewhere-title">{t("guidance.sheet.elsewhereTitle")}</h2>
        {view.places.length === 0 ? (
          <p>{t("guidance.sheet.none")}</p>
        ) : (
          <>
            <p class="sheet-lead">{t("guidance.sheet.placesLead")}</p>
            {view.places.map((place, index) => (
              <Place
                place={place}
                index={index}
                municipality={view.municipality}
                ctx={ctx}
                municipalityId={settings.id}
              />
            ))}
          </>
        )}
      </section>
      <p class="sheet-note">{t("guidance.sheet.note")}</p>
      {survey ? (
        <section class="sheet-survey" aria-labelledby="sheet-survey-title" data-testid="sheet-survey">
          <div
            class="sheet-survey-qr"
            role="img"
            aria-label={t("guidance.sheet.surveyQr")}
            // The SVG text comes from the qrcode package, not from any input.
            dangerouslySetInnerHTML={{ __html: survey.qrSvg }}
          />
          <div>
            <h2 id="sheet-survey-title">{t("guidance.sheet.surveyTitle")}</h2>
            <p>{t("guidance.sheet.surveyText")}</p>
            <p class="sheet-survey-url">{survey.url}</p>
          </div>
        </section>
      ) : null}
      <p class="no-print">
        <button class="button" type="button" data-print hidden>
          {t("guidance.sheet.print")}
        </button>{" "}
        <a href="/guidance">{t("guidance.sheet.newGuidance")}</a>
      </p>
    </article>
  );
}
