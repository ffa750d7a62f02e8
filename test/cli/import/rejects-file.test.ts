import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { parse } from "csv-parse/sync";
import { readCheckedOrders } from "../../../src/cli/import/checked-orders.js";
import { openRejectsFile } from "../../../src/cli/import/rejects-file.js";
import { cliErrorOf, createCsvFolder, TODAY } from "./import-test-files.js";

const folder = createCsvFolder("order-intake-rejects-file-");
after(folder.remove);

/** Imports `input`, writes its rejected orders to a rejects file and returns that file's path and counts. */
async function writeRejects(input: string) {
  const checked = await readCheckedOrders(input, { trkref: "ACME", today: TODAY });
  const path = join(folder.path, `rejects-${Math.random().toString(36).slice(2)}.csv`);
  const rejects = openRejectsFile(path, checked.header, checked.delimiter);
  let valid = 0;
  for await (const order of checked.orders) {
    if (order.errors.length === 0) valid++;
    else rejects.write(order.rows, order.errors);
  }
  await rejects.close();
  return { path, valid, rejected: rejects.ordersWritten };
}

const readRecords = (path: string, delimiter: string): string[][] =>
  parse(readFileSync(path), { delimiter, relax_column_count: true });

const INPUT =
  "order_ref;order_date;email;sku;currency;metadata.note\n" +
  'A1;25-09-2025;ann@example.com;S1;GBP;"two; lines\nhere"\n' +
  "A1;;;  ;GBP;\n" +
  "A1;;;S3;ZZZ;\n" +
  "B2;25-09-2025;bob@example.com;S4;EUR;\n" +
  "C3;31-02-2025;cy@example.com;S5;EUR;\n" +
  "C3;26-09-2025;;S6;EUR\n";

describe("the rejects file", () => {
  it("holds every row of each rejected order as read, each with its own errors", async () => {
    const { path, valid, rejected } = await writeRejects(folder.write(INPUT));
    assert.equal(valid, 1);
    assert.equal(rejected, 2);
    assert.deepEqual(readRecords(path, ";"), [
      [
        "order_ref",
        "order_date",
        "email",
        "sku",
        "currency",
        "metadata.note",
        "reject_line",
        "reject_column",
        "reject_code",
        "reject_message",
      ],
      ["A1", "25-09-2025", "ann@example.com", "S1", "GBP", "two; lines\nhere", "2", "", "", ""],
      ["A1", "", "", "  ", "GBP", "", "4", "sku", "blank", "This field must not be blank"],
      [
        "A1",
        "",
        "",
        "S3",
        "ZZZ",
        "",
        "5",
        "currency",
        "invalid_currency",
        "Must be an ISO 4217 alpha-3 currency code",
      ],
      [
        "C3",
        "31-02-2025",
        "cy@example.com",
        "S5",
        "EUR",
        "",
        "7",
        "order_date",
        "invalid_date",
        "Must be a real calendar date written dd-mm-yyyy",
      ],
      [
        "C3",
        "26-09-2025",
        "",
        "S6",
        "EUR",
        "",
        "8",
        "",
        "wrong_field_count",
        "This row has 5 fields, the header 6",
      ],
    ]);
  });

  it("joins several errors of one row with semicolons, columns and codes in the same order", async () => {
    const input = folder.write(
      "order_ref,order_date,email,sku,currency\nA1,25-09-2025,ann@example.com,S1,GBP\nA1,26-09-2025,bob@example.com,S2,ZZZ\n",
    );
    const { path } = await writeRejects(input);
    const [, first, second] = readRecords(path, ",");
    assert.deepEqual(first?.slice(5), ["2", "", "", ""]);
    assert.deepEqual(second?.slice(5, 8), [
      "3",
      "order_date; email; currency",
      "inconsistent_value; inconsistent_value; invalid_currency",
    ]);
    assert.equal(second?.[8]?.split("; ").at(-1), "Must be an ISO 4217 alpha-3 currency code");
  });

  it("imports again once the rejected cells are corrected", async () => {
    const tabbed = INPUT.replaceAll(";", "\t").replace("two\t lines", "two; lines");
    const { path } = await writeRejects(folder.write(tabbed));
    // One cell edited per error; the short row was padded to the header's width when it was written.
    const fixed = readFileSync(path, "utf8")
      .replace("\t  \tGBP", "\tS2\tGBP")
      .replace("ZZZ", "GBP")
      .replace("31-02-2025", "26-09-2025");
    const again = await writeRejects(folder.write(fixed));
    assert.equal(again.rejected, 0);
    assert.equal(again.valid, 2);
    const checked = await readCheckedOrders(folder.write(fixed), { trkref: "ACME", today: TODAY });
    assert.equal(checked.delimiter, "\t");
    const documents = [];
    for await (const order of checked.orders) documents.push(order.document);
    assert.deepEqual(documents[0], {
      trkref: "ACME",
      order_ref: "A1",
      order_date: "25-09-2025",
      customer: { email: "ann@example.com" },
      order_items: [
        { sku: "S1", currency: "GBP", metadata: { note: "two; lines\nhere" } },
        { sku: "S2", currency: "GBP" },
        { sku: "S3", currency: "GBP" },
      ],
    });
  });

  it("replaces the reject columns of an input that is itself a rejects file", async () => {
    const first = await writeRejects(
      folder.write("order_ref,order_date,email,sku\nA1,25-09-2025,ann@example.com,\n"),
    );
    const second = await writeRejects(first.path);
    const records = readRecords(second.path, ",");
    assert.deepEqual(records[0], [
      "order_ref",
      "order_date",
      "email",
      "sku",
      "reject_line",
      "reject_column",
      "reject_code",
      "reject_message",
    ]);
    assert.deepEqual(records[1], [
      "A1",
      "25-09-2025",
      "ann@example.com",
      "",
      "2",
      "sku",
      "required",
      "This field is required",
    ]);
  });

  it("refuses a path it cannot create with exit code 2", async () => {
    const error = await cliErrorOf(async () =>
      openRejectsFile(join(folder.path, "no", "such.csv"), ["sku"], ","),
    );
    assert.equal(error.exitCode, 2);
    assert.match(error.message, /Cannot write the rejects file .*such\.csv/);
  });
});
