/** CSV text for result tables: RFC 4180 quoting, a header row, one line per row, `\n` line ends. */

/** A cell: numbers are written with full precision (String(n), so NaN as "NaN"); null/undefined as empty. */
export type CsvValue = string | number | null | undefined;

function csvField(value: CsvValue): string {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** CSV with `columns` as the header and each row's values in that column order (missing keys are empty). */
export function toCsv(columns: readonly string[], rows: readonly Readonly<Record<string, CsvValue>>[]): string {
  const lines = [columns.map(csvField), ...rows.map((row) => columns.map((column) => csvField(row[column])))];
  return lines.map((fields) => `${fields.join(',')}\n`).join('');
}
