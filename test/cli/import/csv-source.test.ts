import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { CliError } from "../../../src/cli/cli-error.js";
import { detectDelimiter } from "../../../src/cli/import/csv-delimiter.js";
import { type CsvRow, openCsvSource } from "../../../src/cli/import/csv-source.js";

const dir = mkdtempSync(join(tmpdir(), "order-intake-csv-source-"));
after(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
function writeCsv(content: string | Buffer): string {
  const path = join(dir, `file-${++files}.csv`);
  writeFileSync(path, content);
  return path;
}

async function readAll(path: string, options: { delimiter?: string } = {}) {
  const source = await openCsvSource(path, options);
  const rows: CsvRow[] = [];
  for await (const row of source.rows) rows.push(row);
  return { source, rows };
}

/** The usage error (exit code 2) that `action` rejects with. */
async function usageErrorOf(action: () => Promise<unknown>): Promise<CliError> {
  const error = await action().then(
    () => assert.fail("expected a usage error"),
    (caught: unknown) => caught,
  );
  assert.ok(error instanceof CliError, String(error));
  assert.equal(error.exitCode, 2);
  return error;
}

describe("detectDelimiter", () => {
  it("takes the most frequent of comma, semicolon and tab in the header line", () => {
    assert.equal(detectDelimiter("order_ref,sku,price"), ",");
    assert.equal(detectDelimiter("order_ref;sku;price"), ";");
    assert.equal(detectDelimiter("order_ref\tsku\tprice"), "\t");
    assert.equal(detectDelimiter("order_ref;sku,price;currency"), ";");
  });

  it("ignores delimiters inside quotes and stops at the end of the first line", () => {
    assert.equal(detectDelimiter('"a,b,c";"d,e";f'), ";");
    assert.equal(detectDelimiter('"a;b;c"\t"d;e"\tf'), "\t");
    assert.equal(detectDelimiter("a;b\nc,d,e,f,g"), ";");
  });

  it("is a comma when none occurs", () => {
    assert.equal(detectDelimiter("order_ref"), ",");
    assert.equal(detectDelimiter(""), ",");
  });
});

describe("openCsvSource", () => {
  it("detects the delimiter of the file and reads header and rows", async () => {
    for (const delimiter of [",", ";", "\t"]) {
      const path = writeCsv(
        `${["order_ref", "sku", "price"].join(delimiter)}\nA1${delimiter}S1${delimiter}5\n`,
      );
      const { source, rows } = await readAll(path);
      assert.equal(source.delimiter, delimiter);
      assert.deepEqual(source.header, ["order_ref", "sku", "price"]);
      assert.deepEqual(rows, [{ line: 2, fields: ["A1", "S1", "5"] }]);
    }
  });

  it("detects the delimiter from a header whose names quote the others", async () => {
    const path = writeCsv('"order,ref";"s,k,u";price\nA1;S1;5\n');
    const { source, rows } = await readAll(path);
    assert.equal(source.delimiter, ";");
    assert.deepEqual(source.header, ["order,ref", "s,k,u", "price"]);
    assert.deepEqual(rows[0]?.fields, ["A1", "S1", "5"]);
  });

  it("takes a delimiter option over detection, tab written as a word or \\t", async () => {
    const path = writeCsv("a;b\tc\n1;2\t3\n");
    assert.deepEqual((await readAll(path, { delimiter: "tab" })).source.header, ["a;b", "c"]);
    assert.deepEqual((await readAll(path, { delimiter: "\\t" })).source.header, ["a;b", "c"]);
    assert.deepEqual((await readAll(path, { delimiter: "," })).source.header, ["a;b\tc"]);
    const error = await usageErrorOf(() => openCsvSource(path, { delimiter: "|" }));
    assert.match(error.message, /--delimiter must be/);
  });

  it("removes a byte order mark before the first name and before detecting", async () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    const path = writeCsv(Buffer.concat([bom, Buffer.from('"order_ref";sku\nA1;S1\n')]));
    const { source, rows } = await readAll(path);
    assert.equal(source.delimiter, ";");
    assert.deepEqual(source.header, ["order_ref", "sku"]);
    assert.deepEqual(rows, [{ line: 2, fields: ["A1", "S1"] }]);
  });

  it("reads CRLF line ends, skips empty lines and counts lines past a quoted line break", async () => {
    const content =
      'order_ref,sku,metadata.note\r\nA1,S1,"one, two\r\nthree"\r\n\r\nA1,S2,"x\ny\nz"\r\nB2,S3,plain\r\n';
    const path = writeCsv(content);
    const { source, rows } = await readAll(path);
    assert.deepEqual(source.header, ["order_ref", "sku", "metadata.note"]);
    assert.deepEqual(rows, [
      { line: 2, fields: ["A1", "S1", "one, two\r\nthree"] },
      { line: 5, fields: ["A1", "S2", "x\ny\nz"] },
      { line: 8, fields: ["B2", "S3", "plain"] },
    ]);
    assert.equal(source.totalBytes, Buffer.byteLength(content));
    assert.equal(source.bytesRead(), source.totalBytes);
  });

  it("keeps a row with another number of fields than the header as it is", async () => {
    const { rows } = await readAll(writeCsv("a,b,c\n1,2\n1,2,3,4\n"));
    assert.deepEqual(
      rows.map((row) => row.fields),
      [
        ["1", "2"],
        ["1", "2", "3", "4"],
      ],
    );
  });

  it("drops a carriage return left at the end of the header", async () => {
    const { source } = await readAll(writeCsv("order_ref,sku\r\nA1,S1\r\n"));
    assert.deepEqual(source.header, ["order_ref", "sku"]);
  });

  it("refuses a file that is missing, a folder, empty or only blank lines", async () => {
    const missing = await usageErrorOf(() => openCsvSource(join(dir, "missing.csv")));
    assert.match(missing.message, /Cannot read .*missing\.csv: no such file/);
    const folder = await usageErrorOf(() => openCsvSource(dir));
    assert.match(folder.message, /Cannot read .*: it is not a file/);
    for (const content of ["", "\n\n", "\ufeff"]) {
      const empty = await usageErrorOf(() => openCsvSource(writeCsv(content)));
      assert.match(empty.message, /is empty: its first line must name the columns/);
    }
  });

  it("throws an unterminated quote from the rows, naming the line where its row starts", async () => {
    const path = writeCsv('order_ref,sku\r\nA1,"S\r\n1"\r\n\r\nA2,"S2\r\nA3,S3\r\n');
    const source = await openCsvSource(path);
    const lines: number[] = [];
    const error = await usageErrorOf(async () => {
      for await (const row of source.rows) lines.push(row.line);
    });
    assert.deepEqual(lines, [2]);
    assert.match(error.message, /line 5: a quoted field is never closed/);
  });

  it("throws a quote inside an unquoted field with its line, and one in the header from open", async () => {
    const source = await openCsvSource(writeCsv('order_ref,sku\nA1,S1\n\nA2,S"2\n'));
    const error = await usageErrorOf(async () => {
      for await (const _ of source.rows);
    });
    assert.match(error.message, /line 4: a " inside a field/);
    const header = await usageErrorOf(() => openCsvSource(writeCsv('order_ref,s"ku\nA1,S1\n')));
    assert.match(header.message, /line 1: /);
  });
});
