/**
 * How each code of the shared vocabulary (src/catalog/vocabulary.ts) reads to people: one LocaleMap per
 * code, Japanese required. This is the one place for these labels; the registry, guidance, visit and
 * KPI pages read them from here (through `pickLabel` or `<Local>`), so a word is changed, or a language
 * added, once. Pure data: no imports beyond the code lists and the LocaleMap type.
 *
 * Where the modules used to disagree, the choice and its reason are noted beside the entry. Labels that
 * residents read (event types, departments, handling on the guidance sheet) carry all six languages;
 * the others are staff vocabulary (ja and en). Translations other than ja and en are not yet reviewed
 * by native speakers (see locales/REVIEW.md).
 */
import type { LocaleMap } from "../shared/locale";
import type {
  Benefit,
  CareLevel,
  Department,
  EventType,
  Handling,
  Insurance,
  MemberFlag,
  Origin,
  PensionCategory,
  Possession,
  Relation,
  RequestKind,
  Sex,
} from "./vocabulary";

export type VocabularyLabels<K extends string> = Readonly<Record<K, LocaleMap>>;

/**
 * The life event, named as the counter names it. Short names (転入, 転出) as in the life-events
 * reference; 死亡 keeps （おくやみ） because that is what the counter and the queue call it.
 */
export const eventTypeLabels: VocabularyLabels<EventType> = {
  "move-in": {
    ja: "転入",
    "ja-x-easy": "ひっこして きた（転入）",
    en: "Move-in",
    "zh-Hans": "迁入",
    ko: "전입",
    vi: "Chuyển đến",
  },
  "move-within": {
    ja: "転居（同じ区内）",
    "ja-x-easy": "同じ 区の 中で ひっこした（転居）",
    en: "Move within the ward",
    "zh-Hans": "区内迁居",
    ko: "같은 구 안에서 이사",
    vi: "Chuyển nhà trong cùng quận",
  },
  "move-between-wards": {
    ja: "区間異動",
    "ja-x-easy": "市の 中の ほかの 区へ ひっこした（区間異動）",
    en: "Move between wards",
    "zh-Hans": "市内跨区迁移",
    ko: "시내 다른 구로 이사",
    vi: "Chuyển sang quận khác trong thành phố",
  },
  "move-out": {
    ja: "転出",
    "ja-x-easy": "ほかの まちや 外国へ ひっこす（転出）",
    en: "Move-out",
    "zh-Hans": "迁出",
    ko: "전출",
    vi: "Chuyển đi",
  },
  death: {
    ja: "死亡（おくやみ）",
    "ja-x-easy": "家族が 亡くなった（おくやみ）",
    en: "Death (bereavement)",
    "zh-Hans": "死亡（身后手续）",
    ko: "사망(유족 절차)",
    vi: "Tử vong (thủ tục sau khi mất)",
  },
  birth: {
    ja: "出生",
    "ja-x-easy": "子どもが 生まれた（出生）",
    en: "Birth",
    "zh-Hans": "出生",
    ko: "출생",
    vi: "Sinh con",
  },
  marriage: {
    ja: "婚姻",
    "ja-x-easy": "結婚した（婚姻）",
    en: "Marriage",
    "zh-Hans": "结婚",
    ko: "혼인",
    vi: "Kết hôn",
  },
  divorce: {
    ja: "離婚",
    "ja-x-easy": "離婚した（離婚）",
    en: "Divorce",
    "zh-Hans": "离婚",
    ko: "이혼",
    vi: "Ly hôn",
  },
};

/**
 * The event with where it applies, as the guidance form's choice reads (so a staff member picks the
 * right one of 転入・転居・区間異動・転出). Phase-2 events have no separate wording yet.
 */
export const eventTypeDescriptions: VocabularyLabels<EventType> = {
  ...eventTypeLabels,
  "move-in": {
    ja: "転入（他の市区町村・国外から）",
    "ja-x-easy": "ほかの まちや 外国から ひっこして きた（転入）",
    en: "Move in (from another municipality or abroad)",
    "zh-Hans": "迁入（从其他市区町村或国外）",
    ko: "전입(다른 시구정촌 또는 해외에서)",
    vi: "Chuyển đến (từ địa phương khác hoặc từ nước ngoài)",
  },
  "move-between-wards": {
    ja: "区間異動（市内の他の区へ）",
    "ja-x-easy": "市の 中の ほかの 区へ ひっこした（区間異動）",
    en: "Move to another ward of the city",
    "zh-Hans": "区间迁移（迁往市内其他区）",
    ko: "구 간 이동(시내 다른 구로)",
    vi: "Chuyển sang quận khác trong thành phố",
  },
  "move-out": {
    ja: "転出（他の市区町村・国外へ）",
    "ja-x-easy": "ほかの まちや 外国へ ひっこす（転出）",
    en: "Move out (to another municipality or abroad)",
    "zh-Hans": "迁出（迁往其他市区町村或国外）",
    ko: "전출(다른 시구정촌 또는 해외로)",
    vi: "Chuyển đi (đến địa phương khác hoặc ra nước ngoài)",
  },
};

