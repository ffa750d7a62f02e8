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
  // Item 0 of the example is in GBP; without a currency, a price may have any number of decimal digits.
  const price = (sent: unknown) =>
    documentWith({ "/order_items/0/price": sent, "/order_items/0/currency": undefined });

  for (const [sent, stored] of [
    ["55,99", "55.99"],
    ["10", "10"],
    ["0,5", "0.5"],
    ["055,90", "55.90"],
    ["000", "0"],
    ["00,50", "0.50"],
    ["1,999", "1.999"],
    ["1".repeat(32), "1".repeat(32)],
    [12.5, "12.5"],
    [25, "25"],
    [0, "0"],
    [0.000001, "0.000001"],
  ] as const) {
    it(`stores ${JSON.stringify(sent)} without a currency as "${stored}"`, () => {
      assert.equal(normalised(price(sent)).order_items[0]?.price, stored);
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
      assertOnlyError(price(sent), "/order_items/0/price", "invalid_price");
      assertOnlyError(
        documentWith({ "/order_items/0/price": sent }),
        "/order_items/0/price",
        "invalid_price",
      );
    });
  }
});

describe("validateOrder: order_items[].price in a currency", () => {
  const priced = (sent: unknown, currency: unknown) =>
    documentWith({ "/order_items/0/price": sent, "/order_items/0/currency": currency });
  /** The errors of a priced item 0, with their messages. */
  const refusal = (sent: unknown, currency: unknown) => {
    const result = validateOrder(priced(sent, currency), limits);
    assert.equal(result.ok, false, `${JSON.stringify(sent)} ${currency} was accepted`);
    return result.ok ? [] : result.errors;
  };
  const gbpMessage =
    'GBP takes at most 2 decimal digits: write one thousand nine hundred and ninety-nine as "1999" or "1999,00"';

  it('refuses "1,999" in GBP, which takes 2 digits, saying how to write the amount', () => {
    assert.deepEqual(refusal("1,999", "GBP"), [
      { pointer: "/order_items/0/price", code: "invalid_price", message: gbpMessage },
    ]);
  });
  it("finds the digits of a currency sent in lower case", () => {
    assert.deepEqual(refusal("1,999", "gbp"), [
      { pointer: "/order_items/0/price", code: "invalid_price", message: gbpMessage },
    ]);
  });
  it("counts trailing zeros: 10,000 in GBP is as ambiguous as any other three digits", () => {
    assert.deepEqual(refusal("10,000", "GBP"), [
      { pointer: "/order_items/0/price", code: "invalid_price", message: gbpMessage },
    ]);
  });
  it("refuses a JSON number with more digits than the currency takes", () => {
    assert.deepEqual(errorsOf(priced(19.999, "GBP")), [["/order_items/0/price", "invalid_price"]]);
    assert.deepEqual(errorsOf(priced(1999.5, "JPY")), [["/order_items/0/price", "invalid_price"]]);
  });
  for (const [sent, currency, stored] of [
    ["1999", "GBP", "1999"],
    ["1999,00", "GBP", "1999.00"],
    ["19,9", "GBP", "19.9"],
    [19.99, "GBP", "19.99"],
    ["1999", "JPY", "1999"],
    [1999, "JPY", "1999"],
    ["1,999", "BHD", "1.999"],
    ["0,1234", "CLF", "0.1234"],
  ] as const) {
    it(`accepts ${JSON.stringify(sent)} in ${currency}, stored as "${stored}"`, () => {
      const item = normalised(priced(sent, currency)).order_items[0];
      assert.deepEqual([item?.price, item?.currency], [stored, currency]);
    });
  }
  it("names the digits of a currency that takes none", () => {
    assert.deepEqual(
      refusal("1999,0", "JPY").map((error) => error.message),
      ['JPY takes no decimal digits (0): write one thousand nine hundred and ninety-nine as "1999"'],
    );
  });
  it("names the digits of a currency that takes three", () => {
    assert.deepEqual(
      refusal("1,9990", "BHD").map((error) => error.message),
      [
        'BHD takes at most 3 decimal digits: write one thousand nine hundred and ninety-nine as "1999" or "1999,000"',
      ],
    );
  });
  it("takes any number of digits for codes without a minor unit, such as gold", () => {
    for (const currency of ["XAU", "XDR", "XXX"]) {
      assert.equal(normalised(priced("0,123456", currency)).order_items[0]?.price, "0.123456", currency);
    }
  });
  it("gives a price whose currency is itself wrong only the currency's error", () => {
    assert.deepEqual(errorsOf(priced("1,999", "ZZZ")), [["/order_items/0/currency", "invalid_currency"]]);
    assert.deepEqual(errorsOf(priced("1,999", 826)), [["/order_items/0/currency", "wrong_type"]]);
  });
  it("reports a wrong price and a wrong currency each with its own error", () => {
    assert.deepEqual(errorsOf(priced("1.999", "ZZZ")), [
      ["/order_items/0/price", "invalid_price"],
      ["/order_items/0/currency", "invalid_currency"],
    ]);
  });
  it("checks each item against its own currency", () => {
    const input = documentWith({
      "/order_items/0/price": "1,999",
      "/order_items/0/currency": "BHD",
      "/order_items/1/price": "1,999",
    });
    assert.deepEqual(errorsOf(input), [["/order_items/1/price", "invalid_price"]]);
  });
});
