import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { exampleOrder } from "../../src/domain/order-example.js";
import { DEFAULT_ORDER_LIMITS } from "../../src/domain/order-limits.js";
import {
  createFieldGuide,
  editDistance,
  MAX_WARNINGS,
  suggestField,
} from "../../src/domain/unknown-fields.js";
import { validateOrder } from "../../src/domain/validate-order.js";
import { documentWith, errorsOf, warningsOf } from "./order-fixtures.js";

describe("validateOrder: unknown fields", () => {
  it("ignores an unknown field with a warning that names it", () => {
    const result = validateOrder(documentWith({ "/channel": "web" }), DEFAULT_ORDER_LIMITS);
    assert.ok(result.ok);
    assert.deepEqual(result.warnings, [
      { pointer: "/channel", code: "unknown_field", message: 'Unknown field "channel" was ignored' },
    ]);
    assert.equal(Object.hasOwn(result.order, "channel"), false);
  });

  for (const [pointer, hint] of [
    ["/fulfillment_date", "fulfilment_date"],
    ["/order_reference", "order_ref"],
    ["/orderref", "order_ref"],
    ["/items", "order_items"],
    ["/orderDate", "order_date"],
    ["/fulfilmentDate", "fulfilment_date"],
    ["/OrderItems", "order_items"],
    ["/ORDER_REF", "order_ref"],
    ["/langauge", "language"],
    ["/customer/customer_reference", "customer_ref"],
    ["/customer/firstName", "first_name"],
    ["/customer/emial", "email"],
    ["/customer/last_name", "surname"],
    ["/order_items/0/Price", "price"],
    ["/order_items/1/SKU", "sku"],
    ["/order_items/1/metaData", "metadata"],
    ["/order_items/1/currancy", "currency"],
  ] as const) {
    it(`hints "${hint}" for ${pointer}`, () => {
      assert.deepEqual(warningsOf(documentWith({ [pointer]: "x" })), [[pointer, hint]]);
    });
  }

  it("gives no hint when no field is close", () => {
    assert.deepEqual(warningsOf(documentWith({ "/customer/loyalty_tier": "gold" })), [
      ["/customer/loyalty_tier", undefined],
    ]);
  });

  it("hints only fields of the same object", () => {
    assert.deepEqual(warningsOf(documentWith({ "/order_items/0/order_ref": "A" })), [
      ["/order_items/0/order_ref", undefined],
    ]);
  });

  it("escapes ~ and / in the pointer of an unknown field", () => {
    assert.deepEqual(warningsOf(documentWith({ "/a~1b~0c": 1 })), [["/a~1b~0c", undefined]]);
  });

  it("lists warnings level by level: the document, then the customer, then each item", () => {
    const input = documentWith({ "/order_items/0/x": 1, "/customer/y": 2, "/z": 3 });
    assert.deepEqual(
      warningsOf(input).map(([pointer]) => pointer),
      ["/z", "/customer/y", "/order_items/0/x"],
    );
  });
});

describe("suggestField", () => {
  const guide = createFieldGuide(["ship_to_post_code", "sku"], { product_code: "sku" });
  it("maps the camelCase of a field to it, however far apart the two are", () => {
    assert.equal(suggestField("shipToPostCode", guide), "ship_to_post_code");
  });
  it("maps a listed misspelling, in any case", () =>
    assert.equal(suggestField("Product_Code", guide), "sku"));
  it("falls back to the closest field within two edits", () =>
    assert.equal(suggestField("skus", guide), "sku"));
  it("suggests nothing further off", () => assert.equal(suggestField("sizes", guide), undefined));
});

describe("editDistance", () => {
  it("counts insertions, deletions and substitutions", () => {
    assert.equal(editDistance("sku", "sku", 2), 0);
    assert.equal(editDistance("emial", "email", 2), 2);
    assert.equal(editDistance("prce", "price", 2), 1);
    assert.equal(editDistance("", "ab", 2), 2);
  });
  it("gives up past the limit", () => {
    assert.equal(editDistance("postcode", "sku", 2), 3);
    assert.equal(editDistance("abcdef", "uvwxyz", 2), 3);
  });
});

describe("validateOrder: prototype keys", () => {
  const hostile = JSON.parse(`{
    "trkref": "DEMO", "order_ref": "A1", "order_date": "01-02-2021",
    "__proto__": { "polluted": true, "order_items": [{ "sku": "FROM-PROTO" }] },
    "constructor": { "prototype": { "polluted": true } },
    "customer": { "email": "a@example.com", "__proto__": { "polluted": true } },
    "order_items": [{ "sku": "S1", "__proto__": { "price": "1" }, "metadata": { "__proto__": "kept", "constructor": 1 } }]
  }`);

  it("refuses the order with a prototype_key error at each, in document order, and pollutes nothing", () => {
    const result = validateOrder(hostile, DEFAULT_ORDER_LIMITS);
    assert.equal(result.ok, false);
    assert.deepEqual(errorsOf(hostile), [
      ["/__proto__", "prototype_key"],
      ["/constructor/prototype", "prototype_key"],
      ["/customer/__proto__", "prototype_key"],
      ["/order_items/0/__proto__", "prototype_key"],
      ["/order_items/0/metadata/__proto__", "prototype_key"],
    ]);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it("takes constructor and prototype keys with plain values as unknown fields, and in metadata as data", () => {
    const plain = JSON.parse(`{
      "trkref": "DEMO", "order_ref": "A1", "order_date": "01-02-2021", "constructor": 1, "prototype": 2,
      "customer": { "email": "a@example.com" },
      "order_items": [{ "sku": "S1", "metadata": { "constructor": 1, "prototype": { "x": 1 } } }]
    }`);
    const result = validateOrder(plain, DEFAULT_ORDER_LIMITS);
    assert.ok(result.ok);
    assert.deepEqual(
      result.warnings.map((warning) => warning.pointer),
      ["/constructor", "/prototype"],
    );
    const metadata = result.order.order_items[0]?.metadata;
    assert.ok(metadata !== undefined);
    assert.equal(Object.getPrototypeOf(metadata), Object.prototype);
    assert.equal(JSON.stringify(metadata), '{"constructor":1,"prototype":{"x":1}}');
  });

  it("does not read required fields from a prototype", () => {
    const { order_ref, ...rest } = documentWith();
    const input = Object.assign(Object.create({ order_ref }), rest);
    assert.deepEqual(errorsOf(input), [["/order_ref", "required"]]);
  });
});

describe("warning limit", () => {
  it("lists at most MAX_WARNINGS warnings however many unknown fields a document has", () => {
    const document: Record<string, unknown> = { ...exampleOrder("ACME") };
    for (let i = 0; i < MAX_WARNINGS + 50; i++) document[`extra_${i}`] = i;
    const result = validateOrder(document, DEFAULT_ORDER_LIMITS);
    assert.equal(result.ok, true);
    assert.equal(result.warnings.length, MAX_WARNINGS);
  });
});
