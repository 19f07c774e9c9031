import { type Context, Hono } from "hono";
import { z } from "zod";
import {
  applyMemberAction,
  draftFromForm,
  draftProblems,
  fieldIdForPath,
  householdFromDraft,
} from "../guidance/guidance-form";
import type { Problem } from "../shared/errors";
import type { AppEnv, AppServices } from "../web/context";
import { addVisitEvent, removeVisitEvent } from "./add-visit-event";
import type { VisitRow } from "./visit.repository";
import type { StaffScope } from "./visit-scope";
import { loadVisit } from "./visit-scope";
import type { formOf as FormOf, Shown } from "./visits.routes";

/** What the visit routes lend these: the page, the step runner, the form reader and the target. */
export interface VisitRouteHelpers {
  visitPage: (c: Context<AppEnv>, visit: VisitRow, shown?: Shown) => Promise<Response>;
  step: (
    c: Context<AppEnv>,
    run: () => Promise<VisitRow>,
    onProblem?: (problems: Problem[]) => Shown,
  ) => Promise<Response>;
  formOf: typeof FormOf;
  target: (c: Context<AppEnv>) => { scope: StaffScope; visitId: string };
}

const eventIndex = z.coerce.number().int().min(1).max(9);

/**
 * A visit's further events (a marriage and the partner's move-in on one day): added at the plan step
 * through the household form with the visit's people, or taken out again. The visit routes' auth
 * guard covers these paths.
 */
export function visitEventRoutes(deps: AppServices, helpers: VisitRouteHelpers): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const { visitPage, step, formOf, target } = helpers;
  const now = () => deps.now?.() ?? new Date();
  const db = deps.database.db;

  app.post("/visits/:id/events", async (c) => {
    const { all, one, version } = await formOf(c);
    const draft = draftFromForm(all);
    const { scope, visitId } = target(c);
    const visit = await loadVisit(db, scope, visitId);
    if (applyMemberAction(draft, one("action") || "plan")) return visitPage(c, visit, { draft });
    const formProblems = draftProblems(draft);
    if (formProblems.length > 0) return visitPage(c, visit, { draft, problems: formProblems, status: 422 });
    const household = householdFromDraft(draft, { municipalityId: scope.municipalityId });
    return step(
      c,
      () => addVisitEvent(db, { ...target(c), version, household, now: now() }),
      (problems) => {
        for (const p of problems) p.path = fieldIdForPath(p.path, draft.event.type);
        return { draft };
      },
    );
  });

  app.post("/visits/:id/events/remove", async (c) => {
    const { one, version } = await formOf(c);
    const index = eventIndex.catch(0).parse(one("index"));
    return step(c, () => removeVisitEvent(db, { ...target(c), version, index, now: now() }));
  });

  return app;
}
