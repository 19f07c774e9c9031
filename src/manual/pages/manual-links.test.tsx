import { describe, expect, it } from "vitest";
import { translator } from "../../i18n/translate";
import { PlanSummary } from "../../preapply/pages/plan-summary";
import type { ResidentPlanView } from "../../preapply/pages/resident.presenter";
import { InterviewPage } from "../../visits/pages/interview.page";
import type { VisitFrameView } from "../../visits/visits.presenters";
import type { PageContext } from "../../web/layout";

/** Where the manual appears beside procedures: the counter's interview and the pre-application plan. */

const ctx: PageContext = {
  lang: "ja",
  t: translator("ja"),
  path: "/visits/v1",
  session: undefined,
  csrfToken: "token",
  warningMinutes: 5,
};
const visit: VisitFrameView = { id: "v1", version: 3, state: "interview", cancellable: true };

const plan: ResidentPlanView = {
  members: [{ name: "熊本 花子", position: 1 }],
  due: { "juki.move-in": "2026-04-20" },
  sheet: {
    municipality: { ja: "熊本市" },
    event: { ja: "転入" },
    eventDate: "2026-04-06",
    here: [{ id: "juki.move-in", name: { ja: "転入届", en: "Notification of moving in" }, members: [] }],
    places: [
      {
        key: "ward",
        kind: "city-hall" as never,
        name: { ja: "区役所" },
        procedures: [
          {
            id: "kokuho.enroll",
            name: { ja: "国民健康保険の加入" },
            members: [],
            due: null,
            dueMoved: false,
            bring: [],
          },
        ],
      },
    ],
  },
};

describe("manual links beside procedures", () => {
  it("lists the interview's procedures at the top, each linked to its staff manual entry", () => {
    const html = String(
      <InterviewPage
        ctx={ctx}
        visit={visit}
        questions={[]}
        known={[]}
        problems={[]}
        procedures={[{ id: "juki.move-in", name: "転入届" }]}
      />,
    );
    expect(html).toContain("この聞き取りの手続き");
    expect(html).toContain('href="/manual/procedures/juki.move-in"');
    expect(html).toContain('aria-label="「転入届」のマニュアル"');
    expect(html.indexOf("この聞き取りの手続き")).toBeLessThan(html.indexOf('type="submit"'));
  });

  it("shows no procedure list on an interview without procedures", () => {
    const html = String(<InterviewPage ctx={ctx} visit={visit} questions={[]} known={[]} problems={[]} />);
    expect(html).not.toContain("この聞き取りの手続き");
  });

  it("links each planned procedure of a pre-application to its public entry", () => {
    const html = String(
      <PlanSummary view={plan} ctx={{ lang: "ja", t: translator("ja"), base: "/pre-apply/kumamoto" }} />,
    );
    expect(html).toContain('href="/faq/kumamoto/procedures/juki.move-in"');
    expect(html).toContain('href="/faq/kumamoto/procedures/kokuho.enroll"');
  });

  it("links nothing for the national baseline or without a municipality", () => {
    const t = translator("ja");
    expect(String(<PlanSummary view={plan} ctx={{ lang: "ja", t }} />)).not.toContain("/faq/");
    expect(
      String(<PlanSummary view={plan} ctx={{ lang: "ja", t }} municipalityId="national" />),
    ).not.toContain("/faq/");
  });
});
