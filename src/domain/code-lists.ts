import currencyCodes from "currency-codes";
import countries from "i18n-iso-countries";
import iso6391 from "iso-639-1";

// Sets are built once: membership tests run for every order and must not scan the packages' arrays.
const languageCodes: ReadonlySet<string> = new Set(iso6391.getAllCodes());
const countryCodes: ReadonlySet<string> = new Set(Object.keys(countries.getAlpha2Codes()));
const currencyCodeSet: ReadonlySet<string> = new Set(currencyCodes.codes());

/** True when `code` is an ISO 639-1 language code; expects lower case (`en`). */
export function isLanguageCode(code: string): boolean {
  return languageCodes.has(code);
}

/** True when `code` is an assigned ISO 3166-1 alpha-2 country code; expects upper case (`GB`). */
export function isCountryCode(code: string): boolean {
  return countryCodes.has(code);
}

/** True when `code` is an ISO 4217 alpha-3 currency code; expects upper case (`GBP`). */
export function isCurrencyCode(code: string): boolean {
  return currencyCodeSet.has(code);
}
