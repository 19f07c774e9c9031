import { readFileSync } from "node:fs";
import { type Context, Hono } from "hono";
import { z } from "zod";
import { municipalityIds } from "../catalog/municipalities";
import { todayInJapan } from "../shared/dates";
import { notFound } from "../shared/errors";
import { tenancyRepository } from "../tenancy/tenancy.repository";
import type { AppEnv, AppServices } from "../web/context";
import { residentLocales, translator } from "../web/i18n";
import { createRequestLimiter, rateLimit } from "../web/rate-limit";
import { manualRepository } from "./manual.repository";
import { entryForProcedure, entryIdSchema, isPublic } from "./manual-entry";
import { publishedLibrary } from "./manual-library";
import { FaqEntryPage } from "./pages/faq-entry.page";
import { FaqSearchPage } from "./pages/faq-search.page";
import {
  faqBase,
  presentEntryItems,
  presentHits,
  presentPublicEntry,
  publicEntryHref,
} from "./pages/manual.presenter";
import { searchManual } from "./search-manual";

const css = readFileSync(new URL("./manual.css", import.meta.url), "utf8");
const searchQuery = z.object({ q: z.string().max(500).catch("") });
const feedbackForm = z.object({ helpful: z.enum(["yes", "no"]), lang: z.string().max(20).optional() });
const fromQuery = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const MUNICIPALITY = /^[a-z0-9-]{1,40}$/;

/**
 * The residents' FAQ: /faq (to the first municipality served), /faq/:municipality with search, and
 * /faq/:municipality/:entry with "was this helpful?". No session; each search is logged without
 * personal data, and opening a result from it counts as its click.
 */
export function manualPublicRoutes(deps: AppServices): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const db = deps.database.db;
  const now = () => deps.now?.() ?? new Date();
  const limiter = createRequestLimiter(deps.database, { name: "manual-public", points: 120, seconds: 60 });
  const limited = rateLimit(limiter, (c) => c.text(translator(c.get("lang"))("common.errorLead"), 429));

  app.get("/faq/manual.css", (c) => {
    c.header("content-type", "text/css; charset=utf-8");
    c.header("cache-control", "public, max-age=300");
    return c.body(css);
  });

  app.get("/faq", async (c) => {
    for (const id of municipalityIds)
      if (id !== "national" && (await tenancyRepository(db).getMunicipality(id)))
        return c.redirect(faqBase(id), 303);
    throw notFound();
  });

  /** The municipality of the path, if it is served; the reader's language among those it offers. */
  const residentContext = async (c: Context<AppEnv>) => {
    const municipalityId = c.req.param("municipality") ?? "";
    if (!MUNICIPALITY.test(municipalityId) || !(await tenancyRepository(db).getMunicipality(municipalityId)))
      throw notFound();
    const languages = residentLocales(municipalityId);
    const asked = c.get("lang");
    const lang = languages.includes(asked) ? asked : "ja";
    return { municipalityId, languages, ctx: { lang, t: translator(lang), path: c.req.path } };
  };

  app.get("/faq/:municipality", limited, async (c) => {
    const { municipalityId, languages, ctx } = await residentContext(c);
    const { q } = searchQuery.parse(c.req.query());
    const library = await publishedLibrary(db, municipalityId);
    const entries = library.entries.filter(isPublic);
    let hits = null;
    if (q.trim()) {
      const found = await searchManual(db, {
        municipalityId,
        query: q,
        audience: "public",
        lang: ctx.lang,
        now: now(),
      });
      hits = presentHits(found.hits, (id) => publicEntryHref(municipalityId, id, found.logId));
    }
    const items = presentEntryItems(entries, ctx.lang, todayInJapan(now()), (id) =>
      publicEntryHref(municipalityId, id),
    );
    const groups = (["faq", "procedure", "general"] as const)
      .map((kind) => ({ kind, entries: items.filter((e) => e.kind === kind) }))
      .filter((g) => g.entries.length > 0);
    return c.html(
      <FaqSearchPage
        ctx={ctx}
        view={{ action: faqBase(municipalityId), query: q, hits, groups, languages }}
      />,
    );
  });

  app.get("/faq/:municipality/procedures/:procedureId", limited, async (c) => {
    const { municipalityId } = await residentContext(c);
    const library = await publishedLibrary(db, municipalityId);
    const id = entryForProcedure(library.entries.filter(isPublic), c.req.param("procedureId"));
    if (!id) throw notFound();
    return c.redirect(publicEntryHref(municipalityId, id), 302);
  });

  const publicEntry = async (c: Context<AppEnv>) => {
    const context = await residentContext(c);
    const id = entryIdSchema.safeParse(c.req.param("entry"));
    if (!id.success) throw notFound();
    const library = await publishedLibrary(db, context.municipalityId);
    const entry = library.index.entry(id.data);
    if (!entry || !isPublic(entry)) throw notFound();
    return { ...context, entry, library };
  };

  app.get("/faq/:municipality/:entry", limited, async (c) => {
    const { municipalityId, languages, ctx, entry, library } = await publicEntry(c);
    const from = fromQuery.safeParse(c.req.query("from"));
    if (from.success) await manualRepository(db).markClick(municipalityId, from.data, entry.id, now());
    // A procedure named by the entry links to its own entry when that is another public one.
    const byProcedure = new Map<string, string>();
    for (const e of library.entries)
      if (e.kind === "procedure" && isPublic(e))
        for (const p of e.procedures) if (!byProcedure.has(p)) byProcedure.set(p, e.id);
    const view = presentPublicEntry(entry, ctx.lang, {
      version: library.version(entry.id),
      feedbackSent: c.req.query("sent") === "1",
      entryHref: (p) => {
        const target = byProcedure.get(p);
        return target && target !== entry.id ? publicEntryHref(municipalityId, target) : null;
      },
    });
    return c.html(
      <FaqEntryPage
        ctx={ctx}
        view={view}
        options={{
          back: faqBase(municipalityId),
          feedbackAction: `${publicEntryHref(municipalityId, entry.id)}/feedback`,
          csrfToken: c.get("csrfToken"),
          languages,
        }}
      />,
    );
  });

  app.post("/faq/:municipality/:entry/feedback", limited, async (c) => {
    const { municipalityId, ctx, entry, library } = await publicEntry(c);
    const form = feedbackForm.safeParse(await c.req.parseBody());
    if (!form.success) return c.redirect(publicEntryHref(municipalityId, entry.id), 303);
    await manualRepository(db).addFeedback({
      municipalityId,
      entryId: entry.id,
      version: library.version(entry.id) ?? null,
      helpful: form.data.helpful === "yes",
      lang: ctx.lang,
      createdAt: now(),
    });
    return c.redirect(`${publicEntryHref(municipalityId, entry.id)}?sent=1`, 303);
  });

  return app;
}
