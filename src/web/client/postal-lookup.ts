// Postal code → the beginning of the address, and bank/branch codes → their names, while staff type.
// Progressive enhancement: without this script the fields are plain inputs and the server checks them.
//
//   <input id="postalCode" data-postal-lookup="address">   fills #address (when it is empty) with the
//                                                          prefecture, city and town of the 7 digits typed
//   <input id="bankCode" data-bank-lookup>                 shows the institution's name beside the code
//   <input id="branchCode" data-bank-lookup="bankCode">    shows the branch's name (bank code from #bankCode)
//
// What is found is said in a polite live region under the input (its aria-describedby), in the page's
// language: every sentence comes from the server's catalogues through the JSON API's `text`.

type Json = Record<string, unknown>;
interface Answer {
  ok: boolean;
  body: Json | null;
}
interface Candidate {
  town: string;
  address: string;
}

const DASHES = /[\u002D\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u30FC\uFF70\s〒]/g;
const digitsOf = (value: string): string => value.normalize("NFKC").replace(DASHES, "");
const lang = document.documentElement.lang || "ja";

let statusCount = 0;
/** The live region under an input, made at start (a region added when it speaks is often not heard). */
function statusFor(input: HTMLInputElement): HTMLElement {
  const status = document.createElement("p");
  status.className = "field__hint lookup-status";
  status.id = `${input.id || `lookup-${++statusCount}`}-lookup`;
  status.setAttribute("aria-live", "polite");
  input.insertAdjacentElement("afterend", status);
  const describedBy = input.getAttribute("aria-describedby");
  input.setAttribute("aria-describedby", describedBy ? `${describedBy} ${status.id}` : status.id);
  return status;
}

const controllers = new WeakMap<HTMLElement, AbortController>();
/** GETs a lookup; the previous one for the same field is cancelled, so an older answer never lands last. */
async function lookUp(owner: HTMLElement, path: string): Promise<Answer | null> {
  controllers.get(owner)?.abort();
  const controller = new AbortController();
  controllers.set(owner, controller);
  try {
    const res = await fetch(path, {
      headers: { accept: "application/json", "accept-language": lang },
      credentials: "same-origin",
      signal: controller.signal,
    });
    const body = (await res.json().catch(() => null)) as Json | null;
    return { ok: res.ok, body };
  } catch {
    return null; // cancelled or offline: the field stays as typed
  }
}

/** The refusal's own sentence ("郵便番号 000-0000 の住所は見つかりません…"), else the error's. */
function refusalText(body: Json | null): string {
  const error = body?.error as { text?: string; problems?: Array<{ text?: string }> } | undefined;
  return error?.problems?.[0]?.text ?? error?.text ?? "";
}

/**
 * Writes the beginning of the address and keeps the cursor after it for the 番地: a browser selects a
 * field's whole text when it is tabbed into, and the next key would replace what was filled.
 */
function fill(target: HTMLInputElement | HTMLTextAreaElement, text: string): void {
  target.value = text;
  target.dataset.postalFilled = text;
  target.dispatchEvent(new Event("input", { bubbles: true }));
}

function keepCursorAfterFill(target: HTMLInputElement | HTMLTextAreaElement): void {
  const toEnd = (): void => {
    const filled = target.dataset.postalFilled;
    if (!filled || target.value !== filled) return;
    const end = target.value.length;
    if (target.selectionStart === 0 && target.selectionEnd === end) target.setSelectionRange(end, end);
  };
  target.addEventListener("focus", () => {
    toEnd();
    window.setTimeout(toEnd, 0);
  });
}

function setUpPostal(input: HTMLInputElement): void {
  const target = document.getElementById(input.dataset.postalLookup ?? "");
  const field =
    target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement ? target : undefined;
  if (field) keepCursorAfterFill(field);
  const status = statusFor(input);
  const choices = document.createElement("ul");
  choices.className = "lookup-choices";
  choices.setAttribute("aria-labelledby", status.id);
  choices.hidden = true;
  status.insertAdjacentElement("afterend", choices);
  let asked = "";

  const clear = (): void => {
    status.textContent = "";
    choices.replaceChildren();
    choices.hidden = true;
  };

  /** The typed address may be replaced only while it is what this script wrote (or empty). */
  const untouched = (): boolean =>
    !!field && (field.value.trim() === "" || field.value === field.dataset.postalFilled);

  const showChoices = (candidates: Candidate[]): void => {
    choices.replaceChildren(
      ...candidates.map((candidate) => {
        const item = document.createElement("li");
        const button = document.createElement("button");
        button.type = "button";
        button.className = "link-button";
        button.textContent = candidate.town || candidate.address;
        button.addEventListener("click", () => {
          if (!field) return;
          if (untouched()) fill(field, candidate.address);
          field.focus();
          const end = field.value.length;
          field.setSelectionRange(end, end);
        });
        item.append(button);
        return item;
      }),
    );
    choices.hidden = candidates.length < 2;
  };

  const run = async (): Promise<void> => {
    const digits = digitsOf(input.value);
    if (!/^\d{7}$/.test(digits)) {
      asked = "";
      clear();
      return;
    }
    if (digits === asked) return;
    asked = digits;
    const answer = await lookUp(input, `/api/v1/addresses/postal/${digits}`);
    if (!answer || digitsOf(input.value) !== digits) return;
    if (!answer.ok) {
      clear();
      status.textContent = refusalText(answer.body);
      return;
    }
    const body = answer.body as { text?: string; prefix?: string; candidates?: Candidate[] };
    status.textContent = body.text ?? "";
    showChoices(body.candidates ?? []);
    if (field && body.prefix && untouched()) fill(field, body.prefix);
  };
  input.addEventListener("input", () => void run());
  input.addEventListener("change", () => void run());
}

function setUpBank(input: HTMLInputElement): void {
  const bankInputId = input.dataset.bankLookup ?? "";
  const bankInput = bankInputId ? document.getElementById(bankInputId) : null;
  // On a branch code field, the bank's code comes from its own field; on a bank code field, from itself.
  const bankField = bankInputId ? (bankInput instanceof HTMLInputElement ? bankInput : null) : input;
  if (!bankField) return;
  const isBranch = bankField !== input;
  const status = statusFor(input);
  let asked = "";

  const run = async (): Promise<void> => {
    const bank = digitsOf(bankField.value);
    const branch = isBranch ? digitsOf(input.value) : "";
    const complete = /^\d{4}$/.test(bank) && (!isBranch || /^\d{3}$/.test(branch));
    const key = `${bank}/${branch}`;
    if (!complete) {
      asked = "";
      status.textContent = "";
      return;
    }
    if (key === asked) return;
    asked = key;
    const path = isBranch ? `/api/v1/banks/${bank}/branches/${branch}` : `/api/v1/banks/${bank}`;
    const answer = await lookUp(input, path);
    if (!answer || asked !== key) return;
    if (!answer.ok) {
      status.textContent = refusalText(answer.body);
      return;
    }
    const body = answer.body as { name?: string; branch?: { name?: string } };
    status.textContent = (isBranch ? body.branch?.name : body.name) ?? "";
  };
  input.addEventListener("input", () => void run());
  if (isBranch) bankField.addEventListener("input", () => void run());
  // Codes already on the page (a form shown again) get their names at once, before the region speaks.
  status.removeAttribute("aria-live");
  void run().finally(() => status.setAttribute("aria-live", "polite"));
}

for (const input of document.querySelectorAll<HTMLInputElement>("input[data-postal-lookup]"))
  setUpPostal(input);
for (const input of document.querySelectorAll<HTMLInputElement>("input[data-bank-lookup]")) setUpBank(input);
