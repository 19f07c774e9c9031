import { describe, expect, it } from "vitest";
import { getCatalog } from "../catalog/load-catalog";
import { getMunicipalitySettings } from "../catalog/municipalities";
import { checkSettings } from "../catalog/municipality.schema";
import { translator } from "../i18n/translate";
import type { Message } from "../shared/locale";
import { type Plan, planGuidance } from "./engine";
import { reasonText } from "./pages/guidance.presenter";
import { parseHousehold } from "./validate";

/** Reasons are codes; these tests read them as the Japanese catalogue words them. */
const inJapanese = (reasons: readonly Message[] | undefined) =>
  reasons?.map((r) => reasonText(translator("ja"), r));

type Raw = Record<string, unknown>;
const D = "2026-04-06";

const head = (extra: Raw = {}): Raw => ({
  id: "m1",
  relation: "head",
  birthDate: "1985-05-05",
  insurance: "employee",
  ...extra,
});
const spouse = (extra: Raw = {}): Raw => ({
  id: "m2",
  relation: "spouse",
  birthDate: "1987-08-08",
  insurance: "employee",
  ...extra,
});
const person = (id: string, relation: string, birthDate: string, extra: Raw = {}): Raw => ({
  id,
  relation,
  birthDate,
  insurance: "employee",
  ...extra,
});
const kid = (id: string, birthDate: string, extra: Raw = {}) => person(id, "child", birthDate, extra);
const elder = (id: string, extra: Raw = {}) =>
  person(id, "parent", "1956-01-01", { insurance: "kouki", ...extra });

// Birth dates against the event day 2026-04-06 (school year 2026).
const grade0 = "2020-04-02";
const grade1 = "2019-04-02";
const grade5 = "2015-06-01";
const grade9 = "2011-04-02";
const grade10 = "2011-04-01";
const grade12 = "2008-04-02";
const grade13 = "2008-04-01";
const age2 = "2024-01-01";
const turns3 = "2023-04-06";
const turns15 = "2011-04-06";
const turns18 = "2008-04-06";
const turns65 = "1961-04-06";
/** 65 the day after the event: 介護保険 counts the age as reached that day (the day before the birthday). */
const legal65 = "1961-04-07";
const age64 = "1961-04-08";
const turns14Tomorrow = "2011-04-07";
const age60 = "1966-01-01";

const IN = { type: "move-in" };
const WITHIN = { type: "move-within" };
const WARDS = { type: "move-between-wards" };
const OUT = { type: "move-out" };
const DEATH = { type: "death", subject: "m1" };
const newborn = (extra: Raw = {}) => kid("m3", D, extra);
const BIRTH = { type: "birth", subject: "m3", mother: "m2" };
const MARRIAGE = { type: "marriage", partners: ["m1", "m2"] };
const DIVORCE = { type: "divorce", partners: ["m1", "m2"], custodian: "m2", leaving: "m1" };

function plan(event: Raw, members: Raw[], extra: Raw = {}, municipality = "national"): Plan {
  const result = parseHousehold({ event: { date: D, ...event }, members, ...extra });
  if (!result.ok) throw new Error(JSON.stringify(result.problems, null, 2));
  return planGuidance(result.household, getMunicipalitySettings(municipality));
}
const membersOf = (p: Plan, id: string) => p.procedures.find((item) => item.id === id)?.members ?? null;

type Case = [string, string, Raw, Raw[], string[] | null, Raw?, string?];

