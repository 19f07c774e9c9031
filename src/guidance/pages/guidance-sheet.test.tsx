import { describe, expect, it } from "vitest";
import { getMunicipalitySettings } from "../../catalog/municipalities";
import { dogFamilyMoveIn } from "../../forms/fixtures/households";
import { draftFromHousehold } from "../guidance-form";
import { guideHousehold } from "../guide";
import { GuidanceSheet } from "./guidance-sheet";
import { presentSheet } from "./sheet.presenter";

// A family moving into Kumamoto with a dog and a toddler, served at 西区役所: the daycare guidance,
// the dog's registration and the water notice are left for the resident to do elsewhere.
const household = dogFamilyMoveIn();

const kumamoto = getMunicipalitySettings("kumamoto");
const guided = guideHousehold(household, kumamoto);
if (!guided.ok) throw new Error("the example household did not plan");
const plan = guided.plan;
const draft = draftFromHousehold(household, "2026-04-06");

const render = (lang: string, officeCode = "nishi") =>
  String(
    <GuidanceSheet
      plan={plan}
      draft={draft}
      settings={kumamoto}
      lang={lang}
      today="2026-04-06"
      officeCode={officeCode}
    />,
  );

/** The HTML of one procedure's block on the sheet. */
const block = (html: string, id: string) =>
  html.match(
    new RegExp(`<li class="sheet-procedure" data-procedure="${id.replace(".", "\\.")}">[\\s\\S]*?</dl></li>`),
  )?.[0] ?? "";
/** The HTML of one place's section. */
const place = (html: string, key: string) =>
  html.match(new RegExp(`<section class="sheet-place" data-place="${key}"[\\s\\S]*?</section>`))?.[0] ?? "";

describe("the guidance sheet's view", () => {
  const view = presentSheet(plan, draft, kumamoto, "nishi");

  it("splits what this counter took today from what is left, and groups the rest by place", () => {
    expect(view.here.map((p) => p.id)).toContain("juki.move-in");
    expect(view.places.map((p) => p.key)).toEqual(["office:nishi:children", "body:animals", "body:water"]);
    const ids = view.places.flatMap((p) => p.procedures.map((x) => x.id));
    expect(ids.sort()).toEqual(
      plan.procedures
        .filter((p) => p.handling === "guidance")
        .map((p) => p.id)
        .sort(),
    );
  });

  it("gives every place an address, a phone written with hyphens and a tel: link, and hours", () => {
    for (const p of view.places) {
      expect(p.address?.ja, p.key).toMatch(/^熊本市/);
      expect(p.phone?.text, p.key).toMatch(/^0\d{1,4}-\d{1,4}-\d{4}$/);
      expect(p.phone?.uri, p.key).toMatch(/^tel:\+81-\d/);
      expect(p.hours?.ja, p.key).toContain("8:30");
    }
  });

  it("moves a deadline that falls on a closed day to the next open day, and says so", () => {
    // 30 days after 4/6 is 5/6, the substitute holiday of Golden Week 2026: due the 7th.
    const dog = view.places.flatMap((p) => p.procedures).find((p) => p.id === "inu.registration-change");
    expect(dog).toMatchObject({ due: "2026-05-07", dueMoved: true });
    const water = view.places.flatMap((p) => p.procedures).find((p) => p.id === "suido.notice");
    expect(water?.dueMoved).toBe(false);
  });

  it("sends residents of an office it does not list to the main office", () => {
    const elsewhere = presentSheet(plan, draft, kumamoto, "takuma");
    expect(elsewhere.places[0]?.key).toBe("office:chuo:children");
    expect(elsewhere.places[0]?.address?.ja).toContain("手取本町1番1号");
  });
});

