import { type Context, Hono } from "hono";
import { z } from "zod";
import { benefits, careLevels, insurances, pensionCategories, possessions } from "../catalog/vocabulary";
import { AppError, notFound, type Problem } from "../shared/errors";
import type { AppEnv, AppServices } from "../web/context";
import { bilingual } from "../web/i18n";
import { clientIp, requireStaff } from "../web/middleware";
import { renderPage } from "../web/respond";
import {
  type OpenReason,
  openHousehold,
  openReasons,
  type StaffActor,
  viewHousehold,
} from "./open-household";
import { cardPage, type EditValues, editPage, householdPage, openPage, searchPage } from "./registry.pages";
import { residentRegistryFor } from "./registry-adapter";
import { booleanFacts, type HouseholdRecord, type ResidentFacts, todayInJapan } from "./resident";
import { findByCard, type Place, readCardForm, readSearchForm, searchResidents } from "./search-residents";
import { updateResidentFacts } from "./update-resident-facts";

const openForm = z.object({
  reason: z.string().max(40).optional(),
  detail: z.string().max(1000).optional(),
  resident: z.string().max(100).optional(),
});

/**
 * Staff pages of the resident registry: search, card search, the reason to open a household, the
 * household with its history, and the edit of a member's facts. Every page is for signed-in staff of
 * the municipality; another tenant's ids are "not found". Names travel in the query string of the
 * search (a GET form, so it works without JavaScript and the back button repeats nothing) but the
 * request log records only the path.
 */
