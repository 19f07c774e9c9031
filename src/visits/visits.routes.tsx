import { type Context, Hono } from "hono";
import { z } from "zod";
import {
  applyMemberAction,
  draftFromForm,
  draftProblems,
  fieldIdForPath,
  type GuidanceDraft,
} from "../guidance/guidance-form";
import { residentRegistryFor } from "../registry/registry-adapter";
import { todayInJapan } from "../shared/dates";
import { AppError, notFound, type Problem } from "../shared/errors";
import type { AppEnv, AppServices } from "../web/context";
import { clientIp, requireStaff } from "../web/middleware";
import { renderPage } from "../web/respond";
import { acceptVisit } from "./accept-visit";
import { confirmHousehold } from "./confirm-household";
import { declineProcedure } from "./decline-procedure";
import { draftFromRegistry, registryEvents } from "./draft-from-registry";
import { moveVisit } from "./move-visit";
import { VisitPage } from "./pages/visit.page";
import { presentVisitStep } from "./pages/visit.presenter";
import { presentVisitFrame } from "./pages/visit-frame.presenter";
import { confirmProxyWriting } from "./proxy-writing";
import { answersFromFields, saveAnswers } from "./save-answers";
import { signVisit } from "./sign-visit";
import { startVisit } from "./start-visit";
import { verifyIdentity } from "./verify-identity";
import type { VisitRow } from "./visit.repository";
import { visitDocumentRoutes } from "./visit-documents.routes";
import { visitEventRoutes } from "./visit-events.routes";
import { preApplicationDraft, visitFromCodeRoutes, withPreApplication } from "./visit-from-code.routes";
import { auditVisitPage, visitReadRoutes } from "./visit-reads.routes";
import { visitRegistryRoutes } from "./visit-registry.routes";
import { loadVisit, staffScope } from "./visit-scope";
import { refuse } from "./visits.errors";

const versionField = z.coerce.number().int().min(1);
const moveTargets = z.enum(["identity", "household", "plan", "interview", "review", "cancelled", "closed"]);

const scopeOf = (c: Context<AppEnv>) => staffScope(c.get("session"));
/** The visit a step acts on, in the staff member's scope. */
const target = (c: Context<AppEnv>) => ({ scope: scopeOf(c), visitId: c.req.param("id") ?? "" });

export async function formOf(c: Context<AppEnv>) {
  // A body that is not a form, or a form without the version the page gave it, was not sent by our page.
  const form = await c.req.formData().catch(() => Promise.reject(new AppError("MALFORMED_JSON")));
  const all = (name: string) => form.getAll(name).filter((v): v is string => typeof v === "string");
  const one = (name: string) => (all(name)[0] ?? "").normalize("NFKC").trim();
  const version = versionField.safeParse(one("version") || "0");
  if (!version.success) throw new AppError("MALFORMED_JSON");
  return { all, one, names: [...new Set(form.keys())], version: version.data };
}

export interface Shown {
  problems?: Problem[];
  draft?: GuidanceDraft;
  /** Answers just posted and refused: shown again as typed. */
  answers?: Record<string, unknown>;
  status?: 200 | 409 | 422;
}

