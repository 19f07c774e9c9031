import type { Db } from "../db/database";
import { type FieldDefinition, fieldByKey, type InterviewQuestion } from "../forms/field-dictionary";
import { acceptVisit } from "../visits/accept-visit";
import { moveVisit } from "../visits/move-visit";
import { saveAnswers } from "../visits/save-answers";
import { setHousehold } from "../visits/set-household";
import { signVisit } from "../visits/sign-visit";
import { verifyIdentity } from "../visits/verify-identity";
import { type VisitRow, visitRepository } from "../visits/visit.repository";
import { unansweredQuestions, visitFormInputs } from "../visits/visit-forms";
import type { StaffScope } from "../visits/visit-scope";
import { demoSignatureDataUrl } from "./demo-signature";

/** The simulator's seeded generator: every choice here draws from it, so a seed gives one history. */
export interface Rnd {
  next(): number;
}

export interface DriveDemoVisitOptions {
  scope: StaffScope;
  visitId: string;
  /** The ticket's purpose code: `bereavement` gives a death, anything else a move. */
  purposeCode: string;
  /** The Japan date of the visit (YYYY-MM-DD): event dates are drawn around it. */
  day: string;
  /** Service start and end: the visit's steps happen at instants spread between them. */
  from: Date;
  to: Date;
  rnd: Rnd;
  /** Take the visit through acceptance (forms rendered, applications stored); else it is cancelled. */
  accept: boolean;
}

export type DemoVisitOutcome = "accepted" | "cancelled";

const pick = <T>(rnd: Rnd, list: readonly T[]): T => list[Math.floor(rnd.next() * list.length)] as T;

type Name = readonly [string, string];
const families: readonly Name[] = [
  ["熊本", "クマモト"],
  ["𠮷田", "ヨシダ"],
  ["髙橋", "タカハシ"],
  ["山﨑", "ヤマサキ"],
  ["中村", "ナカムラ"],
  ["田中", "タナカ"],
  ["松本", "マツモト"],
  ["井上", "イノウエ"],
  ["渡邉", "ワタナベ"],
  ["坂本", "サカモト"],
];
const men: readonly Name[] = [
  ["太郎", "タロウ"],
  ["健", "ケン"],
  ["修", "オサム"],
  ["一郎", "イチロウ"],
  ["翔", "ショウ"],
];
const women: readonly Name[] = [
  ["花子", "ハナコ"],
  ["美咲", "ミサキ"],
  ["和子", "カズコ"],
  ["葵", "アオイ"],
  ["陽菜", "ヒナ"],
];

/** A Japan date `days` after (or before, when negative) `day`. */
function shift(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const yearsBefore = (day: string, years: number, rnd: Rnd) =>
  shift(day, -Math.round(years * 365.25) - Math.floor(rnd.next() * 300));

/**
 * A plausible synthetic household in the guidance input's shape (household.schema.json): a move-in,
 * a move within the city or a move-out for a move; a death (the head, the spouse hosting the funeral)
 * for a bereavement. Names and dates are drawn from `rnd`; no real person is described.
 */
export function demoHousehold(purposeCode: string, day: string, rnd: Rnd): Record<string, unknown> {
  const [family, familyKana] = pick(rnd, families);
  const member = (id: string, relation: string, sex: "male" | "female", age: number, extra = {}) => {
    const [given, givenKana] = pick(rnd, sex === "male" ? men : women);
    return {
      id,
      relation,
      name: `${family} ${given}`,
      kana: `${familyKana} ${givenKana}`,
      sex,
      birthDate: yearsBefore(day, age, rnd),
      ...extra,
    };
  };
  if (purposeCode === "bereavement") {
    const age = 70 + Math.floor(rnd.next() * 20);
    return {
      event: {
        type: "death",
        date: shift(day, -1 - Math.floor(rnd.next() * 7)),
        subject: "m1",
        funeralHost: "m2",
        deathRegistered: true,
      },
      members: [
        member("m1", "head", "male", age, {
          insurance: "kouki",
          pensionRecipient: true,
          myNumberCard: rnd.next() < 0.7,
        }),
        member("m2", "spouse", "female", age - 3, {
          insurance: age - 3 >= 75 ? "kouki" : "kokuho",
          pensionRecipient: true,
        }),
      ],
    };
  }
  const r = rnd.next();
  const type = purposeCode === "moveout" || r < 0.2 ? "move-out" : r < 0.4 ? "move-within" : "move-in";
  const insurance = rnd.next() < 0.6 ? "employee" : "kokuho";
  const head = member("m1", "head", "male", 25 + Math.floor(rnd.next() * 30), {
    insurance,
    pension: insurance === "employee" ? "cat2" : "cat1",
    myNumberCard: rnd.next() < 0.8,
    ...(type === "move-out" ? {} : { moving: true }),
  });
  const members: Record<string, unknown>[] = [head];
  const size = rnd.next() < 0.4 ? 1 : rnd.next() < 0.5 ? 2 : 3;
  if (size >= 2)
    members.push(
      member("m2", "spouse", "female", 25 + Math.floor(rnd.next() * 25), {
        insurance,
        pension: insurance === "employee" ? "cat3" : "cat1",
        ...(type === "move-out" ? {} : { moving: true }),
      }),
    );
  if (size >= 3)
    members.push(
      member("m3", "child", rnd.next() < 0.5 ? "male" : "female", 1 + Math.floor(rnd.next() * 12), {
        insurance,
        ...(type === "move-out" ? {} : { moving: true }),
      }),
    );
  const event =
    type === "move-in"
      ? {
          type,
          date: shift(day, -Math.floor(rnd.next() * 10)),
          origin: "other-municipality",
          crossPrefecture: rnd.next() < 0.4,
        }
      : type === "move-out"
        ? { type, date: shift(day, 1 + Math.floor(rnd.next() * 14)), destination: "other-municipality" }
        : { type, date: shift(day, -Math.floor(rnd.next() * 10)) };
  return { event, members };
}

// Candidate answers by field type, tried in order against the field's own schema: the first it takes
// is the answer. Plausible values of the right form, all made up.
const candidates: Record<FieldDefinition["type"], string[]> = {
  text: ["熊本市中央区手取本町1-1", "ABC-1234", "12345"],
  kana: ["クマモト タロウ"],
  date: [],
  postalCode: ["8600001"],
  phone: ["0963281111"],
  digits: Array.from({ length: 12 }, (_, i) => "123456789012".slice(0, i + 1)),
  choice: [],
  member: [],
  integer: ["1", "50", "2"],
};

function answerFor(
  q: InterviewQuestion,
  household: { event: { date: string }; members: Array<{ id: string }> },
  rnd: Rnd,
): string | undefined {
  const field = fieldByKey.get(q.key);
  const options =
    q.type === "choice"
      ? [pick(rnd, q.options ?? []).value, ...(q.options ?? []).map((o) => o.value)]
      : q.type === "member"
        ? [household.members[0]?.id ?? "m1"]
        : q.type === "date"
          ? [household.event.date]
          : candidates[q.type];
  return options.find((value) => value !== undefined && field?.schema?.safeParse(value).success !== false);
}

/**
 * Answers every question the plan's forms ask, including the ones an earlier answer brings up
 * (a few rounds until nothing is left unanswered).
 */
export function demoAnswers(visit: VisitRow, rnd: Rnd): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (let round = 0; round < 5; round++) {
    const inputs = visitFormInputs({ ...visit, answers });
    const missing = unansweredQuestions(inputs);
    if (missing.length === 0) break;
    for (const q of missing) {
      const value = answerFor(q, inputs.household, rnd);
      if (value === undefined) continue;
      if (q.memberId === undefined) answers[q.key] = value;
      else answers[q.key] = { ...((answers[q.key] as Record<string, unknown>) ?? {}), [q.memberId]: value };
    }
  }
  return answers;
}

