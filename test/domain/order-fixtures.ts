import assert from "node:assert/strict";
import type { FieldErrorCode } from "../../src/domain/field-errors.js";
import type { NormalisedOrder } from "../../src/domain/normalised-order.js";
import { exampleOrder } from "../../src/domain/order-example.js";
import { DEFAULT_ORDER_LIMITS, type OrderLimits } from "../../src/domain/order-limits.js";
import { type ValidateOrderOptions, validateOrder } from "../../src/domain/validate-order.js";

/** A parsed JSON object as a test builds it. */
export type JsonDocument = Record<string, unknown>;

function unescapeToken(token: string): string {
  return token.replaceAll("~1", "/").replaceAll("~0", "~");
}

/** Puts `value` at the JSON Pointer `pointer` inside `root`; `undefined` removes the field. */
function setAt(root: JsonDocument, pointer: string, value: unknown): void {
  const tokens = pointer.split("/").slice(1).map(unescapeToken);
  const last = tokens.pop();
  assert.ok(last !== undefined, `cannot replace the whole document through "${pointer}"`);
  let target = root;
  for (const token of tokens) target = target[token] as JsonDocument;
  if (value === undefined) delete target[last];
  else target[last] = value;
}

/** The valid example document with each pointer of `edits` set to its value (or removed when `undefined`). */
export function documentWith(edits: Record<string, unknown> = {}): JsonDocument {
  const document = structuredClone(exampleOrder("DEMO")) as JsonDocument;
  for (const [pointer, value] of Object.entries(edits)) setAt(document, pointer, value);
  return document;
}

/** The smallest valid document: every optional field left out. */
export function minimalDocument(): JsonDocument {
  return {
    trkref: "DEMO",
    order_ref: "A1",
    order_date: "01-02-2021",
    customer: { email: "a@example.com" },
    order_items: [{ sku: "S1" }],
  };
}

/** The `[pointer, code]` pairs of every error `validateOrder` reports for `input`. */
export function errorsOf(
  input: unknown,
  limits: OrderLimits = DEFAULT_ORDER_LIMITS,
  options?: ValidateOrderOptions,
): [string, FieldErrorCode][] {
  const result = validateOrder(input, limits, options);
  assert.equal(result.ok, false, "expected the document to be refused");
  return result.ok ? [] : result.errors.map((error) => [error.pointer, error.code]);
}

/** Asserts that `input` is refused with exactly one error, at `pointer` with `code`. */
export function assertOnlyError(
  input: unknown,
  pointer: string,
  code: FieldErrorCode,
  limits?: OrderLimits,
): void {
  assert.deepEqual(errorsOf(input, limits), [[pointer, code]]);
}

/** The normalised order of a document that must be accepted. */
export function normalised(input: unknown, limits: OrderLimits = DEFAULT_ORDER_LIMITS): NormalisedOrder {
  const result = validateOrder(input, limits);
  assert.ok(result.ok, `expected acceptance, got ${JSON.stringify(result.ok ? [] : result.errors)}`);
  return result.order;
}

/** The `[pointer, hint]` pairs of the warnings for a document that must be accepted. */
export function warningsOf(input: unknown): [string, string | undefined][] {
  const result = validateOrder(input, DEFAULT_ORDER_LIMITS);
  assert.ok(result.ok, `expected acceptance, got ${JSON.stringify(result.ok ? [] : result.errors)}`);
  return result.warnings.map((warning) => [warning.pointer, warning.hint]);
}
