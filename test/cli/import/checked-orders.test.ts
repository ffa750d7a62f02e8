import assert from "node:assert/strict";
import { createWriteStream } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { readCheckedOrders } from "../../../src/cli/import/checked-orders.js";
import { createCsvFolder, TODAY } from "./import-test-files.js";

const folder = createCsvFolder("order-intake-checked-orders-");
after(folder.remove);

const ROWS = 200_000;
const ROWS_PER_ORDER = [1, 2, 3];

/**
 * Writes a file of ROWS rows: orders of 1, 2 and 3 rows in turn, every 1000th order with an unknown currency,
 * and a quoted note with a line break on every 7th row. Returns what a reader should find in it.
 */
async function writeLargeFile(path: string) {
  const out = createWriteStream(path);
  const write = (text: string) =>
    out.write(text) ? Promise.resolve() : new Promise<void>((resolve) => out.once("drain", () => resolve()));
  await write("order_ref,order_date,email,sku,price,currency,metadata.note\r\n");
  let rows = 0;
  let orders = 0;
  let rejected = 0;
  let line = 2;
  let lastOrderLine = 0;
  const pending: string[] = [];
  while (rows < ROWS) {
    const size = Math.min(ROWS_PER_ORDER[orders % ROWS_PER_ORDER.length] ?? 1, ROWS - rows);
    const currency = orders % 1000 === 999 ? "ZZZ" : "EUR";
    if (currency === "ZZZ") rejected++;
    lastOrderLine = line;
    for (let item = 0; item < size; item++) {
      const note = rows % 7 === 0 ? `"note, ${rows}\r\nsecond line"` : "";
      pending.push(`O-${orders},25-09-2025,c${orders}@example.com,SKU-${rows},12,${currency},${note}\r\n`);
      line += note === "" ? 1 : 2;
      rows++;
    }
    orders++;
    if (pending.length >= 1000) await write(pending.splice(0).join(""));
  }
  await write(pending.join(""));
  await new Promise<void>((resolve, reject) =>
    out.end((error?: Error | null) => (error ? reject(error) : resolve())),
  );
  return { orders, rejected, lastOrderLine };
}

describe("readCheckedOrders on a large file", () => {
  it("streams 200,000 rows to the end with the right counts and lines", async () => {
    const path = join(folder.path, "large.csv");
    const expected = await writeLargeFile(path);
    const checked = await readCheckedOrders(path, { trkref: "ACME", today: TODAY });
    let orders = 0;
    let rejected = 0;
    let items = 0;
    let lastOrderLine = 0;
    const codes = new Set<string>();
    for await (const order of checked.orders) {
      orders++;
      items += (order.document.order_items as unknown[]).length;
      lastOrderLine = order.rows[0]?.line ?? 0;
      if (order.errors.length === 0) continue;
      rejected++;
      for (const error of order.errors) codes.add(`${error.column}:${error.code}`);
    }
    assert.equal(orders, expected.orders);
    assert.equal(items, ROWS);
    assert.equal(rejected, expected.rejected);
    assert.deepEqual([...codes], ["currency:invalid_currency"]);
    assert.equal(lastOrderLine, expected.lastOrderLine);
    assert.equal(checked.rowsRead(), ROWS);
    assert.equal(checked.bytesRead(), checked.totalBytes);
  });
});
