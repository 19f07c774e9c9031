import { TextField } from "../../web/components/fields";
import { Ja } from "../../web/components/lang";
import type { PageContext } from "../../web/layout";
import { assetUrl } from "../../web/static-assets";
import { PRE_APPLICATION_FIELD } from "../start-from-pre-application";
import type { VisitFrameView } from "../visits.presenters";
import { VisitForm } from "./components";

/** The camera reader's messages, by the key js/code-scan.js says. */
const scanMessages = {
  starting: "visits.scanStarting",
  looking: "visits.scanLooking",
  found: "visits.scanFound",
  notCode: "visits.scanNotCode",
  noCamera: "visits.scanNoCamera",
  denied: "visits.scanDenied",
  stopped: "visits.scanStopped",
} as const;

/**
 * 「カメラで読み取る」 on a tablet without a USB scanner (src/web/client/code-scan.ts): hidden until its
 * script runs, so without JavaScript (or a camera) the field is typed as before.
 */
function CodeScan({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  const messages = Object.fromEntries(Object.entries(scanMessages).map(([k, key]) => [k, t(key)]));
  return (
    <div class="code-scan" data-code-scan data-code-scan-messages={JSON.stringify(messages)} hidden>
      <button class="button button--secondary" type="button" data-code-scan-start>
        {t("visits.scanButton")}
      </button>
      <button class="button button--secondary" type="button" data-code-scan-stop hidden>
        {t("visits.scanStop")}
      </button>
      <video data-code-scan-video aria-label={t("visits.scanVideo")} width="320" muted playsinline hidden />
      <p role="status" aria-live="polite" data-code-scan-status />
      <script type="module" src={assetUrl("js/code-scan.js")} />
    </div>
  );
}

/**
 * Reception: the resident has been called to the counter and sits down. A resident who entered the
 * household at home (事前入力) brings a code: the USB scanner types the QR's URL and Enter into the
 * field (a normal submit), or staff type the short code. Once loaded, the household is the resident's
 * own entry, unverified until the household step is confirmed.
 */
export function ReceptionPage({ ctx, visit }: { ctx: PageContext; visit: VisitFrameView }) {
  const { t } = ctx;
  // Only a pre-application gives a visit its household before the identity check.
  const loaded = visit.members && visit.members.length > 0 ? visit.members : undefined;
  return (
    <>
      {loaded ? (
        <section class="panel" aria-labelledby="pre-application-loaded" data-testid="pre-application-loaded">
          <h2 id="pre-application-loaded">{t("preapply.counterUnverified")}</h2>
          <p role="status">{t("preapply.counterLoaded", { count: loaded.length })}</p>
          <ul>
            {loaded.map((m) => (
              <li>
                {m.name ? <Ja ctx={ctx}>{m.name}</Ja> : t("guidance.memberOrdinal", { n: m.ordinal ?? 1 })}
              </li>
            ))}
          </ul>
        </section>
      ) : (
        <VisitForm ctx={ctx} visit={visit} action="pre-application" attrs={{ class: "pre-application-code" }}>
          <TextField
            id={PRE_APPLICATION_FIELD}
            name="preApplicationCode"
            label={t("preapply.counterCodeLabel")}
            hint={t("preapply.counterCodeHint")}
            autocomplete="off"
            maxlength={500}
          />
          <button class="button button--secondary" type="submit">
            {t("preapply.counterOpen")}
          </button>
          <CodeScan ctx={ctx} />
        </VisitForm>
      )}
      <VisitForm ctx={ctx} visit={visit} action="move">
        <input type="hidden" name="to" value="identity" />
        <p>{t("visits.receptionLead")}</p>
        <button class="button" type="submit">
          {t("visits.beginIdentity")}
        </button>
      </VisitForm>
    </>
  );
}
