import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { parse } from "csv-parse/sync";
import { type CheckedOrder, readCheckedOrders } from "../../../src/cli/import/checked-orders.js";
import { openRejectsFile } from "../../../src/cli/import/rejects-file.js";
import { cliErrorOf, createCsvFolder, readAllOrders, TODAY } from "./import-test-files.js";

const folder = createCsvFolder("order-intake-check-order-");
after(folder.remove);

const HEADER = "order_ref,order_date,email,first_name,sku,price,currency";
const csv = (...rows: string[]) => `${[HEADER, ...rows].join("\n")}\n`;
const errorsOf = async (content: string) => (await readAllOrders(folder.write(content))).map((o) => o.errors);

describe("readCheckedOrders: grouping and documents", () => {
  it("groups consecutive rows into orders and builds one document each", async () => {
    const orders = await readAllOrders(
      folder.write(
        "order_ref;order_date;email;country;sku;price;currency;metadata.colour;metadata.gift_note\n" +
          "A1;25-09-2025;ann@example.com;GB;S1;55,99;GBP;blue;\n" +
          "B2;26-09-2025;bob@example.com;;S2;;;;\n" +
          "B2;;;;S3;10;EUR;red;for you\n" +
          "C3;27-09-2025;cy@example.com;DE;S4;1;EUR;;\n" +
          "C3;27-09-2025;cy@example.com;DE;S5;2;EUR;green;\n" +
          "C3;;;;S6;3;EUR;;\n",
      ),
    );
    assert.deepEqual(
      orders.map((order) => [order.orderRef, order.rows.map((row) => row.line), order.errors]),
      [
        ["A1", [2], []],
        ["B2", [3, 4], []],
        ["C3", [5, 6, 7], []],
      ],
    );
    assert.deepEqual(orders[0]?.document, {
      trkref: "ACME",
      order_ref: "A1",
      order_date: "25-09-2025",
      customer: { email: "ann@example.com", country: "GB" },
      order_items: [{ sku: "S1", price: "55,99", currency: "GBP", metadata: { colour: "blue" } }],
    });
    assert.deepEqual(orders[1]?.document.order_items, [
      { sku: "S2" },
      { sku: "S3", price: "10", currency: "EUR", metadata: { colour: "red", gift_note: "for you" } },
    ]);
    assert.deepEqual(orders[2]?.document.customer, { email: "cy@example.com", country: "DE" });
    assert.deepEqual(orders[2]?.document.order_items, [
      { sku: "S4", price: "1", currency: "EUR" },
      { sku: "S5", price: "2", currency: "EUR", metadata: { colour: "green" } },
      { sku: "S6", price: "3", currency: "EUR" },
    ]);
  });

  it("ignores the reject columns of a rejects file", async () => {
    const orders = await readAllOrders(
      folder.write(
        "order_ref,order_date,email,sku,reject_line,reject_column,reject_code,reject_message\n" +
          "A1,25-09-2025,ann@example.com,S1,2,sku,blank,This field must not be blank\n",
      ),
    );
    assert.deepEqual(orders[0]?.errors, []);
    assert.deepEqual(orders[0]?.document, {
      trkref: "ACME",
      order_ref: "A1",
      order_date: "25-09-2025",
      customer: { email: "ann@example.com" },
      order_items: [{ sku: "S1" }],
    });
  });
});

