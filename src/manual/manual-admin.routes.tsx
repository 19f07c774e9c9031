import { type Context, Hono } from "hono";
import { z } from "zod";
import { AppError, notFound, type Problem } from "../shared/errors";
import type { AppEnv, AppServices } from "../web/context";
import { pageContext, renderPage } from "../web/respond";
import { decideEntryVersion } from "./decide-entry-version";
import { isManualRefusal } from "./manual.errors";
import { manualRepository } from "./manual.repository";
import { entryIdSchema, entryTitle, SECTION_KEYS } from "./manual-entry";
import { renderMarkdown } from "./markdown";
import { presentVersionPage, staffEntryHref } from "./pages/manual.presenter";
import { ManualEditPage, type ManualEditView } from "./pages/manual-edit.page";
import { ManualVersionPage } from "./pages/manual-version.page";
import { parseEntry } from "./parse-entry";
import { submitEntryVersion } from "./submit-entry-version";

const editForm = z.object({
  source: z.string().max(200_000),
  note: z.string().max(1000).default(""),
  intent: z.enum(["preview", "submit"]).catch("preview"),
});
const decideForm = z.object({ decision: z.enum(["approve", "reject"]) });
const versionParam = z.coerce.number().int().min(1).max(1_000_000);
const doneQuery = z.enum(["submitted", "approved", "rejected"]).optional().catch(undefined);

/**
 * Content owners' edits (supervisors and admins; manualRoutes guards /manual/admin): a new entry or an
 * edit with preview, saved as a pending version; each version's page with its diff and the second
 * person's decision.
 */
