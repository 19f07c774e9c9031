import { describe, expect, it } from "vitest";
import { expectNoInternalIds, findInternalIds } from "../../e2e/support/ids-scan";
import { settingsForMunicipality } from "../catalog/municipalities";
import { guideHousehold } from "../guidance/guide";
import { translator } from "../i18n/translate";
import type { PageContext } from "../web/layout";
import { AcceptedPage } from "./pages/accepted.page";
import { VisitFrame } from "./pages/components";
import { PlanPage } from "./pages/plan.page";
import { ReviewPage } from "./pages/review.page";
import { unnamedMemberLabel } from "./pages/visit-frame.presenter";
import { VisitListPage } from "./pages/visit-list.page";
import type { ApplicationRow, VisitRow } from "./visit.repository";
import {
  presentAccepted,
  presentFrame,
  presentInterview,
  presentPlan,
  presentReview,
  presentVisitList,
  visitPerson,
} from "./visits.presenters";

const ctxFor = (lang: string): PageContext => ({
  lang,
  t: translator(lang),
  path: "/visits/v1",
  session: undefined,
  csrfToken: "token",
  warningMinutes: 5,
  now: new Date("2026-04-02T03:00:00Z"),
});

/** The text a person reads: tags dropped, attributes (data-procedure="juki.move-in" and the like) with them. */
const textOf = (node: unknown): string =>
  String(node)
    .replace(/<[^>]*>/g, " ")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");

// A move-in of three: a head and a spouse with names, and a child the clerk has not named yet.
const household = {
  event: { type: "move-in", date: "2026-04-01", origin: "other-municipality" },
  members: [
    {
      id: "m1",
      relation: "head",
      name: "山本 健二",
      birthDate: "1985-06-02",
      insurance: "kokuho",
      pension: "cat1",
    },
    {
      id: "m2",
      relation: "spouse",
      name: "山本 花子",
      birthDate: "1987-01-20",
      insurance: "kokuho",
      pension: "cat1",
    },
    { id: "m3", relation: "child", birthDate: "2019-09-09", insurance: "kokuho" },
  ],
};
const settings = settingsForMunicipality("kumamoto");
const guided = guideHousehold(household, settings);
if (!guided.ok) throw new Error("the fixture household must be valid");

const visitRow = (overrides: Partial<VisitRow> = {}): VisitRow =>
  ({
    id: "3f2c9a4e-0000-4000-8000-000000000001",
    municipalityId: "kumamoto",
    officeId: "office",
    counterId: null,
    ticketId: "3f2c9a4e-0000-4000-8000-0000000000aa",
    state: "plan",
    version: 4,
    source: "entered",
    registryHouseholdId: null,
    household,
    plan: guided.plan,
    declined: [
      { procedureId: guided.plan.procedures.find((p) => p.handling === "one-stop")?.id, reason: "後日" },
    ],
    answers: {},
    registryFacts: {},
    identity: null,
    measures: { formsProduced: 3 },
    createdBy: "staff",
    createdAt: new Date("2026-04-01T07:39:00Z"),
    updatedAt: new Date("2026-04-01T07:39:00Z"),
    acceptedAt: null,
    closedAt: null,
    ...overrides,
  }) as VisitRow;

const ticket = { number: 101, serviceDate: "2026-04-01", purpose: { ja: "転入・転出・転居", en: "Moving" } };

describe("the ids scan", () => {
  it.each([
    ["山本 健二（m1）、m2", "member-id"],
    ["2 of m3", "member-id"],
    ["様式 juki.move-in", "procedure-id"],
    ["目標 250（chuo, move-in）", "code-in-brackets"],
    ["3f2c9a4e-0000-4000-8000-000000000001:gakko を今すぐ配信", "keyed-code"],
    ["65歳以上で flag:sealRegistered", "keyed-code"],
    ["開いた理由: change", "bare-code"],
  ])("finds %j as a %s", (text, kind) => {
    expect(findInternalIds(text).map((f) => f.kind)).toContain(kind);
  });

  it.each([
    "山本 健二（世帯主）、2人目の方（子）",
    "受付番号 101番 16:39 窓口 Madoguchi、PDF、e2e.user (E2E)",
    "http://127.0.0.1:41234/visits の申請書（PDF）",
    "手続きの案内: the procedures a household needs for a life event",
    "Yamamoto Kenji (head of household); Person 3 (child); other bodies (change of address)",
  ])("lets %j through", (text) => {
    expect(findInternalIds(text, { lang: text.startsWith("Yamamoto") ? "en" : "ja" })).toEqual([]);
  });
});

