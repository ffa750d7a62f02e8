import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { exampleOrder } from "../../src/domain/order-example.js";
import { DEFAULT_ORDER_LIMITS } from "../../src/domain/order-limits.js";
import { validateOrder } from "../../src/domain/validate-order.js";

const errorsOf = (document: unknown) => {
  const result = validateOrder(document, DEFAULT_ORDER_LIMITS);
  return result.ok ? [] : result.errors.map((error) => [error.pointer, error.code]);
};

describe("validateOrder: the NUL character", () => {
  const example = exampleOrder("ACME");
  const items = example.order_items;
  for (const [pointer, document] of [
    ["/order_ref", { ...example, order_ref: "A\u0000B" }],
    ["/customer/first_name", { ...example, customer: { ...example.customer, first_name: "Ja\u0000ne" } }],
    ["/customer/customer_ref", { ...example, customer: { ...example.customer, customer_ref: "\u0000" } }],
    ["/order_items/0/sku", { ...example, order_items: [{ ...items[0], sku: "S\u0000" }] }],
    [
      "/order_items/0/metadata/colour",
      { ...example, order_items: [{ ...items[0], metadata: { colour: "b\u0000" } }] },
    ],
  ] as const) {
    it(`is refused in ${pointer} with invalid_character`, () => {
      assert.deepEqual(errorsOf(document), [[pointer, "invalid_character"]]);
    });
  }

  it("leaves other control characters alone (a tab in a name is odd, not unstorable)", () => {
    assert.deepEqual(errorsOf({ ...example, customer: { ...example.customer, first_name: "Ja\tne" } }), []);
  });
});

describe("validateOrder: unpaired surrogates", () => {
  const example = exampleOrder("ACME");
  const items = example.order_items;
  for (const [pointer, document] of [
    ["/order_ref", { ...example, order_ref: "A\ud800" }],
    ["/customer/surname", { ...example, customer: { ...example.customer, surname: "\udc00Doe" } }],
    ["/order_items/0/sku", { ...example, order_items: [{ ...items[0], sku: "S\ud83d" }] }],
    [
      "/order_items/0/metadata/colour",
      { ...example, order_items: [{ ...items[0], metadata: { colour: "\ude00" } }] },
    ],
  ] as const) {
    it(`are refused in ${pointer} with invalid_character`, () => {
      assert.deepEqual(errorsOf(document), [[pointer, "invalid_character"]]);
    });
  }

  it("leave a character outside the Basic Multilingual Plane (a surrogate pair) alone", () => {
    const customer = { ...example.customer, first_name: "Jane \ud83d\ude00" };
    assert.deepEqual(errorsOf({ ...example, customer }), []);
  });
});
