/**
 * The message ids, typed from the Japanese catalogues (Japanese is the reference every other language
 * is checked against), so a mistyped or removed key fails `npm run check`. A new module's catalogue
 * gets one line here; a new language needs nothing.
 */
import type address from "../../locales/ja/address.json";
import type auth from "../../locales/ja/auth.json";
import type card from "../../locales/ja/card.json";
import type common from "../../locales/ja/common.json";
import type forms from "../../locales/ja/forms.json";
import type guidance from "../../locales/ja/guidance.json";
import type handoff from "../../locales/ja/handoff.json";
import type kpi from "../../locales/ja/kpi.json";
import type manual from "../../locales/ja/manual.json";
import type preapply from "../../locales/ja/preapply.json";
import type queue from "../../locales/ja/queue.json";
import type registry from "../../locales/ja/registry.json";
import type reservations from "../../locales/ja/reservations.json";
import type tenancy from "../../locales/ja/tenancy.json";
import type visits from "../../locales/ja/visits.json";

type Keys<M extends string, T> = `${M}.${Extract<keyof T, string>}`;

export type MessageKey =
  | Keys<"address", typeof address>
  | Keys<"auth", typeof auth>
  | Keys<"card", typeof card>
  | Keys<"common", typeof common>
  | Keys<"forms", typeof forms>
  | Keys<"guidance", typeof guidance>
  | Keys<"handoff", typeof handoff>
  | Keys<"kpi", typeof kpi>
  | Keys<"manual", typeof manual>
  | Keys<"preapply", typeof preapply>
  | Keys<"queue", typeof queue>
  | Keys<"registry", typeof registry>
  | Keys<"reservations", typeof reservations>
  | Keys<"tenancy", typeof tenancy>
  | Keys<"visits", typeof visits>;
