import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { TSchema } from "@sinclair/typebox";
import { Value } from "@sinclair/typebox/value";
import { exampleOrder } from "../../src/domain/order-example.js";
import { DEFAULT_ORDER_LIMITS } from "../../src/domain/order-limits.js";
import {
  type CustomerOrderDocument,
  CustomerOrderSchema,
  createCustomerOrderSchema,
} from "../../src/domain/order-schema.js";
import { validateOrder } from "../../src/domain/validate-order.js";
import { documentWith, minimalDocument } from "./order-fixtures.js";

const limits = DEFAULT_ORDER_LIMITS;

/** Documents validateOrder accepts, chosen to use every form the wire allows. */
const accepted: [string, unknown][] = [
  ["the example", exampleOrder("DEMO")],
  ["the minimal document", minimalDocument()],
  [
    "integer refs and SKUs",
    documentWith({ "/order_ref": 42, "/customer/customer_ref": -7, "/order_items/0/sku": 0 }),
  ],
  [
    "the cutomer_ref alias",
    documentWith({ "/customer/customer_ref": undefined, "/customer/cutomer_ref": "C1" }),
  ],
  ["both spellings of customer_ref", documentWith({ "/customer/cutomer_ref": 5 })],
  [
    "codes in other cases and UK",
    documentWith({ "/language": "EN", "/locale": "en-uk", "/customer/country": "uk" }),
  ],
  ["lower-case currency", documentWith({ "/order_items/0/currency": "gbp" })],
  [
    "prices as strings and numbers",
    documentWith({ "/order_items/0/price": "10", "/order_items/1/price": 0 }),
  ],
  ["nulls for every optional field", documentWith(nullOptionals())],
  [
    "metadata of every value type",
    documentWith({ "/order_items/0/metadata": { a: "", b: -1.5, c: false, d: null } }),
  ],
  [
    "nested metadata values",
    documentWith({ "/order_items/0/metadata": { colour: ["blue"], size: { eu: 42, Label: "L" } } }),
  ],
  [
    "a metadata string longer than maxStringLength",
    documentWith({ "/order_items/0/metadata": { a: "m".repeat(300) } }),
  ],
  ["unknown fields everywhere", documentWith({ "/x": 1, "/customer/y": {}, "/order_items/0/z": [] })],
  ["a fulfilment date alone", documentWith({ "/order_date": undefined })],
  ["an optional empty string", documentWith({ "/customer/title": "" })],
];

/** Documents refused for a reason the schema can express on its own, so both must refuse them. */
const refused: [string, unknown][] = [
  ["a missing trkref", documentWith({ "/trkref": undefined })],
  ["a lower-case trkref", documentWith({ "/trkref": "demo" })],
  ["a blank order_ref", documentWith({ "/order_ref": "  " })],
  ["a fractional order_ref", documentWith({ "/order_ref": 1.5 })],
  ["an ISO date", documentWith({ "/order_date": "2021-09-25" })],
  ["a three-letter language", documentWith({ "/language": "eng" })],
  ["an underscore locale", documentWith({ "/locale": "en_GB" })],
  ["a missing customer", documentWith({ "/customer": undefined })],
  ["an invalid email", documentWith({ "/customer/email": "jane" })],
  ["an empty item list", documentWith({ "/order_items": [] })],
  ["an item that is not an object", documentWith({ "/order_items/0": "SKU" })],
  ["a price with a dot", documentWith({ "/order_items/0/price": "1.50" })],
  ["a negative price", documentWith({ "/order_items/0/price": -1 })],
  ["a metadata name in capitals", documentWith({ "/order_items/0/metadata": { Colour: "blue" } })],
  ["a metadata string past its limit", documentWith({ "/order_items/0/metadata": { a: "m".repeat(4097) } })],
  ["a long string", documentWith({ "/customer/surname": "s".repeat(256) })],
];

