import type { CsvRow } from "./csv-source.js";
import { type DecimalMark, toDecimalComma } from "./decimal-mark.js";
import type { ColumnAt, ImportColumns } from "./import-columns.js";

/**
 * The present cells of `columns` in `row`, as [name, value] entries. An empty cell is an absent field; a
 * cell of spaces is kept, for the domain to call blank.
 */
function presentCells(row: CsvRow, columns: ColumnAt[]): [string, string][] {
  const cells: [string, string][] = [];
  for (const { name, index } of columns) {
    const value = row.fields[index];
    if (value !== undefined && value !== "") cells.push([name, value]);
  }
  return cells;
}

function buildItem(row: CsvRow, columns: ImportColumns, decimalMark: DecimalMark): Record<string, unknown> {
  const item: Record<string, unknown> = Object.fromEntries(presentCells(row, columns.item));
  if (decimalMark === "." && typeof item.price === "string") item.price = toDecimalComma(item.price);
  // fromEntries defines own properties: a column named metadata.__proto__ stays data, for the domain to refuse.
  const metadata = presentCells(row, columns.metadata);
  if (metadata.length > 0) item.metadata = Object.fromEntries(metadata);
  return item;
}

/**
 * The order document of one order's rows: the order's and the customer's fields from the first row, one item
 * per row. Values stay strings, as read (the domain accepts strings for every field), but for a price written
 * with a decimal dot when `decimalMark` is ".", which is converted to the document's decimal comma.
 */
export function buildOrderDocument(
  columns: ImportColumns,
  rows: readonly [CsvRow, ...CsvRow[]],
  trkref: string,
  decimalMark: DecimalMark = ",",
): Record<string, unknown> {
  const [first] = rows;
  return {
    trkref,
    ...Object.fromEntries(presentCells(first, columns.order)),
    customer: Object.fromEntries(presentCells(first, columns.customer)),
    order_items: rows.map((row) => buildItem(row, columns, decimalMark)),
  };
}