export function visitRoutes(deps: AppServices): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  for (const path of ["/visits", "/visits/*"]) app.use(path, requireStaff(deps));
  app.route("/", visitReadRoutes(deps));
  const now = () => deps.now?.() ?? new Date();
  const db = deps.database.db;
  const registry = residentRegistryFor(deps.config, deps.database);

  const visitPage = async (c: Context<AppEnv>, visit: VisitRow, shown: Shown = {}) => {
    const view = await presentVisitStep({ db, registry, today: todayInJapan(now()) }, visit, {
      q: c.req.query("q")?.normalize("NFKC").trim() ?? "",
      birthDate: c.req.query("birthDate")?.trim() ?? "",
      registryHouseholdId: c.req.query("household") ?? "",
      draft: shown.draft,
      answers: shown.answers,
      addEvent: c.req.query("addEvent"),
    });
    const [frame] = await Promise.all([presentVisitFrame(db, visit), auditVisitPage(db, c, visit, view)]);
    // A registry search's date of birth that cannot be read is a field error of the page (422).
    const searchProblems = view.step === "household" ? (view.household.search.problems ?? []) : [];
    const problems = [...(shown.problems ?? []), ...searchProblems];
    return renderPage(
      c,
      c.get("t")("visits.title"),
      (ctx) => <VisitPage ctx={ctx} visit={frame} view={view} problems={problems} />,
      shown.status ?? (searchProblems.length > 0 ? 422 : 200),
    );
  };

  /** Runs a step; an expected refusal re-shows the visit with the problems (GOV.UK error summary). */
  const step = async (
    c: Context<AppEnv>,
    run: () => Promise<VisitRow>,
    onProblem?: (problems: Problem[]) => Shown,
  ) => {
    try {
      const visit = await run();
      return c.redirect(`/visits/${visit.id}`, 303);
    } catch (error) {
      if (error instanceof AppError && (error.code === "VALIDATION" || error.code === "CONFLICT")) {
        const visit = await loadVisit(db, scopeOf(c), c.req.param("id") ?? "");
        const status = error.code === "CONFLICT" ? 409 : 422;
        return visitPage(c, visit, { problems: error.problems, ...onProblem?.(error.problems), status });
      }
      throw error;
    }
  };

  app.post("/visits", async (c) => {
    const counterId = c.get("session")?.counterId ?? null;
    const visit = await startVisit(db, { scope: scopeOf(c), counterId, now: now() });
    return c.redirect(`/visits/${visit.id}`, 303);
  });

  app.get("/visits/:id", async (c) => {
    const scope = scopeOf(c);
    const visit = await loadVisit(db, scope, c.req.param("id"));
    const householdId = c.req.query("household");
    // A visit opened from a pre-application starts its household step from what the resident entered.
    if (visit.state !== "household" || !householdId)
      return visitPage(c, visit, preApplicationDraft(visit, todayInJapan(now())));
    const draft = await draftFromRegistry({
      db,
      registry,
      municipalityId: visit.municipalityId,
      householdId,
      staffId: scope.staffId,
      sessionStartedAt: scope.sessionStartedAt ?? now(),
      now: now(),
      today: todayInJapan(now()),
      event: z.enum(registryEvents).catch("move-within").parse(c.req.query("event")),
      subject: c.req.query("subject"),
    });
    // From a pre-application: the registry's facts win, the resident's event and own facts are kept.
    return visitPage(c, visit, draft ? withPreApplication(visit, draft, todayInJapan(now())) : {});
  });

  app.post("/visits/:id/move", async (c) => {
    const { one, version } = await formOf(c);
    const to = moveTargets.safeParse(one("to"));
    if (!to.success) throw refuse("unknownAction");
    return step(c, () => moveVisit(db, { ...target(c), version, to: to.data as never, now: now() }));
  });

  app.post("/visits/:id/identity", async (c) => {
    const { all, version } = await formOf(c);
    const agent = all("agent");
    const check = {
      documents: all("documents"),
      agent: agent.includes("acting"),
      agentSameHousehold: agent.includes("sameHousehold"),
      powerOfAttorney: agent.includes("powerOfAttorney"),
    };
    return step(c, () => verifyIdentity(db, { ...target(c), version, check, now: now() }));
  });

  app.post("/visits/:id/household", async (c) => {
    const { all, one, version } = await formOf(c);
    const draft = draftFromForm(all);
    const visit = await loadVisit(db, scopeOf(c), c.req.param("id"));
    if (applyMemberAction(draft, one("action") || "plan")) return visitPage(c, visit, { draft });
    const formProblems = draftProblems(draft);
    if (formProblems.length > 0) return visitPage(c, visit, { draft, problems: formProblems, status: 422 });
    const session = c.get("session");
    if (!session) throw notFound();
    const confirm = () =>
      confirmHousehold({
        db,
        registry,
        ...target(c),
        version,
        draft,
        registryHouseholdId: one("registryHouseholdId"),
        session: {
          staffId: session.staff.id,
          username: session.staff.username,
          startedAt: session.createdAt,
        },
        request: { requestId: c.get("requestId"), ip: clientIp(c) },
        now: now(),
      });
    return step(c, confirm, (problems) => {
      for (const p of problems) p.path = fieldIdForPath(p.path, draft.event.type);
      return { draft };
    });
  });

  app.post("/visits/:id/decline", async (c) => {
    const { one, version } = await formOf(c);
    const procedureId = one("procedureId");
    const options = { procedureId, reason: one("reason"), declined: one("declined") === "yes", now: now() };
    return step(
      c,
      () => declineProcedure(db, { ...target(c), version, ...options }),
      // The plan has one reason box per procedure: link the error summary to this procedure's box.
      (problems) => {
        for (const p of problems) if (p.path === "reason") p.path = `reason-${procedureId}`;
        return {};
      },
    );
  });

  app.post("/visits/:id/answers", async (c) => {
    const { all, names, version } = await formOf(c);
    const answers = answersFromFields(all, names);
    const proceed = all("proceed")[0] === "yes";
    const run = () => saveAnswers(db, { ...target(c), version, answers, proceed, now: now() });
    return step(c, run, () => ({ answers }));
  });

  app.post("/visits/:id/sign", async (c) => {
    const { one, version } = await formOf(c);
    const signature = one("signature");
    const cosignature = one("cosignature");
    return step(c, () => signVisit(db, { ...target(c), version, signature, cosignature, now: now() }));
  });

  app.post("/visits/:id/sign-by-proxy", async (c) => {
    const { all, one, version } = await formOf(c);
    const session = c.get("session");
    if (!session) throw notFound();
    const confirm = {
      ...target(c),
      writer: one("proxyWriter"),
      writerName: one("proxyWriterName"),
      reason: one("proxyReason"),
      confirmer: { username: one("confirmerUsername"), password: all("confirmerPassword")[0] ?? "" },
      staffName: session.staff.displayName,
      lockout: { threshold: deps.config.LOCKOUT_THRESHOLD, minutes: deps.config.LOCKOUT_MINUTES },
      now: now(),
    };
    return step(c, async () => {
      const proxy = await confirmProxyWriting(db, confirm);
      return signVisit(db, { ...target(c), version, proxy, now: now() });
    });
  });

  app.post("/visits/:id/accept", async (c) => {
    const { version } = await formOf(c);
    return step(c, () => acceptVisit(db, { ...target(c), version, now: now() }));
  });

  app.route("/", visitRegistryRoutes(deps));
  app.route("/", visitEventRoutes(deps, { visitPage, step, formOf, target }));
  app.route("/", visitFromCodeRoutes(deps, { visitPage, target }));
  app.route("/", visitDocumentRoutes(deps));
  return app;
}
