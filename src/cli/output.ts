/** How the CLI prints records: JSON with the API's field names for programs, aligned columns for people. */

/** A value as one cell: `-` for nothing, lists joined by commas. */
function cell(value: unknown): string {
  if (value === null || value === undefined || value === "") return "-";
  if (Array.isArray(value)) return value.map(cell).join(",");
  return String(value);
}

/** A header line, then one line per row, each column as wide as its widest cell. */
export function formatTable(headers: string[], rows: unknown[][]): string[] {
  const cells = [headers, ...rows.map((row) => row.map(cell))];
  const widths = headers.map((_, column) => Math.max(...cells.map((line) => (line[column] ?? "").length)));
  return cells.map((line) =>
    line
      .map((text, column) => (column === line.length - 1 ? text : text.padEnd(widths[column] ?? 0)))
      .join("  "),
  );
}

/** One record as `name  value` lines, in the record's own order, names as in its JSON. */
export function formatRecord(record: Record<string, unknown>): string[] {
  const width = Math.max(...Object.keys(record).map((name) => name.length));
  return Object.entries(record).map(([name, value]) => `${name.padEnd(width)}  ${cell(value)}`);
}

/** One JSON document on one line, for `--json`. */
export const formatJson = (value: unknown) => JSON.stringify(value);
