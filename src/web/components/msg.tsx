import type { Child } from "hono/jsx";
import type { LocaleMap } from "../../shared/locale";
import type { MessageKey, Translate } from "../i18n";

/**
 * A message with parts that carry markup (a Japanese name marked lang="ja" inside an English sentence):
 * the message is formatted with placeholders for the parts, then split around them, so the catalogue
 * keeps the whole sentence and its word order.
 */
export function Msg({
  t,
  k,
  params,
  parts,
}: {
  t: Translate;
  k: MessageKey;
  params?: Record<string, string | number | LocaleMap>;
  parts: Record<string, Child>;
}) {
  const names = Object.keys(parts);
  const values: Record<string, string | number | LocaleMap> = { ...(params ?? {}) };
  names.forEach((name, i) => {
    values[name] = `\uE000${i}\uE001`;
  });
  const pieces = t(k, values).split(/\uE000(\d+)\uE001/);
  return <>{pieces.map((piece, i) => (i % 2 === 0 ? piece : parts[names[Number(piece)] as string]))}</>;
}
