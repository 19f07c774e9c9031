/**
 * The code lists shared by the catalogue, the household input and the engine. They restate the
 * vocabulary of the life-events reference; the strings are identifiers and must not be renamed.
 */

export const eventTypes = [
  "move-in",
  "move-within",
  "move-between-wards",
  "move-out",
  "death",
  "birth",
  "marriage",
  "divorce",
] as const;
export type EventType = (typeof eventTypes)[number];

/** The events of the phase-1 catalogue (section 3): the four moves and death. */
export const phase1Events = ["move-in", "move-within", "move-between-wards", "move-out", "death"] as const;
export type Phase1Event = (typeof phase1Events)[number];

/** The events of the phase-2 catalogue (section 5), one table each. */
export const phase2Events = ["birth", "marriage", "divorce"] as const;
export type Phase2Event = (typeof phase2Events)[number];

/** 協議離婚 (the default), or by the family court (調停・審判・判決). */
export const divorceTypes = ["agreement", "court"] as const;
export type DivorceType = (typeof divorceTypes)[number];

export const moveEvents: readonly EventType[] = ["move-in", "move-within", "move-between-wards", "move-out"];

export const departments = [
  "resident",
  "insurance",
  "welfare",
  "children",
  "education",
  "tax",
  "external",
] as const;
export type Department = (typeof departments)[number];

export const handlings = ["one-stop", "guidance"] as const;
export type Handling = (typeof handlings)[number];

export const origins = ["other-municipality", "abroad"] as const;
export type Origin = (typeof origins)[number];

export const relations = ["head", "spouse", "child", "parent", "other"] as const;
export type Relation = (typeof relations)[number];

export const insurances = ["employee", "kokuho", "kouki", "welfare"] as const;
export type Insurance = (typeof insurances)[number];

export const pensionCategories = ["cat1", "cat2", "cat3"] as const;
export type PensionCategory = (typeof pensionCategories)[number];

export const careLevels = ["support1", "support2", "care1", "care2", "care3", "care4", "care5"] as const;
export type CareLevel = (typeof careLevels)[number];

export const benefits = [
  "childAllowance",
  "childRearingAllowance",
  "specialChildAllowance",
  "childMedical",
  "singleParentMedical",
] as const;
export type Benefit = (typeof benefits)[number];

export const possessions = ["lightVehicle", "moped", "dog", "realEstate"] as const;
export type Possession = (typeof possessions)[number];

export const sexes = ["female", "male"] as const;
export type Sex = (typeof sexes)[number];

/** Yes/no facts about a member that rules may test (`moving` is a scope, not a flag). */
export const memberFlags = [
  "pensionRecipient",
  "myNumberCard",
  "disabilityCertificate",
  "sealRegistered",
  "pregnant",
  "needsDaycare",
  "publicServant",
] as const;
export type MemberFlag = (typeof memberFlags)[number];

export const eventFlags = [
  "crossPrefecture",
  "deathRegistered",
  "schoolDistrictChanges",
  "birthRegistered",
  "marriageRegistered",
  "divorceRegistered",
  "householdsMerge",
] as const;
export type EventFlag = (typeof eventFlags)[number];

export const requestKinds = ["residenceCertificate"] as const;
export type RequestKind = (typeof requestKinds)[number];

/** Facts derived from the school grade at the event date (see src/guidance/facts.ts). */
export const stages = ["schoolAge", "preschool", "childAllowanceAge", "childMedicalAge"] as const;
export type Stage = (typeof stages)[number];

/**
 * Whose facts a rule looks at: the members who move, the subject (the deceased; the newborn), the
 * members who stay behind (death: everyone but the deceased; moves: the non-movers; divorce:
 * everyone but the partner who leaves), or the whole household. Phase 2 adds the event's own
 * people: the newborn's mother, the two partners, those whose surname changes or who keep the
 * married one, the custodian and the other partner, the children of a divorce (`relation: child`
 * of 児童手当 age, other than the one leaving) and the partner who leaves.
 */
export const scopes = [
  "moving",
  "subject",
  "remaining",
  "household",
  "mother",
  "partners",
  "surnameChanges",
  "keepSurname",
  "custodian",
  "otherPartner",
  "children",
  "leaving",
] as const;
export type Scope = (typeof scopes)[number];
