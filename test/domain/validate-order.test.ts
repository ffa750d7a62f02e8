import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DEFAULT_ORDER_LIMITS } from "../../src/domain/order-limits.js";
import { validateOrder } from "../../src/domain/validate-order.js";
import { assertOnlyError, documentWith, errorsOf, minimalDocument, normalised } from "./order-fixtures.js";

const limits = DEFAULT_ORDER_LIMITS;

describe("validateOrder: the document as a whole", () => {
  for (const input of [undefined, null, {}]) {
    it(`answers "No data provided" for ${JSON.stringify(input) ?? "undefined"}`, () => {
      assert.deepEqual(validateOrder(input, limits), {
        ok: false,
        noData: true,
        errors: [{ pointer: "", code: "required", message: "No data provided" }],
        warnings: [],
      });
    });
  }

  for (const input of [[], [minimalDocument()], "order", 42, true]) {
    it(`refuses a ${Array.isArray(input) ? "array" : typeof input} body with wrong_type at ""`, () => {
      const result = validateOrder(input, limits);
      assert.equal(result.ok, false);
      assert.equal(!result.ok && result.noData, false);
      assert.deepEqual(errorsOf(input), [["", "wrong_type"]]);
    });
  }

  it("accepts the example and normalises every field", () => {
    assert.deepEqual(validateOrder(documentWith(), limits), {
      ok: true,
      warnings: [],
      order: {
        trkref: "DEMO",
        order_ref: "ORD-2021-000123",
        order_date: "2021-09-25",
        fulfilment_date: "2021-09-27",
        language: "en",
        locale: "en-GB",
        customer: {
          email: "jane.doe@example.com",
          customer_ref: "CUST-0042",
          title: "Ms",
          first_name: "Jane",
          surname: "Doe",
          postcode: "SW1A 1AA",
          country: "GB",
        },
        order_items: [
          {
            sku: "TSHIRT-BLUE-M",
            price: "55.99",
            currency: "GBP",
            metadata: { field_1: "gift wrapped", colour: "blue" },
          },
          { sku: "MUG-001", price: "12.5", currency: "GBP" },
        ],
      },
    });
  });

  it("leaves out every optional field that was not sent", () => {
    assert.deepEqual(normalised(minimalDocument()), {
      trkref: "DEMO",
      order_ref: "A1",
      order_date: "2021-02-01",
      customer: { email: "a@example.com" },
      order_items: [{ sku: "S1" }],
    });
  });

  it("treats optional fields sent as null as not sent", () => {
    const input = documentWith({
      "/fulfilment_date": null,
      "/language": null,
      "/locale": null,
      "/customer/customer_ref": null,
      "/customer/title": null,
      "/customer/country": null,
      "/order_items/1/price": null,
      "/order_items/1/currency": null,
      "/order_items/1/metadata": null,
    });
    const order = normalised(input);
    assert.deepEqual(Object.keys(order), ["trkref", "order_ref", "order_date", "customer", "order_items"]);
    assert.deepEqual(Object.keys(order.customer), ["email", "first_name", "surname", "postcode"]);
    assert.deepEqual(order.order_items[1], { sku: "MUG-001" });
  });

  it("reports every error of a document at once", () => {
    const input = documentWith({
      "/trkref": "demo",
      "/order_ref": " ",
      "/order_date": "31-02-2021",
      "/language": "xx",
      "/customer/email": "not an address",
      "/customer/country": "ZZ",
      "/order_items/0/price": "1.000",
      "/order_items/1/sku": undefined,
      "/order_items/1/currency": "ABC",
    });
    assert.deepEqual(errorsOf(input), [
      ["/trkref", "invalid_trkref"],
      ["/order_ref", "blank"],
      ["/order_date", "invalid_date"],
      ["/language", "invalid_language"],
      ["/customer/email", "invalid_email"],
      ["/customer/country", "invalid_country"],
      ["/order_items/0/price", "invalid_price"],
      ["/order_items/1/sku", "required"],
      ["/order_items/1/currency", "invalid_currency"],
    ]);
  });

  it("returns the warnings alongside the errors of a refused document", () => {
    const result = validateOrder(documentWith({ "/order_ref": undefined, "/orderref": "A1" }), limits);
    assert.ok(!result.ok);
    assert.deepEqual(result.warnings, [
      {
        pointer: "/orderref",
        code: "unknown_field",
        message: 'Unknown field "orderref" was ignored',
        hint: "order_ref",
      },
    ]);
  });

  it("applies the limits it is given, not the defaults", () => {
    const tight = { ...limits, maxStringLength: 5 };
    const named = (surname: string) => ({
      ...minimalDocument(),
      customer: { email: "a@example.com", surname },
    });
    assertOnlyError(named("ABCDEF"), "/customer/surname", "too_long", tight);
    assert.ok(validateOrder(named("ABCDE"), tight).ok);
  });

  it("keeps order_ref and sku at 1 to 255 characters whatever MAX_STRING_LENGTH says", () => {
    const tight = { ...limits, maxStringLength: 5 };
    assert.ok(validateOrder({ ...minimalDocument(), order_ref: "R".repeat(255) }, tight).ok);
    const roomy = { ...limits, maxStringLength: 1000 };
    assertOnlyError({ ...minimalDocument(), order_ref: "R".repeat(256) }, "/order_ref", "too_long", roomy);
  });
});