/** One or more rows per catalogue row: the members it selects, or null when it must not be listed. */
const cases: Case[] = [
  [
    "juki.move-in lists the members who move in",
    "juki.move-in",
    IN,
    [head(), spouse({ moving: false }), kid("m3", grade5)],
    ["m1", "m3"],
  ],
  ["juki.move-in is not listed when nobody moves", "juki.move-in", IN, [head({ moving: false })], null],
  ["juki.move-in is not listed for a move within the city", "juki.move-in", WITHIN, [head()], null],
  [
    "juki.move-within lists the members who move within the ward",
    "juki.move-within",
    WITHIN,
    [head()],
    ["m1"],
  ],
  [
    "juki.move-within lists the members who move to another ward",
    "juki.move-within",
    WARDS,
    [head(), spouse()],
    ["m1", "m2"],
  ],
  ["juki.move-within is not listed for a move-in", "juki.move-within", IN, [head()], null],
  ["juki.move-out lists the members who move out", "juki.move-out", OUT, [head(), spouse()], ["m1", "m2"]],
  ["juki.move-out is not listed for a death", "juki.move-out", DEATH, [head(), spouse()], null],
  [
    "juki.head-change lists everyone remaining when the head dies and two adults remain",
    "juki.head-change",
    DEATH,
    [head(), spouse(), elder("m3"), kid("m4", grade5)],
    ["m2", "m3", "m4"],
  ],
  [
    "juki.head-change is not listed when the head dies and one adult remains",
    "juki.head-change",
    DEATH,
    [head(), spouse(), kid("m3", grade5)],
    null,
  ],
  [
    "juki.head-change is not listed when someone other than the head dies",
    "juki.head-change",
    { type: "death", subject: "m2" },
    [head(), spouse(), elder("m3")],
    null,
  ],
  [
    "juki.head-change counts a member whose 18th birthday is the day of death as an adult",
    "juki.head-change",
    DEATH,
    [head(), spouse(), kid("m3", turns18)],
    ["m2", "m3"],
  ],
  [
    "juki.head-change counts a remaining member of 15 (住基法 §25: two members aged 15 or over remain)",
    "juki.head-change",
    DEATH,
    [head(), spouse(), kid("m3", turns15)],
    ["m2", "m3"],
  ],
  [
    "juki.head-change does not count a member of 14",
    "juki.head-change",
    DEATH,
    [head(), spouse(), kid("m3", turns14Tomorrow)],
    null,
  ],
  [
    "juki.head-change lists the members who stay when the head moves out and two adults stay",
    "juki.head-change",
    OUT,
    [head(), spouse({ moving: false }), elder("m3", { moving: false })],
    ["m2", "m3"],
  ],
  [
    "juki.head-change is not listed when the head moves out and one adult stays",
    "juki.head-change",
    OUT,
    [head(), spouse({ moving: false }), kid("m3", grade5, { moving: false })],
    null,
  ],
  [
    "juki.head-change is not listed when the head stays",
    "juki.head-change",
    OUT,
    [head({ moving: false }), spouse(), elder("m3")],
    null,
  ],
  [
    "juki.certificate lists the whole household when a certificate is requested",
    "juki.certificate",
    IN,
    [head(), spouse({ moving: false })],
    ["m1", "m2"],
    { requests: ["residenceCertificate"] },
  ],
  [
    "juki.certificate is listed for a death too",
    "juki.certificate",
    DEATH,
    [head(), spouse()],
    ["m1", "m2"],
    { requests: ["residenceCertificate"] },
  ],
  ["juki.certificate is not listed without a request", "juki.certificate", IN, [head()], null],
  [
    "mynumber.address-update lists moving card holders",
    "mynumber.address-update",
    WARDS,
    [head({ myNumberCard: true }), spouse()],
    ["m1"],
  ],
  [
    "mynumber.address-update leaves out a card holder who does not move",
    "mynumber.address-update",
    IN,
    [head({ myNumberCard: true, moving: false }), spouse()],
    null,
  ],
  [
    "mynumber.address-update is not listed for a move-out",
    "mynumber.address-update",
    OUT,
    [head({ myNumberCard: true })],
    null,
  ],
  [
    "mynumber.return lists the deceased's card",
    "mynumber.return",
    DEATH,
    [head({ myNumberCard: true }), spouse()],
    ["m1"],
  ],
  [
    "mynumber.return ignores a survivor's card",
    "mynumber.return",
    DEATH,
    [head(), spouse({ myNumberCard: true })],
    null,
  ],
  [
    "inkan.register lists a registrant whose 15th birthday is the moving day",
    "inkan.register",
    IN,
    [head(), kid("m3", turns15, { sealRegistered: true })],
    ["m3"],
  ],
  [
    "inkan.register leaves out a registrant of 14",
    "inkan.register",
    IN,
    [head(), kid("m3", "2011-04-07", { sealRegistered: true })],
    null,
  ],
  [
    "inkan.register is not listed for a move within the city",
    "inkan.register",
    WITHIN,
    [head({ sealRegistered: true })],
    null,
  ],
  [
    "inkan.return lists moving registrants on a move-out",
    "inkan.return",
    OUT,
    [head({ sealRegistered: true }), spouse({ sealRegistered: true, moving: false })],
    ["m1"],
  ],
  [
    "inkan.return lists the deceased registrant",
    "inkan.return",
    DEATH,
    [head({ sealRegistered: true }), spouse()],
    ["m1"],
  ],
  [
    "inkan.return ignores a survivor's registration",
    "inkan.return",
    DEATH,
    [head(), spouse({ sealRegistered: true })],
    null,
  ],
  ["koseki.death lists the deceased", "koseki.death", DEATH, [head(), spouse()], ["m1"]],
  [
    "koseki.death is not listed when the death is already registered",
    "koseki.death",
    { ...DEATH, deathRegistered: true },
    [head(), spouse()],
    null,
  ],
  [
    "kokuho.enroll lists moving kokuho members",
    "kokuho.enroll",
    IN,
    [head({ insurance: "kokuho" }), spouse({ insurance: "kokuho" })],
    ["m1", "m2"],
  ],
  ["kokuho.enroll is not listed for employee insurance", "kokuho.enroll", IN, [head()], null],
  [
    "kokuho.update lists moving kokuho members",
    "kokuho.update",
    WITHIN,
    [head({ insurance: "kokuho" }), spouse()],
    ["m1"],
  ],
  ["kokuho.update is not listed for a move-in", "kokuho.update", IN, [head({ insurance: "kokuho" })], null],
  [
    "kokuho.withdraw lists moving kokuho members on a move-out",
    "kokuho.withdraw",
    OUT,
    [head({ insurance: "kokuho" }), spouse({ insurance: "kokuho", moving: false })],
    ["m1"],
  ],
  [
    "kokuho.withdraw lists the deceased kokuho member",
    "kokuho.withdraw",
    DEATH,
    [head({ insurance: "kokuho" }), spouse({ insurance: "kokuho" })],
    ["m1"],
  ],
  [
    "kokuho.withdraw ignores a survivor's kokuho",
    "kokuho.withdraw",
    DEATH,
    [head(), spouse({ insurance: "kokuho" })],
    null,
  ],
  [
    "kokuho.funeral-benefit lists the deceased kokuho member",
    "kokuho.funeral-benefit",
    DEATH,
    [head({ insurance: "kokuho" }), spouse()],
    ["m1"],
  ],
  [
    "kokuho.funeral-benefit is not listed for employee insurance",
    "kokuho.funeral-benefit",
    DEATH,
    [head(), spouse()],
    null,
  ],
  ["kouki.enroll lists moving kouki members", "kouki.enroll", IN, [head(), elder("m2")], ["m2"]],
  ["kouki.enroll is not listed for kokuho", "kouki.enroll", IN, [head({ insurance: "kokuho" })], null],
  ["kouki.update lists moving kouki members", "kouki.update", WARDS, [head(), elder("m2")], ["m2"]],
  ["kouki.move-out lists moving kouki members", "kouki.move-out", OUT, [head(), elder("m2")], ["m2"]],
  [
    "kouki.move-out leaves out a kouki member who stays",
    "kouki.move-out",
    OUT,
    [head(), elder("m2", { moving: false })],
    null,
  ],
  [
    "kouki.withdraw lists the deceased kouki member",
    "kouki.withdraw",
    DEATH,
    [elder("m1", { relation: "head" }), spouse()],
    ["m1"],
  ],
  [
    "kouki.funeral-benefit lists the deceased kouki member",
    "kouki.funeral-benefit",
    DEATH,
    [elder("m1", { relation: "head" }), spouse()],
    ["m1"],
  ],
  [
    "kouki.funeral-benefit ignores a survivor's kouki",
    "kouki.funeral-benefit",
    DEATH,
    [head(), elder("m2")],
    null,
  ],
  [
    "nenkin.address-change lists moving cat1 members from another municipality",
    "nenkin.address-change",
    IN,
    [head({ pension: "cat1" }), spouse({ pension: "cat3" })],
    ["m1"],
  ],
  [
    "nenkin.address-change is not listed for a move from abroad",
    "nenkin.address-change",
    { ...IN, origin: "abroad" },
    [head({ pension: "cat1" })],
    null,
  ],
  [
    "nenkin.address-change leaves out a cat1 member who does not move",
    "nenkin.address-change",
    IN,
    [head({ pension: "cat1", moving: false }), spouse()],
    null,
  ],
  [
    "nenkin.enroll lists moving cat1 members from abroad",
    "nenkin.enroll",
    { ...IN, origin: "abroad" },
    [head({ pension: "cat1" }), spouse({ pension: "cat2" })],
    ["m1"],
  ],
  [
    "nenkin.enroll is not listed for a move from another municipality",
    "nenkin.enroll",
    { ...IN, origin: "other-municipality" },
    [head({ pension: "cat1" })],
    null,
  ],
  [
    "nenkin.death-report lists a deceased pension recipient",
    "nenkin.death-report",
    DEATH,
    [elder("m1", { relation: "head", pensionRecipient: true }), spouse()],
    ["m1"],
  ],
  [
    "nenkin.death-report is not listed without a pension",
    "nenkin.death-report",
    DEATH,
    [head(), spouse({ pensionRecipient: true })],
    null,
  ],
  [
    "nenkin.survivor-benefit lists a deceased cat1 member",
    "nenkin.survivor-benefit",
    DEATH,
    [head({ pension: "cat1" }), spouse()],
    ["m1"],
  ],
  [
    "nenkin.survivor-benefit is not listed for cat3",
    "nenkin.survivor-benefit",
    DEATH,
    [head({ pension: "cat3" }), spouse()],
    null,
  ],
  [
    "kaigo.enroll lists a member whose 65th birthday is the moving day",
    "kaigo.enroll",
    IN,
    [head({ birthDate: turns65 })],
    ["m1"],
  ],
  [
    "kaigo.enroll lists a member whose 65th birthday is the day after (65 is reached the day before it)",
    "kaigo.enroll",
    IN,
    [head({ birthDate: legal65 })],
    ["m1"],
  ],
  ["kaigo.enroll leaves out a member of 64", "kaigo.enroll", IN, [head({ birthDate: age64 })], null],
  [
    "kaigo.certification-transfer lists a moving member with a care level",
    "kaigo.certification-transfer",
    IN,
    [head({ careLevel: "support1" })],
    ["m1"],
  ],
  [
    "kaigo.certification-transfer is not listed without a care level",
    "kaigo.certification-transfer",
    IN,
    [elder("m1", { relation: "head" })],
    null,
  ],
  [
    "kaigo.update lists a member of 50 with a care level",
    "kaigo.update",
    WITHIN,
    [head({ careLevel: "care2" })],
    ["m1"],
  ],
  ["kaigo.update lists a member of 65", "kaigo.update", WITHIN, [head({ birthDate: turns65 })], ["m1"]],
  [
    "kaigo.update leaves out a member of 64 without a care level",
    "kaigo.update",
    WARDS,
    [head({ birthDate: age64 })],
    null,
  ],
  [
    "kaigo.move-out lists a moving member of 65 or over",
    "kaigo.move-out",
    OUT,
    [elder("m1", { relation: "head" })],
    ["m1"],
  ],
  [
    "kaigo.move-out leaves out a member of 64 without a care level",
    "kaigo.move-out",
    OUT,
    [head({ birthDate: age64 })],
    null,
  ],
  [
    "kaigo.withdraw lists a deceased member of 65 or over",
    "kaigo.withdraw",
    DEATH,
    [elder("m1", { relation: "head" }), spouse()],
    ["m1"],
  ],
  [
    "kaigo.withdraw lists a deceased member of 60 with a care level",
    "kaigo.withdraw",
    DEATH,
    [head({ birthDate: age60, careLevel: "care5" })],
    ["m1"],
  ],
  [
    "kaigo.withdraw is not listed for a deceased member of 60 without one",
    "kaigo.withdraw",
    DEATH,
    [head({ birthDate: age60 })],
    null,
  ],
  [
    "shogai.address-change lists a moving certificate holder on a move-in",
    "shogai.address-change",
    IN,
    [head({ disabilityCertificate: true })],
    ["m1"],
  ],
  [
    "shogai.address-change lists one on a move to another ward",
    "shogai.address-change",
    WARDS,
    [head(), spouse({ disabilityCertificate: true })],
    ["m2"],
  ],
  [
    "shogai.address-change is not listed for a move-out",
    "shogai.address-change",
    OUT,
    [head({ disabilityCertificate: true })],
    null,
  ],
  [
    "shogai.return lists the deceased certificate holder",
    "shogai.return",
    DEATH,
    [head({ disabilityCertificate: true }), spouse()],
    ["m1"],
  ],
  [
    "seikatsuhogo.consult lists a moving welfare member",
    "seikatsuhogo.consult",
    IN,
    [head({ insurance: "welfare" })],
    ["m1"],
  ],
  [
    "seikatsuhogo.consult is not listed for a move within the city",
    "seikatsuhogo.consult",
    WITHIN,
    [head({ insurance: "welfare" })],
    null,
  ],
  [
    "jidoteate.claim lists moving children up to grade 12",
    "jidoteate.claim",
    IN,
    [head(), spouse(), kid("m3", grade12), kid("m4", grade13)],
    ["m3"],
  ],
  [
    "jidoteate.claim is not listed when no moving member is of child-allowance age",
    "jidoteate.claim",
    IN,
    [head(), kid("m3", grade13)],
    null,
  ],
  [
    "jidoteate.claim is not listed when a moving spouse is a public servant",
    "jidoteate.claim",
    IN,
    [head(), spouse({ publicServant: true }), kid("m3", grade5)],
    null,
  ],
  [
    "jidoteate.claim is listed when the public-servant head does not move",
    "jidoteate.claim",
    IN,
    [head({ publicServant: true, moving: false }), spouse(), kid("m3", grade5)],
    ["m3"],
  ],
  [
    "jidoteate.claim is listed when the public servant is not the head or spouse",
    "jidoteate.claim",
    IN,
    [head(), person("m2", "parent", "1960-01-01", { publicServant: true }), kid("m3", grade5)],
    ["m3"],
  ],
  [
    "jidoteate.claim lists the remaining children when the recipient dies",
    "jidoteate.claim",
    DEATH,
    [head({ benefits: ["childAllowance"] }), spouse(), kid("m3", grade5)],
    ["m3"],
  ],
  [
    "jidoteate.claim is not listed when no adult remains",
    "jidoteate.claim",
    DEATH,
    [head({ benefits: ["childAllowance"] }), kid("m3", grade5)],
    null,
  ],
  [
    "jidoteate.claim is not listed when the deceased was not the recipient",
    "jidoteate.claim",
    DEATH,
    [head(), spouse({ benefits: ["childAllowance"] }), kid("m3", grade5)],
    null,
  ],
  [
    "jidoteate.claim is not listed for a move within the city",
    "jidoteate.claim",
    WITHIN,
    [head(), kid("m3", grade5)],
    null,
  ],
  [
    "jidoteate.update lists a moving recipient",
    "jidoteate.update",
    WITHIN,
    [head(), spouse({ benefits: ["childAllowance"] }), kid("m3", grade5)],
    ["m2"],
  ],
  [
    "jidoteate.update leaves out a recipient who does not move",
    "jidoteate.update",
    WARDS,
    [head({ benefits: ["childAllowance"], moving: false }), kid("m3", grade5)],
    null,
  ],
  [
    "jidoteate.terminate lists a recipient who moves out",
    "jidoteate.terminate",
    OUT,
    [head({ benefits: ["childAllowance"] }), kid("m3", grade5)],
    ["m1"],
  ],
  [
    "jidoteate.terminate lists a deceased recipient",
    "jidoteate.terminate",
    DEATH,
    [head({ benefits: ["childAllowance"] }), spouse()],
    ["m1"],
  ],
  [
    "jidoteate.terminate ignores a surviving recipient",
    "jidoteate.terminate",
    DEATH,
    [head(), spouse({ benefits: ["childAllowance"] })],
    null,
  ],
  [
    "kodomo-iryo.enroll lists moving children up to grade 12 by default",
    "kodomo-iryo.enroll",
    IN,
    [head(), kid("m2", grade12), kid("m3", grade13)],
    ["m2"],
  ],
  [
    "kodomo-iryo.enroll leaves out a child on welfare",
    "kodomo-iryo.enroll",
    IN,
    [head({ insurance: "welfare" }), kid("m2", grade5, { insurance: "welfare" })],
    null,
  ],
  [
    "kodomo-iryo.enroll stops at grade 9 in Yatsushiro",
    "kodomo-iryo.enroll",
    IN,
    [head(), kid("m2", grade10), kid("m3", grade9)],
    ["m3"],
    {},
    "yatsushiro",
  ],
  [
    "kodomo-iryo.enroll reaches grade 12 in Kumamoto",
    "kodomo-iryo.enroll",
    IN,
    [head(), kid("m2", grade10)],
    ["m2"],
    {},
    "kumamoto",
  ],
  [
    "kodomo-iryo.update lists a moving holder",
    "kodomo-iryo.update",
    WARDS,
    [head(), kid("m3", grade5, { benefits: ["childMedical"] })],
    ["m3"],
  ],
  [
    "kodomo-iryo.update is not listed for a move-in",
    "kodomo-iryo.update",
    IN,
    [head(), kid("m3", grade5, { benefits: ["childMedical"] })],
    null,
  ],
  [
    "kodomo-iryo.withdraw lists a holder who moves out",
    "kodomo-iryo.withdraw",
    OUT,
    [head(), kid("m3", grade5, { benefits: ["childMedical"] })],
    ["m3"],
  ],
  [
    "kodomo-iryo.withdraw lists a deceased holder",
    "kodomo-iryo.withdraw",
    { type: "death", subject: "m3" },
    [head(), kid("m3", grade5, { benefits: ["childMedical"] })],
    ["m3"],
  ],
  [
    "jido-fuyo.update lists a moving recipient on a move-in",
    "jido-fuyo.update",
    IN,
    [head({ benefits: ["childRearingAllowance"] })],
    ["m1"],
  ],
  [
    "jido-fuyo.update lists one on a move within the ward",
    "jido-fuyo.update",
    WITHIN,
    [head({ benefits: ["childRearingAllowance"] })],
    ["m1"],
  ],
  [
    "jido-fuyo.update is not listed for a move-out",
    "jido-fuyo.update",
    OUT,
    [head({ benefits: ["childRearingAllowance"] })],
    null,
  ],
  [
    "jido-fuyo.terminate lists a deceased recipient",
    "jido-fuyo.terminate",
    DEATH,
    [head({ benefits: ["childRearingAllowance"] }), kid("m2", grade5)],
    ["m1"],
  ],
  [
    "tokubetsu-jido-fuyo.update lists a moving recipient",
    "tokubetsu-jido-fuyo.update",
    WARDS,
    [head({ benefits: ["specialChildAllowance"] })],
    ["m1"],
  ],
  [
    "tokubetsu-jido-fuyo.update is not listed for a death",
    "tokubetsu-jido-fuyo.update",
    DEATH,
    [head({ benefits: ["specialChildAllowance"] })],
    null,
  ],
  [
    "hitorioya-iryo.enroll lists a moving holder",
    "hitorioya-iryo.enroll",
    IN,
    [head({ benefits: ["singleParentMedical"] })],
    ["m1"],
  ],
  [
    "hitorioya-iryo.enroll is not listed for a move within the city",
    "hitorioya-iryo.enroll",
    WITHIN,
    [head({ benefits: ["singleParentMedical"] })],
    null,
  ],
  [
    "hitorioya-iryo.update lists a moving holder",
    "hitorioya-iryo.update",
    WITHIN,
    [head({ benefits: ["singleParentMedical"] })],
    ["m1"],
  ],
  [
    "hitorioya-iryo.withdraw lists a holder who moves out",
    "hitorioya-iryo.withdraw",
    OUT,
    [head({ benefits: ["singleParentMedical"] })],
    ["m1"],
  ],
  [
    "hitorioya-iryo.withdraw lists a deceased holder",
    "hitorioya-iryo.withdraw",
    DEATH,
    [head({ benefits: ["singleParentMedical"] }), kid("m2", grade5)],
    ["m1"],
  ],
  [
    "hoiku.guidance lists a moving pre-school child who needs day care",
    "hoiku.guidance",
    IN,
    [head(), kid("m3", grade0, { needsDaycare: true })],
    ["m3"],
  ],
  [
    "hoiku.guidance leaves out a first-grader who needs day care",
    "hoiku.guidance",
    IN,
    [head(), kid("m3", grade1, { needsDaycare: true })],
    null,
  ],
  [
    "hoiku.guidance leaves out a pre-school child who does not need it",
    "hoiku.guidance",
    IN,
    [head(), kid("m3", grade0)],
    null,
  ],
  [
    "hoiku.guidance is listed for a move within the city",
    "hoiku.guidance",
    WITHIN,
    [head(), kid("m3", age2, { needsDaycare: true })],
    ["m3"],
  ],
  [
    "boshi.prenatal-vouchers lists a moving pregnant member",
    "boshi.prenatal-vouchers",
    IN,
    [head(), spouse({ pregnant: true })],
    ["m2"],
  ],
  [
    "boshi.prenatal-vouchers is not listed for a move within the city",
    "boshi.prenatal-vouchers",
    WITHIN,
    [head(), spouse({ pregnant: true })],
    null,
  ],
  [
    "boshi.infant-health lists a moving child under 3",
    "boshi.infant-health",
    IN,
    [head(), kid("m3", age2)],
    ["m3"],
  ],
  [
    "boshi.infant-health leaves out a child whose 3rd birthday is the moving day",
    "boshi.infant-health",
    IN,
    [head(), kid("m3", turns3)],
    null,
  ],
  [
    "gakko.transfer-in lists moving children of grades 1 to 9",
    "gakko.transfer-in",
    IN,
    [head(), kid("m2", grade1), kid("m3", grade9), kid("m4", grade0), kid("m5", grade10)],
    ["m2", "m3"],
  ],
  [
    "gakko.transfer-in is not listed without a school-age child",
    "gakko.transfer-in",
    IN,
    [head(), kid("m2", grade0)],
    null,
  ],
  [
    "gakko.transfer lists school-age movers when the district changes",
    "gakko.transfer",
    { ...WITHIN, schoolDistrictChanges: true },
    [head(), kid("m3", grade5)],
    ["m3"],
  ],
  [
    "gakko.transfer is listed for a move to another ward with a new district",
    "gakko.transfer",
    { ...WARDS, schoolDistrictChanges: true },
    [head(), kid("m3", grade5)],
    ["m3"],
  ],
  [
    "gakko.transfer is not listed when the district stays",
    "gakko.transfer",
    WITHIN,
    [head(), kid("m3", grade5)],
    null,
  ],
  [
    "gakko.transfer-out lists school-age members who move out",
    "gakko.transfer-out",
    OUT,
    [head(), kid("m3", grade5)],
    ["m3"],
  ],
  [
    "gakko.transfer-out leaves out a child who stays",
    "gakko.transfer-out",
    OUT,
    [head(), kid("m3", grade5, { moving: false })],
    null,
  ],
  [
    "keiji.vehicle-address lists a moving light-vehicle owner",
    "keiji.vehicle-address",
    IN,
    [head({ owns: ["lightVehicle"] })],
    ["m1"],
  ],
  [
    "keiji.vehicle-address is not listed for a move-out",
    "keiji.vehicle-address",
    OUT,
    [head({ owns: ["lightVehicle"] })],
    null,
  ],
  ["keiji.moped lists a moped owner who moves out", "keiji.moped", OUT, [head({ owns: ["moped"] })], ["m1"]],
  ["keiji.moped lists a moped owner who moves in", "keiji.moped", IN, [head({ owns: ["moped"] })], ["m1"]],
  ["keiji.moped is not listed for a death", "keiji.moped", DEATH, [head({ owns: ["moped"] })], null],
  [
    "keiji.owner-death lists a deceased moped owner",
    "keiji.owner-death",
    DEATH,
    [head({ owns: ["moped"] })],
    ["m1"],
  ],
  [
    "keiji.owner-death lists a deceased light-vehicle owner",
    "keiji.owner-death",
    DEATH,
    [head({ owns: ["lightVehicle", "dog"] })],
    ["m1"],
  ],
  ["keiji.owner-death is not listed for a dog", "keiji.owner-death", DEATH, [head({ owns: ["dog"] })], null],
  [
    "zei.heir-representative lists a deceased owner of real estate",
    "zei.heir-representative",
    DEATH,
    [head({ owns: ["realEstate"] }), spouse()],
    ["m1"],
  ],
  [
    "zei.heir-representative ignores a survivor's real estate",
    "zei.heir-representative",
    DEATH,
    [head(), spouse({ owns: ["realEstate"] })],
    null,
  ],
  [
    "inu.registration-change lists a moving dog owner",
    "inu.registration-change",
    WITHIN,
    [head({ owns: ["dog"] })],
    ["m1"],
  ],
  [
    "inu.registration-change leaves out a dog owner who does not move",
    "inu.registration-change",
    IN,
    [head({ owns: ["dog"], moving: false }), spouse()],
    null,
  ],
  [
    "inu.registration-change is not listed for a death",
    "inu.registration-change",
    DEATH,
    [head({ owns: ["dog"] })],
    null,
  ],
  [
    "suido.notice lists every moving member once",
    "suido.notice",
    OUT,
    [head(), spouse({ moving: false }), kid("m3", grade5)],
    ["m1", "m3"],
  ],
  ["suido.notice is not listed for a death", "suido.notice", DEATH, [head(), spouse()], null],
  ...correctionCases(),
  ...birthCases(),
  ...marriageCases(),
  ...divorceCases(),
];

