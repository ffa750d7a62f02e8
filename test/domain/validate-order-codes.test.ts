import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { assertOnlyError, documentWith, normalised } from "./order-fixtures.js";

describe("validateOrder: language", () => {
  it("is stored lower case whatever case was sent", () => {
    assert.equal(normalised(documentWith({ "/language": "DE" })).language, "de");
  });
  it("must exist in ISO 639-1", () =>
    assertOnlyError(documentWith({ "/language": "xx" }), "/language", "invalid_language"));
  it("must have two letters", () => {
    assertOnlyError(documentWith({ "/language": "eng" }), "/language", "invalid_language");
  });
  it("must be a string", () => assertOnlyError(documentWith({ "/language": 1 }), "/language", "wrong_type"));
  it("takes only ASCII letters, though the Kelvin sign lower-cases to k", () => {
    assertOnlyError(documentWith({ "/language": "\u212Aa" }), "/language", "invalid_language");
  });
});

describe("validateOrder: locale", () => {
  it("is stored as ll-CC whatever case was sent", () => {
    assert.equal(normalised(documentWith({ "/locale": "DE-at" })).locale, "de-AT");
  });
  it("takes UK as GB", () => assert.equal(normalised(documentWith({ "/locale": "en-uk" })).locale, "en-GB"));
  it("needs a hyphen, not an underscore", () => {
    assertOnlyError(documentWith({ "/locale": "en_GB" }), "/locale", "invalid_locale");
  });
  it("needs a language that exists", () =>
    assertOnlyError(documentWith({ "/locale": "xx-GB" }), "/locale", "invalid_locale"));
  it("needs a country that exists", () =>
    assertOnlyError(documentWith({ "/locale": "en-ZZ" }), "/locale", "invalid_locale"));
  it("needs both parts", () =>
    assertOnlyError(documentWith({ "/locale": "en" }), "/locale", "invalid_locale"));
  it("must be a string", () =>
    assertOnlyError(documentWith({ "/locale": ["en", "GB"] }), "/locale", "wrong_type"));
});

describe("validateOrder: customer.country", () => {
  it("is stored upper case", () =>
    assert.equal(normalised(documentWith({ "/customer/country": "fr" })).customer.country, "FR"));
  it("takes UK as GB", () =>
    assert.equal(normalised(documentWith({ "/customer/country": "uk" })).customer.country, "GB"));
  it("accepts XK, which the country list carries for Kosovo", () => {
    assert.equal(normalised(documentWith({ "/customer/country": "XK" })).customer.country, "XK");
  });
  it("must exist", () =>
    assertOnlyError(documentWith({ "/customer/country": "ZZ" }), "/customer/country", "invalid_country"));
  it("must be alpha-2, not alpha-3", () => {
    assertOnlyError(documentWith({ "/customer/country": "GBR" }), "/customer/country", "invalid_country");
  });
  it("takes only ASCII letters, though the dotless ı upper-cases to I", () => {
    assertOnlyError(documentWith({ "/customer/country": "\u0131n" }), "/customer/country", "invalid_country");
  });
  it("must be a string", () =>
    assertOnlyError(documentWith({ "/customer/country": 44 }), "/customer/country", "wrong_type"));
});

describe("validateOrder: order_items[].currency", () => {
  it("is stored upper case", () => {
    assert.equal(
      normalised(documentWith({ "/order_items/0/currency": "eur" })).order_items[0]?.currency,
      "EUR",
    );
  });
  it("must exist in ISO 4217", () => {
    assertOnlyError(
      documentWith({ "/order_items/0/currency": "ABC" }),
      "/order_items/0/currency",
      "invalid_currency",
    );
  });
  it("must have three letters", () => {
    assertOnlyError(
      documentWith({ "/order_items/1/currency": "GB" }),
      "/order_items/1/currency",
      "invalid_currency",
    );
  });
  it("must be a string", () => {
    assertOnlyError(
      documentWith({ "/order_items/1/currency": 826 }),
      "/order_items/1/currency",
      "wrong_type",
    );
  });
});

describe("validateOrder: blank codes", () => {
  for (const pointer of ["/language", "/locale", "/customer/country", "/order_items/0/currency"]) {
    it(`refuses an empty or blank ${pointer} as blank, as the original did ("locale cannot be blank")`, () => {
      for (const value of ["", " \t"]) assertOnlyError(documentWith({ [pointer]: value }), pointer, "blank");
    });
  }
});