describe("the guidance sheet in Japanese", () => {
  const html = render("ja");

  it("tells where each remaining procedure is done: office, counter, address, phone and hours", () => {
    const office = place(html, "office:nishi:children");
    expect(office).toContain("西区役所");
    expect(office).toContain("保健子ども課");
    expect(office).toContain("<dd>31番窓口</dd>");
    expect(office).toContain("<dd>熊本市西区小島2丁目7番1号</dd>");
    expect(office).toContain('<a href="tel:+81-96-329-1111" class="sheet-phone">096-329-1111</a>');
    expect(office).toContain("平日 8:30〜17:15（土日・祝日・12月29日〜1月3日を除く）");
    const water = place(html, "body:water");
    expect(water).toContain("熊本市上下水道局");
    expect(water).toContain("熊本市中央区水前寺6丁目2番45号");
    expect(water).toContain(">096-381-1133</a>");
    expect(html).not.toMatch(/\b0\d{9}\b/);
  });

  it("labels the city's own bureau and centre as the city's offices", () => {
    expect(place(html, "body:water")).toContain('<p class="sheet-place__kind">熊本市の機関です</p>');
    expect(place(html, "body:animals")).toContain('<p class="sheet-place__kind">熊本市の機関です</p>');
    expect(html).not.toContain("以外の機関");
  });

  it("lists what to bring for each procedure and the due date with its weekday, 和暦 beside 西暦", () => {
    const dog = block(html, "inu.registration-change");
    expect(dog).toContain("<li>犬の鑑札</li>");
    expect(dog).toContain("<li>狂犬病予防注射済票</li>");
    expect(dog).toContain('<time datetime="2026-05-07">2026年5月7日（木）／令和8年5月7日</time>');
    expect(dog).toContain("次の開庁日です");
    expect(block(html, "hoiku.guidance")).toContain("<dd><span>期限なし</span></dd>");
  });

  it("names the residents, never by their ids", () => {
    expect(block(html, "hoiku.guidance")).toContain("<dd>熊本 陽</dd>");
    expect(html).not.toMatch(/[（(]m\d[）)]|\bm\d\b/);
  });
});

describe("the guidance sheet in やさしい日本語", () => {
  const html = render("ja-x-easy");

  it("reads in plain Japanese, procedure names with their explanation, and nothing marked as another language", () => {
    expect(html).toContain('<article class="sheet" aria-labelledby="sheet-title" lang="ja-x-easy">');
    expect(html).toContain("手続きの あんない");
    expect(html).toContain("転入届（ひっこして きた 人の 届け）");
    expect(html).toContain("<dt>持って 来る もの</dt>");
    expect(block(html, "inu.registration-change")).toContain("<li>犬の 鑑札（登録の しるし）</li>");
    expect(place(html, "body:water")).toContain("熊本市の 役所です");
    expect(html).not.toContain('lang="ja"');
  });

  it("keeps the address, the phone and the hours, and the weekday of the due date", () => {
    const office = place(html, "office:nishi:children");
    expect(office).toContain("熊本市西区小島2丁目7番1号");
    expect(office).toContain(">096-329-1111</a>");
    expect(office).toContain("月曜日〜金曜日の 8時30分〜17時15分");
    expect(block(html, "inu.registration-change")).toContain("2026年5月7日（木）");
  });
});

describe("the guidance sheet in English", () => {
  const html = render("en");

  it("translates the procedure names, places and what to bring", () => {
    expect(html).toContain(
      '<li data-procedure="juki.move-in"><span class="sheet-done__name">Notification of moving in</span>',
    );
    expect(block(html, "inu.registration-change")).toContain("Dog licence tag");
    expect(block(html, "hoiku.guidance")).toContain("Proof of the need for childcare");
    expect(place(html, "body:water")).toContain("Kumamoto City Waterworks and Sewerage Bureau");
    expect(place(html, "body:water")).toContain(
      '<p class="sheet-place__kind">An office of Kumamoto City</p>',
    );
    expect(html).not.toContain('<span lang="ja">転入届</span>');
  });

  it("gives the address romanised with the Japanese for a driver, the phone, the hours and the weekday", () => {
    const office = place(html, "office:nishi:children");
    expect(office).toContain(
      '2-7-1 Kojima, Nishi-ku, Kumamoto<br/><span lang="ja">熊本市西区小島2丁目7番1号</span>',
    );
    expect(office).toContain(">096-329-1111</a>");
    expect(office).toContain("Weekdays 8:30–17:15");
    expect(block(html, "inu.registration-change")).toContain(
      'Thu, 7 May 2026 (<span lang="ja">令和8年5月7日</span>)',
    );
    // Names stay Japanese, marked so a screen reader voices them as such.
    expect(block(html, "hoiku.guidance")).toContain('<span lang="ja">熊本 陽</span>');
  });
});