/** The phase-1 corrections of the legal review (catalogue section 3, marked there). */
function correctionCases(): Case[] {
  return [
    [
      "nenkin.category-change lists a moving cat1 member who was cat2 before (left an employer)",
      "nenkin.category-change",
      IN,
      [
        head({ pension: "cat1", previousPension: "cat2" }),
        spouse({ pension: "cat1", previousPension: "cat3" }),
      ],
      ["m1", "m2"],
    ],
    [
      "nenkin.address-change leaves out a member whose category changed",
      "nenkin.address-change",
      IN,
      [
        head({ pension: "cat1", previousPension: "cat2" }),
        spouse({ pension: "cat1", previousPension: "cat1" }),
      ],
      ["m2"],
    ],
    [
      "nenkin.category-change is not listed for a move from abroad",
      "nenkin.category-change",
      { type: "move-in", origin: "abroad" },
      [head({ pension: "cat1", previousPension: "cat2" })],
      null,
    ],
    [
      "nenkin.address-change lists a voluntary cat1 member of 60 only while under 60 by law",
      "nenkin.address-change",
      IN,
      [head({ birthDate: age60, pension: "cat1" })],
      null,
    ],
  ];
}

function birthCases(): Case[] {
  return [
    ["koseki.birth lists the newborn", "koseki.birth", BIRTH, [head(), spouse(), newborn()], ["m3"]],
    [
      "koseki.birth is not listed when the birth is already registered",
      "koseki.birth",
      { ...BIRTH, birthRegistered: true },
      [head(), spouse(), newborn()],
      null,
    ],
    [
      "mynumber.card-guidance lists the newborn",
      "mynumber.card-guidance",
      BIRTH,
      [head(), spouse(), newborn()],
      ["m3"],
    ],
    [
      "kokuho.enroll lists a newborn on National Health Insurance",
      "kokuho.enroll",
      BIRTH,
      [head({ insurance: "kokuho" }), spouse({ insurance: "kokuho" }), newborn({ insurance: "kokuho" })],
      ["m3"],
    ],
    [
      "kokuho.enroll is not listed for a newborn on employee insurance",
      "kokuho.enroll",
      BIRTH,
      [head(), spouse(), newborn()],
      null,
    ],
    [
      "kokuho.childbirth-grant lists the mother on National Health Insurance",
      "kokuho.childbirth-grant",
      BIRTH,
      [head({ insurance: "kokuho" }), spouse({ insurance: "kokuho" }), newborn({ insurance: "kokuho" })],
      ["m2"],
    ],
    [
      "kokuho.childbirth-grant is not listed when the mother is not in the household",
      "kokuho.childbirth-grant",
      { type: "birth", subject: "m3" },
      [head({ insurance: "kokuho" }), spouse({ insurance: "kokuho" }), newborn({ insurance: "kokuho" })],
      null,
    ],
    [
      "jidoteate.claim lists a first newborn",
      "jidoteate.claim",
      BIRTH,
      [head(), spouse(), newborn()],
      ["m3"],
    ],
    [
      "jidoteate.claim is not listed when a parent already receives the allowance",
      "jidoteate.claim",
      BIRTH,
      [head(), spouse({ benefits: ["childAllowance"] }), newborn()],
      null,
    ],
    [
      "jidoteate.claim is not listed when the head is a public servant",
      "jidoteate.claim",
      BIRTH,
      [head({ publicServant: true }), spouse(), newborn()],
      null,
    ],
    [
      "jidoteate.amount-change lists the member who receives the allowance",
      "jidoteate.amount-change",
      BIRTH,
      [head(), spouse({ benefits: ["childAllowance"] }), kid("m4", grade5), newborn()],
      ["m2"],
    ],
    [
      "kodomo-iryo.enroll lists the newborn",
      "kodomo-iryo.enroll",
      BIRTH,
      [head(), spouse(), newborn()],
      ["m3"],
    ],
    [
      "kodomo-iryo.enroll is not listed for a newborn on public assistance",
      "kodomo-iryo.enroll",
      BIRTH,
      [head({ insurance: "welfare" }), spouse({ insurance: "welfare" }), newborn({ insurance: "welfare" })],
      null,
    ],
    [
      "jido-fuyo.amount-change lists the member who receives the allowance",
      "jido-fuyo.amount-change",
      { type: "birth", subject: "m2" },
      [head({ benefits: ["childRearingAllowance"] }), kid("m2", D)],
      ["m1"],
    ],
    [
      "boshi.newborn-visit lists the newborn",
      "boshi.newborn-visit",
      BIRTH,
      [head(), spouse(), newborn()],
      ["m3"],
    ],
    [
      "boshi.infant-health lists the newborn",
      "boshi.infant-health",
      BIRTH,
      [head(), spouse(), newborn()],
      ["m3"],
    ],
  ];
}

