import { kumamotoWardNames } from "../catalog/places.kumamoto";
import type { LocaleMap } from "../shared/locale";
import type { MunicipalitySeed } from "./municipality-seed";

// Residents read the office's name on the kiosk and the ticket, so it is given in each resident
// language; the ward offices' names follow the city's own multilingual pages (区役所 → 区政府 / 구청).
// They live with the offices' addresses and hours (src/catalog/places.kumamoto.ts), so the sheet and
// the kiosk name an office alike.
const wards: Array<[string, LocaleMap]> = ["chuo", "higashi", "nishi", "minami", "kita"].map((code) => [
  code,
  kumamotoWardNames[code] as LocaleMap,
]);

// The branches get the one-stop counter in the city's second phase, so they start without one.
const branch = (ja: string, romaji: string, zh: string, ko: string): LocaleMap => ({
  ja,
  en: `${romaji} Branch Office`,
  "zh-Hans": zh,
  ko,
  vi: `Văn phòng chi nhánh ${romaji}`,
});
const branches: Array<[string, LocaleMap]> = [
  ["takuma", branch("託麻総合出張所", "Takuma", "托麻综合办事处", "다쿠마 종합출장소")],
  ["kawachi", branch("河内総合出張所", "Kawachi", "河内综合办事处", "가와치 종합출장소")],
  ["yoshino", branch("芳野総合出張所", "Yoshino", "芳野综合办事处", "요시노 종합출장소")],
  ["tenmei", branch("天明総合出張所", "Tenmei", "天明综合办事处", "덴메이 종합출장소")],
  ["koda", branch("幸田総合出張所", "Koda", "幸田综合办事处", "고다 종합출장소")],
  ["jonan", branch("城南総合出張所", "Jonan", "城南综合办事处", "조난 종합출장소")],
  ["shimizu", branch("清水総合出張所", "Shimizu", "清水综合办事处", "시미즈 종합출장소")],
  ["tatsuda", branch("龍田総合出張所", "Tatsuda", "龙田综合办事处", "다쓰다 종합출장소")],
];

/** The one-stop counter the display calls a resident to, in the resident languages. */
const oneStopCounter = (n: number) => ({
  number: n,
  labels: {
    ja: `ワンストップ窓口 ${n}番`,
    en: `One-stop counter ${n}`,
    "zh-Hans": `一站式窗口 ${n}号`,
    ko: `원스톱 창구 ${n}번`,
    vi: `Quầy một cửa số ${n}`,
  },
  oneStop: true,
});

/** The Kumamoto demo tenant: 5 ward offices and 8 branches, with the departments of a ward office. */
export const kumamotoSeed: MunicipalitySeed = {
  id: "kumamoto",
  code: "431001",
  names: {
    ja: "熊本市",
    en: "Kumamoto City",
    "zh-Hans": "熊本市",
    ko: "구마모토시",
    vi: "Thành phố Kumamoto",
  },
  departments: [
    { code: "resident", labels: { ja: "区民課", en: "Residents Division" } },
    {
      code: "insurance",
      labels: { ja: "区民課（保険年金）", en: "Residents Division (Insurance and Pension)" },
    },
    { code: "welfare", labels: { ja: "福祉課", en: "Welfare Division" } },
    { code: "children", labels: { ja: "保健子ども課", en: "Health and Children Division" } },
    { code: "education", labels: { ja: "区民課（就学）", en: "Residents Division (School Enrolment)" } },
    { code: "tax", labels: { ja: "税務室", en: "Tax Office" } },
  ],
  offices: [
    ...wards.map(([code, names]) => ({
      code,
      kind: "ward" as const,
      names,
      oneStop: true,
      counters: [
        oneStopCounter(1),
        oneStopCounter(2),
        oneStopCounter(3),
        { number: 11, labels: { ja: "区民課 11番", en: "Residents Division 11" }, department: "resident" },
        { number: 21, labels: { ja: "福祉課 21番", en: "Welfare Division 21" }, department: "welfare" },
        {
          number: 31,
          labels: { ja: "保健子ども課 31番", en: "Health and Children 31" },
          department: "children",
        },
      ],
    })),
    ...branches.map(([code, names]) => ({
      code,
      kind: "branch" as const,
      names,
      oneStop: false,
      counters: [
        { number: 1, labels: { ja: "窓口 1番", en: "Counter 1" }, department: "resident" },
        { number: 2, labels: { ja: "窓口 2番", en: "Counter 2" }, department: "resident" },
      ],
    })),
  ],
};
