/**
 * A cell that starts with =, +, -, @, a tab or a carriage return is read as a formula by Excel and
 * other spreadsheets (`=HYPERLINK(…)` would run on the reader's machine): such a cell is written
 * behind an apostrophe, which the spreadsheet shows as text. One rule for every CSV we write
 * (the KPI exports and the hand-off files).
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
