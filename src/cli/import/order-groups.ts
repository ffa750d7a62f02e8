import type { CsvRow } from "./csv-source.js";

/** The consecutive rows of one order. */
export interface OrderGroup {
  /** The `order_ref` cell of the rows, as read ("" when empty). */
  orderRef: string;
  rows: CsvRow[];
}

/**
 * Groups consecutive rows with the same order ref into orders. Only the current order's rows are held: an
 * order ends at the first row with another ref, so the same ref further on starts an order of its own.
 */
export async function* groupOrderRows(
  rows: AsyncIterable<CsvRow>,
  orderRefIndex: number,
): AsyncGenerator<OrderGroup> {
  let current: OrderGroup | undefined;
  for await (const row of rows) {
    const orderRef = row.fields[orderRefIndex] ?? "";
    if (current !== undefined && current.orderRef === orderRef) {
      current.rows.push(row);
      continue;
    }
    if (current !== undefined) yield current;
    current = { orderRef, rows: [row] };
  }
  if (current !== undefined) yield current;
}
