import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DEFAULT_ORDER_LIMITS } from "../../src/domain/order-limits.js";
import { validateOrder } from "../../src/domain/validate-order.js";
import { assertOnlyError, documentWith, errorsOf, normalised } from "./order-fixtures.js";

const limits = DEFAULT_ORDER_LIMITS;
const item = (index: number, edits: Record<string, unknown>) =>
  normalised(documentWith(edits)).order_items[index];

describe("validateOrder: order_items", () => {
  it("is required", () =>
    assertOnlyError(documentWith({ "/order_items": undefined }), "/order_items", "required"));
  it("must be an array", () => {
    assertOnlyError(documentWith({ "/order_items": { sku: "A" } }), "/order_items", "wrong_type");
  });
  it("must not be empty", () =>
    assertOnlyError(documentWith({ "/order_items": [] }), "/order_items", "empty_list"));
  it("allows maxItemsPerOrder items and no more, without looking at each one past the limit", () => {
    const tight = { ...limits, maxItemsPerOrder: 2 };
    assert.ok(validateOrder(documentWith(), tight).ok);
    const input = documentWith({ "/order_items": [1, 2, 3] });
    assert.deepEqual(errorsOf(input, tight), [["/order_items", "too_many"]]);
  });
  it("refuses an item that is not an object", () => {
    assert.deepEqual(errorsOf(documentWith({ "/order_items/0": "SKU-1", "/order_items/1": null })), [
      ["/order_items/0", "wrong_type"],
      ["/order_items/1", "wrong_type"],
    ]);
  });
  it("reports the holes of a sparse array", () => {
    const items: unknown[] = [];
    items[1] = { sku: "A" };
    assertOnlyError(documentWith({ "/order_items": items }), "/order_items/0", "wrong_type");
  });
});

describe("validateOrder: order_items[].sku", () => {
  it("is required", () =>
    assertOnlyError(documentWith({ "/order_items/1/sku": undefined }), "/order_items/1/sku", "required"));
  it("must not be blank", () =>
    assertOnlyError(documentWith({ "/order_items/0/sku": "  " }), "/order_items/0/sku", "blank"));
  it("keeps a JSON integer as its decimal string", () =>
    assert.equal(item(0, { "/order_items/0/sku": 40123 })?.sku, "40123"));
  it("refuses a number with a fraction", () => {
    assertOnlyError(documentWith({ "/order_items/0/sku": 4.5 }), "/order_items/0/sku", "not_an_integer");
  });
  it("must be a string or an integer", () => {
    assertOnlyError(documentWith({ "/order_items/0/sku": { id: 1 } }), "/order_items/0/sku", "wrong_type");
  });
  it("allows maxStringLength characters and no more", () => {
    assertOnlyError(
      documentWith({ "/order_items/0/sku": "s".repeat(256) }),
      "/order_items/0/sku",
      "too_long",
    );
  });
});

describe("validateOrder: order_items[].price", () => {
  for (const [sent, stored] of [
    ["55,99", "55.99"],
    ["10", "10"],
    ["0,5", "0.5"],
    ["055,90", "55.90"],
    ["000", "0"],
    ["00,50", "0.50"],
    ["1".repeat(32), "1".repeat(32)],
    [12.5, "12.5"],
    [25, "25"],
    [0, "0"],
    [0.000001, "0.000001"],
  ] as const) {
    it(`stores ${JSON.stringify(sent)} as "${stored}"`, () => {
      assert.equal(item(0, { "/order_items/0/price": sent })?.price, stored);
    });
  }
  for (const [sent, why] of [
    ["1.000", "a decimal dot, ambiguous between locales"],
    ["1.000,50", "a thousands separator"],
    ["-1", "a negative string"],
    [",5", "a comma with no digits before it"],
    ["5,", "a comma with no digits after it"],
    ["1,2,3", "two commas"],
    ["£5", "a currency sign"],
    ["", "an empty string"],
    ["1".repeat(33), "more than 32 characters"],
    [-0.01, "a negative number"],
    [1e21, "a number that prints with an exponent"],
    [1e-7, "a tiny number that prints with an exponent"],
    [true, "a boolean"],
    [[5], "an array"],
  ] as const) {
    it(`refuses ${why}`, () => {
      assertOnlyError(
        documentWith({ "/order_items/0/price": sent }),
        "/order_items/0/price",
        "invalid_price",
      );
    });
  }
});

describe("validateOrder: order_items[].metadata", () => {
  const metadata = (value: unknown) => documentWith({ "/order_items/0/metadata": value });

  it("keeps strings, numbers, booleans and null", () => {
    const value = { a: "x", b: 1.5, c: true, d: null, e_2: "" };
    assert.deepEqual(item(0, { "/order_items/0/metadata": value })?.metadata, value);
  });
  it("keeps an empty object as sent", () =>
    assert.deepEqual(item(0, { "/order_items/0/metadata": {} })?.metadata, {}));
  it("must be an object", () => {
    assertOnlyError(metadata([]), "/order_items/0/metadata", "wrong_type");
    assertOnlyError(metadata("colour=blue"), "/order_items/0/metadata", "wrong_type");
  });
  it("allows maxMetadataEntries entries and no more", () => {
    const entries = (count: number) =>
      Object.fromEntries(Array.from({ length: count }, (_, i) => [`f${i}`, i]));
    assert.ok(normalised(metadata(entries(50))));
    assert.deepEqual(errorsOf(metadata({ ...entries(51), BAD: {} })), [
      ["/order_items/0/metadata", "too_many"],
    ]);
  });
  for (const name of ["Colour", "colour-name", "", "n".repeat(65), "a/b", "é"]) {
    it(`refuses the name ${JSON.stringify(name.length > 10 ? `${name.slice(0, 5)}…` : name)}`, () => {
      const pointer = `/order_items/0/metadata/${name.replaceAll("~", "~0").replaceAll("/", "~1")}`;
      assertOnlyError(metadata({ [name]: 1 }), pointer, "invalid_metadata_name");
    });
  }
  it("allows names of 64 characters with digits and underscores", () => {
    assert.ok(normalised(metadata({ ["n_1".repeat(21).padEnd(64, "x")]: 1 })));
  });
  it("refuses object and array values", () => {
    assert.deepEqual(errorsOf(metadata({ a: { b: 1 }, c: [1] })), [
      ["/order_items/0/metadata/a", "invalid_metadata_value"],
      ["/order_items/0/metadata/c", "invalid_metadata_value"],
    ]);
  });
  it("refuses string values past maxStringLength", () => {
    assertOnlyError(metadata({ note: "m".repeat(256) }), "/order_items/0/metadata/note", "too_long");
  });
  it("does not warn about its entries, whatever their names", () => {
    const result = validateOrder(metadata({ fulfillment_date: "x", items: 1 }), limits);
    assert.ok(result.ok);
    assert.deepEqual(result.warnings, []);
  });
});
