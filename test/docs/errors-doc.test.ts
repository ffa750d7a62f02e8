import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { submissionFailureCatalogue } from "../../src/domain/failure-codes.js";
import { fieldErrorCatalogue, fieldWarningCatalogue } from "../../src/domain/field-errors.js";
import { problemCatalogue } from "../../src/http/problem-catalogue.js";

const errorsDoc = readFileSync(new URL("../../docs/errors.md", import.meta.url), "utf8");

/** The text of the section under `heading`, up to the next heading of its level. */
function section(heading: string): string {
  const start = errorsDoc.indexOf(`\n${heading}\n`);
  assert.ok(start >= 0, `docs/errors.md has a section "${heading}"`);
  const end = errorsDoc.indexOf("\n## ", start + heading.length + 2);
  return errorsDoc.slice(start, end < 0 ? undefined : end);
}

/** The trimmed cells of the table row in `text` whose first cell is `code`, or undefined. */
function cellsOf(text: string, code: string): string[] | undefined {
  const row = text.split("\n").find((line) => line.startsWith(`| \`${code}\` |`));
  return row
    ?.split(/(?<!\\)\|/)
    .slice(1, -1)
    .map((cell) => cell.trim());
}

describe("docs/errors.md", () => {
  it("documents every problem code with its HTTP status, when it is answered and what to do", () => {
    const problems = section("## Problem codes");
    for (const [code, entry] of Object.entries(problemCatalogue)) {
      const cells = cellsOf(problems, code);
      assert.ok(cells, `problem code ${code} is not documented`);
      assert.equal(cells.length, 4, `${code}: code, status, when, what to do`);
      assert.equal(cells[1], String(entry.status), `status of ${code}`);
      assert.ok(cells[2] && cells[3], `${code} says when it is answered and what to do`);
    }
  });

  // A FieldError's code is typed by fieldErrorCatalogue, so the validator can emit no code outside it: the
  // codes checked here are every code it can emit.
  it("documents every field error code the validator can emit, with its meaning and how to fix it", () => {
    const fields = section("## Field error codes");
    for (const code of Object.keys(fieldErrorCatalogue)) {
      const cells = cellsOf(fields, code);
      assert.ok(cells, `field error code ${code} is not documented`);
      assert.equal(cells.length, 3, `${code}: code, meaning, how to fix`);
      assert.ok(cells[1] && cells[2], `${code} has a meaning and a fix`);
    }
  });

  it("documents every warning code with its meaning and how to fix it", () => {
    const warnings = section("## Warning codes");
    for (const code of Object.keys(fieldWarningCatalogue)) {
      const cells = cellsOf(warnings, code);
      assert.ok(cells, `warning code ${code} is not documented`);
      assert.equal(cells.length, 3, `${code}: code, meaning, how to fix`);
      assert.ok(cells[1] && cells[2], `${code} has a meaning and a fix`);
    }
  });

  it("documents every failure code of a failed submission with its meaning and what to do", () => {
    const failures = section("## Failure codes");
    for (const code of Object.keys(submissionFailureCatalogue)) {
      const cells = cellsOf(failures, code);
      assert.ok(cells, `failure code ${code} is not documented`);
      assert.equal(cells.length, 3, `${code}: code, meaning, what to do`);
      assert.ok(cells[1] && cells[2], `${code} has a meaning and what to do`);
    }
  });
});