function marriageCases(): Case[] {
  return [
    ["koseki.marriage lists the partners", "koseki.marriage", MARRIAGE, [head(), spouse()], ["m1", "m2"]],
    [
      "koseki.marriage is not listed when already registered",
      "koseki.marriage",
      { ...MARRIAGE, marriageRegistered: true },
      [head(), spouse()],
      null,
    ],
    [
      "juki.household-merge lists the household when two households become one",
      "juki.household-merge",
      { ...MARRIAGE, householdsMerge: true },
      [head(), spouse(), kid("m3", grade5)],
      ["m1", "m2", "m3"],
    ],
    [
      "juki.household-merge is not listed otherwise",
      "juki.household-merge",
      MARRIAGE,
      [head(), spouse()],
      null,
    ],
    [
      "mynumber.name-change lists a member whose surname changes and who has a card",
      "mynumber.name-change",
      { ...MARRIAGE, surnameChanges: ["m2", "m3"] },
      [head(), spouse({ myNumberCard: true }), kid("m3", grade5)],
      ["m2"],
    ],
    [
      "inkan.register lists a member of 15 or over whose surname changes and whose seal is registered",
      "inkan.register",
      { ...MARRIAGE, surnameChanges: ["m2", "m3"] },
      [
        head({ sealRegistered: true }),
        spouse({ sealRegistered: true }),
        kid("m3", turns14Tomorrow, { sealRegistered: true }),
      ],
      ["m2"],
    ],
    [
      "kokuho.enroll lists a member who leaves employee insurance for National Health Insurance",
      "kokuho.enroll",
      MARRIAGE,
      [head({ insurance: "kokuho" }), spouse({ insurance: "kokuho", previousInsurance: "employee" })],
      ["m2"],
    ],
    [
      "kokuho.withdraw lists a member who leaves National Health Insurance for an employer's",
      "kokuho.withdraw",
      MARRIAGE,
      [head(), spouse({ insurance: "employee", previousInsurance: "kokuho" })],
      ["m2"],
    ],
    [
      "nenkin.category-change lists a member who goes from cat3 to cat1",
      "nenkin.category-change",
      MARRIAGE,
      [head({ pension: "cat2" }), spouse({ pension: "cat1", previousPension: "cat3" })],
      ["m2"],
    ],
    [
      "nenkin.cat3-guidance lists a member who goes from cat1 to cat3",
      "nenkin.cat3-guidance",
      MARRIAGE,
      [head({ pension: "cat2" }), spouse({ pension: "cat3", previousPension: "cat1" })],
      ["m2"],
    ],
    [
      "jido-fuyo.terminate lists a partner who receives the allowance",
      "jido-fuyo.terminate",
      MARRIAGE,
      [head(), spouse({ benefits: ["childRearingAllowance"] }), kid("m3", grade5)],
      ["m2"],
    ],
    [
      "hitorioya-iryo.withdraw lists a partner who holds it",
      "hitorioya-iryo.withdraw",
      MARRIAGE,
      [head(), spouse({ benefits: ["singleParentMedical"] }), kid("m3", grade5)],
      ["m2"],
    ],
  ];
}

