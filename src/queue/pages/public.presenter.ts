import type { Problem } from "../../shared/errors";
import { DEFAULT_LOCALE, type Locale, type LocaleMap } from "../../shared/locale";
import { LANGUAGES, LOCALE_CODES, residentLocales, translator } from "../../web/i18n";
import { closedRefusal } from "../issue-ticket";
import { displayPayload, type PhonePayload, type SpokenCall } from "../queue.presenters";
import type { QueueOffice } from "../queue.repository";
import type { Board } from "../queue-board";
import { shownWait, type WaitEstimate } from "../wait-estimate";
import type { DisplayView } from "./display.page";
import type { KioskLanguage, KioskView } from "./kiosk.page";
import type { PhoneView } from "./phone.page";
import type { ReceiptView } from "./receipt.page";

/** The languages a municipality offers its residents, in display order (its `languages` setting). */
export const offeredLocales = (municipalityId: string): readonly Locale[] => residentLocales(municipalityId);

/** A locale code from a form or query, if the municipality offers it. */
export function offeredLocale(
  value: string | undefined | null,
  offered: readonly Locale[],
): Locale | undefined {
  if (!value) return undefined;
  return offered.find((l) => l.toLowerCase() === value.trim().toLowerCase());
}

/** The Japanese sentence the display speaks for a call (its captions are built in the browser). */
export const spokenCall: SpokenCall = (number, counter) =>
  translator(DEFAULT_LOCALE)("queue.displayAnnouncement", { number: String(number), counter });

const kioskPath = (officeId: string, lang: Locale, printer: boolean) =>
  `/queue/offices/${officeId}/kiosk?lang=${encodeURIComponent(lang)}${printer ? "&printer=1" : ""}`;

export function kioskLanguages(
  officeId: string,
  offered: readonly Locale[],
  current: Locale,
  printer = false,
): KioskLanguage[] {
  return LANGUAGES.filter((l) => offered.includes(l.code)).map((l) => ({
    code: l.code,
    name: l.name,
    href: kioskPath(officeId, l.code, printer),
    current: l.code === current,
  }));
}

const sameProblem = (a: Problem, b: Problem) =>
  a.code === b.code && JSON.stringify(a.params ?? {}) === JSON.stringify(b.params ?? {});

export function kioskView(p: {
  office: QueueOffice;
  board: Board;
  lang: Locale;
  offered: readonly Locale[];
  problems: readonly Problem[];
  csrfToken: string;
  now: Date;
  printer?: boolean;
}): KioskView {
  const closed = closedRefusal(p.now, p.office)?.problems ?? [];
  return {
    officeId: p.office.officeId,
    officeName: p.office.name,
    languages: kioskLanguages(p.office.officeId, p.offered, p.lang, p.printer ?? false),
    printer: p.printer ?? false,
    purposes: p.board.purposes.map((x) => ({
      id: x.id,
      labels: x.labels,
      waiting: x.waiting,
      wait: shownWait(x.estimate),
    })),
    closed,
    // A refused issue on a closed day says what the closed kiosk says: once is enough.
    problems: p.problems.filter((x) => !closed.some((y) => sameProblem(x, y))),
    csrfToken: p.csrfToken,
  };
}

/** Seconds before a kiosk receipt returns to the start, and how long before that it warns. */
export const RECEIPT_RETURN_SECONDS = 90;
export const RECEIPT_WARN_SECONDS = 20;

export function receiptView(p: {
  office: QueueOffice;
  /** The ticket's place on its lane at issue (counted there, not from a board). */
  place: { ahead: number; estimate: WaitEstimate };
  ticket: { id: string; number: number; issuedAt: Date };
  purpose: LocaleMap;
  phoneUrl: string;
  qrSvg: string;
  backUrl: string;
  autoReturn: boolean;
  autoPrint: boolean;
}): ReceiptView {
  return {
    officeName: p.office.name,
    number: p.ticket.number,
    purpose: p.purpose,
    issuedAt: p.ticket.issuedAt,
    ahead: p.place.ahead,
    wait: shownWait(p.place.estimate),
    phoneUrl: p.phoneUrl,
    qrSvg: p.qrSvg,
    backUrl: p.backUrl,
    autoReturn: p.autoReturn,
    autoPrint: p.autoPrint,
    returnSeconds: RECEIPT_RETURN_SECONDS,
    warnSeconds: RECEIPT_WARN_SECONDS,
  };
}

/** The display's captions: the office's choice, among the languages that have catalogues. */
export function displayView(office: QueueOffice, board: Board): DisplayView {
  return {
    officeId: office.officeId,
    officeName: office.name,
    captions: office.displayCaptions.filter((l) => l !== DEFAULT_LOCALE && LOCALE_CODES.includes(l)),
    board: displayPayload(board, null, spokenCall),
  };
}

export function phoneView(p: {
  token: string;
  purpose: LocaleMap | undefined;
  payload: PhonePayload;
  languages: readonly Locale[];
}): PhoneView {
  return { token: p.token, purpose: p.purpose ?? { ja: "" }, payload: p.payload, languages: p.languages };
}