export function registryRoutes(deps: AppServices): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const registry = residentRegistryFor(deps.config, deps.database);
  const now = () => deps.now?.() ?? new Date();
  app.use("/registry", requireStaff(deps));
  app.use("/registry/*", requireStaff(deps));

  const session = (c: Context<AppEnv>) => {
    const s = c.get("session");
    if (!s) throw notFound();
    return s;
  };
  const actor = (c: Context<AppEnv>): StaffActor => {
    const s = session(c);
    return {
      staffId: s.staff.id,
      username: s.staff.username,
      officeId: s.officeId,
      requestId: c.get("requestId"),
      ip: clientIp(c),
    };
  };
  const place = async (municipalityId: string): Promise<Place> => {
    const [municipality, offices] = await Promise.all([
      deps.reference.municipality(municipalityId),
      deps.reference.offices(municipalityId),
    ]);
    // A designated city's ward offices are named after their wards: 中央区役所 → 中央区.
    const wards = offices
      .filter((o) => o.kind === "ward" && o.nameJa.endsWith("区役所"))
      .map((o) => o.nameJa.slice(0, -2));
    return { municipalityName: municipality?.nameJa ?? "", wards };
  };

  app.get("/registry", (c) => c.redirect("/registry/search", 303));

  app.get("/registry/search", async (c) => {
    const s = session(c);
    const form = readSearchForm(c.req.query());
    const submitted = Object.keys(c.req.query()).length > 0;
    if (!submitted)
      return renderPage(c, c.get("t")("registrySearch"), (ctx) => searchPage(ctx, form, [], undefined));
    const outcome = await searchResidents({
      db: deps.database.db,
      actor: actor(c),
      registry,
      municipalityId: s.municipalityId,
      place: await place(s.municipalityId),
      form,
    });
    if ("problems" in outcome) {
      return renderPage(
        c,
        c.get("t")("registrySearch"),
        (ctx) => searchPage(ctx, form, outcome.problems, undefined),
        422,
      );
    }
    return renderPage(c, c.get("t")("registrySearch"), (ctx) => searchPage(ctx, form, [], outcome.results));
  });

  app.get("/registry/card", async (c) => {
    const s = session(c);
    const form = readCardForm(c.req.query());
    const submitted = Object.keys(c.req.query()).length > 0;
    if (!submitted)
      return renderPage(c, c.get("t")("registryCardSearch"), (ctx) => cardPage(ctx, form, [], undefined));
    const outcome = await findByCard({
      db: deps.database.db,
      actor: actor(c),
      registry,
      municipalityId: s.municipalityId,
      place: await place(s.municipalityId),
      form,
    });
    if ("problems" in outcome) {
      return renderPage(
        c,
        c.get("t")("registryCardSearch"),
        (ctx) => cardPage(ctx, form, outcome.problems, undefined),
        422,
      );
    }
    return renderPage(c, c.get("t")("registryCardSearch"), (ctx) => cardPage(ctx, form, [], outcome.results));
  });

  // The person chosen in the search, when they belong to this household: named on the reason page.
  const whoIs = (household: HouseholdRecord, residentId: string) =>
    residentId ? household.members.find((m) => m.id === residentId) : undefined;

  app.get("/registry/households/:id/open", async (c) => {
    const s = session(c);
    const householdId = c.req.param("id");
    const household = await registry.household(s.municipalityId, householdId);
    if (!household) throw notFound();
    const residentId = c.req.query("resident") ?? "";
    const who = whoIs(household, residentId);
    return renderPage(c, c.get("t")("registryOpenTitle"), (ctx) =>
      openPage(ctx, household.id, who, { reason: "", detail: "", residentId: who?.id ?? "" }, []),
    );
  });

  app.post("/registry/households/:id/open", async (c) => {
    const s = session(c);
    const householdId = c.req.param("id");
    const parsed = openForm.safeParse(await c.req.parseBody());
    const values = {
      reason: parsed.success ? (parsed.data.reason ?? "") : "",
      detail: parsed.success ? (parsed.data.detail ?? "").trim() : "",
      residentId: parsed.success ? (parsed.data.resident ?? "") : "",
    };
    const problems: Problem[] = [];
    const reason = openReasons.find((r) => r === values.reason);
    if (!reason) problems.push({ path: "reason", ...bilingual("registryReasonRequired") });
    if (reason === "other" && !values.detail)
      problems.push({ path: "detail", ...bilingual("registryDetailRequired") });
    if (values.detail.length > 200) {
      problems.push({
        path: "detail",
        ja: bilingual("registryTooLong", { field: "詳細", max: "200" }).ja,
        en: bilingual("registryTooLong", { field: "The details", max: "200" }).en,
      });
    }
    if (problems.length > 0) {
      const household = await registry.household(s.municipalityId, householdId);
      if (!household) throw notFound();
      const who = whoIs(household, values.residentId);
      return renderPage(
        c,
        c.get("t")("registryOpenTitle"),
        (ctx) => openPage(ctx, household.id, who, values, problems),
        422,
      );
    }
    await openHousehold({
      db: deps.database.db,
      registry,
      municipalityId: s.municipalityId,
      householdId,
      residentId: values.residentId || undefined,
      reason: reason as OpenReason,
      detail: values.detail,
      actor: actor(c),
    });
    return c.redirect(`/registry/households/${householdId}`, 303);
  });

  app.get("/registry/households/:id", async (c) => {
    const s = session(c);
    const householdId = c.req.param("id");
    const view = await viewHousehold({
      db: deps.database.db,
      registry,
      municipalityId: s.municipalityId,
      householdId,
      staffId: s.staff.id,
      sessionStartedAt: s.createdAt,
      now: now(),
    });
    if (view.kind === "needs-reason") {
      // An unknown or another municipality's household is "not found" here too, not a reason form.
      if (!(await registry.household(s.municipalityId, householdId))) throw notFound();
      return c.redirect(`/registry/households/${householdId}/open`, 303);
    }
    const t = c.get("t");
    const notice =
      c.req.query("saved") === "1"
        ? t("registrySaved")
        : c.req.query("saved") === "0"
          ? t("registryNoChange")
          : undefined;
    return renderPage(c, t("registryHousehold"), (ctx) =>
      householdPage(ctx, view.household, view.history, todayInJapan(now()), notice),
    );
  });

  /** The resident, when this staff member has opened their household with a reason. */
  const openedResident = async (c: Context<AppEnv>) => {
    const s = session(c);
    const resident = await registry.resident(s.municipalityId, c.req.param("id") ?? "");
    if (!resident) throw notFound();
    const view = await viewHousehold({
      db: deps.database.db,
      registry,
      municipalityId: s.municipalityId,
      householdId: resident.householdId,
      staffId: s.staff.id,
      sessionStartedAt: s.createdAt,
      now: now(),
    });
    return { resident, opened: view.kind === "ok" };
  };

  app.get("/registry/residents/:id/edit", async (c) => {
    const { resident, opened } = await openedResident(c);
    if (!opened)
      return c.redirect(`/registry/households/${resident.householdId}/open?resident=${resident.id}`, 303);
    const values: EditValues = { ...resident, reason: "" };
    return renderPage(c, c.get("t")("registryEditTitle", { name: resident.name }), (ctx) =>
      editPage(ctx, resident, values, []),
    );
  });

  app.post("/registry/residents/:id/edit", async (c) => {
    const { resident, opened } = await openedResident(c);
    if (!opened)
      return c.redirect(`/registry/households/${resident.householdId}/open?resident=${resident.id}`, 303);
    const body = await c.req.parseBody({ all: true });
    const { values, problems } = readEditForm(body, resident.version);
    const t = c.get("t");
    const render = (list: Problem[], status: 409 | 422) =>
      renderPage(
        c,
        t("registryEditTitle", { name: resident.name }),
        (ctx) => editPage(ctx, resident, values, list),
        status,
      );
    if (problems.length > 0) return render(problems, 422);
    const { reason, version, ...facts } = values;
    try {
      const { changed } = await updateResidentFacts({
        db: deps.database.db,
        registry,
        municipalityId: session(c).municipalityId,
        resident,
        expectedVersion: version,
        facts,
        reason,
        actor: actor(c),
        today: todayInJapan(now()),
      });
      return c.redirect(
        `/registry/households/${resident.householdId}?saved=${changed.length > 0 ? 1 : 0}`,
        303,
      );
    } catch (error) {
      if (error instanceof AppError && error.code === "VALIDATION") return render(error.problems, 422);
      if (error instanceof AppError && error.code === "CONFLICT") {
        // Shown again with the facts as they are now, so that the staff member decides on fresh data.
        const fresh = (await registry.resident(session(c).municipalityId, resident.id)) ?? resident;
        const freshValues: EditValues = { ...fresh, reason };
        return renderPage(
          c,
          t("registryEditTitle", { name: fresh.name }),
          (ctx) => editPage(ctx, fresh, freshValues, error.problems),
          409,
        );
      }
      throw error;
    }
  });

  return app;
}

