import type { MiddlewareHandler } from "hono";
import { AppError } from "../shared/errors";
import type { AppEnv } from "./context";

const NUL = "\u0000";
const hasNul = (text: string) => text.includes(NUL);

/**
 * Refuses, as a request it cannot read (400), any URL, form or JSON body carrying U+0000.
 * PostgreSQL stores no NUL in text or jsonb, so a NUL that reached a query failed there as a 500;
 * no person types one (it comes from a tool or pasted binary), so refusing it here, once, is simpler
 * and safer than a check beside every field. Bodies are read through Hono's cache: the route reads
 * the same form or JSON again for free.
 */
export function refuseNul(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    // A URL carries a NUL only percent-encoded: in the path (an id), or in the query (a search).
    if (/%00/i.test(c.req.url)) throw new AppError("MALFORMED_JSON");
    if (c.req.method !== "GET" && c.req.method !== "HEAD") {
      const type = c.req.header("content-type") ?? "";
      if (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data")) {
        // An unreadable form is left to the route (and its own refusal).
        const form = await c.req.formData().catch(() => undefined);
        for (const [k, v] of form ?? [])
          if (hasNul(k) || (typeof v === "string" && hasNul(v))) throw new AppError("MALFORMED_JSON");
      } else if (type.startsWith("application/json")) {
        const text = await c.req.text();
        // Written as the escape in JSON text (a raw NUL is no valid JSON anyway).
        if (/\\u0000/i.test(text) || hasNul(text)) throw new AppError("MALFORMED_JSON");
      }
    }
    return next();
  };
}
