import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { fieldErrorCatalogue, problemCatalogue } from "../../src/domain/error-catalogue.js";

const errorsDoc = readFileSync(new URL("../../docs/errors.md", import.meta.url), "utf8");

/** The table row that documents `code`, or undefined. */
const rowOf = (code: string) => errorsDoc.split("\n").find((line) => line.startsWith(`| \`${code}\` |`));

describe("docs/errors.md", () => {
  it("documents every problem code with its HTTP status", () => {
    for (const [code, entry] of Object.entries(problemCatalogue)) {
      const row = rowOf(code);
      assert.ok(row, `problem code ${code} is not documented`);
      assert.match(row, new RegExp(`^\\| \`${code}\` \\| ${entry.status} \\|`), `status of ${code}`);
    }
  });

  it("documents every field error code", () => {
    for (const code of Object.keys(fieldErrorCatalogue))
      assert.ok(rowOf(code), `field code ${code} is not documented`);
  });
});