function divorceCases(): Case[] {
  return [
    ["koseki.divorce lists the partners", "koseki.divorce", DIVORCE, [head(), spouse()], ["m1", "m2"]],
    [
      "koseki.divorce is not listed when already registered",
      "koseki.divorce",
      { ...DIVORCE, divorceRegistered: true },
      [head(), spouse()],
      null,
    ],
    [
      "koseki.keep-surname lists the members keeping the married surname",
      "koseki.keep-surname",
      { ...DIVORCE, keepSurname: ["m2"] },
      [head(), spouse()],
      ["m2"],
    ],
    [
      "juki.head-change lists the remaining members when the head leaves and two of 15 or over remain",
      "juki.head-change",
      DIVORCE,
      [head(), spouse(), kid("m3", turns15)],
      ["m2", "m3"],
    ],
    [
      "juki.head-change is not listed when a parent remains with children under 15",
      "juki.head-change",
      DIVORCE,
      [head(), spouse(), kid("m3", turns14Tomorrow)],
      null,
    ],
    [
      "mynumber.name-change lists a member whose surname changes back and who has a card",
      "mynumber.name-change",
      { ...DIVORCE, surnameChanges: ["m2"] },
      [head({ myNumberCard: true }), spouse({ myNumberCard: true })],
      ["m2"],
    ],
    [
      "kokuho.enroll lists the custodian and children leaving the other's employee insurance",
      "kokuho.enroll",
      DIVORCE,
      [
        head(),
        spouse({ insurance: "kokuho", previousInsurance: "employee" }),
        kid("m3", grade5, { insurance: "kokuho", previousInsurance: "employee" }),
      ],
      ["m2", "m3"],
    ],
    [
      "jidoteate.claim lists the children when the custodian does not yet receive the allowance",
      "jidoteate.claim",
      DIVORCE,
      [head({ benefits: ["childAllowance"] }), spouse(), kid("m3", grade5), kid("m4", grade13)],
      ["m3"],
    ],
    [
      "jidoteate.claim is not listed when the custodian already receives it",
      "jidoteate.claim",
      DIVORCE,
      [head(), spouse({ benefits: ["childAllowance"] }), kid("m3", grade5)],
      null,
    ],
    [
      "jidoteate.claim is not listed when the custodian is a public servant",
      "jidoteate.claim",
      DIVORCE,
      [head(), spouse({ publicServant: true }), kid("m3", grade5)],
      null,
    ],
    [
      "jidoteate.terminate lists the partner who does not keep the children and received the allowance",
      "jidoteate.terminate",
      DIVORCE,
      [head({ benefits: ["childAllowance"] }), spouse(), kid("m3", grade5)],
      ["m1"],
    ],
    [
      "jido-fuyo.claim lists the custodian of children",
      "jido-fuyo.claim",
      DIVORCE,
      [head(), spouse(), kid("m3", grade5)],
      ["m2"],
    ],
    [
      "jido-fuyo.claim is not listed without children of allowance age",
      "jido-fuyo.claim",
      DIVORCE,
      [head(), spouse(), kid("m3", grade13)],
      null,
    ],
    [
      "jido-fuyo.claim is not listed without a custodian",
      "jido-fuyo.claim",
      { type: "divorce", partners: ["m1", "m2"] },
      [head(), spouse(), kid("m3", grade5)],
      null,
    ],
    [
      "hitorioya-iryo.enroll lists the custodian of children",
      "hitorioya-iryo.enroll",
      DIVORCE,
      [head(), spouse(), kid("m3", grade5)],
      ["m2"],
    ],
    [
      "hitorioya-iryo.enroll is not listed when the custodian already holds it",
      "hitorioya-iryo.enroll",
      DIVORCE,
      [head(), spouse({ benefits: ["singleParentMedical"] }), kid("m3", grade5)],
      null,
    ],
    [
      "inkan.register lists a member whose surname changes back and whose seal is registered",
      "inkan.register",
      { ...DIVORCE, surnameChanges: ["m2"] },
      [head(), spouse({ sealRegistered: true })],
      ["m2"],
    ],
    [
      "kokuho.withdraw lists a member who joins an employer's insurance at the divorce",
      "kokuho.withdraw",
      DIVORCE,
      [head(), spouse({ insurance: "employee", previousInsurance: "kokuho" })],
      ["m2"],
    ],
    [
      "nenkin.category-change lists the dependant spouse who becomes cat1",
      "nenkin.category-change",
      DIVORCE,
      [head({ pension: "cat2" }), spouse({ pension: "cat1", previousPension: "cat3" })],
      ["m2"],
    ],
    [
      "nenkin.cat3-guidance lists a member who becomes a dependant",
      "nenkin.cat3-guidance",
      DIVORCE,
      [head({ pension: "cat2" }), spouse({ pension: "cat3", previousPension: "cat1" })],
      ["m2"],
    ],
  ];
}

