import type { HouseholdCondition, MemberCondition } from "../catalog/procedure.schema";
import {
  type Benefit,
  benefits,
  type EventFlag,
  type EventType,
  type Insurance,
  type MemberFlag,
  type PensionCategory,
  type Possession,
  possessions,
  type Relation,
  type Scope,
  type Stage,
} from "../catalog/vocabulary";
import { compileMemberTest } from "./conditions";
import { bitsOf, type MemberFacts } from "./facts";

/**
 * The words of the reasons. Every rule condition has a phrase, so a reason is generated from the
 * very data that selected the procedure and cannot drift from it. Phrases are nouns that read
 * before 「のため」 (or 「だったため」 for the deceased) and join with 「で、」.
 */

const relationWords: Record<Relation, string> = {
  head: "世帯主",
  spouse: "世帯主の配偶者",
  child: "世帯主の子",
  parent: "世帯主の親",
  other: "世帯員",
};
const insuranceWords: Record<Insurance, string> = {
  employee: "職場の健康保険に加入中",
  kokuho: "国民健康保険に加入中",
  kouki: "後期高齢者医療に加入中",
  welfare: "生活保護を受給中",
};
const pensionWords: Record<PensionCategory, string> = {
  cat1: "国民年金の第1号被保険者",
  cat2: "国民年金の第2号被保険者",
  cat3: "国民年金の第3号被保険者",
};
const flagWords: Record<MemberFlag, string> = {
  pensionRecipient: "年金を受給中",
  myNumberCard: "マイナンバーカードをお持ち",
  disabilityCertificate: "障害者手帳をお持ち",
  sealRegistered: "印鑑登録済み",
  pregnant: "妊娠中",
  needsDaycare: "保育所等の利用をご希望",
  publicServant: "公務員",
};
const benefitWords: Record<Benefit, string> = {
  childAllowance: "児童手当を受給中",
  childRearingAllowance: "児童扶養手当を受給中",
  specialChildAllowance: "特別児童扶養手当を受給中",
  childMedical: "子ども医療費助成の資格をお持ち",
  singleParentMedical: "ひとり親家庭等医療費助成の資格をお持ち",
};
const possessionWords: Record<Possession, string> = {
  lightVehicle: "軽自動車",
  moped: "原付",
  dog: "犬",
  realEstate: "土地・家屋",
};
const careLevelWords = "要介護・要支援の認定済み";

/** How far a school-grade limit reaches, in the words schools use. */
export function gradeLimitWords(limit: number): string {
  if (limit <= 0) return "小学校入学前まで";
  if (limit <= 6) return limit === 6 ? "小学生まで" : `小学${limit}年生まで`;
  if (limit <= 9) return limit === 9 ? "中学生まで" : `中学${limit - 6}年生まで`;
  return limit === 12 ? "高校生年代まで" : `高校${limit - 9}年生年代まで`;
}

function stageWords(stage: Stage, childMedicalGradeLimit: number): string {
  switch (stage) {
    case "schoolAge":
      return "小学生・中学生の年代";
    case "preschool":
      return "小学校入学前";
    case "childAllowanceAge":
      return "児童手当の対象年齢（高校生年代まで）";
    case "childMedicalAge":
      return `子ども医療費助成の対象年齢（${gradeLimitWords(childMedicalGradeLimit)}）`;
  }
}

function ageWords(min: number | undefined, max: number | undefined): string {
  if (min !== undefined && max !== undefined) return `${min}〜${max}歳`;
  if (min !== undefined) return `${min}歳以上`;
  return `${(max ?? 0) + 1}歳未満`;
}

function ownsWords(items: readonly Possession[]): string {
  if (items.length === 1 && items[0] === "dog") return "犬の飼い主";
  return `${items.map((item) => possessionWords[item]).join("・")}をお持ち`;
}

/** Adds to `out` the phrases of a condition that are true of this member. */
export type MemberDescriber = (facts: MemberFacts, out: string[]) => void;

/**
 * The words for a member condition: a string when they are the same for every member it selects
 * (so the sentence can be built once), a describer when they depend on the member (a list of
 * allowed values names the member's own value). `not` adds no words: what a member is not is no
 * reason for a procedure.
 */
export function compileDescriber(
  condition: MemberCondition,
  childMedicalGradeLimit: number,
): string | MemberDescriber {
  switch (condition.fact) {
    case "age":
      return ageWords(condition.min, condition.max);
    case "relation":
      return condition.in.length === 1
        ? relationWords[condition.in[0] as Relation]
        : (f, out) => out.push(relationWords[f.relation]);
    case "insurance":
      return condition.in.length === 1
        ? insuranceWords[condition.in[0] as Insurance]
        : (f, out) => out.push(insuranceWords[f.insurance]);
    case "pension":
      return condition.in.length === 1
        ? pensionWords[condition.in[0] as PensionCategory]
        : (f, out) => {
            if (f.pension) out.push(pensionWords[f.pension]);
          };
    case "careLevel":
      return careLevelWords;
    case "flag":
      return flagWords[condition.name];
    case "benefit": {
      if (condition.in.length === 1) return benefitWords[condition.in[0] as Benefit];
      const wanted = condition.in.map((item) => ({
        bit: bitsOf(benefits, [item]),
        words: benefitWords[item],
      }));
      return (f, out) => {
        for (const { bit, words } of wanted) if ((f.benefits & bit) !== 0) out.push(words);
      };
    }
    case "owns": {
      if (condition.in.length === 1) return ownsWords(condition.in);
      const wanted = condition.in.map((item) => ({ item, bit: bitsOf(possessions, [item]) }));
      return (f, out) =>
        out.push(ownsWords(wanted.filter(({ bit }) => (f.owns & bit) !== 0).map((w) => w.item)));
    }
    case "stage":
      return stageWords(condition.is, childMedicalGradeLimit);
    case "anyOf": {
      // Only the alternatives that hold are named: "65歳以上", not "65歳以上または認定済み".
      const parts = condition.of.map((c) => ({
        test: compileMemberTest(c, childMedicalGradeLimit),
        words: compileDescriber(c, childMedicalGradeLimit),
      }));
      return (f, out) => {
        for (const { test, words } of parts) {
          if (!test(f)) continue;
          if (typeof words === "function") words(f, out);
          else if (words !== "") out.push(words);
        }
      };
    }
    case "not":
      return "";
  }
}

