import type { MemberFlag } from "../../catalog/vocabulary";
import { relationLabels } from "../../catalog/vocabulary-labels";
import { formatWareki, parseDateInput } from "../../shared/dates";
import { pickLabel } from "../../shared/locale";
import type { Option } from "../../web/components/fields";
import { Ja } from "../../web/components/lang";
import type { Translate } from "../../web/i18n";
import type { MemberDraft } from "../guidance-form";

// Pieces the household form and its member fields share.

// The order the form has always shown them in: the common ones first.
export const flagOrder: readonly MemberFlag[] = [
  "myNumberCard",
  "sealRegistered",
  "pensionRecipient",
  "disabilityCertificate",
  "pregnant",
  "needsDaycare",
  "publicServant",
];

export const filerRelationKeys = {
  "other-relative": "guidance.form.filerRelationOtherRelative",
  proxy: "guidance.form.filerRelationProxy",
  landlord: "guidance.form.filerRelationLandlord",
} as const;

/** The placeholders of the empty member the script clones (a <template>): index and number. */
export const TEMPLATE_INDEX = "__i__";
export const TEMPLATE_NUMBER = "__n__";

export interface FormContext {
  t: Translate;
  lang: string;
  errorFor: (id: string) => string | undefined;
}

/** A member as people read them in a choice: 「山本 健二（世帯主）」, 「2人目の方（子）」; never an id. */
export function memberChoiceLabel(ctx: FormContext, m: MemberDraft, index: number): string {
  const name = m.name || ctx.t("guidance.form.unnamedMember", { n: index + 1 });
  const relation = relationLabels[m.relation as keyof typeof relationLabels];
  if (!relation) return name;
  return ctx.t("guidance.form.filerMember", { name, relation: pickLabel(relation, ctx.lang).text });
}

/** Wraps fields that apply to some events, nationalities or origins only; the script hides the others. */
export function When(props: {
  event?: string;
  origin?: string;
  destination?: string;
  nationality?: string;
  children: unknown;
}) {
  return (
    <div
      class="hf-when"
      data-when-event={props.event}
      data-when-origin={props.origin}
      data-when-destination={props.destination}
      data-when-nationality={props.nationality}
    >
      {props.children as never}
    </div>
  );
}

/** A date from the registry as people read it: 「昭和55年4月2日（1980-04-02）」. */
export function readDate(text: string): string {
  const read = parseDateInput(text);
  return read.ok ? `${formatWareki(read.iso)}（${read.iso}）` : text;
}

export const optionLabel = (list: readonly Option[], value: string): string => {
  const label = list.find((o) => o.value === value)?.label;
  return typeof label === "string" ? label : "";
};

/** One registered fact: its label and value (a name marked as Japanese), or 「記録なし」. */
export function RegistryFact({
  f,
  label,
  value,
  ja,
}: {
  f: FormContext;
  label: string;
  value: string;
  ja?: boolean;
}) {
  const shown = !value ? f.t("guidance.form.notRecorded") : ja ? <Ja ctx={f}>{value}</Ja> : value;
  return (
    <div>
      <dt>{label}</dt>
      <dd>{shown}</dd>
    </div>
  );
}