describe("validateOrder: trkref", () => {
  it("is required", () => assertOnlyError(documentWith({ "/trkref": undefined }), "/trkref", "required"));
  it("must be a string", () => assertOnlyError(documentWith({ "/trkref": 7 }), "/trkref", "wrong_type"));
  it("must match the pattern", () =>
    assertOnlyError(documentWith({ "/trkref": "ab-c" }), "/trkref", "invalid_trkref"));

  it("must equal the path's trkref when one is given", () => {
    assert.deepEqual(errorsOf(documentWith(), limits, { pathTrkref: "OTHER" }), [
      ["/trkref", "trkref_mismatch"],
    ]);
    assert.ok(validateOrder(documentWith(), limits, { pathTrkref: "DEMO" }).ok);
  });
});

describe("validateOrder: order_ref", () => {
  it("is required", () =>
    assertOnlyError(documentWith({ "/order_ref": undefined }), "/order_ref", "required"));
  it("is required even when sent as null", () => {
    assertOnlyError(documentWith({ "/order_ref": null }), "/order_ref", "required");
  });
  it("must not be empty", () => assertOnlyError(documentWith({ "/order_ref": "" }), "/order_ref", "blank"));
  it("must not be blank", () =>
    assertOnlyError(documentWith({ "/order_ref": " \t\n" }), "/order_ref", "blank"));
  it("must be a string or a number", () => {
    assertOnlyError(documentWith({ "/order_ref": true }), "/order_ref", "wrong_type");
    assertOnlyError(documentWith({ "/order_ref": ["A1"] }), "/order_ref", "wrong_type");
  });
  it("refuses a number with a fraction", () => {
    assertOnlyError(documentWith({ "/order_ref": 12.5 }), "/order_ref", "not_an_integer");
  });
  it("refuses an integer past 2^53, whose digits JSON.parse has already lost", () => {
    assertOnlyError(documentWith({ "/order_ref": 2 ** 53 }), "/order_ref", "not_an_integer");
  });
  it("keeps a JSON integer as its decimal string", () => {
    assert.equal(normalised(documentWith({ "/order_ref": 100234 })).order_ref, "100234");
  });
  it("keeps a string exactly as sent, spaces included", () => {
    assert.equal(normalised(documentWith({ "/order_ref": " A 1 " })).order_ref, " A 1 ");
  });
  it("allows maxStringLength characters and no more", () => {
    assert.equal(normalised(documentWith({ "/order_ref": "x".repeat(255) })).order_ref.length, 255);
    assertOnlyError(documentWith({ "/order_ref": "x".repeat(256) }), "/order_ref", "too_long");
  });
  it("counts characters, not UTF-16 units", () => {
    assert.ok(normalised(documentWith({ "/order_ref": "😀".repeat(255) })));
    assertOnlyError(documentWith({ "/order_ref": "😀".repeat(256) }), "/order_ref", "too_long");
  });
});
