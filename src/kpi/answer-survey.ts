import { randomBytes } from "node:crypto";
import type { DbOrTx } from "../db/database";
import { todayInJapan } from "../shared/dates";
import { AppError } from "../shared/errors";
import type { SurveySubject } from "./survey.repository";
import { surveyRepository } from "./survey.repository";

export const surveyLanguages = ["ja", "easy", "en"] as const;
export type SurveyLanguage = (typeof surveyLanguages)[number];

export interface AnswerSurveyOptions {
  subject: SurveySubject;
  score: number;
  comment: string | null;
  lang: SurveyLanguage;
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
  if (!subject.ended) throw new AppError("CONFLICT");
  if (!Number.isInteger(options.score) || options.score < 1 || options.score > 5)
    throw new AppError("VALIDATION");
  if (subject.answered) return "already-answered";
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
