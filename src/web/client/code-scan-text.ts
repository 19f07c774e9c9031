// The pure part of the reception step's camera reader (code-scan.ts): what a decoded QR says, as the
// text the code field takes. Shared with its unit test; no DOM, no Node.

/** The QR of a pre-application holds `PUBLIC_URL/pre-apply/t/<token>` (docs/pre-application.md). */
const FROM_URL = /\/pre-apply\/t\/([A-Za-z0-9_-]{43})(?:[/?#]|$)/;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;
/** A short code as printed (7K3QX-9MRTD) or typed: 10 letters or digits, spaces and hyphens aside. */
const SHORT_CODE = /^[0-9A-Z]{10}$/;

/**
 * The code field's text for a decoded QR: the token of a pre-application URL (any host: the server
 * checks it), a bare token, or a short code; `undefined` for anything else (another QR held up to the
 * camera), which is never put into the field nor submitted.
 */
export function codeFromScan(decoded: string): string | undefined {
  const text = decoded.normalize("NFKC").trim();
  if (text === "" || text.length > 500) return undefined;
  const token = FROM_URL.exec(text)?.[1];
  if (token) return token;
  if (TOKEN.test(text)) return text;
  const code = text.toUpperCase().replace(/[\s-]/g, "");
  return SHORT_CODE.test(code) ? text : undefined;
}