describe("readCheckedOrders: errors of the import's own", () => {
  it("rejects a later row with a different order-level value (inconsistent_value)", async () => {
    const errors = await errorsOf(
      csv(
        "A1,25-09-2025,ann@example.com,Ann,S1,1,GBP",
        "A1,25-09-2025,,Ann,S2,1,GBP",
        "A1,26-09-2025,ann@example.com,Anne,S3,1,GBP",
        "B2,25-09-2025,bob@example.com,,S4,1,GBP",
        "B2,,,Bob,S5,1,GBP",
      ),
    );
    assert.deepEqual(
      errors.map((list) => list.map(({ line, column, code }) => ({ line, column, code }))),
      [
        [
          { line: 4, column: "order_date", code: "inconsistent_value" },
          { line: 4, column: "first_name", code: "inconsistent_value" },
        ],
        [{ line: 6, column: "first_name", code: "inconsistent_value" }],
      ],
    );
    assert.match(errors[0]?.[0]?.message ?? "", /first row \(line 2\) has "25-09-2025" here/);
    assert.match(errors[1]?.[0]?.message ?? "", /first row \(line 5\) leaves this empty/);
  });

  it("rejects an order whose ref reappears after other orders (order_not_contiguous)", async () => {
    const orders = await readAllOrders(
      folder.write(
        csv(
          "A1,25-09-2025,ann@example.com,,S1,1,GBP",
          "B2,25-09-2025,bob@example.com,,S2,1,GBP",
          "A1,25-09-2025,ann@example.com,,S3,1,GBP",
          "A1,25-09-2025,ann@example.com,,S4,1,GBP",
          "C3,25-09-2025,cy@example.com,,S5,1,GBP",
          "B2,25-09-2025,bob@example.com,,S6,1,GBP",
        ),
      ),
    );
    assert.deepEqual(
      orders.map((order) => [
        order.orderRef,
        order.errors.map(({ line, column, code }) => [line, column, code]),
      ]),
      [
        ["A1", []],
        ["B2", []],
        ["A1", [[4, "order_ref", "order_not_contiguous"]]],
        ["C3", []],
        ["B2", [[7, "order_ref", "order_not_contiguous"]]],
      ],
    );
    assert.deepEqual(
      orders[2]?.rows.map((row) => row.line),
      [4, 5],
    );
    assert.match(orders[2]?.errors[0]?.message ?? "", /Order "A1" has rows earlier in the file/);
  });

  it("rejects a row with another number of fields than the header (wrong_field_count)", async () => {
    const orders = await readAllOrders(
      folder.write(
        csv(
          "A1,25-09-2025,ann@example.com,,S1,1,GBP",
          "A1,25-09-2025,ann@example.com,,S2,1",
          "A1,25-09-2025,ann@example.com,,S3,1,GBP,extra",
          "B2,25-09-2025,bob@example.com,,S4,1,GBP",
        ),
      ),
    );
    assert.deepEqual(
      orders[0]?.errors.map(({ line, column, code }) => [line, column, code]),
      [
        [3, "", "wrong_field_count"],
        [4, "", "wrong_field_count"],
      ],
    );
    assert.equal(orders[0]?.errors[0]?.message, "This row has 6 fields, the header 7");
    assert.equal(orders[0]?.rows.length, 3);
    assert.deepEqual(orders[1]?.errors, []);
  });
});

describe("readCheckedOrders: the domain's errors at their row and column", () => {
  it("places an order's field on its first row and an item's field on the item's row", async () => {
    const orders = await readAllOrders(
      folder.write(
        csv(
          "A1,31-02-2025,ann@example.com,,S1,1,GBP",
          "A1,,,,S2,1,GBP",
          "A1,,,,  ,1,GBP",
          "B2,25-09-2025,bob@example.com,,S4,1,ZZZ",
          "C3,,not-an-email,,S5,,",
        ),
      ),
    );
    assert.deepEqual(
      orders.map((order) => order.errors.map(({ line, column, code }) => [line, column, code])),
      [
        [
          [2, "order_date", "invalid_date"],
          [4, "sku", "blank"],
        ],
        [[5, "currency", "invalid_currency"]],
        [
          [6, "order_date", "date_required"],
          [6, "email", "invalid_email"],
        ],
      ],
    );
    const invalidDate = orders[0]?.errors[0];
    assert.equal(invalidDate?.message, "Must be a real calendar date written dd-mm-yyyy");
    assert.equal(orders[1]?.errors[0]?.message, "Must be an ISO 4217 alpha-3 currency code");
  });

  it("places an empty order ref and a bad metadata name", async () => {
    const orders = await readAllOrders(
      folder.write("order_ref,order_date,email,sku,metadata.Colour\n,25-09-2025,ann@example.com,S1,blue\n"),
    );
    assert.deepEqual(
      orders[0]?.errors.map(({ line, column, code }) => [line, column, code]),
      [
        [2, "order_ref", "required"],
        [2, "metadata.Colour", "invalid_metadata_name"],
      ],
    );
  });
});

