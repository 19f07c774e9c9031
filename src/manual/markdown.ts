/**
 * A small, safe Markdown renderer for manual entries: headings (## to ####; # is the part marker),
 * paragraphs, bullet and numbered lists, links, **bold**, `code` and line breaks. Everything else is
 * text: the source is escaped first, no raw HTML passes, and a link goes only to http(s), mailto, tel,
 * a path on this site or an anchor. Pure; the same source gives the same HTML.
 */

const escapeHtml = (s: string): string =>
  s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");

const SAFE_HREF = /^(https?:\/\/[^\s]+|mailto:[^\s]+|tel:[+\d-]+|\/(?!\/)[^\s]*|#[\w-]*)$/i;

/** Inline markup of one already escaped line. */
function inline(escaped: string): string {
  const codes: string[] = [];
  let s = escaped.replace(/`([^`]+)`/g, (_m, code: string) => {
    codes.push(`<code>${code}</code>`);
    return `\uE000${codes.length - 1}\uE001`;
  });
  s = s.replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_m, label: string, href: string) => {
    const raw = href.replace(/&amp;/g, "&");
    if (!SAFE_HREF.test(raw)) return label;
    const external = /^https?:/i.test(raw);
    return `<a href="${href}"${external ? ' rel="noopener noreferrer"' : ""}>${label}</a>`;
  });
  s = s.replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>");
  s = s.replace(/(^|[^*])\*([^*\s][^*]*)\*/g, "$1<em>$2</em>");
  return s.replace(/\uE000(\d+)\uE001/g, (_m, i: string) => codes[Number(i)] ?? "");
}

export interface RenderOptions {
  /** Headings start at this level (a page's own h1 comes first): `##` renders as h{base}. */
  headingBase?: 2 | 3;
}

/** Renders Markdown to HTML that is safe to insert into a page. */
export function renderMarkdown(markdown: string, options: RenderOptions = {}): string {
  const base = options.headingBase ?? 2;
  const lines = markdown.replace(/\r\n?/g, "\n").split("\n");
  const out: string[] = [];
  let paragraph: string[] = [];
  let list: { tag: "ul" | "ol"; items: string[] } | null = null;
  let fence: string[] | null = null;

  const closeParagraph = () => {
    if (paragraph.length) out.push(`<p>${paragraph.map((l) => inline(escapeHtml(l))).join("<br>")}</p>`);
    paragraph = [];
  };
  const closeList = () => {
    if (list)
      out.push(
        `<${list.tag}>${list.items.map((i) => `<li>${inline(escapeHtml(i))}</li>`).join("")}</${list.tag}>`,
      );
    list = null;
  };

  for (const raw of lines) {
    if (fence) {
      if (/^(```|~~~)/.test(raw)) {
        out.push(`<pre><code>${escapeHtml(fence.join("\n"))}</code></pre>`);
        fence = null;
      } else fence.push(raw);
      continue;
    }
    if (/^(```|~~~)/.test(raw)) {
      closeParagraph();
      closeList();
      fence = [];
      continue;
    }
    const line = raw.trimEnd();
    const heading = /^(#{1,6})\s+(.+)$/.exec(line);
    const bullet = /^\s*[-*+・]\s+(.+)$/.exec(line);
    const numbered = /^\s*\d+[.)]\s+(.+)$/.exec(line);
    if (line.trim() === "") {
      closeParagraph();
      closeList();
    } else if (heading) {
      closeParagraph();
      closeList();
      const level = Math.min(6, Math.max(base, base + (heading[1] as string).length - 2));
      out.push(`<h${level}>${inline(escapeHtml(heading[2] as string))}</h${level}>`);
    } else if (bullet || numbered) {
      closeParagraph();
      const tag = bullet ? "ul" : "ol";
      const current = list as { tag: "ul" | "ol"; items: string[] } | null;
      if (current && current.tag !== tag) closeList();
      list ??= { tag, items: [] };
      list.items.push(((bullet ?? numbered) as RegExpExecArray)[1] as string);
    } else if (list && /^\s{2,}\S/.test(raw)) {
      const items = (list as { items: string[] }).items;
      items[items.length - 1] += ` ${line.trim()}`;
    } else {
      closeList();
      paragraph.push(line.replace(/^>\s?/, ""));
    }
  }
  if (fence) out.push(`<pre><code>${escapeHtml(fence.join("\n"))}</code></pre>`);
  closeParagraph();
  closeList();
  return out.join("\n");
}

/** The text of Markdown without its marks (for the search index and snippets), one line per block. */
export function markdownText(markdown: string): string {
  return markdown
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .filter((l) => !/^(```|~~~)/.test(l))
    .map((l) =>
      l
        .replace(/^#{1,6}\s+/, "")
        .replace(/^\s*([-*+・]|\d+[.)])\s+/, "")
        .replace(/^>\s?/, "")
        .replace(/\[([^\]]+)\]\([^)]*\)/g, "$1")
        .replace(/\*\*([^*]+)\*\*/g, "$1")
        .replace(/`([^`]+)`/g, "$1")
        .trim(),
    )
    .filter((l) => l !== "")
    .join("\n");
}