describe("each catalogue row", () => {
  it.each(cases)("%s", (_, id, event, members, expected, extra = {}, municipality = "national") => {
    expect(membersOf(plan(event, members, extra, municipality), id)).toEqual(expected);
  });

  it("is covered by at least one case that selects it", () => {
    const selected = new Set(cases.filter((c) => c[4] !== null).map((c) => c[1]));
    expect(
      getCatalog()
        .procedures.filter((p) => !selected.has(p.id))
        .map((p) => p.id),
    ).toEqual([]);
  });
});

describe("deadlines", () => {
  const p = plan({ ...DEATH }, [
    head({ insurance: "kokuho", benefits: ["childAllowance"], myNumberCard: true }),
    spouse(),
    kid("m3", grade5),
  ]);
  const deadline = (id: string) => p.procedures.find((item) => item.id === id)?.deadline;

  it.each<[string, string | null, string]>([
    ["koseki.death", "2026-04-12", "7 days counting the day of death (戸籍法 §43)"],
    ["kokuho.withdraw", "2026-04-20", "14 days not counting the first day (民法 §140)"],
    ["jidoteate.claim", "2026-04-21", "15 days (児童手当法)"],
    ["kokuho.funeral-benefit", null, "none while the funeral date is not known"],
    ["mynumber.return", null, "none"],
  ])("give %s the last day %s: %s", (id, expected) => {
    expect(deadline(id)).toBe(expected);
  });

  it("give 30 days for a dog's registration", () => {
    expect(
      plan(WITHIN, [head({ owns: ["dog"] })]).procedures.find((i) => i.id === "inu.registration-change")
        ?.deadline,
    ).toBe("2026-05-06");
  });

  it("end a two-year period from 29 February on 28 February", () => {
    const result = parseHousehold({
      event: { type: "death", date: "2024-02-27", subject: "m1", funeralDate: "2024-02-29" },
      members: [head({ insurance: "kokuho" })],
    });
    if (!result.ok) throw new Error("refused");
    const item = planGuidance(result.household, getMunicipalitySettings("national")).procedures.find(
      (i) => i.id === "kokuho.funeral-benefit",
    );
    expect(item?.deadline).toBe("2026-02-28");
  });
});

