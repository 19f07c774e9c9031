import { describe, expect, it } from "vitest";
import { getMunicipalitySettings } from "../../catalog/municipalities";
import { draftFromHousehold } from "../../guidance/guidance-form";
import { guideHousehold } from "../../guidance/guide";
import { translator } from "../../i18n/translate";
import type { PageContext } from "../../web/layout";
import { VisitSheetPage, type VisitSheetView } from "./sheet.page";

const household = {
  event: { type: "move-in", date: "2026-04-06", origin: "other-municipality", crossPrefecture: false },
  members: [
    {
      id: "m1",
      relation: "head",
      birthDate: "1990-05-01",
      insurance: "kokuho",
      pension: "cat1",
      name: "𠮷田 太郎",
      kana: "ヨシダ タロウ",
    },
  ],
};
const settings = getMunicipalitySettings("kumamoto");
const guided = guideHousehold(household, settings);
if (!guided.ok) throw new Error("the household did not plan");

const view = (lang: string): VisitSheetView => ({
  visitId: "v1",
  plan: guided.plan,
  draft: draftFromHousehold(household, "2026-04-06"),
  settings,
  today: "2026-04-06",
  lang,
  languages: ["ja", "ja-x-easy", "en", "zh-Hans", "ko", "vi"],
  officeCode: "chuo",
  survey: { url: "https://madoguchi.example/survey/s/abc", qrSvg: "<svg></svg>" },
});
const staff = (lang: string): PageContext => ({
  lang,
  t: translator(lang),
  path: "/visits/v1/sheet",
  session: undefined,
  csrfToken: "token",
  warningMinutes: 5,
});

describe("a visit's guidance sheet page", () => {
  it("lets staff choose the resident's language with a plain form that is not printed", () => {
    const html = String(<VisitSheetPage ctx={staff("ja")} view={view("vi")} />);
    expect(html).toContain('<form method="get" action="/visits/v1/sheet" class="no-print sheet-language">');
    expect(html).toContain('<select id="sheet-lang" name="lang"');
    expect(html).toContain('<option value="vi" selected="" lang="vi">Tiếng Việt</option>');
    expect(html).toContain('<option value="ja-x-easy" lang="ja-x-easy">');
    expect(html).toContain("この言語で表示");
    expect(html).toContain('<article class="sheet" aria-labelledby="sheet-title" lang="vi">');
  });

  it("offers only the languages the municipality offers", () => {
    const html = String(
      <VisitSheetPage ctx={staff("en")} view={{ ...view("en"), languages: ["ja", "en"] }} />,
    );
    expect(html).toContain("Show in this language");
    expect(html).not.toContain('value="vi"');
  });
});