/**
 * The department a procedure belongs to, in the national baseline's generic words. A municipality's own
 * division names (区民課, 福祉課) are its settings (`departmentLabels` in src/catalog/municipalities.ts).
 */
export const departmentLabels: VocabularyLabels<Department> = {
  resident: {
    ja: "住民記録の窓口",
    "ja-x-easy": "住民票の 窓口",
    en: "Resident registration",
    "zh-Hans": "居民登记窗口",
    ko: "주민등록 창구",
    vi: "Quầy đăng ký cư trú",
  },
  insurance: {
    ja: "国民健康保険・年金の窓口",
    "ja-x-easy": "健康保険と 年金の 窓口",
    en: "Health insurance and pension",
    "zh-Hans": "国民健康保险·年金窗口",
    ko: "국민건강보험·연금 창구",
    vi: "Quầy bảo hiểm y tế quốc dân và lương hưu",
  },
  welfare: {
    ja: "福祉の窓口",
    "ja-x-easy": "福祉の 窓口",
    en: "Welfare",
    "zh-Hans": "福利窗口",
    ko: "복지 창구",
    vi: "Quầy phúc lợi",
  },
  children: {
    ja: "子育て支援の窓口",
    "ja-x-easy": "子どもと 子育ての 窓口",
    en: "Child and family support",
    "zh-Hans": "育儿支援窗口",
    ko: "육아 지원 창구",
    vi: "Quầy hỗ trợ nuôi dạy con",
  },
  education: {
    ja: "就学の窓口",
    "ja-x-easy": "学校の 窓口",
    en: "School enrolment",
    "zh-Hans": "入学窗口",
    ko: "취학 창구",
    vi: "Quầy nhập học",
  },
  tax: {
    ja: "税の窓口",
    "ja-x-easy": "税金の 窓口",
    en: "Taxation",
    "zh-Hans": "税务窗口",
    ko: "세무 창구",
    vi: "Quầy thuế",
  },
  // Not "other bodies": the city's own bureaus (上下水道局, 動物愛護センター) are here too, beside national
  // offices (年金事務所) — each place is named on the sheet.
  external: {
    ja: "区役所の外の窓口",
    "ja-x-easy": "区役所 では ない 窓口",
    en: "Offices outside the ward office",
    "zh-Hans": "区政府以外的窗口",
    ko: "구청 밖의 창구",
    vi: "Quầy ngoài văn phòng quận",
  },
};

/** Whether this counter takes the application or only tells the resident where to go. */
export const handlingLabels: VocabularyLabels<Handling> = {
  "one-stop": {
    ja: "この窓口で受付",
    "ja-x-easy": "この 窓口で うけつけます",
    en: "At this counter",
    "zh-Hans": "在本窗口受理",
    ko: "이 창구에서 접수",
    vi: "Tiếp nhận tại quầy này",
  },
  guidance: {
    ja: "ご案内（他の窓口・機関）",
    "ja-x-easy": "ほかの 窓口や 場所で 手続き",
    en: "Guidance (elsewhere)",
    "zh-Hans": "指引（其他窗口·机构）",
    ko: "안내(다른 창구·기관)",
    vi: "Hướng dẫn (quầy hoặc cơ quan khác)",
  },
};

/** Where a move-in comes from, or a move-out goes to. */
export const originLabels: VocabularyLabels<Origin> = {
  "other-municipality": { ja: "国内の他の市区町村", en: "Another municipality in Japan" },
  abroad: { ja: "国外", en: "Abroad" },
};

/**
 * 続柄 as recorded. `parent` is 父母 (the guidance form's word), not the registry page's 親: the
 * 住民票 records 父 or 母, and 父母 is the neutral form the 住民基本台帳事務処理要領 uses for both.
 */
export const relationLabels: VocabularyLabels<Relation> = {
  head: { ja: "世帯主", en: "Head of household" },
  spouse: { ja: "配偶者", en: "Spouse" },
  child: { ja: "子", en: "Child" },
  parent: { ja: "父母", en: "Parent" },
  other: { ja: "その他", en: "Other" },
};

export const sexLabels: VocabularyLabels<Sex> = {
  female: { ja: "女", en: "Female" },
  male: { ja: "男", en: "Male" },
};

/**
 * The member's medical insurance. `employee` is the 被用者保険 group as a whole: 健康保険 (協会けんぽ and
 * 健康保険組合), the 共済組合 of public servants, and 船員保険 — everything that is neither 国保 nor 後期高齢者医療.
 * The modules used to say 被用者保険（社会保険・共済）, 被用者保険（社会保険）and 健康保険（被用者保険）:
 * 社会保険 is colloquial and also covers pensions, and 健康保険 alone is the statute for company
 * employees, which would leave out 共済組合. So: 被用者保険（健康保険・共済組合など）.
 * `welfare` is no insurance at all: a household on 生活保護 leaves 国保 and gets 医療扶助.
 */