describe("the visit presenters and pages show no internal id", () => {
  for (const lang of ["ja", "en"]) {
    const ctx = ctxFor(lang);

    it(`the plan names each member with their 続柄 and an unnamed one by position (${lang})`, () => {
      const visit = visitRow();
      const out = textOf(
        <PlanPage
          ctx={ctx}
          visit={presentFrame(visit)}
          procedures={presentPlan(visit, settings)}
          events={{ events: ["move-in"], addable: [] }}
          problems={[]}
        />,
      );
      expect(out).toMatch(lang === "ja" ? /山本 健二\s*（世帯主）/ : /山本 健二\s*\(Head of household\)/);
      expect(out).toMatch(lang === "ja" ? /3人目の方（子）/ : /Person 3 \(Child\)/);
      expectNoInternalIds(out, `the plan (${lang})`, { lang });
    });

    it(`the review lists whom each form is for by name (${lang})`, () => {
      const visit = visitRow({ state: "review" });
      const out = textOf(<ReviewPage ctx={ctx} visit={presentFrame(visit)} forms={presentReview(visit)} />);
      expect(out).toContain("山本 健二");
      expectNoInternalIds(out, `the review (${lang})`, { lang });
    });

    it(`the accepted page names applications even when their data has no name (${lang})`, () => {
      const visit = visitRow({ state: "accepted" });
      const applications = guided.plan.procedures
        .filter((p) => p.handling === "one-stop")
        .map(
          (p, i) =>
            ({
              id: `app-${i}`,
              procedureId: p.id,
              members: p.members,
              status: "accepted",
              data: {},
            }) as unknown as ApplicationRow,
        );
      const view = presentAccepted(visit, applications, () => []);
      const out = textOf(<AcceptedPage ctx={ctx} visit={presentFrame(visit)} view={view} />);
      expectNoInternalIds(out, `the accepted page (${lang})`, { lang });
    });

    it(`the interview offers an unnamed member by position, not by id (${lang})`, () => {
      const visit = visitRow({ state: "interview" });
      for (const q of presentInterview(visit, undefined, unnamedMemberLabel)) {
        for (const o of q.options ?? [])
          expectNoInternalIds(Object.values(o.label).join(" "), q.id, { lang });
      }
    });

    it(`the visit list and the frame show the name, the ticket number and the purpose (${lang})`, () => {
      const visit = visitRow();
      const list = presentVisitList(
        [visit, visitRow({ id: "v2", ticketId: null, household: null })],
        new Map([[visit.ticketId as string, ticket]]),
      );
      const out = textOf(<VisitListPage ctx={ctx} visits={list} />);
      expect(out).toContain("山本 健二");
      expect(out).toContain(lang === "ja" ? "101番" : "No. 101");
      // Started yesterday (Japan time): the day is shown with the time.
      expect(out).toMatch(lang === "ja" ? /4\/1\(水\) 16:39/ : /Wed 1 Apr, 16:39/);
      expect(out).not.toMatch(/の受付を開く/);
      expectNoInternalIds(out, `the visit list (${lang})`, { lang });

      const frame = textOf(
        <VisitFrame ctx={ctx} visit={presentFrame(visit, ticket)} problems={[]}>
          <p>body</p>
        </VisitFrame>,
      );
      expect(frame).toContain(lang === "ja" ? "番号札 101番" : "Ticket No. 101");
    });
  }

  it("names the visit after the filer when the household has one, else after the head", () => {
    expect(visitPerson(household)).toBe("山本 健二");
    expect(visitPerson({ ...household, filer: { member: "m2" } })).toBe("山本 花子");
    expect(visitPerson({ ...household, filer: { name: "中村 太郎", relation: "other-relative" } })).toBe(
      "中村 太郎",
    );
    expect(visitPerson(null)).toBeUndefined();
  });
});

describe("a refusal about one member", () => {
  it("names the member on the page, by name or by position, never by id", () => {
    const visit = presentFrame(visitRow({ state: "interview" }));
    const problems = [
      {
        path: "q-a",
        code: "visits.memberAnswerRequired",
        params: { label: { ja: "前の学校" }, memberId: "m3", memberName: "none", memberOrdinal: 3 },
      },
      {
        path: "",
        code: "visits.missingMemberAnswer",
        params: { label: { ja: "勤務先" }, memberId: "m1", memberName: "山本 健二", memberOrdinal: 1 },
      },
    ];
    const out = textOf(
      <VisitFrame ctx={ctxFor("ja")} visit={visit} problems={problems}>
        <p>body</p>
      </VisitFrame>,
    );
    expect(out).toContain("前の学校（3人目の方）を入力してください。");
    expect(out).toContain("未入力: 勤務先（山本 健二）");
    expectNoInternalIds(out, "the refusals");
  });
});

describe("a stale tab", () => {
  it("is said to be out of date, with a way to the latest, not as a problem with the input", () => {
    const visit = visitRow();
    const ja = textOf(
      <VisitFrame
        ctx={ctxFor("ja")}
        visit={presentFrame(visit)}
        problems={[{ path: "", code: "visits.staleVersion" }]}
      >
        <p>body</p>
      </VisitFrame>,
    );
    expect(ja).toContain("この画面は古くなっています");
    expect(ja).toContain("最新の内容を表示して、もう一度操作してください");
    expect(ja).toContain("最新の内容を表示する");
    expect(ja).not.toContain("入力内容に問題があります");
  });
});
