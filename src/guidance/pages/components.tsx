import type { Child } from "hono/jsx";
import { formatWareki, formatWesternDate, formatWesternWithWeekday } from "../../shared/dates";
import { type LocaleMap, pickLabel } from "../../shared/locale";
import type { Option } from "../../web/components/fields";
import { Ja } from "../../web/components/lang";
import type { Translate } from "../../web/i18n";
import { regionName } from "../regions";
import type { MemberRef } from "./guidance.presenter";

/** What the guidance widgets need of the page: its language and its translator. */
export interface GuidanceContext {
  lang: string;
  t: Translate;
}

/**
 * A deadline as residents read it: 西暦 with the weekday and 和暦 beside it ("2026年4月20日（月）／令和8年4月20日"
 * in Japanese; "Mon, 20 April 2026 (令和8年4月20日)" elsewhere, the 和暦 marked as Japanese).
 */
export function Deadline({ iso, ctx }: { iso: string | null; ctx: GuidanceContext }) {
  if (!iso) return <span>{ctx.t("guidance.noDeadline")}</span>;
  if (ctx.t.intlLocale === "ja")
    return <time datetime={iso}>{`${formatWesternWithWeekday(iso)}／${formatWareki(iso)}`}</time>;
  return (
    <time datetime={iso}>
      {formatWesternDate(iso, ctx.t.intlLocale)} (<Ja ctx={ctx}>{formatWareki(iso)}</Ja>)
    </time>
  );
}

const lists = new Map<string, Intl.ListFormat>();

/** Elements joined as the language joins a list ("A、B、C", "A, B, and C"). */
export function JoinedList({ items, ctx }: { items: Child[]; ctx: GuidanceContext }) {
  let format = lists.get(ctx.t.intlLocale);
  if (!format) {
    format = new Intl.ListFormat(ctx.t.intlLocale, { type: "conjunction" });
    lists.set(ctx.t.intlLocale, format);
  }
  const parts = format.formatToParts(items.map((_, i) => `\u0000${i}\u0000`));
  return <>{parts.map((p) => (p.type === "element" ? items[Number(p.value.slice(1, -1))] : p.value))}</>;
}

/**
 * The members of a plan item: each registered name (Japanese whatever the page), or "2人目の方" for a
 * member the household gave no name. Never the member's id.
 */
export function MemberNames({ members, ctx }: { members: readonly MemberRef[]; ctx: GuidanceContext }) {
  return (
    <JoinedList
      ctx={ctx}
      items={members.map((m) =>
        m.name ? <Ja ctx={ctx}>{m.name}</Ja> : ctx.t("guidance.memberOrdinal", { n: m.ordinal }),
      )}
    />
  );
}

/** Options from a vocabulary list and its labels, each marked lang="ja" where it falls back to Japanese. */
export function options<K extends string>(
  codes: readonly K[],
  labels: Readonly<Record<K, LocaleMap>>,
  lang: string,
): Option[] {
  return codes.map((value) => {
    const { text, lang: labelLang } = pickLabel(labels[value], lang);
    return labelLang === lang ? { value, label: text } : { value, label: text, lang: labelLang };
  });
}

/** A single yes/no box (the shared fields have groups only), with an optional hint under it. */
export function Checkbox(props: {
  id: string;
  name: string;
  label: string;
  checked: boolean;
  hint?: string;
}) {
  return (
    <div class="checkbox">
      <input
        type="checkbox"
        id={props.id}
        name={props.name}
        value="on"
        checked={props.checked}
        aria-describedby={props.hint ? `${props.id}-hint` : undefined}
      />
      <label for={props.id}>{props.label}</label>
      {props.hint ? (
        <p class="field__hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      ) : null}
    </div>
  );
}

const NUMBER_MARK = "\uE000";

/**
 * A translated text around a number, with the number in a `data-n` span the household form's script
 * renumbers when a member is removed ("世帯員 <span data-n>2</span>").
 */
export function Numbered({ text, n }: { text: (n: string) => string; n: number | string }) {
  const [before = "", after = ""] = text(NUMBER_MARK).split(NUMBER_MARK);
  return (
    <>
      {before}
      <span data-n>{String(n)}</span>
      {after}
    </>
  );
}

/** The nationality choices: Japan and the common ones first, then every other region by its name. */
export function regionOptions(locale: string, common: readonly string[], all: readonly string[]): Option[] {
  const collator = new Intl.Collator(locale);
  const name = (code: string) => regionName(code, locale);
  const rest = all
    .filter((code) => !common.includes(code))
    .sort((a, b) => collator.compare(name(a), name(b)));
  return [...common, ...rest].map((value) => ({ value, label: name(value) }));
}
