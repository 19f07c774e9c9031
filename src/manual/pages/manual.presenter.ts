import { getCatalog } from "../../catalog/load-catalog";
import { languageInfo } from "../../i18n/locales";
import { formatDeadline, formatWareki, formatWesternDate } from "../../shared/dates";
import { type LocaleMap, pickLabel } from "../../shared/locale";
import type { ManualAdminData } from "../load-manual-admin";
import type { VersionRow } from "../manual.repository";
import { entryTitle, type ManualEntry, publicPart, reviewOverdue } from "../manual-entry";
import { renderMarkdown } from "../markdown";
import type { ManualHit } from "../search-index";
import { type DiffLine, diffVersions, withContext } from "../version-diff";
import type { ManualAdminView } from "./manual-admin.page";

/** Between the manual's entries, rows and hits and its pages: plain values, HTML already made safe. */

export interface TextIn {
  text: string;
  lang: string;
}

export interface HitView {
  id: string;
  href: string;
  kind: ManualEntry["kind"];
  title: ManualHit["title"];
  snippet: ManualHit["snippet"];
  score: number;
}

export interface EntryItemView {
  id: string;
  href: string;
  kind: ManualEntry["kind"];
  title: TextIn;
  overdue: boolean;
  lastReviewed: string;
  owner: string;
  audience: ManualEntry["audience"];
}

export const kindKey = {
  procedure: "manual.kindProcedure",
  faq: "manual.kindFaq",
  general: "manual.kindGeneral",
} as const;

export const audienceKey = {
  public: "manual.audiencePublic",
  staff: "manual.audienceStaff",
  both: "manual.audienceBoth",
} as const;

export const statusKey = {
  pending: "manual.statusPending",
  published: "manual.statusPublished",
  archived: "manual.statusArchived",
  rejected: "manual.statusRejected",
  withdrawn: "manual.statusWithdrawn",
} as const;

export const faqBase = (municipalityId: string): string => `/faq/${municipalityId}`;
export const staffEntryHref = (id: string): string => `/manual/entries/${encodeURIComponent(id)}`;
export const publicEntryHref = (municipalityId: string, id: string, logId?: number | null): string =>
  `${faqBase(municipalityId)}/${encodeURIComponent(id)}${logId ? `?from=${logId}` : ""}`;

export function presentHits(hits: readonly ManualHit[], href: (id: string) => string): HitView[] {
  return hits.map((h) => ({
    id: h.id,
    href: href(h.id),
    kind: h.kind,
    title: h.title,
    snippet: h.snippet,
    score: h.score,
  }));
}

export function presentEntryItems(
  entries: readonly ManualEntry[],
  lang: string,
  today: string,
  href: (id: string) => string,
): EntryItemView[] {
  return entries.map((e) => ({
    id: e.id,
    href: href(e.id),
    kind: e.kind,
    title: entryTitle(e, lang),
    overdue: reviewOverdue(e.lastReviewed, today),
    lastReviewed: formatDeadline(e.lastReviewed, lang === "en" ? "en" : "ja"),
    owner: e.owner,
    audience: e.audience,
  }));
}

/** A catalogue procedure's name in a language (Japanese when it has none). */
export function procedureName(id: string, lang: string): TextIn {
  const p = getCatalog().byId.get(id);
  if (!p) return { text: id, lang: "en" };
  return pickLabel(p.name as LocaleMap, lang);
}

/** A date with its weekday and 和暦, as residents read it in their language. */
export function residentDate(iso: string, lang: string): string {
  const intl = languageInfo(lang).intl;
  const western = formatWesternDate(iso, intl);
  return intl === "ja" ? `${western}（${formatWareki(iso)}）` : `${western} (${formatWareki(iso)})`;
}

export interface PublicEntryView {
  id: string;
  title: TextIn;
  body: { html: string; lang: string } | null;
  /** The part is shown in Japanese because this language has none. */
  inJapanese: boolean;
  /** The language's text is marked for a native speaker's review. */
  underReview: boolean;
  lastReviewed: string;
  related: Array<TextIn & { href: string | null }>;
  feedbackSent: boolean;
  version: number | null;
}

