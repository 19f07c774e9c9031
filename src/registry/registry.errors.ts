import { type ErrorCode, type Problem, refusalCodes, refusals } from "../shared/errors";
import type { Message, MessageParams } from "../shared/locale";

/**
 * The registry's expected refusals and problems as stable codes `registry.<key>` (message ids in
 * locales/<lang>/registry.json). Nothing here is a sentence: the pages and the CLI turn codes into text.
 */
const table = {
  /** The facts were changed by someone else after the page was made. */
  staleVersion: "CONFLICT",
} as const satisfies Record<string, ErrorCode>;

/** `refuse("staleVersion")` → AppError CONFLICT with reason "registry.staleVersion". */
export const refuse = refusals("registry", table);

/**
 * Every problem the registry reports, with its parameters. Each is a key of locales/ja/registry.json
 * (checked by registry.errors.test.ts); the parameters are strings, so line numbers print as written.
 */
export const problemKeys = [
  // Search and card search. field: name | cardName | address (tooLong); name | address | birthDate | sex.
  "needCriterion",
  "invalidDate",
  "tooLong",
  "cardRequired",
  // Opening a household and editing facts. field: insurance | pension | careLevel | benefits | owns.
  "reasonRequired",
  "detailRequired",
  "editReasonRequired",
  "invalidChoice",
  // Facts against the age (age, insurance).
  "factKoukiUnder65",
  "factInsuranceOver75",
  "factPensionAge",
  // The import file (CSV layout, rows, households).
  "csvUnterminatedQuote",
  "csvMisplacedQuote",
  "csvUnknownColumn",
  "csvColumnTwice",
  "csvColumnMissing",
  "csvFieldCount",
  "csvUnknownCode",
  "csvNotFlag",
  "csvListedTwice",
  "csvEmpty",
  "csvTooLong",
  "csvResidentNoMalformed",
  "csvHouseholdNoMalformed",
  "csvUnknownRelation",
  "csvHalfWidthKana",
  "csvPrivateUse",
  "csvDamagedName",
  "csvNotKana",
  "csvBirthDateInvalid",
  "csvBirthDateFuture",
  "csvUnknownSex",
  "csvWardTooLong",
  // 本籍・筆頭者 and the foreign resident's facts (domicile.ts); field: nationality | honseki | hittousha |
  // residenceStatus | residenceCardNumber | residencePeriodEnd.
  "unknownNationality",
  "individualNumber",
  "residenceCardMalformed",
  "residencePeriodEndInvalid",
  "unknownResidenceStatus",
  "nationalWithResidence",
  "residenceStatusRequired",
  "foreignWithHonseki",
  "periodForPermanent",
  "postalCodeMalformed",
  "domicileCharacters",
  "csvDomicileColumns",
  "importNotUtf8",
  "importNotShiftJis",
  "importUnknownEncoding",
  "importEmpty",
  "importDuplicateResident",
  "importAddressDiffers",
  "importNoHead",
  "importTwoHeads",
  "importHeadsAfter",
] as const;
export type ProblemKey = (typeof problemKeys)[number];

/** Every code the registry can produce, for the test that each has text in Japanese and English. */
export const registryCodes: readonly string[] = [
  ...refusalCodes("registry", table),
  ...problemKeys.map((k) => `registry.${k}`),
];

/** A message by its registry key: `message("importNoHead", { householdNo })`. */
export const message = (key: ProblemKey, params?: MessageParams): Message => ({
  code: `registry.${key}`,
  ...(params ? { params } : {}),
});

/** A problem with a form field: `problem("birthDate", "invalidDate")`. */
export const problem = (path: string, key: ProblemKey, params?: MessageParams): Problem => ({
  path,
  ...message(key, params),
});
