import type { DestinationCatalogInput } from "./destination.schema";

/**
 * The Kumamoto demo's core systems. Most take a file dropped in their folder (the national
 * standard's file linkage); the national health insurance system also takes HTTP, to show both.
 * The HTTP system's secret comes from HANDOFF_SECRETS["kumamoto/kokuho-api"]: without it the demo
 * says so at start and keeps those deliveries pending.
 */
export const kumamotoDestinations: DestinationCatalogInput["municipalities"][string] = {
  destinations: [
    {
      id: "juki",
      kind: "file",
      label: { ja: "住民記録システム", en: "Resident records system" },
      folder: "kumamoto/juki",
      encoding: "shift_jis",
      layout: "juki",
      procedures: ["juki.*", "mynumber.*", "inkan.*"],
    },
    {
      id: "koseki",
      kind: "file",
      label: { ja: "戸籍情報システム", en: "Family register system" },
      folder: "kumamoto/koseki",
      encoding: "shift_jis",
      layout: "standard",
      procedures: ["koseki.*"],
    },
    {
      id: "kokuho",
      kind: "file",
      label: { ja: "国保・後期高齢・国民年金システム", en: "Health insurance and pension system" },
      folder: "kumamoto/kokuho",
      encoding: "shift_jis",
      layout: "kokuho",
      procedures: ["kokuho.*", "kouki.*", "nenkin.*"],
    },
    {
      id: "kokuho-api",
      kind: "http",
      label: { ja: "国民健康保険システム（API）", en: "National health insurance system (API)" },
      url: "http://127.0.0.1:4100/handoff",
      procedures: ["kokuho.*"],
    },
    {
      id: "kaigo",
      kind: "file",
      label: { ja: "介護保険システム", en: "Long-term care insurance system" },
      folder: "kumamoto/kaigo",
      encoding: "shift_jis",
      layout: "kaigo",
      procedures: ["kaigo.*"],
    },
    {
      id: "fukushi",
      kind: "file",
      label: { ja: "障害者福祉システム", en: "Disability welfare system" },
      folder: "kumamoto/fukushi",
      encoding: "shift_jis",
      layout: "standard",
      procedures: ["shogai.*", "seikatsuhogo.*"],
    },
    {
      id: "kodomo",
      kind: "file",
      label: {
        ja: "児童手当・子ども子育て支援システム",
        en: "Child allowance and child-rearing support system",
      },
      folder: "kumamoto/kodomo",
      encoding: "utf-8",
      layout: "kodomo",
      procedures: [
        "jidoteate.*",
        "kodomo-iryo.*",
        "jido-fuyo.*",
        "tokubetsu-jido-fuyo.*",
        "hitorioya-iryo.*",
        "boshi.*",
        "hoiku.*",
      ],
    },
    {
      id: "gakko",
      kind: "file",
      label: { ja: "就学システム", en: "School enrolment system" },
      folder: "kumamoto/gakko",
      encoding: "utf-8",
      layout: "standard",
      procedures: ["gakko.*"],
    },
    {
      id: "zei",
      kind: "file",
      label: {
        ja: "税務システム（軽自動車税・固定資産税）",
        en: "Tax system (light vehicle and property tax)",
      },
      folder: "kumamoto/zei",
      encoding: "shift_jis",
      layout: "standard",
      procedures: ["keiji.*", "zei.*"],
    },
  ],
};