/** The clause that says why a member is in a rule's scope, in the forms a sentence needs. */
export interface ScopeClause {
  /** Connective form: 「〜し、」. */
  te: string;
  /** Plain form before 「ため」. */
  plain: string;
  /** The people in the scope, as a noun. */
  noun: string;
  /** Facts about the deceased are told in the past tense. */
  past: boolean;
}

const movingVerbs: Partial<Record<EventType, [string, string]>> = {
  "move-in": ["転入し", "転入する"],
  "move-within": ["転居し", "転居する"],
  "move-between-wards": ["ほかの区へ移り", "ほかの区へ移る"],
  "move-out": ["転出し", "転出する"],
};

export function scopeClause(scope: Scope, event: EventType): ScopeClause {
  switch (scope) {
    case "moving": {
      const [te, plain] = movingVerbs[event] ?? ["引っ越し", "引っ越す"];
      return { te, plain, noun: `${plain}方`, past: false };
    }
    case "subject":
      return { te: "亡くなり", plain: "亡くなった", noun: "亡くなった方", past: true };
    case "remaining":
      return { te: "世帯に残り", plain: "世帯に残る", noun: "世帯に残る方", past: false };
    case "household":
      return { te: "世帯の一員で", plain: "世帯の一員である", noun: "世帯", past: false };
  }
}

/** The condition's words independent of any member: lists read "AまたはB". */
function genericWords(condition: MemberCondition, childMedicalGradeLimit: number): string | null {
  switch (condition.fact) {
    case "age":
      return ageWords(condition.min, condition.max);
    case "relation":
      return condition.in.map((r) => relationWords[r]).join("または");
    case "insurance":
      return condition.in.map((i) => insuranceWords[i]).join("または");
    case "pension":
      return condition.in.map((p) => pensionWords[p]).join("または");
    case "careLevel":
      return careLevelWords;
    case "flag":
      return flagWords[condition.name];
    case "benefit":
      return condition.in.map((b) => benefitWords[b]).join("または");
    case "owns":
      return condition.in.length === 1
        ? ownsWords(condition.in)
        : `${condition.in.map((item) => possessionWords[item]).join("または")}をお持ち`;
    case "stage":
      return stageWords(condition.is, childMedicalGradeLimit);
    case "anyOf": {
      const parts = condition.of
        .map((c) => genericWords(c, childMedicalGradeLimit))
        .filter((w) => w !== null);
      return parts.length > 0 ? parts.join("または") : null;
    }
    case "not":
      return null;
  }
}

const eventFlagWords: Record<EventFlag, [string, string]> = {
  crossPrefecture: ["ほかの都道府県との引っ越しのため", "同じ都道府県の中の引っ越しのため"],
  deathRegistered: ["死亡届はもう出ているため", "死亡届がまだ出ていないため"],
  schoolDistrictChanges: ["通学区域が変わるため", "通学区域は変わらないため"],
};

/**
 * The reason a household condition adds when it holds, or null when it only rules something out
 * (a "none of" count is the absence of a fact, which is no reason to do anything).
 */
export function householdReason(
  condition: HouseholdCondition,
  event: EventType,
  childMedicalGradeLimit: number,
): string | null {
  switch (condition.if) {
    case "origin":
      return condition.in.length === 1 && condition.in[0] === "abroad"
        ? "外国からの転入のため"
        : "ほかの市区町村からの転入のため";
    case "destination":
      return condition.in.length === 1 && condition.in[0] === "abroad"
        ? "外国への転出のため"
        : "ほかの市区町村への転出のため";
    case "eventFlag": {
      const [yes, no] = eventFlagWords[condition.name];
      return condition.is ? yes : no;
    }
    case "request":
      return "住民票の写しのご希望があったため";
    case "count": {
      const min = condition.min ?? 0;
      if (min === 0) return null;
      const clause = scopeClause(condition.scope, event);
      const words = condition.where
        .map((c) => genericWords(c, childMedicalGradeLimit))
        .filter((w) => w !== null)
        .join("で、");
      if (condition.scope === "subject") return words ? `${clause.noun}が${words}だったため` : null;
      const many = min > 1 ? `${min}人以上` : "";
      return words ? `${clause.noun}に${words}の方が${many}いるため` : `${clause.noun}が${many}いるため`;
    }
  }
}

/** The end of a member sentence, after the names: 「が転入し、マイナンバーカードをお持ちのため」. */
export function sentenceTail(clause: ScopeClause, facts: string): string {
  if (facts === "") return `が${clause.plain}ため`;
  return `が${clause.te}、${facts}${clause.past ? "だった" : "の"}ため`;
}

export function claimantSentence(who: string | undefined): string {
  return who ? `申請するのは、葬儀を行った${who}（喪主）です` : "申請するのは、葬儀を行った方（喪主）です";
}