export const insuranceLabels: VocabularyLabels<Insurance> = {
  employee: {
    ja: "被用者保険（健康保険・共済組合など）",
    en: "Employee health insurance (Health Insurance, mutual aid associations)",
  },
  kokuho: { ja: "国民健康保険", en: "National Health Insurance" },
  kouki: { ja: "後期高齢者医療", en: "Late-stage elderly medical care" },
  welfare: { ja: "生活保護（医療扶助）", en: "Public assistance (medical assistance)" },
};

/**
 * 国民年金の被保険者の種別 (国民年金法 §7): the legal term is 第1号被保険者 etc. (the registry page's
 * 「国民年金 第1号」 was a shortening); the field is always labelled 国民年金の種別 beside it.
 */
export const pensionCategoryLabels: VocabularyLabels<PensionCategory> = {
  cat1: { ja: "第1号被保険者", en: "Category 1 insured person" },
  cat2: { ja: "第2号被保険者", en: "Category 2 insured person" },
  cat3: { ja: "第3号被保険者", en: "Category 3 insured person" },
};

/** 要支援・要介護状態区分 under the 介護保険法. */
export const careLevelLabels: VocabularyLabels<CareLevel> = {
  support1: { ja: "要支援1", en: "Support level 1" },
  support2: { ja: "要支援2", en: "Support level 2" },
  care1: { ja: "要介護1", en: "Care level 1" },
  care2: { ja: "要介護2", en: "Care level 2" },
  care3: { ja: "要介護3", en: "Care level 3" },
  care4: { ja: "要介護4", en: "Care level 4" },
  care5: { ja: "要介護5", en: "Care level 5" },
};

/** Allowances and subsidies by their statutory or programme names. */
export const benefitLabels: VocabularyLabels<Benefit> = {
  childAllowance: { ja: "児童手当", en: "Child allowance" },
  childRearingAllowance: { ja: "児童扶養手当", en: "Child-rearing allowance" },
  specialChildAllowance: { ja: "特別児童扶養手当", en: "Special child-rearing allowance" },
  childMedical: { ja: "子ども医療費助成", en: "Child medical expenses subsidy" },
  singleParentMedical: { ja: "ひとり親家庭等医療費助成", en: "Single-parent family medical subsidy" },
};

/**
 * What a member owns that a procedure follows. `realEstate` is 土地・家屋 (the objects of 固定資産税
 * the tax office asks about; the guidance form's words), not the registry page's 不動産（固定資産）.
 */
export const possessionLabels: VocabularyLabels<Possession> = {
  lightVehicle: { ja: "軽自動車", en: "Light vehicle" },
  moped: { ja: "原動機付自転車", en: "Moped" },
  dog: { ja: "犬", en: "Dog" },
  realEstate: { ja: "土地・家屋", en: "Real estate (land or buildings)" },
};

/** A yes/no fact about a member, named as a field (registry pages, problems, history). */
export const memberFlagLabels: VocabularyLabels<MemberFlag> = {
  pensionRecipient: { ja: "年金受給", en: "Receives a pension" },
  myNumberCard: { ja: "マイナンバーカード", en: "My Number card" },
  disabilityCertificate: { ja: "障害者手帳", en: "Disability certificate" },
  sealRegistered: { ja: "印鑑登録", en: "Seal registration" },
  pregnant: { ja: "妊娠中", en: "Pregnant" },
  needsDaycare: { ja: "保育の利用", en: "Needs daycare" },
  publicServant: { ja: "公務員", en: "Public servant" },
};

/** The same flags as a statement to tick ("has a My Number card"), as the guidance form asks them. */
export const memberFlagStatements: VocabularyLabels<MemberFlag> = {
  myNumberCard: { ja: "マイナンバーカードあり", en: "Has a My Number card" },
  sealRegistered: { ja: "印鑑登録あり", en: "Seal registered" },
  pensionRecipient: { ja: "年金を受給している", en: "Receives a pension" },
  disabilityCertificate: { ja: "障害者手帳あり", en: "Has a disability certificate" },
  pregnant: { ja: "妊娠中", en: "Pregnant" },
  needsDaycare: { ja: "保育所等の利用を希望", en: "Needs daycare" },
  publicServant: { ja: "公務員", en: "Public servant" },
};

/** The facts of a member that are not flags, named as fields. */
export const memberFactLabels: VocabularyLabels<
  "insurance" | "pension" | "careLevel" | "benefits" | "owns" | MemberFlag
> = {
  insurance: { ja: "健康保険", en: "Health insurance" },
  pension: { ja: "国民年金の種別", en: "National pension category" },
  careLevel: { ja: "要介護度", en: "Care level" },
  benefits: { ja: "受けている手当・助成", en: "Benefits received" },
  owns: { ja: "所有", en: "Owns" },
  ...memberFlagLabels,
};

/** What the household asks for besides the procedures. */
export const requestKindLabels: VocabularyLabels<RequestKind> = {
  residenceCertificate: { ja: "住民票の写し", en: "Residence certificate" },
};
