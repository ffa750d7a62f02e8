import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DEFAULT_ORDER_LIMITS } from "../../src/domain/order-limits.js";
import { validateOrder } from "../../src/domain/validate-order.js";
import { assertOnlyError, documentWith, normalised } from "./order-fixtures.js";

/** A syntactically valid address of exactly `length` characters (local part 64, labels of at most 63). */
function emailOfLength(length: number): string {
  const local = "a".repeat(64);
  const fixed = `${"b".repeat(63)}.${"c".repeat(63)}.`;
  return `${local}@${fixed}${"d".repeat(length - local.length - 1 - fixed.length - 4)}.com`;
}

describe("validateOrder: customer", () => {
  it("is required", () => assertOnlyError(documentWith({ "/customer": undefined }), "/customer", "required"));
  it("is required even when sent as null", () =>
    assertOnlyError(documentWith({ "/customer": null }), "/customer", "required"));
  it("must be an object", () => {
    assertOnlyError(documentWith({ "/customer": [] }), "/customer", "wrong_type");
    assertOnlyError(documentWith({ "/customer": "jane@example.com" }), "/customer", "wrong_type");
  });
});

describe("validateOrder: customer.email", () => {
  it("is required", () =>
    assertOnlyError(documentWith({ "/customer/email": undefined }), "/customer/email", "required"));
  it("must be a string", () =>
    assertOnlyError(documentWith({ "/customer/email": 1 }), "/customer/email", "wrong_type"));
  for (const email of ["", "  "]) {
    it(`refuses ${JSON.stringify(email)} as blank, as the original did`, () => {
      assertOnlyError(documentWith({ "/customer/email": email }), "/customer/email", "blank");
    });
  }
  for (const email of [
    "jane",
    "jane@",
    "@example.com",
    "jane@example",
    "Jane <jane@example.com>",
    " jane@example.com",
  ]) {
    it(`refuses ${JSON.stringify(email)}`, () => {
      assertOnlyError(documentWith({ "/customer/email": email }), "/customer/email", "invalid_email");
    });
  }
  it("allows 254 characters and no more", () => {
    assert.equal(
      normalised(documentWith({ "/customer/email": emailOfLength(254) })).customer.email.length,
      254,
    );
    assertOnlyError(
      documentWith({ "/customer/email": emailOfLength(255) }),
      "/customer/email",
      "invalid_email",
    );
  });
  it("is kept exactly as sent", () => {
    assert.equal(
      normalised(documentWith({ "/customer/email": "Jane.Doe@Example.COM" })).customer.email,
      "Jane.Doe@Example.COM",
    );
  });
  // The address check throws on a lone surrogate; the character is refused first, as in any text field.
  for (const [label, email] of [
    ["a lone high surrogate", "jane\ud800@example.com"],
    ["a lone low surrogate", "\udc00"],
    ["NUL", "jane\u0000@example.com"],
  ] as const) {
    it(`refuses ${label} as invalid_character`, () => {
      assertOnlyError(documentWith({ "/customer/email": email }), "/customer/email", "invalid_character");
    });
  }
  it("refuses an over-long address as invalid_email, whatever characters it holds", () => {
    const email = `${emailOfLength(254)}\ud800`;
    assertOnlyError(documentWith({ "/customer/email": email }), "/customer/email", "invalid_email");
  });
});

describe("validateOrder: customer.customer_ref and its alias cutomer_ref", () => {
  it("keeps a JSON integer as its decimal string", () => {
    assert.equal(normalised(documentWith({ "/customer/customer_ref": 1042 })).customer.customer_ref, "1042");
  });
  it("refuses a number with a fraction", () => {
    assertOnlyError(
      documentWith({ "/customer/customer_ref": 10.5 }),
      "/customer/customer_ref",
      "not_an_integer",
    );
  });
  it("must be a string or an integer", () => {
    assertOnlyError(documentWith({ "/customer/customer_ref": {} }), "/customer/customer_ref", "wrong_type");
  });
  it("allows maxStringLength characters and no more", () => {
    const input = documentWith({ "/customer/customer_ref": "r".repeat(256) });
    assertOnlyError(input, "/customer/customer_ref", "too_long");
  });
  it("takes cutomer_ref as customer_ref, without a warning", () => {
    const result = validateOrder(
      documentWith({ "/customer/customer_ref": undefined, "/customer/cutomer_ref": "C-9" }),
      DEFAULT_ORDER_LIMITS,
    );
    assert.ok(result.ok);
    assert.equal(result.order.customer.customer_ref, "C-9");
    assert.equal(Object.hasOwn(result.order.customer, "cutomer_ref"), false);
    assert.deepEqual(result.warnings, []);
  });
  it("reports an error in cutomer_ref at the alias's own pointer", () => {
    const input = documentWith({ "/customer/customer_ref": undefined, "/customer/cutomer_ref": false });
    assertOnlyError(input, "/customer/cutomer_ref", "wrong_type");
  });
  it("prefers customer_ref when both are sent, and warns about the alias", () => {
    const input = documentWith({ "/customer/cutomer_ref": "IGNORED" });
    const result = validateOrder(input, DEFAULT_ORDER_LIMITS);
    assert.ok(result.ok);
    assert.equal(result.order.customer.customer_ref, "CUST-0042");
    assert.deepEqual(result.warnings, [
      {
        pointer: "/customer/cutomer_ref",
        code: "unknown_field",
        message: 'Unknown field "cutomer_ref" was ignored',
        hint: "customer_ref",
      },
    ]);
  });
  it("takes the alias when customer_ref is sent as null", () => {
    const input = documentWith({ "/customer/customer_ref": null, "/customer/cutomer_ref": "C-9" });
    assert.equal(normalised(input).customer.customer_ref, "C-9");
  });
});

describe("validateOrder: customer.title, first_name, surname, postcode", () => {
  for (const field of ["title", "first_name", "surname", "postcode"]) {
    it(`${field} must be a string`, () => {
      assertOnlyError(documentWith({ [`/customer/${field}`]: 12 }), `/customer/${field}`, "wrong_type");
    });
    it(`${field} allows maxStringLength characters and no more`, () => {
      assert.ok(normalised(documentWith({ [`/customer/${field}`]: "n".repeat(255) })));
      assertOnlyError(
        documentWith({ [`/customer/${field}`]: "n".repeat(256) }),
        `/customer/${field}`,
        "too_long",
      );
    });
  }
  it("keeps an empty optional string as sent", () => {
    assert.equal(normalised(documentWith({ "/customer/title": "" })).customer.title, "");
  });
});
