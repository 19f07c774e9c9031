import type { RegistryRow } from "./registry-row";

/**
 * The people the counter's stories are told with (issue 16), written into the demo registry beside
 * the synthetic population and used by the tests: 中村 キヨ, who lived alone in 南区 and whose son
 * 中村 太郎 (living in 東区 with his wife) is the 喪主 who files for her, and a Vietnamese family with
 * its 在留資格 and cards. Their numbers (19…/29…) lie outside the generator's (10…/20…).
 */

const base = {
  pension: null,
  pensionRecipient: false,
  myNumberCard: true,
  careLevel: null,
  disabilityCertificate: false,
  sealRegistered: true,
  pregnant: false,
  needsDaycare: false,
  publicServant: false,
  benefits: [],
  owns: [],
  nationality: "JP",
  honseki: null,
  hittousha: null,
  residenceStatus: null,
  residenceCardNumber: null,
  residencePeriodEnd: null,
} satisfies Partial<RegistryRow>;

/** 中村 キヨ, 88, alone at 南区近見五丁目35番24号; her late husband 義男 is still the 筆頭者 of her 戸籍. */
export const nakamuraKiyo = (): RegistryRow[] => [
  {
    ...base,
    residentNo: "2900000001",
    householdNo: "1900000001",
    relation: "head",
    name: "中村\u3000キヨ",
    kana: "ナカムラ\u3000キヨ",
    birthDate: "1938-03-12",
    sex: "female",
    ward: "南区",
    address: "近見五丁目35番24号",
    postalCode: "861-4101",
    insurance: "kouki",
    pensionRecipient: true,
    careLevel: "support2",
    honseki: "熊本県熊本市南区近見五丁目35番",
    hittousha: "中村\u3000義男",
  },
];

/** Her son 中村 太郎 (the 喪主) and his wife, in their own household and 戸籍 in 東区. */
export const nakamuraTaro = (): RegistryRow[] => [
  {
    ...base,
    residentNo: "2900000002",
    householdNo: "1900000002",
    relation: "head",
    name: "中村\u3000太郎",
    kana: "ナカムラ\u3000タロウ",
    birthDate: "1964-07-20",
    sex: "male",
    ward: "東区",
    address: "健軍三丁目10番5号",
    postalCode: "862-0911",
    insurance: "employee",
    owns: ["realEstate"],
    honseki: "熊本県熊本市東区健軍三丁目10番",
    hittousha: "中村\u3000太郎",
  },
  {
    ...base,
    residentNo: "2900000003",
    householdNo: "1900000002",
    relation: "spouse",
    name: "中村\u3000恵子",
    kana: "ナカムラ\u3000ケイコ",
    birthDate: "1965-01-09",
    sex: "female",
    ward: "東区",
    address: "健軍三丁目10番5号",
    postalCode: "862-0911",
    insurance: "employee",
    honseki: "熊本県熊本市東区健軍三丁目10番",
    hittousha: "中村\u3000太郎",
  },
];

/**
 * A Vietnamese family in 中央区: an engineer (技術・人文知識・国際業務), his wife and their daughter on
 * 家族滞在, each with a residence card and the end of the period of stay.
 */
export const nguyenFamily = (): RegistryRow[] => {
  const household = {
    householdNo: "1900000003",
    ward: "中央区",
    address: "九品寺二丁目8番15号",
    postalCode: "862-0976",
    nationality: "VN",
    residencePeriodEnd: "2028-09-30",
  };
  return [
    {
      ...base,
      ...household,
      residentNo: "2900000004",
      relation: "head",
      name: "NGUYEN VAN AN",
      kana: "グエン ヴァン アン",
      birthDate: "1993-08-14",
      sex: "male",
      insurance: "employee",
      pension: "cat2",
      benefits: ["childAllowance"],
      residenceStatus: "技術・人文知識・国際業務",
      residenceCardNumber: "EH48210395AC",
    },
    {
      ...base,
      ...household,
      residentNo: "2900000005",
      relation: "spouse",
      name: "TRAN THI MAI",
      kana: "チャン ティ マイ",
      birthDate: "1996-02-21",
      sex: "female",
      insurance: "employee",
      pension: "cat3",
      sealRegistered: false,
      residenceStatus: "家族滞在",
      residenceCardNumber: "EH51327846AD",
    },
    {
      ...base,
      ...household,
      residentNo: "2900000006",
      relation: "child",
      name: "NGUYEN MINH ANH",
      kana: "グエン ミン アイン",
      birthDate: "2022-05-10",
      sex: "female",
      insurance: "employee",
      myNumberCard: false,
      sealRegistered: false,
      needsDaycare: true,
      benefits: ["childMedical"],
      residenceStatus: "家族滞在",
      residenceCardNumber: "EH60194273AE",
    },
  ];
};

/** Every persona household, for the demo seed. */
export const demoPersonaRows = (): RegistryRow[] => [...nakamuraKiyo(), ...nakamuraTaro(), ...nguyenFamily()];