describe("readCheckedOrders: prices written with a decimal dot", () => {
  const DOT_PRICES = csv(
    "A1,25-09-2025,ann@example.com,,S1,12.50,GBP",
    "A1,,,,S2,3,GBP",
    'B2,25-09-2025,bob@example.com,,S3,"1,000.50",GBP',
    "C3,25-09-2025,cy@example.com,Dr. Cy,S4,12.5x,GBP",
  );
  const readDotPrices = async (path: string) => {
    const checked = await readCheckedOrders(path, { trkref: "ACME", today: TODAY, decimalMark: "." });
    const orders: CheckedOrder[] = [];
    for await (const order of checked.orders) orders.push(order);
    return { checked, orders };
  };

  it('takes "12.50" as 12.50 with --decimal-mark ".", stored in the document as "12,50"', async () => {
    const { orders } = await readDotPrices(folder.write(DOT_PRICES));
    assert.deepEqual(orders[0]?.errors, []);
    assert.deepEqual(orders[0]?.document.order_items, [
      { sku: "S1", price: "12,50", currency: "GBP" },
      { sku: "S2", price: "3", currency: "GBP" },
    ]);
    // Only prices are converted: a dot in another column is kept.
    assert.deepEqual(orders[2]?.document.customer, { email: "cy@example.com", first_name: "Dr. Cy" });
  });

  it('refuses a thousands separator ("1,000.50") and a price that is no number, as invalid_price', async () => {
    const { orders } = await readDotPrices(folder.write(DOT_PRICES));
    assert.deepEqual(
      orders.slice(1).map((order) => order.errors.map(({ line, column, code }) => [line, column, code])),
      [[[4, "price", "invalid_price"]], [[5, "price", "invalid_price"]]],
    );
    assert.deepEqual(orders[1]?.document.order_items, [{ sku: "S3", price: "1.000,50", currency: "GBP" }]);
  });

  it('refuses "12.50" with the default decimal mark: prices are taken as read', async () => {
    const orders = await readAllOrders(folder.write(DOT_PRICES));
    assert.deepEqual(
      orders[0]?.errors.map(({ line, column, code }) => [line, column, code]),
      [[2, "price", "invalid_price"]],
    );
    assert.deepEqual(orders[0]?.document.order_items, [
      { sku: "S1", price: "12.50", currency: "GBP" },
      { sku: "S2", price: "3", currency: "GBP" },
    ]);
  });

  it("writes the rejected rows to the rejects file as read, not converted", async () => {
    const { checked, orders } = await readDotPrices(folder.write(DOT_PRICES));
    const path = join(folder.path, "dot-prices.rejects.csv");
    const rejects = openRejectsFile(path, checked.header, checked.delimiter);
    for (const order of orders) if (order.errors.length > 0) rejects.write(order.rows, order.errors);
    await rejects.close();
    const written = parse(readFileSync(path), { columns: true }) as Record<string, string>[];
    assert.deepEqual(
      written.map((row) => [row.order_ref, row.price, row.reject_code]),
      [
        ["B2", "1,000.50", "invalid_price"],
        ["C3", "12.5x", "invalid_price"],
      ],
    );
  });
});

describe("readCheckedOrders: the header", () => {
  it("refuses unknown columns with exit code 2, naming them and the known ones", async () => {
    const path = folder.write("order_ref,sku,colour,Price\nA1,S1,blue,1\n");
    const error = await cliErrorOf(() => readCheckedOrders(path, { trkref: "ACME", today: TODAY }));
    assert.equal(error.exitCode, 2);
    assert.match(error.message, /Unknown columns in the header: "colour", "Price"\./);
    assert.match(error.message, /order_ref, order_date, fulfilment_date, .*currency, metadata\.<name>/);
  });

  it("refuses a file without order_ref or sku with exit code 2", async () => {
    const noSku = folder.write("order_ref,price\nA1,1\n");
    const error = await cliErrorOf(() => readCheckedOrders(noSku, { trkref: "ACME" }));
    assert.equal(error.exitCode, 2);
    assert.equal(error.message, "The header has no sku column; order_ref and sku are required.");
    const neither = folder.write("email\na@example.com\n");
    const both = await cliErrorOf(() => readCheckedOrders(neither, { trkref: "ACME" }));
    assert.equal(both.exitCode, 2);
    assert.match(both.message, /no order_ref and no sku column/);
  });

  it("refuses a column named twice, and a trkref that is not one", async () => {
    const twice = folder.write("order_ref,sku,sku\nA1,S1,S2\n");
    const error = await cliErrorOf(() => readCheckedOrders(twice, { trkref: "ACME" }));
    assert.equal(error.exitCode, 2);
    assert.match(error.message, /more than once in the header: "sku"/);
    const trkref = await cliErrorOf(() => readCheckedOrders(twice, { trkref: "acme" }));
    assert.equal(trkref.exitCode, 2);
    assert.match(trkref.message, /must be upper case \(ACME, not acme\)/);
  });
});
