import type { MessageParams } from "../shared/locale";

/**
 * Expected failures of form rendering, each with a stable code and the list a person needs to act:
 * which characters cannot be printed, which answers are wrong, which template is broken.
 */

/** A character the font cannot draw, with every place it was to be printed. */
export interface MissingGlyph {
  /** The character as written (a base character and its variation selector for an IVS). */
  char: string;
  /** "U+20BB7", or "U+845B U+E0101" for a variation sequence. */
  codePoints: string;
  /** The field key (or `label` for a template's own text). */
  field: string;
  /** The member whose value it is, for member fields. */
  memberId?: string;
  procedureIds: string[];
}

export class MissingGlyphsError extends Error {
  readonly code = "forms.missing-glyphs";
  constructor(readonly missing: readonly MissingGlyph[]) {
    super(
      `The font cannot draw ${missing.length} character(s): ${missing
        .map((m) => `${m.char} (${m.codePoints}) in ${m.field}${m.memberId ? ` of ${m.memberId}` : ""}`)
        .join(", ")}`,
    );
    this.name = "MissingGlyphsError";
  }
}

/** One answer that failed its field's validation. */
export interface AnswerProblem {
  /** "answers.bankCode" or "answers.previousSchool.m3". */
  path: string;
  key: string;
  memberId?: string;
  /** The message id (`forms.answerInvalid` …) in locales/<lang>/forms.json, with its parameters. */
  code: string;
  params: MessageParams;
  /** The same text in Japanese and English, for callers that do not format catalogue messages. */
  ja: string;
  en: string;
}

export class InvalidAnswersError extends Error {
  readonly code = "forms.invalid-answers";
  constructor(readonly problems: readonly AnswerProblem[]) {
    super(problems.map((p) => `${p.path}: ${p.en}`).join("; "));
    this.name = "InvalidAnswersError";
  }
}

export class TemplateError extends Error {
  readonly code = "forms.template-invalid";
  constructor(
    readonly source: string,
    readonly problems: readonly string[],
  ) {
    super(`${source}: ${problems.join("; ")}`);
    this.name = "TemplateError";
  }
}

/** The signature image is empty or not a PNG: nothing can be stamped. */
export class InvalidSignatureError extends Error {
  readonly code = "forms.invalid-signature";
  constructor(readonly detail: string) {
    super(`The signature is not a usable PNG: ${detail}`);
    this.name = "InvalidSignatureError";
  }
}
