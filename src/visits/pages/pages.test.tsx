import { describe, expect, it } from "vitest";
import { translator } from "../../i18n/translate";
import type { PageContext } from "../../web/layout";
import type { PlanRowView, QuestionView, VisitFrameView } from "../visits.presenters";
import { VisitFrame } from "./components";
import { IdentityPage } from "./identity.page";
import { InterviewPage } from "./interview.page";
import { PlanPage } from "./plan.page";

const ctxFor = (lang: string): PageContext => ({
  lang,
  t: translator(lang),
  path: "/visits/v1",
  session: undefined,
  csrfToken: "token",
  warningMinutes: 5,
});

const visit: VisitFrameView = { id: "v1", version: 3, state: "plan", cancellable: true };

const procedures: PlanRowView[] = [
  {
    id: "juki.move-in",
    name: "転入届",
    department: { ja: "区民課", en: "Ward Residents Division" },
    members: [
      { id: "m1", name: "𠮷田 太郎", relation: "head", ordinal: 1 },
      { id: "m2", relation: "child", ordinal: 2 },
    ],
    deadline: "2026-04-20",
    due: "2026-04-20",
    handling: "one-stop",
  },
  {
    id: "hoiku.guidance",
    name: "保育所等の利用申込",
    department: undefined,
    members: [{ id: "m2", name: "𠮷田 陽", relation: "child", ordinal: 2 }],
    deadline: null,
    due: null,
    handling: "guidance",
    declined: "勤務先で申請済みのため",
  },
];

const html = (node: unknown) => String(node);
const oneEvent = { events: ["move-in"], addable: ["marriage"] };

describe("the visit pages", () => {
  it("read in Japanese with no language marks", () => {
    const out = html(
      <PlanPage ctx={ctxFor("ja")} visit={visit} procedures={procedures} events={oneEvent} problems={[]} />,
    );
    expect(out).toContain("必要な手続き（2件）");
    // By name and 続柄, an unnamed member by position: never by id (m1).
    expect(out).toContain("𠮷田 太郎（世帯主）、2人目の方（子）");
    expect(out).not.toMatch(/m\d/);
    expect(out).toContain('<time datetime="2026-04-20">2026年4月20日（月）／令和8年4月20日</time>');
    expect(out).toContain("<strong>見送り</strong>: 勤務先で申請済みのため");
    expect(out).toContain("区役所の外の窓口");
    expect(out).not.toContain('lang="ja"');
  });

  it("mark every Japanese run inside an English page: names, procedures, 和暦 dates", () => {
    const out = html(
      <PlanPage ctx={ctxFor("en")} visit={visit} procedures={procedures} events={oneEvent} problems={[]} />,
    );
    expect(out).toContain("Procedures (2)");
    expect(out).toContain('<span lang="ja">転入届</span>');
    expect(out).toContain('<span lang="ja">𠮷田 太郎</span> (Head of household), Person 2 (Child)');
    expect(out).toContain('Mon, 20 April 2026 (<span lang="ja">令和8年4月20日</span>)');
    expect(out).toContain('Why &quot;<span lang="ja">転入届</span>&quot; is declined');
    expect(out).toContain("Ward Residents Division");
    expect(out).toContain("Offices outside the ward office");
  });

  it("label a member's question with the member's name, and link errors to the field", () => {
    const questions: QuestionView[] = [
      {
        id: "q-previousSchool-m3",
        name: "a.previousSchool.m3",
        label: { ja: "前の学校", en: "Previous school" },
        member: { id: "m3", name: "𠮷田 一翔" },
        value: "",
        numeric: false,
        date: false,
      },
      {
        id: "q-relation",
        name: "a.relation",
        label: { ja: "続柄" },
        options: [{ value: "m1", label: { ja: "𠮷田 太郎" } }],
        value: "",
        numeric: false,
        date: false,
      },
    ];
    const problems = [
      {
        path: "q-previousSchool-m3",
        code: "visits.answerRequired",
        params: { label: { ja: "前の学校", en: "previous school" } },
      },
    ];
    const en = html(
      <InterviewPage known={[]} ctx={ctxFor("en")} visit={visit} questions={questions} problems={problems} />,
    );
    expect(en).toContain("Interview (2 questions)");
    expect(en).toContain('Previous school — <span lang="ja">𠮷田 一翔</span>');
    expect(en).toContain('aria-invalid="true"');
    expect(en).toContain("Enter previous school.");
    expect(en).toContain('<span lang="ja">続柄</span>');
    expect(en).toContain('<option value="m1" lang="ja">𠮷田 太郎</option>');
    expect(en).toMatch(
      /<select id="q-relation" name="a\.relation"[^>]*>\s*<option value="">Choose<\/option>/,
    );
    const ja = html(
      <InterviewPage
        known={[]}
        ctx={ctxFor("ja")}
        visit={visit}
        questions={questions.slice(0, 1)}
        problems={[]}
      />,
    );
    expect(ja).toContain("聞き取り（1問）");
    expect(ja).toContain("前の学校 — 𠮷田 一翔");
  });

  it("name the identity documents, marking the Japanese-only ones on an English page", () => {
    const groups = [
      { list: "photo" as const, documents: ["mynumber-card", "ryoiku-techo"] },
      { list: "ro" as const, documents: ["bank-passbook"] },
    ];
    const en = html(<IdentityPage ctx={ctxFor("en")} visit={visit} view={{ groups }} problems={[]} />);
    expect(en).toContain("My Number card");
    expect(en).toContain('Rehabilitation certificate (<span lang="ja">療育手帳</span>)');
    expect(en).toContain(
      'List <span lang="ja">ロ</span>: student ID, bank passbook (with one from <span lang="ja">イ</span>)',
    );
    const ja = html(<IdentityPage ctx={ctxFor("ja")} visit={visit} view={{ groups }} problems={[]} />);
    expect(ja).toContain("ロ：学生証・預金通帳など（イと組み合わせて）");
    expect(ja).toContain("療育手帳");
  });

  it("frame the step with the state in the heading and the refusals in the summary", () => {
    const problems = [{ path: "", code: "visits.staleVersion" }];
    const ja = html(
      <VisitFrame ctx={ctxFor("ja")} visit={visit} problems={problems}>
        <p>body</p>
      </VisitFrame>,
    );
    expect(ja).toContain('来庁受付 <span class="visit-state">（手続きの確認）</span>');
    expect(ja).toContain("ほかの職員が先に更新しました");
    expect(ja).toContain("この受付を取り消す");
    const en = html(
      <VisitFrame ctx={ctxFor("en")} visit={{ ...visit, state: "closed", cancellable: false }} problems={[]}>
        <p>body</p>
      </VisitFrame>,
    );
    expect(en).toContain('Counter visit <span class="visit-state">（closed）</span>');
    expect(en).not.toContain("Cancel this visit");
  });
});
