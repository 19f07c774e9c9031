/**
 * The card's expected failures: each a stable code `card.<reason>` with a message id in
 * locales/<lang>/card.json. The agent answers them as `{ code, params }`; the counter page words them.
 * Never a sentence, never an attribute value or the PIN in a parameter.
 */
export const cardReasons = [
  /** No PC/SC service or no reader connected. */
  "readerMissing",
  /** The reader is there but no card is in it. */
  "cardMissing",
  /** The card was taken out (or the reader unplugged) while it was being read. */
  "cardRemoved",
  /** The card does not have the 券面事項入力補助AP: not a My Number card. */
  "notMyNumberCard",
  /** params: triesLeft. The PIN was wrong; the card counts down. */
  "pinWrong",
  /** Three wrong PINs: only the municipal counter can reset it. */
  "pinLocked",
  /** The PIN typed is not 4 digits (never sent to the card). */
  "pinFormat",
  /** The card answered a status word we did not expect. params: sw (4 hex digits). */
  "unexpectedStatus",
  /** The attribute file was not the TLV the specification describes. */
  "malformedData",
  /** The agent was not paired, or its pairing is no longer valid. */
  "notPaired",
  /** The one-time pairing code is wrong or used. */
  "pairingRefused",
  /** The agent is busy with another read. */
  "busy",
] as const;
export type CardReason = (typeof cardReasons)[number];

export class CardError extends Error {
  readonly code: `card.${CardReason}`;
  constructor(
    readonly reason: CardReason,
    readonly params: Record<string, string> = {},
  ) {
    super(`card.${reason}`);
    this.name = "CardError";
    this.code = `card.${reason}`;
  }
}

export const isCardError = (error: unknown, reason?: CardReason): error is CardError =>
  error instanceof CardError && (reason === undefined || error.reason === reason);
