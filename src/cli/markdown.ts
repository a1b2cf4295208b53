/** Markdown (GitHub-flavoured) tables for the command-line report. */

function markdownCell(value: string | number): string {
  return String(value).replaceAll('|', '\\|').replace(/\r\n|\r|\n/g, ' ');
}

/**
 * A Markdown table: a header row, a separator, one line per row, columns padded to equal width so the
 * text also reads well in a terminal. `|` in a cell is escaped and line breaks become spaces; numbers are
 * written as String(n), so format them first. Every row must have one cell per header.
 */
export function markdownTable(headers: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  if (headers.length === 0) throw new RangeError('markdownTable: at least one header is needed');
  rows.forEach((row, i) => {
    if (row.length !== headers.length) throw new RangeError(`markdownTable: row ${i} has ${row.length} cells, ${headers.length} headers given`);
  });
  const cells = [headers, ...rows].map((row) => row.map(markdownCell));
  const widths = headers.map((_, column) => Math.max(3, ...cells.map((row) => row[column]!.length)));
  const line = (row: readonly string[]) => `| ${row.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`;
  const separator = `| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |`;
  return [line(cells[0]!), separator, ...cells.slice(1).map(line)].join('\n') + '\n';
}
