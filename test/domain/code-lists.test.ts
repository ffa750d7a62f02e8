import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isCountryCode, isCurrencyCode, isLanguageCode } from "../../src/domain/code-lists.js";

describe("code lists", () => {
  it("know ISO 639-1 languages in lower case only", () => {
    assert.deepEqual(["en", "de", "zu", "xx", "EN", "eng"].map(isLanguageCode), [
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
  });
  it("know assigned ISO 3166-1 alpha-2 countries in upper case only", () => {
    assert.deepEqual(["GB", "DE", "XK", "UK", "ZZ", "gb", "GBR"].map(isCountryCode), [
      true,
      true,
      true,
      false,
      false,
      false,
      false,
    ]);
  });
  it("know ISO 4217 currencies in upper case only", () => {
    assert.deepEqual(["GBP", "EUR", "JPY", "ABC", "gbp", "GB"].map(isCurrencyCode), [
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
  });
  it("do not answer for inherited object keys", () => {
    assert.deepEqual(["constructor", "__proto__", "toString"].map(isCountryCode), [false, false, false]);
  });
});
