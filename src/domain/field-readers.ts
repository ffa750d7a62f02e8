import { currencyDigits } from "./code-lists.js";
import type { FieldErrorCode } from "./field-errors.js";
import {
  decimalDigits,
  hasUnstorableCharacter,
  isEmailAddress,
  isLongerThan,
  normaliseCountry,
  normaliseCurrency,
  normaliseLanguage,
  normaliseLocale,
  normalisePrice,
  parseDayMonthYear,
} from "./field-rules.js";
import { isAbsent } from "./json-access.js";
import { expected, type Issues, reject, tooLong } from "./validation-issues.js";

/** Longest address accepted: RFC 5321 caps a path at 256, two of which are the angle brackets. */
export const MAX_EMAIL_LENGTH = 254;

/**
 * A reference (`order_ref`, `sku`, `customer_ref`): a string, or a safe JSON integer kept as its decimal
 * string. A required one must not be blank; an optional one is kept as sent.
 */
export function readRef(
  issues: Issues,
  value: unknown,
  pointer: string,
  maxLength: number,
  required: boolean,
): string | undefined {
  if (isAbsent(value)) return required ? reject(issues, pointer, "required") : undefined;
  if (typeof value === "number") {
    // Integers past 2^53 have already lost digits in JSON.parse; the client must send them as strings.
    if (Number.isSafeInteger(value)) return String(value);
    return reject(issues, pointer, "not_an_integer", "Must be a string, or a whole number below 2^53");
  }
  if (typeof value !== "string")
    return reject(issues, pointer, "wrong_type", expected("a string or an integer"));
  if (required && value.trim() === "") return reject(issues, pointer, "blank");
  return checkText(issues, value, pointer, maxLength);
}

/**
 * The checks every free-text value passes: its length, and no character that a store cannot keep as sent
 * (NUL, a lone surrogate), so that both stores accept exactly the same documents.
 */
export function checkText(
  issues: Issues,
  value: string,
  pointer: string,
  maxLength: number,
): string | undefined {
  if (isLongerThan(value, maxLength)) return reject(issues, pointer, "too_long", tooLong(maxLength));
  if (hasUnstorableCharacter(value)) return reject(issues, pointer, "invalid_character");
  return value;
}

/** An optional free-text string, kept exactly as sent. */
export function readText(
  issues: Issues,
  value: unknown,
  pointer: string,
  maxLength: number,
): string | undefined {
  if (isAbsent(value)) return undefined;
  if (typeof value !== "string") return reject(issues, pointer, "wrong_type", expected("a string"));
  return checkText(issues, value, pointer, maxLength);
}

/**
 * A reader of an optional string that `normalise` turns into canonical form, or refuses with `code`. An empty
 * or blank string is `blank`, as the original answered (`"locale cannot be blank"`): leave the field out, or
 * send `null`. The normalisers are this project's own code over sets built at start, so they are not guarded
 * (a defect there must surface, not turn every order into a field error).
 */
function codeReader(normalise: (text: string) => string | undefined, code: FieldErrorCode) {
  return (issues: Issues, value: unknown, pointer: string): string | undefined => {
    if (isAbsent(value)) return undefined;
    if (typeof value !== "string") return reject(issues, pointer, "wrong_type", expected("a string"));
    if (value.trim() === "") return reject(issues, pointer, "blank");
    return normalise(value) ?? reject(issues, pointer, code);
  };
}

/** An optional `dd-mm-yyyy` date, as ISO `yyyy-mm-dd`. */
export const readDate = codeReader(parseDayMonthYear, "invalid_date");
/** An optional ISO 639-1 language code, in lower case. */
export const readLanguage = codeReader(normaliseLanguage, "invalid_language");
/** An optional `ll-CC` locale, as `en-GB`. */
export const readLocale = codeReader(normaliseLocale, "invalid_locale");
/** An optional ISO 3166-1 alpha-2 country code, in upper case, `UK` as `GB`. */
export const readCountry = codeReader(normaliseCountry, "invalid_country");
/** An optional ISO 4217 currency code, in upper case. */
export const readCurrency = codeReader(normaliseCurrency, "invalid_currency");

/** An optional price: a decimal-comma string or a non-negative number, as a decimal string with a dot. */
export function readPrice(issues: Issues, value: unknown, pointer: string): string | undefined {
  if (isAbsent(value)) return undefined;
  // Every refused price gets the same code, whatever its JSON type: the message already says what fits.
  if (typeof value !== "string" && typeof value !== "number") return reject(issues, pointer, "invalid_price");
  return normalisePrice(value) ?? reject(issues, pointer, "invalid_price");
}

/**
 * A normalised `price`, refused when it has more decimal digits than ISO 4217 gives `currency` (GBP 2,
 * JPY 0, BHD 3). `"1,999"` in GBP is far more likely 1999 with a thousands separator than £1.999, and
 * `"10,000"` is exactly as ambiguous, so trailing zeros count too. Codes without a minor unit (XAU) take any.
 */
export function checkPriceDigits(
  issues: Issues,
  price: string,
  currency: string,
  pointer: string,
): string | undefined {
  const digits = currencyDigits(currency);
  if (digits === undefined || decimalDigits(price) <= digits) return price;
  return reject(issues, pointer, "invalid_price", priceDigitsMessage(currency, digits));
}

/** Names the currency and its digits, and shows one amount written in each form that fits. */
function priceDigitsMessage(currency: string, digits: number): string {
  const amount = "write one thousand nine hundred and ninety-nine as";
  if (digits === 0) return `${currency} takes no decimal digits (0): ${amount} "1999"`;
  const most = `at most ${digits} decimal digit${digits === 1 ? "" : "s"}`;
  return `${currency} takes ${most}: ${amount} "1999" or "1999,${"0".repeat(digits)}"`;
}

/** The required customer email, kept as sent once it is syntactically valid. */
export function readEmail(issues: Issues, value: unknown, pointer: string): string | undefined {
  if (isAbsent(value)) return reject(issues, pointer, "required");
  if (typeof value !== "string") return reject(issues, pointer, "wrong_type", expected("a string"));
  if (value.trim() === "") return reject(issues, pointer, "blank");
  // The length is checked first: it is cheap, and it bounds the work the address check does.
  if (isLongerThan(value, MAX_EMAIL_LENGTH)) return reject(issues, pointer, "invalid_email");
  // Reported as in every other text field, before the address check (which throws on a lone surrogate).
  if (hasUnstorableCharacter(value)) return reject(issues, pointer, "invalid_character");
  return isEmailAddress(value) ? value : reject(issues, pointer, "invalid_email");
}
