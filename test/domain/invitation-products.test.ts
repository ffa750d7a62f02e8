import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rankProducts, sameProducts } from "../../src/domain/invitations.js";
import type { NormalisedItem } from "../../src/domain/normalised-order.js";

const NONE: ReadonlySet<string> = new Set();
const skusOf = (items: NormalisedItem[], excluded = NONE): string[] =>
  rankProducts(items, excluded).map((product) => product.sku);

describe("rankProducts", () => {
  it("ranks by price, highest first, comparing prices as numbers", () => {
    const items = [
      { sku: "A", price: "9.99" },
      { sku: "B", price: "100.00" },
      { sku: "C", price: "55.5" },
      { sku: "D", price: "0" },
    ];
    assert.deepEqual(skusOf(items), ["B", "C", "A", "D"]);
  });

  it("puts unpriced items after priced ones, in the order's order", () => {
    const items = [{ sku: "U1" }, { sku: "A", price: "1.00" }, { sku: "U2" }, { sku: "B", price: "2.00" }];
    assert.deepEqual(skusOf(items), ["B", "A", "U1", "U2"]);
  });

  it("keeps the order's own order between equal prices", () => {
    const items = [
      { sku: "C", price: "5.00" },
      { sku: "A", price: "5" },
      { sku: "B", price: "7.00" },
      { sku: "D", price: "5.00" },
    ];
    assert.deepEqual(skusOf(items), ["B", "C", "A", "D"]);
  });

  it("names each SKU once, with the highest price its items have", () => {
    const items = [
      { sku: "A", price: "3.00", currency: "GBP" },
      { sku: "B", price: "4.00", currency: "GBP" },
      { sku: "A", price: "8.00", currency: "EUR" },
      { sku: "A", price: "1.00", currency: "GBP" },
      { sku: "C" },
      { sku: "C", price: "2.00", currency: "GBP" },
    ];
    assert.deepEqual(rankProducts(items, NONE), [
      { sku: "A", price: "8.00", currency: "EUR" },
      { sku: "B", price: "4.00", currency: "GBP" },
      { sku: "C", price: "2.00", currency: "GBP" },
    ]);
  });

  it("ranks a SKU seen twice at the same price from its first item", () => {
    const items = [
      { sku: "A", price: "5.00" },
      { sku: "B", price: "5.00" },
      { sku: "A", price: "5.00" },
    ];
    assert.deepEqual(skusOf(items), ["A", "B"]);
  });

  it("leaves out the excluded SKUs", () => {
    const items = [
      { sku: "A", price: "30.00" },
      { sku: "B", price: "20.00" },
      { sku: "C", price: "10.00" },
    ];
    assert.deepEqual(skusOf(items, new Set(["A", "C"])), ["B"]);
    assert.deepEqual(skusOf(items, new Set(["A", "B", "C"])), []);
  });

  it("names at most five products, the five highest-priced", () => {
    const items = ["1", "7", "3", "9", "5", "2", "8"].map((price) => ({ sku: `S${price}`, price }));
    assert.deepEqual(skusOf(items), ["S9", "S8", "S7", "S5", "S3"]);
  });

  it("counts the five after the SKUs are merged and the exclusions made", () => {
    const items = [
      { sku: "A", price: "90" },
      { sku: "A", price: "80" },
      { sku: "B", price: "70" },
      { sku: "C", price: "60" },
      { sku: "D", price: "50" },
      { sku: "E", price: "40" },
      { sku: "F", price: "30" },
    ];
    assert.deepEqual(skusOf(items, new Set(["B"])), ["A", "C", "D", "E", "F"]);
  });

  it("names neither price nor currency for an item without them", () => {
    assert.deepEqual(rankProducts([{ sku: "A", metadata: { name: "Mug" } }], NONE), [{ sku: "A" }]);
  });
});

describe("sameProducts", () => {
  it("is true only for the same products in the same order", () => {
    const products = [{ sku: "A", price: "2.00", currency: "GBP" }, { sku: "B" }];
    assert.equal(sameProducts(products, [{ sku: "A", price: "2.00", currency: "GBP" }, { sku: "B" }]), true);
    assert.equal(sameProducts(products, [{ sku: "B" }, { sku: "A", price: "2.00", currency: "GBP" }]), false);
    assert.equal(sameProducts(products, [{ sku: "A", price: "2.50", currency: "GBP" }, { sku: "B" }]), false);
    assert.equal(sameProducts(products, [{ sku: "A", price: "2.00", currency: "GBP" }]), false);
  });
});