describe("a plan", () => {
  it("lists procedures in catalogue order and members in input order", () => {
    const p = plan(IN, [
      kid("m3", grade5),
      head({ insurance: "kokuho", myNumberCard: true }),
      spouse({ myNumberCard: true }),
    ]);
    const order = getCatalog().procedures.map((e) => e.id);
    const ids = p.procedures.map((i) => i.id);
    expect(ids).toEqual([...ids].sort((a, b) => order.indexOf(a) - order.indexOf(b)));
    expect(p.procedures[0]?.members).toEqual(["m3", "m1", "m2"]);
    expect(membersOf(p, "mynumber.address-update")).toEqual(["m1", "m2"]);
  });

  it("carries exactly the keys of the CLI contract", () => {
    for (const item of plan(IN, [head()]).procedures) {
      expect(Object.keys(item)).toEqual([
        "id",
        "name",
        "department",
        "handling",
        "members",
        "deadline",
        "due",
        "reasons",
      ]);
    }
  });

  it("gives the Japanese name, department id and handling of each procedure", () => {
    const item = plan(DEATH, [head({ pensionRecipient: true })]).procedures.find(
      (i) => i.id === "nenkin.death-report",
    );
    expect(item).toEqual(
      expect.objectContaining({
        name: "年金受給者死亡届・未支給年金",
        department: "external",
        handling: "guidance",
      }),
    );
  });

  it("explains each procedure by the fact of the member that selected it", () => {
    const p = plan({ ...DEATH, funeralHost: "m2" }, [
      head({ name: "熊本 太郎", insurance: "kokuho", benefits: ["childAllowance"] }),
      spouse({ name: "熊本 花子" }),
      elder("m4", { name: "熊本 梅", insurance: "kouki" }),
      kid("m3", grade5),
    ]);
    const reasons = (id: string) => inJapanese(p.procedures.find((i) => i.id === id)?.reasons);
    expect(p.procedures.find((i) => i.id === "jidoteate.claim")?.reasons).toEqual([
      { code: "guidance.reason.deceasedWas", params: { facts: "benefit:childAllowance" } },
      { code: "guidance.reason.countWith", params: { scope: "remaining", facts: "age:18-", min: 1 } },
      {
        code: "guidance.reason.members",
        params: { scope: "remaining", facts: "stage:childAllowanceAge", member1: "m3" },
      },
    ]);
    expect(reasons("jidoteate.claim")).toEqual([
      "亡くなった方が児童手当を受給中だったため",
      "世帯に残る方に18歳以上の方がいるため",
      "3人目の方が世帯に残り、児童手当の対象年齢（高校生年代まで）のため",
    ]);
    expect(reasons("juki.head-change")).toEqual([
      "亡くなった方が世帯主だったため",
      "世帯に残る方に15歳以上の方が2人以上いるため",
      "熊本 花子さん、熊本 梅さん、3人目の方が世帯に残るため",
    ]);
    expect(reasons("kokuho.funeral-benefit")).toEqual([
      "熊本 太郎さんが亡くなり、国民健康保険に加入中だったため",
      "申請するのは、葬儀を行った熊本 花子さん（喪主）です",
    ]);
    expect(p.procedures.find((i) => i.id === "kokuho.funeral-benefit")?.reasons[1]).toEqual({
      code: "guidance.reason.claimant",
      params: { member1: "m2", name1: "熊本 花子" },
    });
  });

  it("names only the alternatives that hold for each member", () => {
    const p = plan(WITHIN, [head({ careLevel: "care1" }), elder("m2")]);
    expect(inJapanese(p.procedures.find((i) => i.id === "kaigo.update")?.reasons)).toEqual([
      "1人目の方が転居し、要介護・要支援の認定済みのため",
      "2人目の方が転居し、65歳以上のため",
    ]);
  });

  it("lists only the death notification when the deceased had nothing else to close", () => {
    expect(plan(DEATH, [head()], { answers: { note: "x" } }).procedures.map((i) => i.id)).toEqual([
      "koseki.death",
    ]);
  });

  it("lists nothing when nobody in a move moves", () => {
    expect(plan(WITHIN, [head({ moving: false, owns: ["dog"] })]).procedures).toEqual([]);
  });
});

