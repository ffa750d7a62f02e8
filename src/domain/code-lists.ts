import currencyCodes from "currency-codes";
import countries from "i18n-iso-countries";
import iso6391 from "iso-639-1";

// Sets are built once: membership tests run for every order and must not scan the packages' arrays.
const languageCodes: ReadonlySet<string> = new Set(iso6391.getAllCodes());
const countryCodes: ReadonlySet<string> = new Set(Object.keys(countries.getAlpha2Codes()));
const currencyCodeSet: ReadonlySet<string> = new Set(currencyCodes.codes());

/**
 * Codes whose minor unit ISO 4217 gives as "N.A." (precious metals, fund and special codes such as XAU, XDR,
 * XTS, XXX): their amounts may have any number of decimals. currency-codes reads "N.A." as 0 digits, which
 * would refuse half an ounce of gold, so they are named here; a test checks them against the package's copy
 * of the ISO list.
 */
export const CURRENCIES_WITHOUT_MINOR_UNIT: ReadonlySet<string> = new Set([
  "XAG",
  "XAU",
  "XBA",
  "XBB",
  "XBC",
  "XBD",
  "XDR",
  "XPD",
  "XPT",
  "XSU",
  "XTS",
  "XUA",
  "XXX",
]);

const minorUnits: ReadonlyMap<string, number> = readMinorUnits();

/** Each code's number of decimal digits; a code the package gives no usable number for has no entry. */
function readMinorUnits(): Map<string, number> {
  const digits = new Map<string, number>();
  for (const code of currencyCodeSet) {
    if (CURRENCIES_WITHOUT_MINOR_UNIT.has(code)) continue;
    // Read once at start: a package update that throws here stops the service at start (a test pins the
    // digits), rather than limiting prices differently from one request to the next.
    const value: unknown = currencyCodes.code(code)?.digits;
    if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) digits.set(code, value);
  }
  return digits;
}

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

/**
 * The ISO 4217 minor-unit digits of `code` (GBP 2, JPY 0, BHD 3); `undefined` when it has none (XAU) or is
 * not a currency code. Expects upper case.
 */
export function currencyDigits(code: string): number | undefined {
  return minorUnits.get(code);
}