/**
 * Takes a visit opened by a call to a one-stop counter through the real visit use cases — identity,
 * household, interview, answers, signature, acceptance, closing — at instants spread over the
 * service, or cancels it (a resident who leaves, or `accept: false`). It never leaves the visit open
 * (the staff's list shows every state but closed and cancelled): when a use case refuses, the visit is
 * cancelled (or closed, once accepted) and the error is thrown on.
 */
export async function driveDemoVisit(db: Db, options: DriveDemoVisitOptions): Promise<DemoVisitOutcome> {
  const { scope, visitId, rnd } = options;
  const span = options.to.getTime() - options.from.getTime();
  // Step k of 7 at its share of the service (identity early, acceptance just before the finish).
  const when = (k: number) => new Date(options.from.getTime() + Math.round((span * k) / 7));
  let visit: VisitRow | undefined;
  let version = 0;
  const keep = (v: VisitRow) => {
    visit = v;
    version = v.version;
    return v;
  };
  const cancel = async (k: number) => {
    await moveVisit(db, { scope, visitId, version, to: "cancelled", now: when(k) });
    return "cancelled" as const;
  };
  try {
    const opened = await visitRepository(db).find(scope.municipalityId, visitId);
    if (opened?.state !== "reception") return opened?.state === "accepted" ? "accepted" : "cancelled";
    keep(opened);
    // About 5% leave before the end (a missing document, a question to settle at home).
    const leavesAt = rnd.next() < 0.05 ? 1 + Math.floor(rnd.next() * 5) : 0;
    const documents = rnd.next() < 0.8 ? ["mynumber-card"] : ["drivers-licence"];
    keep(
      await verifyIdentity(db, {
        scope,
        visitId,
        version,
        check: { documents, agent: false, agentSameHousehold: false, powerOfAttorney: false },
        now: when(1),
      }),
    );
    if (leavesAt === 1) return cancel(1);
    keep(
      await setHousehold(db, {
        scope,
        visitId,
        version,
        household: demoHousehold(options.purposeCode, options.day, rnd),
        source: "entered",
        now: when(2),
      }),
    );
    if (leavesAt === 2) return cancel(2);
    keep(await moveVisit(db, { scope, visitId, version, to: "interview", now: when(3) }));
    if (leavesAt === 3) return cancel(3);
    const answers = demoAnswers(visit as unknown as VisitRow, rnd);
    keep(await saveAnswers(db, { scope, visitId, version, answers, proceed: true, now: when(4) }));
    if (leavesAt === 4) return cancel(4);
    if (!options.accept) return cancel(4);
    keep(
      await signVisit(db, {
        scope,
        visitId,
        version,
        signature: demoSignatureDataUrl(rnd.next()),
        now: when(5),
      }),
    );
    if (leavesAt === 5) return cancel(5);
    keep(await acceptVisit(db, { scope, visitId, version, now: when(6) }));
    // An accepted visit stays in the staff's list of open visits until it is closed: the resident
    // leaves with the service's finish.
    keep(await moveVisit(db, { scope, visitId, version, to: "closed", now: when(7) }));
    return "accepted";
  } catch (error) {
    const state = (visit as VisitRow | undefined)?.state;
    if (state === "accepted") await moveVisit(db, { scope, visitId, version, to: "closed", now: when(7) });
    else if (state && state !== "cancelled" && state !== "closed") await cancel(6);
    throw error;
  }
}
