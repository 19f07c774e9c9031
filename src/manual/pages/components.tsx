import { raw } from "hono/html";
import type { Segment } from "../search-index";

/** Text with the words a search matched marked (a screen reader hears them as marked text). */
export function Highlight({ segments }: { segments: readonly Segment[] }) {
  return <>{segments.map((s) => (s.hit ? <mark class="manual-hit">{s.text}</mark> : s.text))}</>;
}

/** HTML from renderMarkdown, which escaped the source and let only its own tags through. */
export function MarkdownBody({ html, lang }: { html: string; lang?: string | undefined }) {
  return (
    <div class="manual-body" lang={lang}>
      {raw(html)}
    </div>
  );
}

export const MANUAL_CSS = "/faq/manual.css";

export function ManualStyles() {
  return <link rel="stylesheet" href={MANUAL_CSS} />;
}

/** `lang` on an element only when it differs from the page's. */
export const langIf = (lang: string, page: string): string | undefined => (lang === page ? undefined : lang);
