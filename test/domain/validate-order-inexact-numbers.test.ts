import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { describe, it } from "node:test";
import { stringify } from "safe-stable-stringify";
import { assessBatch } from "../../src/domain/assess-batch.js";
import { InexactNumber } from "../../src/domain/inexact-number.js";
import { DEFAULT_ORDER_LIMITS, MAX_DOCUMENT_DEPTH } from "../../src/domain/order-limits.js";
import { fingerprintRequest } from "../../src/domain/request-fingerprint.js";
import { validateOrder } from "../../src/domain/validate-order.js";
import { assertOnlyError, documentWith, errorsOf, minimalDocument, normalised } from "./order-fixtures.js";

const inexact = (text: string) => new InexactNumber(text);

describe("validateOrder: numbers a double cannot hold exactly", () => {
  it("refuses one in order_ref at its pointer, naming the number", () => {
    const result = validateOrder(
      documentWith({ "/order_ref": inexact("1.0000000000000001") }),
      DEFAULT_ORDER_LIMITS,
    );
    assert.equal(result.ok, false);
    assert.deepEqual(result.ok ? [] : result.errors, [
      {
        pointer: "/order_ref",
        code: "inexact_number",
        message: "1.0000000000000001 cannot be held exactly as a number; send it as a string",
      },
    ]);
  });

  it("refuses one in any field, price and customer_ref included", () => {
    assertOnlyError(
      documentWith({ "/order_items/0/price": inexact("1e400") }),
      "/order_items/0/price",
      "inexact_number",
    );
    assertOnlyError(
      documentWith({ "/customer/customer_ref": inexact("1e-400") }),
      "/customer/customer_ref",
      "inexact_number",
    );
    assertOnlyError(
      documentWith({ "/order_items/1/sku": inexact("9007199254740993") }),
      "/order_items/1/sku",
      "inexact_number",
    );
  });

  it("refuses one nested anywhere in metadata, even past the depth at which a field is read", () => {
    const deep = { a: [{ b: [1.5, inexact("123456789012345678901234567890")] }] };
    assertOnlyError(
      documentWith({ "/order_items/0/metadata": { size: 1, deep } }),
      "/order_items/0/metadata/deep/a/0/b/1",
      "inexact_number",
    );
    // A leaf at the last level an order may nest to: the number is what is wrong, not the nesting.
    let nested: unknown = inexact("1e-400");
    // The document, order_items, the item and metadata are the first four levels.
    const levels = MAX_DOCUMENT_DEPTH - 4;
    for (let i = 0; i < levels; i++) nested = [nested];
    const pointer = `/order_items/0/metadata/x${"/0".repeat(levels)}`;
    assertOnlyError(documentWith({ "/order_items/0/metadata": { x: nested } }), pointer, "inexact_number");
  });

  it("reports every one in document order, alone, since the fields below them are not read", () => {
    const document = {
      ...minimalDocument(),
      order_ref: inexact("1e-400"),
      customer: { email: inexact("2e-400") },
    };
    assert.deepEqual(errorsOf({ ...document, order_date: undefined, order_items: [] }), [
      ["/order_ref", "inexact_number"],
      ["/customer/email", "inexact_number"],
    ]);
  });

  it("takes such a number standing for the whole order as no object", () => {
    assertOnlyError(inexact("1e400"), "", "wrong_type");
  });

  it("accepts numbers a double holds, with their values", () => {
    const order = normalised(documentWith({ "/order_items/0/metadata": { a: 1.5, b: 0.1, c: -0, d: 1e21 } }));
    assert.deepEqual(order.order_items[0]?.metadata, { a: 1.5, b: 0.1, c: 0, d: 1e21 });
  });
});

describe("a batch with a number a double cannot hold", () => {
  it("rejects only the order holding it, with a null order_ref when that is the number", () => {
    const permissions = { allowed: new Set(["DEMO"]), enabled: new Set(["DEMO"]) };
    let next = 0;
    const documents = [
      documentWith({ "/order_ref": "B-1" }),
      documentWith({ "/order_ref": inexact("1.0000000000000001") }),
      inexact("1e400"),
      documentWith({ "/order_ref": "B-3" }),
    ];
    const { results, accepted } = assessBatch(
      documents,
      DEFAULT_ORDER_LIMITS,
      permissions,
      () => `id-${next++}`,
    );
    assert.deepEqual(
      results.map((result) => [
        result.status,
        result.order_ref,
        "errors" in result ? result.errors?.map((e) => e.code) : [],
      ]),
      [
        ["accepted", "B-1", []],
        ["rejected", null, ["inexact_number"]],
        ["rejected", null, ["wrong_type"]],
        ["accepted", "B-3", []],
      ],
    );
    assert.equal(accepted.length, 2);
  });
});

describe("fingerprintRequest with a number a double cannot hold", () => {
  const fingerprint = (body: unknown) => fingerprintRequest("POST", "/v4/customer_orders", body);

  it("tells the number from the same digits sent as a string, and from the double JSON.parse read", () => {
    const sent = fingerprint({ order_ref: inexact("1.0000000000000001") });
    assert.notEqual(sent, fingerprint({ order_ref: "1.0000000000000001" }));
    assert.notEqual(sent, fingerprint({ order_ref: 1 }));
    assert.equal(sent, fingerprint({ order_ref: inexact("1.0000000000000001") }));
    assert.notEqual(sent, fingerprint({ order_ref: inexact("1.00000000000000001") }));
  });

  it("is unchanged for a body without one, so that recorded fingerprints stay valid", () => {
    const body = { b: [1.5, "x", null, { "": -0 }], a: { d: true, c: 0.1 } };
    // How a fingerprint was computed before numbers were marked.
    const recorded = createHash("sha256")
      .update("POST /v4/customer_orders\n")
      .update(stringify(body) ?? "")
      .digest("hex");
    assert.equal(fingerprint(body), recorded);
  });
});
