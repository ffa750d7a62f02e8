import { checkTrkref } from "../commands/trkref-argument.js";
import { type CheckedOrder, checkOrder } from "./check-order.js";
import { type CsvRow, openCsvSource } from "./csv-source.js";
import { DEFAULT_DECIMAL_MARK, type DecimalMark } from "./decimal-mark.js";
import { type ImportColumns, readImportColumns } from "./import-columns.js";
import { groupOrderRows } from "./order-groups.js";
import { createOrderRefSet } from "./order-ref-set.js";

export type { CheckedOrder, RowError } from "./check-order.js";

/** The orders of a CSV file, each checked as it is read. */
export interface CheckedOrders {
  header: string[];
  delimiter: string;
  totalBytes: number;
  bytesRead(): number;
  /** Data rows read so far. */
  rowsRead(): number;
  /** Read once, in file order, holding one order's rows at a time. */
  orders: AsyncIterable<CheckedOrder>;
}

export interface ReadCheckedOrdersOptions {
  /** The organisation the orders are for: every document's `trkref`. */
  trkref: string;
  /** "," ";" "tab" or "\t"; detected from the header line when absent. */
  delimiter?: string;
  /** The date validation takes as today (dates far from it are only warned about). Default: now. */
  today?: Date;
  /**
   * How the file writes prices' decimals. "," (the default) is the document's own: prices are taken as read.
   * ".": each price cell's dots and commas trade places before the document is built; the rows stay as read.
   */
  decimalMark?: DecimalMark;
}

/**
 * Opens a CSV file of orders and checks its header. Throws a usage error for a file that cannot be read, an
 * unknown or missing column; a syntax error further on is thrown by the orders' iterator.
 */
export async function readCheckedOrders(
  path: string,
  options: ReadCheckedOrdersOptions,
): Promise<CheckedOrders> {
  const { trkref } = options;
  // The command checked --org already; the check is repeated for callers that pass a trkref of their own.
  checkTrkref(trkref);
  const source = await openCsvSource(
    path,
    options.delimiter === undefined ? {} : { delimiter: options.delimiter },
  );
  let columns: ImportColumns;
  try {
    columns = readImportColumns(source.header);
  } catch (error) {
    source.close();
    throw error;
  }
  const today = options.today ?? new Date();
  const decimalMark = options.decimalMark ?? DEFAULT_DECIMAL_MARK;
  let rowsRead = 0;
  async function* countRows(): AsyncGenerator<CsvRow> {
    for await (const row of source.rows) {
      rowsRead++;
      yield row;
    }
  }
  async function* checkOrders(): AsyncGenerator<CheckedOrder> {
    const seen = createOrderRefSet();
    for await (const group of groupOrderRows(countRows(), columns.orderRef)) {
      // An empty ref is an error of its own (required); it says nothing of where the order's rows are.
      const repeated = group.orderRef !== "" && !seen.add(group.orderRef);
      yield checkOrder(columns, group, { trkref, today, repeated, decimalMark });
    }
  }
  return {
    header: source.header,
    delimiter: source.delimiter,
    totalBytes: source.totalBytes,
    bytesRead: () => source.bytesRead(),
    rowsRead: () => rowsRead,
    orders: { [Symbol.asyncIterator]: checkOrders },
  };
}
