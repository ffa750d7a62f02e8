import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, it } from "node:test";
import currencyCodes from "currency-codes";
import {
  CURRENCIES_WITHOUT_MINOR_UNIT,
  currencyDigits,
  isCountryCode,
  isCurrencyCode,
  isLanguageCode,
} from "../../src/domain/code-lists.js";

/** The codes whose minor unit the ISO 4217 list shipped with currency-codes gives as "N.A.". */
function codesWithoutMinorUnitInIsoList(): string[] {
  const path = createRequire(import.meta.url).resolve("currency-codes/iso-4217-list-one.xml");
  const entries = readFileSync(path, "utf8").match(/<CcyNtry>[\s\S]*?<\/CcyNtry>/g) ?? [];
  const codes = entries
    .filter((entry) => entry.includes("<CcyMnrUnts>N.A.</CcyMnrUnts>"))
    .map((entry) => /<Ccy>([A-Z]{3})<\/Ccy>/.exec(entry)?.[1] ?? "");
  return [...new Set(codes)].sort();
}

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
  it("know each currency's ISO 4217 decimal digits, in upper case only", () => {
    assert.deepEqual(
      ["GBP", "EUR", "JPY", "KRW", "BHD", "CLF", "XAF", "gbp", "ABC", "constructor", "__proto__"].map(
        currencyDigits,
      ),
      [2, 2, 0, 0, 3, 4, 0, undefined, undefined, undefined, undefined],
    );
  });
  it("give no digits for codes without a minor unit, such as gold, which take any", () => {
    for (const code of ["XAU", "XAG", "XDR", "XTS", "XXX"]) {
      assert.equal(isCurrencyCode(code), true, code);
      assert.equal(currencyDigits(code), undefined, code);
    }
  });
  it('name exactly the codes the ISO list gives "N.A." as minor unit, which the package reads as 0', () => {
    const listed = codesWithoutMinorUnitInIsoList();
    assert.ok(listed.length > 0, "the package ships the ISO list");
    assert.deepEqual([...CURRENCIES_WITHOUT_MINOR_UNIT].sort(), listed);
    for (const code of listed) assert.equal(currencyCodes.code(code)?.digits, 0, code);
  });
});