export function manualAdminRoutes(deps: AppServices): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const db = deps.database.db;
  const now = () => deps.now?.() ?? new Date();
  const sessionOf = (c: Context<AppEnv>) => {
    const session = c.get("session");
    if (!session) throw notFound();
    return session;
  };
  const entryParam = (c: Context<AppEnv>) => {
    const id = entryIdSchema.safeParse(c.req.param("id"));
    if (!id.success) throw notFound();
    return id.data;
  };

  // ------------------------------------------------------------------------------------ editing
  const editPage = (c: Context<AppEnv>, view: ManualEditView, status: 200 | 409 | 422 = 200) =>
    renderPage(c, view.heading, (ctx) => <ManualEditPage ctx={ctx} view={view} />, status);

  const previewOf = (source: string): { preview: ManualEditView["preview"]; problems: Problem[] } => {
    const parsed = parseEntry(source);
    if (!parsed.ok)
      return { preview: null, problems: parsed.problems.map((p) => ({ ...p, path: "source" })) };
    const preview = SECTION_KEYS.flatMap((key) => {
      const markdown = parsed.entry.sections[key];
      return markdown
        ? [
            {
              section: key,
              html: renderMarkdown(markdown, { headingBase: 3 }),
              lang: key.split(".")[1] as string,
            },
          ]
        : [];
    });
    return { preview, problems: [] };
  };

  const handleEdit = async (c: Context<AppEnv>, entryId: string | null, heading: string, action: string) => {
    const session = sessionOf(c);
    const form = editForm.safeParse(await c.req.parseBody());
    // The page always sends the file: a form without it (or far too long) is told what the field is.
    if (!form.success) throw new AppError("VALIDATION", [{ path: "source", code: "manual.sourceRequired" }]);
    const base = {
      action,
      heading,
      source: form.data.source,
      note: form.data.note,
      cancelHref: entryId ? staffEntryHref(entryId) : "/manual/admin",
    };
    if (form.data.intent === "preview") {
      const { preview, problems } = previewOf(form.data.source);
      return editPage(c, { ...base, preview, problems }, problems.length ? 422 : 200);
    }
    try {
      const saved = await submitEntryVersion(db, {
        municipalityId: session.municipalityId,
        entryId,
        source: form.data.source,
        author: { staffId: session.staff.id, name: session.staff.displayName },
        note: form.data.note,
        now: now(),
        requestId: c.get("requestId"),
      });
      return c.redirect(
        `/manual/admin/entries/${encodeURIComponent(saved.entryId)}/versions/${saved.version}?done=submitted`,
        303,
      );
    } catch (error) {
      if (!isManualRefusal(error) || error.code === "NOT_FOUND") throw error;
      const problems = error.problems.map((p) => ({ ...p, path: "source" }));
      return editPage(c, { ...base, preview: null, problems }, error.code === "CONFLICT" ? 409 : 422);
    }
  };

  app.get("/manual/admin/new", (c) => {
    const { t } = pageContext(c);
    return editPage(c, {
      action: "/manual/admin/new",
      heading: t("manual.newTitle"),
      source: "",
      note: "",
      problems: [],
      preview: null,
      cancelHref: "/manual/admin",
    });
  });
  app.post("/manual/admin/new", (c) =>
    handleEdit(c, null, pageContext(c).t("manual.newTitle"), "/manual/admin/new"),
  );

  /** The text an edit starts from: the pending change if there is one, else the published version. */
  const startingSource = async (municipalityId: string, entryId: string) => {
    const versions = await manualRepository(db).versions(municipalityId, entryId);
    const row =
      versions.find((v) => v.status === "pending") ?? versions.find((v) => v.status === "published");
    if (!row) throw notFound();
    return row;
  };

  app.get("/manual/admin/entries/:id/edit", async (c) => {
    const session = sessionOf(c);
    const id = entryParam(c);
    const row = await startingSource(session.municipalityId, id);
    const { t } = pageContext(c);
    const action = `/manual/admin/entries/${encodeURIComponent(id)}/edit`;
    return editPage(c, {
      action,
      heading: t("manual.editTitle", { title: row.titleJa }),
      source: row.source,
      note: "",
      problems: [],
      preview: null,
      cancelHref: staffEntryHref(id),
    });
  });
  app.post("/manual/admin/entries/:id/edit", async (c) => {
    const session = sessionOf(c);
    const id = entryParam(c);
    const row = await startingSource(session.municipalityId, id);
    const heading = pageContext(c).t("manual.editTitle", { title: row.titleJa });
    return handleEdit(c, id, heading, `/manual/admin/entries/${encodeURIComponent(id)}/edit`);
  });

  // ---------------------------------------------------------------------------- versions, decision
  app.get("/manual/admin/entries/:id/versions", async (c) => {
    const session = sessionOf(c);
    const id = entryParam(c);
    const [latest] = await manualRepository(db).versions(session.municipalityId, id);
    if (!latest) throw notFound();
    return c.redirect(`/manual/admin/entries/${encodeURIComponent(id)}/versions/${latest.version}`, 303);
  });

  app.get("/manual/admin/entries/:id/versions/:version", async (c) => {
    const session = sessionOf(c);
    const ctx = pageContext(c);
    const id = entryParam(c);
    const number = versionParam.safeParse(c.req.param("version"));
    if (!number.success) throw notFound();
    const rows = await manualRepository(db).versions(session.municipalityId, id);
    const row = rows.find((r) => r.version === number.data);
    if (!row) throw notFound();
    const parsed = parseEntry(row.source);
    const previewHtml = parsed.ok
      ? renderMarkdown(parsed.entry.sections["public.ja"] ?? parsed.entry.sections["staff.ja"] ?? "", {
          headingBase: 3,
        })
      : "";
    const view = presentVersionPage(
      rows,
      row,
      rows.find((r) => r.status === "published"),
      session.staff.id,
      previewHtml,
    );
    const done = doneQuery.parse(c.req.query("done"));
    const notice = done
      ? ctx.t(
          done === "submitted"
            ? "manual.submitted"
            : done === "approved"
              ? "manual.approved"
              : "manual.rejectedNotice",
          { version: row.version },
        )
      : null;
    const title = ctx.t("manual.versionTitle", {
      title: parsed.ok ? entryTitle(parsed.entry, ctx.lang).text : row.titleJa,
      version: row.version,
    });
    return renderPage(c, title, (ctx) => <ManualVersionPage ctx={ctx} view={view} notice={notice} />);
  });

  app.post("/manual/admin/entries/:id/versions/:version/decide", async (c) => {
    const session = sessionOf(c);
    const id = entryParam(c);
    const number = versionParam.safeParse(c.req.param("version"));
    const form = decideForm.safeParse(await c.req.parseBody());
    if (!number.success || !form.success) throw notFound();
    await decideEntryVersion(db, {
      municipalityId: session.municipalityId,
      entryId: id,
      version: number.data,
      decision: form.data.decision,
      decider: { staffId: session.staff.id, name: session.staff.displayName },
      now: now(),
      requestId: c.get("requestId"),
    });
    const done = form.data.decision === "approve" ? "approved" : "rejected";
    return c.redirect(
      `/manual/admin/entries/${encodeURIComponent(id)}/versions/${number.data}?done=${done}`,
      303,
    );
  });

  return app;
}
