import { randomBytes } from "node:crypto";
import type { DbOrTx } from "../db/database";
import { todayInJapan } from "../shared/dates";
import { AppError } from "../shared/errors";
import type { Locale } from "../shared/locale";
import { containsMyNumber, myNumberRefused } from "../shared/my-number";
import { refuse } from "./kpi.errors";
import type { SurveySubject } from "./survey.repository";
import { surveyRepository } from "./survey.repository";

/**
 * How an answer records the language it was given in: the locale code, except やさしい日本語, which
 * answers from before the six languages stored as "easy" (kept, so figures by language stay comparable).
 */
const storedAs = new Map<Locale, string>([["ja-x-easy", "easy"]]);
export const surveyLanguageCode = (locale: Locale): string => storedAs.get(locale) ?? locale;

export interface AnswerSurveyOptions {
  subject: SurveySubject;
  score: number;
  comment: string | null;
  /** The stored language code (`surveyLanguageCode`). */
  lang: string;
  channel: "tablet" | "qr";
  now: Date;
}

export type SurveyOutcome = "recorded" | "already-answered";

/**
 * Records a resident's answer, once per visit (and per ticket): a second answer for the same visit,
 * from the tablet or the QR, is refused and the first kept. Nothing about the person is stored.
 */
export async function answerSurvey(db: DbOrTx, options: AnswerSurveyOptions): Promise<SurveyOutcome> {
  const { subject } = options;
  if (!subject.ended) throw refuse("surveyNotYet");
  if (!Number.isInteger(options.score) || options.score < 1 || options.score > 5)
    throw refuse("surveyScoreRequired", undefined, "score");
  if (subject.answered) return "already-answered";
  // A comment is free text a resident types: never a 個人番号 (shared/my-number.ts).
  if (options.comment !== null && containsMyNumber(options.comment))
    throw new AppError("VALIDATION", [{ path: "comment", code: myNumberRefused }]);
  const recorded = await surveyRepository(db).insertAnswer({
    municipalityId: subject.municipalityId,
    officeId: subject.officeId,
    visitId: subject.visitId,
    ticketId: subject.ticketId,
    eventType: subject.eventType,
    score: options.score,
    comment: options.comment,
    lang: options.lang,
    channel: options.channel,
    answeredOn: todayInJapan(options.now),
    answeredAt: options.now,
  });
  return recorded ? "recorded" : "already-answered";
}

/** 128 random bits, base64url: the form of a survey link token. */
export const SURVEY_LINK_TOKEN = /^[A-Za-z0-9_-]{22}$/;

/**
 * The survey link of a visit for its guidance sheet (`/survey/s/<token>`), made once and then the same
 * on every reprint.
 */
export function surveyLinkToken(db: DbOrTx, municipalityId: string, visitId: string): Promise<string> {
  return surveyRepository(db).surveyLinkFor(municipalityId, visitId, randomBytes(16).toString("base64url"));
}
