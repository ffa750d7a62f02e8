import type { FieldError } from "../../domain/field-errors.js";
import { DEFAULT_ORDER_LIMITS } from "../../domain/order-limits.js";
import { validateOrder } from "../../domain/validate-order.js";
import type { CsvRow } from "./csv-source.js";
import type { DecimalMark } from "./decimal-mark.js";
import { CUSTOMER_COLUMNS, type ImportColumns, ORDER_COLUMNS } from "./import-columns.js";
import { buildOrderDocument } from "./order-document.js";
import type { OrderGroup } from "./order-groups.js";

/** One error of an imported order, at the row (its first line in the file) and column it is about. */
export interface RowError {
  line: number;
  /** The column's name in the header; "" for the row as a whole. */
  column: string;
  code: string;
  message: string;
}

/** One order of the file, checked: valid when `errors` is empty. */
export interface CheckedOrder {
  /** The `order_ref` cell as read ("" when empty). */
  orderRef: string;
  /** Every row of the order, as read. */
  rows: CsvRow[];
  /** The order document built from the rows; the one to send when `errors` is empty. */
  document: Record<string, unknown>;
  errors: RowError[];
}

export interface CheckOrderOptions {
  trkref: string;
  today: Date;
  /** The order's ref was seen earlier in the file, before other orders. */
  repeated: boolean;
  /** How the file writes prices' decimals; default ",", the document's own. */
  decimalMark?: DecimalMark;
}

/** Errors of the import's own, beside the domain's: the rows of one order disagree, or a row is malformed. */
export const importErrorMessages = {
  wrong_field_count: (fields: number, expected: number) =>
    `This row has ${fields} field${fields === 1 ? "" : "s"}, the header ${expected}`,
  inconsistent_value: (firstLine: number, firstValue: string) =>
    firstValue === ""
      ? `The order's first row (line ${firstLine}) leaves this empty, so its later rows must leave it empty too`
      : `The order's first row (line ${firstLine}) has ${JSON.stringify(firstValue)} here: ` +
        "a later row of the order may only repeat it or leave it empty",
  order_not_contiguous: (orderRef: string) =>
    `Order ${JSON.stringify(orderRef)} has rows earlier in the file, before other orders: ` +
    "the rows of one order must be consecutive",
};

const rowError = (row: CsvRow, column: string, code: string, message: string): RowError => ({
  line: row.line,
  column,
  code,
  message,
});

/** A later row's order-level cell that differs from the first row's and is not empty. */
function findInconsistentValues(columns: ImportColumns, rows: readonly [CsvRow, ...CsvRow[]]): RowError[] {
  const [first, ...later] = rows;
  const errors: RowError[] = [];
  for (const row of later) {
    for (const { name, index } of [...columns.order, ...columns.customer]) {
      const value = row.fields[index] ?? "";
      const firstValue = first.fields[index] ?? "";
      if (value === "" || value === firstValue) continue;
      const message = importErrorMessages.inconsistent_value(first.line, firstValue);
      errors.push(rowError(row, name, "inconsistent_value", message));
    }
  }
  return errors;
}

const ORDER_LEVEL_FIELDS: ReadonlySet<string> = new Set<string>([...ORDER_COLUMNS, ...CUSTOMER_COLUMNS]);

/** RFC 6901 reference tokens of a pointer ("" is the whole document). */
const pointerTokens = (pointer: string) =>
  pointer === ""
    ? []
    : pointer
        .slice(1)
        .split("/")
        .map((token) => token.replaceAll("~1", "/").replaceAll("~0", "~"));

/**
 * The row and column a domain error is about: an item's field on that item's row, anything else on the
 * order's first row. `itemRows[i]` is the row item i was built from.
 */
function locateFieldError(error: FieldError, itemRows: readonly [CsvRow, ...CsvRow[]]): [CsvRow, string] {
  const [first] = itemRows;
  const [top, second, third, fourth] = pointerTokens(error.pointer);
  if (top === undefined) return [first, error.code === "date_required" ? "order_date" : ""];
  if (top === "order_items") {
    // The list itself (too many items, say) is about the sku column, one per row.
    const row = second === undefined ? undefined : itemRows[Number(second)];
    if (row === undefined) return [first, "sku"];
    if (third === "metadata") return [row, fourth === undefined ? "" : `metadata.${fourth}`];
    return [row, third ?? ""];
  }
  const field = top === "customer" ? second : top;
  return [first, field !== undefined && ORDER_LEVEL_FIELDS.has(field) ? field : ""];
}

function validationErrors(
  columns: ImportColumns,
  rows: [CsvRow, ...CsvRow[]],
  document: unknown,
  today: Date,
) {
  const validation = validateOrder(document, DEFAULT_ORDER_LIMITS, { today });
  if (validation.ok) return [];
  return validation.errors.map((error) => {
    const [row, column] = locateFieldError(error, rows);
    // A pointer into a column the file lacks (a metadata name written differently) is about the row.
    return rowError(row, columns.header.includes(column) ? column : "", error.code, error.message);
  });
}

const isNonEmpty = <T>(list: T[]): list is [T, ...T[]] => list.length > 0;

/**
 * Checks one order: each row's field count, the agreement of its rows, whether its ref came earlier, and the
 * domain's rules for the document its rows make. A row with a wrong field count gets that error alone: its
 * cells are not where the header says, so the order is built and checked without it.
 */
export function checkOrder(
  columns: ImportColumns,
  group: OrderGroup,
  options: CheckOrderOptions,
): CheckedOrder {
  const expected = columns.header.length;
  const errors: RowError[] = [];
  const [firstRow] = group.rows;
  if (options.repeated && firstRow !== undefined) {
    const message = importErrorMessages.order_not_contiguous(group.orderRef);
    errors.push(rowError(firstRow, "order_ref", "order_not_contiguous", message));
  }
  for (const row of group.rows) {
    if (row.fields.length === expected) continue;
    const message = importErrorMessages.wrong_field_count(row.fields.length, expected);
    errors.push(rowError(row, "", "wrong_field_count", message));
  }
  const wellFormed = group.rows.filter((row) => row.fields.length === expected);
  let document: Record<string, unknown> = { trkref: options.trkref, order_ref: group.orderRef };
  if (isNonEmpty(wellFormed)) {
    document = buildOrderDocument(columns, wellFormed, options.trkref, options.decimalMark);
    errors.push(...findInconsistentValues(columns, wellFormed));
    errors.push(...validationErrors(columns, wellFormed, document, options.today));
  }
  // Stable: a row's errors keep the order in which they were found.
  errors.sort((a, b) => a.line - b.line);
  return { orderRef: group.orderRef, rows: group.rows, document, errors };
}
