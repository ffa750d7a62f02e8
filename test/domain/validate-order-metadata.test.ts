import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DEFAULT_ORDER_LIMITS, MAX_DOCUMENT_DEPTH } from "../../src/domain/order-limits.js";
import { validateOrder } from "../../src/domain/validate-order.js";
import { assertOnlyError, documentWith, errorsOf, normalised } from "./order-fixtures.js";

const limits = DEFAULT_ORDER_LIMITS;
const metadata = (value: unknown) => documentWith({ "/order_items/0/metadata": value });
const storedMetadata = (value: unknown, orderLimits = limits) =>
  normalised(metadata(value), orderLimits).order_items[0]?.metadata;
const entries = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`f${i}`, i]));
/** `levels` arrays, one inside the other, around a string. */
const nested = (levels: number): unknown => (levels === 0 ? "deep" : [nested(levels - 1)]);

describe("validateOrder: order_items[].metadata", () => {
  it("keeps strings, numbers, booleans and null", () => {
    const value = { a: "x", b: 1.5, c: true, d: null, e_2: "" };
    assert.deepEqual(storedMetadata(value), value);
  });
  it("keeps objects and arrays as sent, at any depth, with their keys in order", () => {
    const value = {
      engraving: { lines: ["For Ana", "25 years"], font: { family: "serif", size: 12 } },
      sizes: [1, 2.5, null, true, [], {}, [["x"]]],
      options: { "Gift Wrap": "yes", "": 0, "a/b~c": [false] },
      empty_list: [],
    };
    const stored = storedMetadata(value);
    assert.deepEqual(stored, value);
    assert.deepEqual(Object.keys(stored?.options ?? {}), ["Gift Wrap", "", "a/b~c"]);
  });
  it("keeps an empty object as sent", () => assert.deepEqual(storedMetadata({}), {}));
  it("must be an object", () => {
    assertOnlyError(metadata([]), "/order_items/0/metadata", "wrong_type");
    assertOnlyError(metadata("colour=blue"), "/order_items/0/metadata", "wrong_type");
  });
  it("allows 1000 entries by default and no more", () => {
    assert.equal(limits.maxMetadataEntries, 1000);
    assert.equal(Object.keys(storedMetadata(entries(1000)) ?? {}).length, 1000);
    assert.deepEqual(errorsOf(metadata({ ...entries(1001), BAD: 1 })), [
      ["/order_items/0/metadata", "too_many"],
    ]);
  });
  it("allows maxMetadataEntries entries when configured, counting only the entries themselves", () => {
    const tight = { ...limits, maxMetadataEntries: 2 };
    assert.ok(storedMetadata({ a: entries(10), b: [1, 2, 3, 4] }, tight));
    assert.deepEqual(errorsOf(metadata(entries(3)), tight), [["/order_items/0/metadata", "too_many"]]);
  });
  for (const name of ["Colour", "colour-name", "", "n".repeat(65), "a/b", "é"]) {
    it(`refuses the entry name ${JSON.stringify(name.length > 10 ? `${name.slice(0, 5)}…` : name)}`, () => {
      const pointer = `/order_items/0/metadata/${name.replaceAll("~", "~0").replaceAll("/", "~1")}`;
      assertOnlyError(metadata({ [name]: 1 }), pointer, "invalid_metadata_name");
    });
  }
  it("allows entry names of 64 characters with digits and underscores", () => {
    assert.ok(storedMetadata({ ["n_1".repeat(21).padEnd(64, "x")]: 1 }));
  });
  it("does not warn about its entries or their keys, whatever their names", () => {
    const result = validateOrder(metadata({ fulfillment_date: "x", items: { SKU: 1 } }), limits);
    assert.ok(result.ok);
    assert.deepEqual(result.warnings, []);
  });
});

