import type { MunicipalitySeed } from "./municipality-seed";

const wards: Array<[string, string, string]> = [
  ["chuo", "中央区役所", "Chuo Ward Office"],
  ["higashi", "東区役所", "Higashi Ward Office"],
  ["nishi", "西区役所", "Nishi Ward Office"],
  ["minami", "南区役所", "Minami Ward Office"],
  ["kita", "北区役所", "Kita Ward Office"],
];

// The branches get the one-stop counter in the city's second phase, so they start without one.
const branches: Array<[string, string, string]> = [
  ["takuma", "託麻総合出張所", "Takuma Branch Office"],
  ["kawachi", "河内総合出張所", "Kawachi Branch Office"],
  ["yoshino", "芳野総合出張所", "Yoshino Branch Office"],
  ["tenmei", "天明総合出張所", "Tenmei Branch Office"],
  ["koda", "幸田総合出張所", "Koda Branch Office"],
  ["jonan", "城南総合出張所", "Jonan Branch Office"],
  ["shimizu", "清水総合出張所", "Shimizu Branch Office"],
  ["tatsuda", "龍田総合出張所", "Tatsuda Branch Office"],
];

/** The Kumamoto demo tenant: 5 ward offices and 8 branches, with the departments of a ward office. */
export const kumamotoSeed: MunicipalitySeed = {
  id: "kumamoto",
  code: "431001",
  nameJa: "熊本市",
  nameEn: "Kumamoto City",
  departments: [
    { code: "resident", labelJa: "区民課", labelEn: "Residents Division" },
    {
      code: "insurance",
      labelJa: "区民課（保険年金）",
      labelEn: "Residents Division (Insurance and Pension)",
    },
    { code: "welfare", labelJa: "福祉課", labelEn: "Welfare Division" },
    { code: "children", labelJa: "保健子ども課", labelEn: "Health and Children Division" },
    { code: "education", labelJa: "区民課（就学）", labelEn: "Residents Division (School Enrolment)" },
    { code: "tax", labelJa: "税務室", labelEn: "Tax Office" },
  ],
  offices: [
    ...wards.map(([code, nameJa, nameEn]) => ({
      code,
      kind: "ward" as const,
      nameJa,
      nameEn,
      oneStop: true,
      counters: [
        { number: 1, labelJa: "ワンストップ窓口 1番", labelEn: "One-stop counter 1", oneStop: true },
        { number: 2, labelJa: "ワンストップ窓口 2番", labelEn: "One-stop counter 2", oneStop: true },
        { number: 3, labelJa: "ワンストップ窓口 3番", labelEn: "One-stop counter 3", oneStop: true },
        { number: 11, labelJa: "区民課 11番", labelEn: "Residents Division 11", department: "resident" },
        { number: 21, labelJa: "福祉課 21番", labelEn: "Welfare Division 21", department: "welfare" },
        {
          number: 31,
          labelJa: "保健子ども課 31番",
          labelEn: "Health and Children 31",
          department: "children",
        },
      ],
    })),
    ...branches.map(([code, nameJa, nameEn]) => ({
      code,
      kind: "branch" as const,
      nameJa,
      nameEn,
      oneStop: false,
      counters: [
        { number: 1, labelJa: "窓口 1番", labelEn: "Counter 1", department: "resident" },
        { number: 2, labelJa: "窓口 2番", labelEn: "Counter 2", department: "resident" },
      ],
    })),
  ],
};
