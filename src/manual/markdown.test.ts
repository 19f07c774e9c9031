import { describe, expect, it } from "vitest";
import { markdownText, renderMarkdown } from "./markdown";

describe("renderMarkdown", () => {
  it("renders headings, paragraphs, lists, links and bold", () => {
    const html = renderMarkdown(
      "## 期限\n14日以内に **届出** ます。\n\n- 転出証明書\n- [本人確認](/faq/gen-ininjo)\n\n1. 一\n2. 二",
    );
    expect(html).toBe(
      '<h2>期限</h2>\n<p>14日以内に <strong>届出</strong> ます。</p>\n<ul><li>転出証明書</li><li><a href="/faq/gen-ininjo">本人確認</a></li></ul>\n<ol><li>一</li><li>二</li></ol>',
    );
  });

  it("escapes HTML and drops links to unsafe addresses", () => {
    const html = renderMarkdown('<script>alert(1)</script> [x](javascript:alert(1)) [y](//evil.example) "q"');
    expect(html).not.toContain("<script");
    expect(html).not.toContain("href");
    expect(html).toContain("&lt;script&gt;");
    expect(html).toContain("&quot;q&quot;");
  });

  it("marks links to other sites as noopener", () => {
    expect(renderMarkdown("[市](https://www.city.kumamoto.jp/)")).toContain('rel="noopener noreferrer"');
  });

  it("starts headings at the level asked for", () => {
    expect(renderMarkdown("## a\n### b", { headingBase: 3 })).toBe("<h3>a</h3>\n<h4>b</h4>");
  });

  it("gives the text without marks", () => {
    expect(markdownText("## 期限\n- **14日** [以内](/x)")).toBe("期限\n14日 以内");
  });
});