export function presentPublicEntry(
  e: ManualEntry,
  lang: string,
  options: {
    version: number | undefined;
    feedbackSent: boolean;
    entryHref: (procedureId: string) => string | null;
  },
): PublicEntryView {
  const part = publicPart(e, lang);
  return {
    id: e.id,
    title: entryTitle(e, lang),
    body: part ? { html: renderMarkdown(part.markdown, { headingBase: 2 }), lang: part.lang } : null,
    inJapanese: part !== null && part.lang !== lang && !lang.startsWith("ja"),
    underReview: part !== null && part.lang === lang && (e.review as string[]).includes(lang),
    lastReviewed: residentDate(e.lastReviewed, lang),
    related: e.procedures.map((p) => ({ ...procedureName(p, lang), href: options.entryHref(p) })),
    feedbackSent: options.feedbackSent,
    version: options.version ?? null,
  };
}

export interface StaffEntryView {
  id: string;
  title: TextIn;
  kind: ManualEntry["kind"];
  audience: ManualEntry["audience"];
  owner: string;
  lastReviewed: string;
  overdue: boolean;
  confirm: string[];
  staffHtml: string | null;
  publicHtml: string | null;
  procedures: TextIn[];
  publicHref: string | null;
  version: number | null;
}

export function presentStaffEntry(
  e: ManualEntry,
  lang: "ja" | "en",
  today: string,
  options: { version: number | undefined; publicHref: string | null },
): StaffEntryView {
  const part = publicPart(e, lang);
  return {
    id: e.id,
    title: entryTitle(e, lang),
    kind: e.kind,
    audience: e.audience,
    owner: e.owner,
    lastReviewed: formatDeadline(e.lastReviewed, lang),
    overdue: reviewOverdue(e.lastReviewed, today),
    confirm: [...e.confirm],
    staffHtml: e.sections["staff.ja"] ? renderMarkdown(e.sections["staff.ja"], { headingBase: 3 }) : null,
    publicHtml: part ? renderMarkdown(part.markdown, { headingBase: 3 }) : null,
    procedures: e.procedures.map((p) => procedureName(p, lang)),
    publicHref: options.publicHref,
    version: options.version ?? null,
  };
}

export interface VersionItemView {
  version: number;
  status: VersionRow["status"];
  author: string;
  decidedBy: string | null;
  createdAt: Date;
  note: string | null;
  href: string;
}

export const presentVersions = (rows: readonly VersionRow[]): VersionItemView[] =>
  rows.map((r) => ({
    version: r.version,
    status: r.status,
    author: r.authorName,
    decidedBy: r.decidedByName,
    createdAt: r.createdAt,
    note: r.note,
    href: `/manual/admin/entries/${encodeURIComponent(r.entryId)}/versions/${r.version}`,
  }));

export interface VersionPageView {
  entryId: string;
  titleJa: string;
  version: VersionItemView;
  diff: Array<DiffLine | null> | null;
  previewHtml: string;
  canDecide: boolean;
  ownChange: boolean;
  history: VersionItemView[];
}

export function presentVersionPage(
  rows: readonly VersionRow[],
  version: VersionRow,
  published: VersionRow | undefined,
  viewerStaffId: string,
  previewHtml: string,
): VersionPageView {
  const [item] = presentVersions([version]);
  return {
    entryId: version.entryId,
    titleJa: version.titleJa,
    version: item as VersionItemView,
    diff:
      published && published.version !== version.version
        ? withContext(diffVersions(published.source, version.source))
        : null,
    previewHtml,
    canDecide: version.status === "pending" && version.authorStaffId !== viewerStaffId,
    ownChange: version.status === "pending" && version.authorStaffId === viewerStaffId,
    history: presentVersions(rows),
  };
}

/** The content owners' page from what `loadManualAdmin` read. */
export function presentManualAdmin(data: ManualAdminData, lang: string, today: string): ManualAdminView {
  const items = presentEntryItems(data.entries, lang, today, staffEntryHref);
  const byId = new Map(data.entries.map((e) => [e.id, e]));
  return {
    pending: data.pending.map((p) => ({
      title: p.titleJa,
      version: p.version,
      author: p.authorName,
      createdAt: p.createdAt,
      href: `/manual/admin/entries/${encodeURIComponent(p.entryId)}/versions/${p.version}`,
    })),
    overdue: items.filter((i) => i.overdue),
    confirm: data.entries
      .filter((e) => e.confirm.length > 0)
      .map((e) => ({ title: e.title.ja, href: staffEntryHref(e.id), items: [...e.confirm] })),
    queries: data.queries,
    feedback: data.feedback.map((f) => ({
      title: byId.get(f.entryId)?.title.ja ?? f.entryId,
      href: staffEntryHref(f.entryId),
      yes: f.yes,
      no: f.no,
    })),
  };
}
