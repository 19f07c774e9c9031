import type { MessageKey } from "../../web/i18n";
import type { PageContext } from "../../web/layout";
import { assetUrl } from "../../web/static-assets";
import { type CardReason, cardReasons } from "../card.errors";

const clientKeys = [
  "reading",
  "readDone",
  "paired",
  "agentUnreachable",
  "registryFilled",
] as const satisfies readonly string[];

/** The island's sentences in the page's language, by code (pinWrong for each count of tries left). */
export function clientMessages(t: PageContext["t"]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const reason of cardReasons) {
    if (reason === "pinWrong" || reason === "unexpectedStatus") continue;
    out[`card.${reason}`] = t(`card.${reason}` as MessageKey);
  }
  for (const n of [1, 2]) out[`card.pinWrong.${n}`] = t("card.pinWrong", { triesLeft: n });
  out["card.unexpectedStatus"] = t("card.unexpectedStatus", { sw: "{sw}" });
  for (const key of clientKeys) out[`card.${key}`] = t(`card.${key}`);
  return out;
}

export type { CardReason };

/**
 * "マイナンバーカードで確認" on the visit's identity step. Hidden until the island (js/card-reader.js)
 * runs and learns the agent's address from the server (GET /card/agent): without JavaScript or without an agent the documents check below stays the
 * way. It may sit inside another form: its fields have no name and its buttons submit nothing (the PIN is
 * never part of a form sent to the server); the island posts the attributes in a form of its own.
 */
export function CardCheck({
  ctx,
  version,
  action,
}: {
  ctx: PageContext;
  /** The visit's version (for a post), 0 when filling a form. */
  version: number;
  /** Where the attributes are posted ("/visits/…/identity/card"), or "fill" to fill the fields of the page's form. */
  action: string;
}) {
  const { t } = ctx;
  return (
    <section
      class="card-check"
      id="card-check"
      aria-labelledby="card-check-title"
      hidden
      data-card-check="/card/agent"
      data-card-action={action}
      data-card-csrf={ctx.csrfToken}
      data-card-version={String(version)}
      data-card-messages={JSON.stringify(clientMessages(t))}
    >
      <h2 id="card-check-title">{action === "fill" ? t("card.registryReadButton") : t("card.checkTitle")}</h2>
      <p>{action === "fill" ? t("card.registryReadLead") : t("card.checkLead")}</p>
      <div class="card-check__pair" data-card-pair hidden>
        <h3>{t("card.pairTitle")}</h3>
        <p>{t("card.pairLead")}</p>
        <div class="field">
          <label for="card-pair-code">{t("card.pairLabel")}</label>
          <input id="card-pair-code" type="text" inputmode="numeric" autocomplete="off" maxlength={9} />
        </div>
        <button class="button button--secondary" type="button" data-card-pair-button>
          {t("card.pairButton")}
        </button>
      </div>
      <div class="card-check__read" data-card-read>
        <div class="field">
          <label for="card-pin">{t("card.pinLabel")}</label>
          <p class="field__hint" id="card-pin-hint">
            {t("card.pinHint")}
          </p>
          <input
            id="card-pin"
            type="password"
            inputmode="numeric"
            autocomplete="off"
            maxlength={4}
            pattern="[0-9]{4}"
            aria-describedby="card-pin-hint"
          />
        </div>
        <button class="button" type="button" data-card-read-button>
          {action === "fill" ? t("card.registryReadButton") : t("card.readButton")}
        </button>
      </div>
      <p class="card-check__status" role="status" aria-live="polite" data-card-status />
      <script type="module" src={assetUrl("js/card-reader.js")} />
    </section>
  );
}