describe("municipality settings", () => {
  it("turn a procedure the municipality does not take at its counter into guidance", () => {
    const at = (m: string) =>
      plan(OUT, [head({ owns: ["moped"] })], {}, m).procedures.find((i) => i.id === "keiji.moped")?.handling;
    expect(at("kumamoto")).toBe("one-stop");
    expect(at("yatsushiro")).toBe("guidance");
  });

  it("apply local names and append local procedures after the catalogue", () => {
    const settings = checkSettings(
      {
        id: "test-town",
        code: null,
        name: { ja: "テスト町", en: "Test Town" },
        childMedicalGradeLimit: 12,
        departmentLabels: getMunicipalitySettings("national").departmentLabels,
        procedureNames: { "juki.move-in": { ja: "転入届（テスト町）", en: "Moving in (Test Town)" } },
        localProcedures: [
          {
            id: "local.gomi-guide",
            name: { ja: "ごみの出し方のご案内", en: "How to put out rubbish" },
            easy: { ja: "ごみを出す日を案内します。", en: "Explains the collection days." },
            department: "resident",
            handling: "guidance",
            rules: [{ events: ["move-in"], members: { scope: "moving", where: [{ fact: "age", min: 18 }] } }],
            deadline: { kind: "days", days: 14, basis: "civil" },
            documents: [],
            legalBasis: ["町の廃棄物条例"],
          },
        ],
      },
      getCatalog(),
      "test-town",
    );
    const result = parseHousehold({
      event: { type: "move-in", date: D },
      members: [head(), kid("m2", grade5)],
    });
    if (!result.ok) throw new Error("refused");
    const p = planGuidance(result.household, settings);
    expect(p.procedures[0]?.name).toBe("転入届（テスト町）");
    expect(p.procedures.at(-1)).toEqual({
      id: "local.gomi-guide",
      name: "ごみの出し方のご案内",
      department: "resident",
      handling: "guidance",
      members: ["m1"],
      deadline: "2026-04-20",
      due: "2026-04-20",
      reasons: [
        { code: "guidance.reason.members", params: { scope: "moveIn", facts: "age:18-", member1: "m1" } },
      ],
    });
    expect(inJapanese(p.procedures.at(-1)?.reasons)).toEqual(["1人目の方が転入し、18歳以上のため"]);
  });

  it("list a member selected by two rules of one procedure once, in input order", () => {
    const entry = {
      name: { ja: "地域の案内", en: "Local guide" },
      easy: { ja: "地域の案内です。", en: "A local guide." },
      department: "resident",
      handling: "guidance",
      deadline: null,
      documents: [],
      legalBasis: ["町の要綱"],
    };
    const settings = checkSettings(
      {
        id: "test-town",
        code: null,
        name: { ja: "テスト町", en: "Test Town" },
        childMedicalGradeLimit: 12,
        departmentLabels: getMunicipalitySettings("national").departmentLabels,
        localProcedures: [
          {
            ...entry,
            id: "local.two-rules",
            rules: [
              {
                events: ["move-in"],
                members: { scope: "moving", where: [{ fact: "flag", name: "myNumberCard" }] },
              },
              { events: ["move-in"], members: { scope: "moving", where: [{ fact: "age", min: 18 }] } },
            ],
          },
          {
            ...entry,
            id: "local.everyone",
            rules: [{ events: ["move-in"], members: { scope: "household" } }],
          },
        ],
      },
      getCatalog(),
      "test-town",
    );
    const result = parseHousehold({
      event: { type: "move-in", date: D },
      members: [kid("m3", grade5, { myNumberCard: true }), head({ myNumberCard: true }), spouse()],
    });
    if (!result.ok) throw new Error("refused");
    const items = planGuidance(result.household, settings).procedures.slice(-2);
    expect(items.map((i) => [i.id, i.members])).toEqual([
      ["local.two-rules", ["m3", "m1", "m2"]],
      ["local.everyone", ["m3", "m1", "m2"]],
    ]);
    expect(inJapanese(items[0]?.reasons)).toEqual([
      "3人目の方、1人目の方が転入し、マイナンバーカードをお持ちのため",
      "1人目の方、2人目の方が転入し、18歳以上のため",
    ]);
    expect(inJapanese(items[1]?.reasons)).toEqual(["3人目の方、1人目の方、2人目の方が対象のため"]);
  });
});

describe("due: the day the office really accepts it", () => {
  const dueOf = (event: Raw, members: Raw[], id: string, date = D) => {
    const result = parseHousehold({ event: { date, ...event }, members });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const item = planGuidance(result.household, getMunicipalitySettings("kumamoto")).procedures.find(
      (i) => i.id === id,
    );
    return { deadline: item?.deadline, due: item?.due };
  };

  it.each<[string, Raw, Raw[], string, string, string, string]>([
    [
      "a 出生届 whose 14th day (counting the birth) is a Sunday",
      BIRTH,
      [head(), spouse(), newborn()],
      "koseki.birth",
      D,
      "2026-04-19",
      "2026-04-20",
    ],
    [
      "a move-in whose deadline is a 振替休日 in Golden Week",
      IN,
      [head()],
      "juki.move-in",
      "2026-04-22",
      "2026-05-06",
      "2026-05-07",
    ],
    [
      "a move-in whose deadline is 31 December",
      IN,
      [head()],
      "juki.move-in",
      "2026-12-17",
      "2026-12-31",
      "2027-01-04",
    ],
    ["a move-in whose deadline is a weekday", IN, [head()], "juki.move-in", D, "2026-04-20", "2026-04-20"],
    [
      "a court divorce: 10 days counting the day it became final",
      { ...DIVORCE, divorceType: "court" },
      [head(), spouse()],
      "koseki.divorce",
      D,
      "2026-04-15",
      "2026-04-15",
    ],
    [
      "婚氏続称 from 10 January: 10 April, a Saturday",
      { ...DIVORCE, keepSurname: ["m2"] },
      [head(), spouse()],
      "koseki.keep-surname",
      "2027-01-10",
      "2027-04-10",
      "2027-04-12",
    ],
    [
      "婚氏続称 from 30 November: the end of February, a Sunday",
      { ...DIVORCE, keepSurname: ["m2"] },
      [head(), spouse()],
      "koseki.keep-surname",
      "2026-11-30",
      "2027-02-28",
      "2027-03-01",
    ],
    [
      "婚氏続称 from 28 February: three whole months from 1 March (民法 §143)",
      { ...DIVORCE, keepSurname: ["m2"] },
      [head(), spouse()],
      "koseki.keep-surname",
      "2027-02-28",
      "2027-05-31",
      "2027-05-31",
    ],
    [
      "葬祭費: two years from the day after the funeral",
      { ...DEATH, funeralDate: "2026-04-08" },
      [head({ insurance: "kokuho" })],
      "kokuho.funeral-benefit",
      D,
      "2028-04-08",
      "2028-04-10",
    ],
  ])("%s", (_, event, members, id, date, deadline, due) => {
    expect(dueOf(event, members, id, date)).toEqual({ deadline, due });
  });

  it("gives a 協議離婚's 離婚届 no deadline and no due", () => {
    expect(dueOf(DIVORCE, [head(), spouse()], "koseki.divorce")).toEqual({ deadline: null, due: null });
  });

  it("gives 葬祭費 none while the funeral date is not known", () => {
    expect(dueOf(DEATH, [head({ insurance: "kokuho" })], "kokuho.funeral-benefit")).toEqual({
      deadline: null,
      due: null,
    });
  });

  it("moves a deadline past a municipality's own closed day", () => {
    const result = parseHousehold({ event: { type: "move-in", date: D }, members: [head()] });
    if (!result.ok) throw new Error("refused");
    const settings = { ...getMunicipalitySettings("national"), closedDates: ["2026-04-20"] };
    const item = planGuidance(result.household, settings).procedures.find((i) => i.id === "juki.move-in");
    expect(item).toMatchObject({ deadline: "2026-04-20", due: "2026-04-21" });
  });
});
