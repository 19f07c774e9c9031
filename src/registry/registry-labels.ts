import type {
  Benefit,
  CareLevel,
  Insurance,
  PensionCategory,
  Possession,
  Relation,
  Sex,
} from "../catalog/vocabulary";
import { formatWareki } from "../shared/dates";
import type { Lang } from "../web/i18n";
import type { FactField } from "./resident";

type Labels<K extends string> = Record<K, { ja: string; en: string }>;

/** How each code of the registry reads to staff, in both languages. */
export const relationLabels: Labels<Relation> = {
  head: { ja: "世帯主", en: "Head of household" },
  spouse: { ja: "配偶者", en: "Spouse" },
  child: { ja: "子", en: "Child" },
  parent: { ja: "親", en: "Parent" },
  other: { ja: "その他", en: "Other" },
};

export const sexLabels: Labels<Sex> = { female: { ja: "女", en: "Female" }, male: { ja: "男", en: "Male" } };

export const insuranceLabels: Labels<Insurance> = {
  employee: { ja: "被用者保険（社会保険・共済）", en: "Employee health insurance" },
  kokuho: { ja: "国民健康保険", en: "National Health Insurance (kokuho)" },
  kouki: { ja: "後期高齢者医療", en: "Late-stage elderly medical care (kouki)" },
  welfare: { ja: "生活保護（医療扶助）", en: "Public assistance (welfare)" },
};

export const pensionLabels: Labels<PensionCategory> = {
  cat1: { ja: "国民年金 第1号", en: "National pension category 1" },
  cat2: { ja: "国民年金 第2号", en: "National pension category 2" },
  cat3: { ja: "国民年金 第3号", en: "National pension category 3" },
};

export const careLevelLabels: Labels<CareLevel> = {
  support1: { ja: "要支援1", en: "Support level 1" },
  support2: { ja: "要支援2", en: "Support level 2" },
  care1: { ja: "要介護1", en: "Care level 1" },
  care2: { ja: "要介護2", en: "Care level 2" },
  care3: { ja: "要介護3", en: "Care level 3" },
  care4: { ja: "要介護4", en: "Care level 4" },
  care5: { ja: "要介護5", en: "Care level 5" },
};

export const benefitLabels: Labels<Benefit> = {
  childAllowance: { ja: "児童手当", en: "Child allowance" },
  childRearingAllowance: { ja: "児童扶養手当", en: "Child-rearing allowance" },
  specialChildAllowance: { ja: "特別児童扶養手当", en: "Special child-rearing allowance" },
  childMedical: { ja: "子ども医療費助成", en: "Child medical expenses subsidy" },
  singleParentMedical: { ja: "ひとり親家庭等医療費助成", en: "Single-parent family medical subsidy" },
};

export const possessionLabels: Labels<Possession> = {
  lightVehicle: { ja: "軽自動車", en: "Light vehicle" },
  moped: { ja: "原動機付自転車", en: "Moped" },
  dog: { ja: "犬", en: "Dog" },
  realEstate: { ja: "不動産（固定資産）", en: "Real estate" },
};

export const factLabels: Labels<FactField> = {
  insurance: { ja: "健康保険", en: "Health insurance" },
  pension: { ja: "国民年金の種別", en: "National pension category" },
  pensionRecipient: { ja: "年金受給", en: "Receives a pension" },
  myNumberCard: { ja: "マイナンバーカード", en: "My Number card" },
  careLevel: { ja: "要介護度", en: "Care level" },
  disabilityCertificate: { ja: "障害者手帳", en: "Disability certificate" },
  sealRegistered: { ja: "印鑑登録", en: "Seal registration" },
  pregnant: { ja: "妊娠中", en: "Pregnant" },
  needsDaycare: { ja: "保育の利用", en: "Needs daycare" },
  publicServant: { ja: "公務員", en: "Public servant" },
  benefits: { ja: "受けている手当・助成", en: "Benefits received" },
  owns: { ja: "所有", en: "Owns" },
};

/** Fields of the history that are not facts. */
export const historyFieldLabels: Record<string, { ja: string; en: string }> = {
  created: { ja: "登録", en: "Registered" },
  household: { ja: "世帯の異動", en: "Moved household" },
  ward: { ja: "区", en: "Ward" },
  address: { ja: "住所", en: "Address" },
  relation: { ja: "続柄", en: "Relation" },
  name: { ja: "氏名", en: "Name" },
  kana: { ja: "フリガナ", en: "Kana" },
  birthDate: { ja: "生年月日", en: "Date of birth" },
  sex: { ja: "性別", en: "Sex" },
};

export const sourceLabels: Record<string, { ja: string; en: string }> = {
  counter: { ja: "窓口", en: "Counter" },
  import: { ja: "ファイル取込み", en: "File import" },
  generator: { ja: "デモデータ生成", en: "Demo data generator" },
  "core-system": { ja: "基幹システム", en: "Core system" },
};

export const label = (entry: { ja: string; en: string } | undefined, lang: Lang, fallback = ""): string =>
  entry ? entry[lang] : fallback;

/** An ISO date for people: 和暦 in Japanese (as on registry certificates), ISO in English. */
export function displayDate(iso: string, lang: Lang): string {
  return lang === "ja" ? formatWareki(iso) : iso;
}