type Body = Record<string, string | File | (string | File)[]>;

// The edit form at the edge: a field a browser sends once or repeated (checkbox groups), as text.
const all = z
  .unknown()
  .transform((v) => (Array.isArray(v) ? v : v === undefined ? [] : [v]))
  .transform((list) => list.filter((x): x is string => typeof x === "string").map((x) => x.trim()));
const first = all.transform((list) => list[0] ?? "");
const optionalCode = <T extends readonly [string, ...string[]]>(list: T) =>
  first.pipe(z.union([z.literal(""), z.enum(list)])).transform((v) => (v === "" ? null : (v as T[number])));

// A checkbox: ticked sends "1", unticked sends nothing.
const flag = first.transform((v) => v === "1");

/** Each fact as one of the offered choices; the reason required; the version the page was made on. */
export const editFormSchema = z.object({
  insurance: first.pipe(z.enum(insurances)),
  pension: optionalCode(pensionCategories),
  careLevel: optionalCode(careLevels),
  pensionRecipient: flag,
  myNumberCard: flag,
  disabilityCertificate: flag,
  sealRegistered: flag,
  pregnant: flag,
  needsDaycare: flag,
  publicServant: flag,
  benefits: all.pipe(z.array(z.enum(benefits))),
  owns: all.pipe(z.array(z.enum(possessions))),
  reason: first.pipe(z.string().min(1).max(200)),
  version: first.pipe(z.string().regex(/^[1-9]\d{0,8}$/)).transform(Number),
});

const choiceLabels: Record<string, string> = {
  insurance: "健康保険",
  pension: "国民年金の種別",
  careLevel: "要介護度",
  benefits: "受給している手当・助成",
  owns: "所有しているもの",
};

/**
 * The edit form → facts, with a problem for every value that is not one of the offered choices.
 * Refused values are kept out of the facts shown again (the form comes back with what is valid).
 */
export function readEditForm(
  body: Body,
  currentVersion: number,
): { values: EditValues; problems: Problem[] } {
  // Every key present (an absent one as undefined), as zod reads a piped field only when present.
  const parsed = editFormSchema.safeParse(
    Object.fromEntries(Object.keys(editFormSchema.shape).map((key) => [key, body[key]])),
  );
  const problems: Problem[] = [];
  const failed = new Set<string>();
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? "");
      if (failed.has(key)) continue;
      failed.add(key);
      if (key === "reason") {
        const text = first.parse(body.reason);
        problems.push(
          text
            ? {
                path: "reason",
                ja: bilingual("registryTooLong", { field: "変更の理由", max: "200" }).ja,
                en: bilingual("registryTooLong", { field: "The reason", max: "200" }).en,
              }
            : { path: "reason", ...bilingual("registryEditReasonRequired") },
        );
      } else if (key in choiceLabels) {
        problems.push({
          path: key,
          ja: bilingual("registryInvalidChoice", { field: choiceLabels[key] ?? key }).ja,
          en: bilingual("registryInvalidChoice", { field: key }).en,
        });
      }
    }
  }
  // What the page shows again: each valid value, the offered choices among the rest.
  const lenient = (key: string) => first.parse(body[key]);
  const code = <T extends string>(key: string, list: readonly T[]): T | null =>
    list.find((x) => x === lenient(key)) ?? null;
  const subset = <T extends string>(key: string, list: readonly T[]): T[] =>
    list.filter((x) => all.parse(body[key]).includes(x));
  const flags = Object.fromEntries(booleanFacts.map((f) => [f, lenient(f) === "1"])) as Record<
    (typeof booleanFacts)[number],
    boolean
  >;
  const facts: ResidentFacts = parsed.success
    ? {
        insurance: parsed.data.insurance,
        pension: parsed.data.pension,
        careLevel: parsed.data.careLevel,
        ...flags,
        benefits: parsed.data.benefits,
        owns: parsed.data.owns,
      }
    : {
        insurance: code("insurance", insurances) ?? "kokuho",
        pension: code("pension", pensionCategories),
        careLevel: code("careLevel", careLevels),
        ...flags,
        benefits: subset("benefits", benefits),
        owns: subset("owns", possessions),
      };
  const version = parsed.success
    ? parsed.data.version
    : Number.parseInt(lenient("version"), 10) || currentVersion;
  return { values: { ...facts, reason: lenient("reason"), version }, problems };
}