function nullOptionals(): Record<string, null> {
  const fields = ["/fulfilment_date", "/language", "/locale", "/customer/customer_ref", "/customer/title"];
  const more = ["/customer/first_name", "/customer/surname", "/customer/postcode", "/customer/country"];
  const items = ["/order_items/0/price", "/order_items/0/currency", "/order_items/0/metadata"];
  return Object.fromEntries([...fields, ...more, ...items].map((pointer) => [pointer, null]));
}

/** Every property schema under `schema`, with its path, metadata values excepted. */
function properties(schema: TSchema, path = ""): [string, TSchema][] {
  const found: [string, TSchema][] = [];
  const visit = (node: TSchema, at: string): void => {
    for (const [name, child] of Object.entries((node.properties ?? {}) as Record<string, TSchema>)) {
      found.push([`${at}/${name}`, child]);
      visit(child, `${at}/${name}`);
    }
    for (const member of (node.anyOf ?? []) as TSchema[]) visit(member, at);
    if (node.items !== undefined) visit(node.items as TSchema, `${at}/0`);
  };
  visit(schema, path);
  return found;
}

describe("CustomerOrderSchema agrees with validateOrder", () => {
  for (const [name, input] of accepted) {
    it(`both accept ${name}`, () => {
      const result = validateOrder(input, limits);
      assert.ok(result.ok, JSON.stringify(result.ok ? [] : result.errors));
      assert.deepEqual(
        [...Value.Errors(CustomerOrderSchema, input)].map((error) => error.path),
        [],
      );
    });
  }
  for (const [name, input] of refused) {
    it(`both refuse ${name}`, () => {
      assert.equal(validateOrder(input, limits).ok, false);
      assert.equal(Value.Check(CustomerOrderSchema, input), false);
    });
  }
});

describe("CustomerOrderSchema", () => {
  it("describes every field with its rule and gives examples", () => {
    const fields = properties(CustomerOrderSchema);
    assert.ok(fields.length >= 20, `only ${fields.length} fields found`);
    for (const [path, schema] of fields) {
      assert.equal(typeof schema.description, "string", `${path} has no description`);
      assert.ok(Array.isArray(schema.examples) && schema.examples.length > 0, `${path} has no examples`);
      for (const example of schema.examples as unknown[]) {
        assert.ok(
          Value.Check(schema, example),
          `${path}: example ${JSON.stringify(example)} fails its schema`,
        );
      }
    }
  });

  it("states the limits it was built with", () => {
    const schema = createCustomerOrderSchema({
      maxItemsPerOrder: 3,
      maxMetadataEntries: 2,
      maxStringLength: 9,
      maxMetadataStringLength: 4,
    });
    assert.equal(schema.properties.order_items.maxItems, 3);
    assert.equal(
      Value.Check(schema, documentWith({ "/order_items/0/metadata": { a: 1, b: 2, c: 3 } })),
      false,
    );
    assert.equal(Value.Check(schema, documentWith({ "/order_ref": "0123456789" })), false);
    assert.equal(Value.Check(schema, documentWith({ "/order_items/0/metadata": { a: "12345" } })), false);
    assert.equal(Value.Check(schema, documentWith({ "/order_items/0/metadata": { a: "1234" } })), true);
    const metadata = schema.properties.order_items.items.properties.metadata;
    assert.match(
      metadata.description ?? "",
      /At most 2 extra fields .*any JSON value.* at most 4 characters/,
    );
    assert.equal(Value.Check(schema, { ...minimalDocument(), order_ref: "012345678" }), true);
  });
});

describe("exampleOrder", () => {
  it("is a wire document that validates with no warnings", () => {
    const document: CustomerOrderDocument = exampleOrder("DEMO");
    const result = validateOrder(document, limits, { pathTrkref: "DEMO" });
    assert.ok(result.ok);
    assert.deepEqual(result.warnings, []);
    assert.equal(result.order.trkref, "DEMO");
  });
});
