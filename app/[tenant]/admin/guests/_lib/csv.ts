/**
 * CSV as RFC 4180 writes it (§2: fields with a comma, quote or line break are quoted, quotes
 * doubled, records end in CRLF), plus the spreadsheet defence OWASP describes for CSV injection:
 * a cell a spreadsheet would read as a formula (starting with = + - @, or a tab or carriage
 * return that some strip first) gets a leading apostrophe, so it is shown as text and never run.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | null | undefined): string {
  let text = value ?? "";
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(cells: readonly (string | null | undefined)[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}

/** The UTF-8 byte order mark: without it, Excel reads a UTF-8 file as the system's legacy code page. */
export const UTF8_BOM = "\uFEFF";
