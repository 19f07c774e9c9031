import { Deadline, type GuidanceContext } from "../../guidance/pages/components";
import { PublicManualLink, publicManualHref } from "../../manual/pages/manual-link";
import { Ja, Local } from "../../web/components/lang";
import type { ResidentPlanView } from "./resident.presenter";

function Members({
  members,
  ctx,
}: {
  members: readonly { name?: string; position: number }[];
  ctx: GuidanceContext;
}) {
  return (
    <>
      {members.map((m, i) => (
        <>
          {i > 0 ? ctx.t("preapply.listSeparator") : null}
          {m.name ? <Ja ctx={ctx}>{m.name}</Ja> : ctx.t("guidance.memberOrdinal", { n: m.position })}
        </>
      ))}
    </>
  );
}

/**
 * The plan before the visit, from the guidance sheet's presenter: what the one-stop counter will take,
 * then each other place with its procedures, due dates (西暦 with weekday and 和暦) and what to bring.
 */
export function PlanSummary({
  view,
  ctx,
  headingLevel = 2,
  municipalityId,
}: {
  view: ResidentPlanView;
  ctx: GuidanceContext & { base?: string };
  headingLevel?: 2 | 3;
  /** Whose public manual each procedure links to; by default the last part of the pages' base (`/pre-apply/kumamoto`). */
  municipalityId?: string;
}) {
  const { t } = ctx;
  const municipality = municipalityId ?? ctx.base?.split("/").filter(Boolean).pop();
  // Each procedure's public manual entry (its guide for residents, in their language).
  const guide = (procedureId: string) => (
    <PublicManualLink t={t} href={municipality ? publicManualHref(municipality, procedureId) : null} />
  );
  const H = headingLevel === 2 ? "h2" : "h3";
  const S = headingLevel === 2 ? "h3" : "h4";
  return (
    <section class="preapply-plan" aria-labelledby="plan-here">
      <H id="plan-here">{t("preapply.planHere")}</H>
      {view.sheet.here.length === 0 ? (
        <p>{t("preapply.planNone")}</p>
      ) : (
        <ul>
          {view.sheet.here.map((item) => (
            <li data-procedure={item.id}>
              <strong>
                <Local map={item.name} ctx={ctx} />
              </strong>{" "}
              {guide(item.id)}
              <dl class="preapply-facts">
                <div>
                  <dt>{t("preapply.planFor")}</dt>
                  <dd>
                    <Members members={item.members} ctx={ctx} />
                  </dd>
                </div>
                <div>
                  <dt>{t("preapply.planDue")}</dt>
                  <dd>
                    <Deadline iso={view.due[item.id] ?? null} ctx={ctx} />
                  </dd>
                </div>
              </dl>
            </li>
          ))}
        </ul>
      )}
      <H id="plan-elsewhere">{t("preapply.planElsewhere")}</H>
      {view.sheet.places.length === 0 ? (
        <p>{t("preapply.planNone")}</p>
      ) : (
        view.sheet.places.map((place) => (
          <section class="preapply-place" aria-label={place.name.ja}>
            <S>
              <Local map={place.name} ctx={ctx} />
            </S>
            <ul>
              {place.procedures.map((p) => (
                <li data-procedure={p.id}>
                  <strong>
                    <Local map={p.name} ctx={ctx} />
                  </strong>{" "}
                  {guide(p.id)}
                  <dl class="preapply-facts">
                    <div>
                      <dt>{t("preapply.planFor")}</dt>
                      <dd>
                        <Members members={p.members} ctx={ctx} />
                      </dd>
                    </div>
                    <div>
                      <dt>{t("preapply.planDue")}</dt>
                      <dd>
                        <Deadline iso={p.due} ctx={ctx} />
                      </dd>
                    </div>
                    <div>
                      <dt>{t("preapply.planBring")}</dt>
                      <dd>
                        {p.bring.length === 0 ? (
                          t("preapply.planBringIdentity")
                        ) : (
                          <ul>
                            {p.bring.map((doc) => (
                              <li>
                                <Local map={doc} ctx={ctx} />
                              </li>
                            ))}
                          </ul>
                        )}
                      </dd>
                    </div>
                  </dl>
                </li>
              ))}
            </ul>
          </section>
        ))
      )}
    </section>
  );
}
