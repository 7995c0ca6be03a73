// CSV for audit exports (RFC 4180), safe to open in a spreadsheet: a cell that begins with
// = + - @, a tab or a carriage return is prefixed with an apostrophe so it is shown as text and
// never evaluated as a formula (OWASP "CSV injection"). Pure. The export applies the same rules to
// the bytes PostgreSQL streams (copy-binary-lines.ts): change both, and the tests that compare them.
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? neutraliseCell(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: readonly (string | number | boolean | null | undefined)[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