describe("validateOrder: strings inside metadata values", () => {
  it("allow 4096 characters by default, not only maxStringLength", () => {
    assert.equal(limits.maxMetadataStringLength, 4096);
    const long = "m".repeat(4096);
    assert.deepEqual(storedMetadata({ note: long, list: [long] }), { note: long, list: [long] });
    assertOnlyError(metadata({ note: "m".repeat(4097) }), "/order_items/0/metadata/note", "too_long");
  });
  it("are held to maxMetadataStringLength at any depth, reported at the nested pointer", () => {
    const tight = { ...limits, maxMetadataStringLength: 5 };
    const input = metadata({ a: { lines: ["short", "longer"] }, b: "12345" });
    const result = validateOrder(input, tight);
    assert.equal(result.ok, false);
    assert.deepEqual(result.ok ? [] : result.errors, [
      {
        pointer: "/order_items/0/metadata/a/lines/1",
        code: "too_long",
        message: "Must be at most 5 characters",
      },
    ]);
  });
  it("count characters, not UTF-16 units", () => {
    const tight = { ...limits, maxMetadataStringLength: 2 };
    assert.deepEqual(storedMetadata({ a: ["😀😀"] }, tight), { a: ["😀😀"] });
  });
  it("hold the keys of nested objects to the same limit", () => {
    const tight = { ...limits, maxMetadataStringLength: 5 };
    assert.deepEqual(errorsOf(metadata({ a: { toolong: 1 } }), tight), [
      ["/order_items/0/metadata/a/toolong", "too_long"],
    ]);
  });
  it("refuse NUL and lone surrogates at any depth, keys included, all reported at once", () => {
    const input = metadata({
      a: { text: "x\u0000y" },
      b: [["ok", "\ud800"]],
      c: { "k\u0000/~": true },
      d: { fine: "\ud83d\ude00" },
    });
    assert.deepEqual(errorsOf(input), [
      ["/order_items/0/metadata/a/text", "invalid_character"],
      ["/order_items/0/metadata/b/0/1", "invalid_character"],
      ["/order_items/0/metadata/c/k\u0000~1~0", "invalid_character"],
    ]);
  });
});

describe("validateOrder: metadata values that cannot be stored", () => {
  it("refuses a number JSON.parse reads as infinity, at its nested pointer", () => {
    const value = JSON.parse('{"a": 1e400, "b": {"c": [1, -1e400]}}');
    assert.deepEqual(errorsOf(metadata(value)), [
      ["/order_items/0/metadata/a", "invalid_metadata_value"],
      ["/order_items/0/metadata/b/c/1", "invalid_metadata_value"],
    ]);
  });
  it("stores -0 as 0, as both stores would", () => {
    const stored = storedMetadata(JSON.parse('{"a": -0, "b": [-0]}')) as { a: number; b: number[] };
    assert.ok(Object.is(stored.a, 0) && Object.is(stored.b[0], 0));
  });
  it("refuses a __proto__ key inside a value as a prototype_key error of the order", () => {
    const document = metadata(JSON.parse('{"a": {"__proto__": {"admin": true}}}'));
    assertOnlyError(document, "/order_items/0/metadata/a/__proto__", "prototype_key");
  });
  it(`allows values nested within the document's ${MAX_DOCUMENT_DEPTH} levels and refuses more`, () => {
    // A metadata value stands at level 5: the document, order_items, the item, metadata, the value.
    const levelsLeft = MAX_DOCUMENT_DEPTH - 4;
    assert.ok(storedMetadata({ a: nested(levelsLeft) }));
    const pointer = `/order_items/0/metadata/a${"/0".repeat(levelsLeft)}`;
    assertOnlyError(metadata({ a: nested(levelsLeft + 1) }), pointer, "too_deep");
  });
  it("refuses a cyclic value built in memory as too deep, without throwing", () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const [error] = errorsOf(metadata({ a: cyclic }));
    assert.deepEqual(error?.[1], "too_deep");
  });
  it("refuses values no JSON text can hold when handed objects built in memory, without throwing", () => {
    const holes: unknown[] = [1];
    holes[2] = 3;
    const errors = errorsOf(
      metadata({ b: holes, c: () => 1, d: new Date(0), e: 1n, f: undefined, g: Number.NaN }),
    );
    assert.deepEqual(errors, [
      ["/order_items/0/metadata/b/1", "invalid_metadata_value"],
      ["/order_items/0/metadata/c", "invalid_metadata_value"],
      ["/order_items/0/metadata/d", "invalid_metadata_value"],
      ["/order_items/0/metadata/e", "invalid_metadata_value"],
      ["/order_items/0/metadata/f", "invalid_metadata_value"],
      ["/order_items/0/metadata/g", "invalid_metadata_value"],
    ]);
  });
});
