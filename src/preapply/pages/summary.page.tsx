import { Local } from "../../web/components/lang";
import { CodeCard } from "./entry.page";
import { type ResidentContext, ResidentFrame } from "./frame";
import { PlanSummary } from "./plan-summary";
import type { ResidentEntryView } from "./resident.presenter";

/** One printable page: the code and QR, the event, the members and the plan. Printed with the browser. */
export function SummaryPage({ ctx, view }: { ctx: ResidentContext; view: ResidentEntryView }) {
  const { t } = ctx;
  return (
    <ResidentFrame ctx={ctx} title={t("preapply.summaryTitle")}>
      <article class="preapply-summary">
        <h1>{t("preapply.summaryTitle")}</h1>
        <p>
          <Local map={view.event} ctx={ctx} />
        </p>
        <CodeCard view={view} ctx={ctx} />
        <p>{t("preapply.codeHint")}</p>
        {view.plan ? (
          <>
            <h2>{t("preapply.membersTitle")}</h2>
            <ol class="preapply-members">
              {view.plan.members.map((m) => (
                <li lang={m.name ? "ja" : undefined}>
                  {m.name || t("guidance.memberOrdinal", { n: m.position })}
                </li>
              ))}
            </ol>
            <PlanSummary view={view.plan} ctx={ctx} />
          </>
        ) : null}
        <p class="no-print">
          {/* Printing needs a script: shown by the print island; without it the browser's own command. */}
          <button class="button" type="button" data-print hidden>
            {t("preapply.print")}
          </button>{" "}
          <a href={view.summaryPath.replace(/\/summary$/, "")}>{t("preapply.back")}</a>
        </p>
      </article>
    </ResidentFrame>
  );
}
