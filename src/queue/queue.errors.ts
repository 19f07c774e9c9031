import { AppError, type ErrorCode } from "../shared/errors";
import { type MessageKey, translator } from "../web/i18n";

/**
 * The queue's expected refusals, each with a stable reason and text for people. They are AppErrors, so
 * the one error mapper gives them a status; the queue's pages show the same text in place.
 */
const reasons = {
  closedDay: { code: "CONFLICT", key: "queueRefusalClosedDay" },
  outsideHours: { code: "CONFLICT", key: "queueRefusalOutsideHours" },
  bandExhausted: { code: "CONFLICT", key: "queueRefusalBandExhausted" },
  nothingWaiting: { code: "CONFLICT", key: "queueRefusalNothingWaiting" },
  ticketFinished: { code: "CONFLICT", key: "queueRefusalTicketFinished" },
  invalidTransition: { code: "CONFLICT", key: "queueRefusalInvalidTransition" },
  counterBusy: { code: "CONFLICT", key: "queueRefusalCounterBusy" },
  otherCounter: { code: "CONFLICT", key: "queueRefusalOtherCounter" },
  noCounter: { code: "CONFLICT", key: "queueRefusalNoCounter" },
  tokenInvalid: { code: "NOT_FOUND", key: "queueRefusalTokenInvalid" },
  tokenExpired: { code: "NOT_FOUND", key: "queueRefusalTokenExpired" },
  pauseReasonRequired: { code: "VALIDATION", key: "queueRefusalPauseReason" },
  transferTargetRequired: { code: "VALIDATION", key: "queueRefusalTransferTarget" },
} as const satisfies Record<string, { code: ErrorCode; key: MessageKey }>;

export type RefusalReason = keyof typeof reasons;

/** Parameters for both languages at once, or for each (a holiday's name differs by language). */
export type RefusalParams =
  | Record<string, string>
  | { ja: Record<string, string>; en: Record<string, string> };

const perLanguage = (params: RefusalParams | undefined) =>
  params && "ja" in params && typeof params.ja === "object"
    ? (params as { ja: Record<string, string>; en: Record<string, string> })
    : { ja: params as Record<string, string> | undefined, en: params as Record<string, string> | undefined };

export class QueueRefusal extends AppError {
  constructor(
    readonly reason: RefusalReason,
    params?: RefusalParams,
    path = "",
  ) {
    const { code, key } = reasons[reason];
    const p = perLanguage(params);
    super(code, [{ path, ja: translator("ja")(key, p.ja), en: translator("en")(key, p.en) }]);
    this.name = "QueueRefusal";
  }
}

export const refuse = (reason: RefusalReason, params?: RefusalParams, path?: string): QueueRefusal =>
  new QueueRefusal(reason, params, path);
