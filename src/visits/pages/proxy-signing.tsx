import type { Problem } from "../../shared/errors";
import { problemFor, RadioGroup, TextField } from "../../web/components/fields";
import type { PageContext } from "../../web/layout";
import type { VisitFrameView } from "../visits.presenters";
import { VisitForm } from "./components";

/**
 * 代筆: for a resident who cannot sign on the pad. A plain form (no pointer, no script): who wrote, why,
 * and a second staff member's confirmation with their own password. Closed by default so the usual
 * path stays short; a <details> opens with the keyboard.
 */
export function ProxySigningForm({
  ctx,
  visit,
  problems,
}: {
  ctx: PageContext;
  visit: VisitFrameView;
  problems: readonly Problem[];
}) {
  const { t } = ctx;
  const error = (path: string) => problemFor(problems, path, t);
  const open = ["proxyWriter", "proxyWriterName", "proxyReason", "confirmerUsername"].some((p) => error(p));
  return (
    <details class="proxy-signing" open={open}>
      <summary>{t("visits.proxyTitle")}</summary>
      <VisitForm ctx={ctx} visit={visit} action="sign-by-proxy">
        <p>{t("visits.proxyLead")}</p>
        <RadioGroup
          id="proxyWriter"
          legend={t("visits.proxyWriter")}
          error={error("proxyWriter")}
          options={[
            { value: "staff", label: t("visits.proxyWriterStaff") },
            { value: "companion", label: t("visits.proxyWriterCompanion") },
          ]}
        />
        <TextField
          id="proxyWriterName"
          label={t("visits.proxyWriterName")}
          error={error("proxyWriterName")}
        />
        <RadioGroup
          id="proxyReason"
          legend={t("visits.proxyReason")}
          error={error("proxyReason")}
          options={[
            { value: "motor", label: t("visits.proxyReasonMotor") },
            { value: "visual", label: t("visits.proxyReasonVisual") },
            { value: "literacy", label: t("visits.proxyReasonLiteracy") },
            { value: "other", label: t("visits.proxyReasonOther") },
          ]}
        />
        <fieldset class="fieldset">
          <legend>{t("visits.proxyConfirmer")}</legend>
          <TextField
            id="confirmerUsername"
            label={t("visits.proxyConfirmerUsername")}
            autocomplete="off"
            error={error("confirmerUsername")}
          />
          <TextField
            id="confirmerPassword"
            type="password"
            label={t("visits.proxyConfirmerPassword")}
            autocomplete="off"
          />
        </fieldset>
        <button class="button" type="submit">
          {t("visits.proxySign")}
        </button>
      </VisitForm>
    </details>
  );
}
