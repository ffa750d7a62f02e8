import isEmailModule from "validator/lib/isEmail.js";
import type { FieldErrorCode } from "./error-catalogue.js";
import {
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

// validator's CommonJS module exports the function both as itself and as `.default`; under NodeNext the
// default import is typed as the module object, so `.default` is the form both tsc and Node accept.
const isEmail = isEmailModule.default;

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
 * The checks every free-text value passes: its length, no NUL character, which no text column of
 * PostgreSQL can hold (so that both stores accept exactly the same documents), and no lone surrogate (a
 * `\uD800` escape without its pair, RFC 8259 section 8.2), which has no UTF-8 form: SQLite would store
 * malformed bytes and PostgreSQL a replacement character, neither of them what was sent.
 */
export function checkText(
  issues: Issues,
  value: string,
  pointer: string,
  maxLength: number,
): string | undefined {
  if (isLongerThan(value, maxLength)) return reject(issues, pointer, "too_long", tooLong(maxLength));
  // isWellFormed: false exactly when the string holds a half of a surrogate pair left on its own.
  if (value.includes("\u0000") || !value.isWellFormed()) return reject(issues, pointer, "invalid_character");
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

/** A reader of an optional string that `normalise` turns into canonical form, or refuses with `code`. */
function codeReader(normalise: (text: string) => string | undefined, code: FieldErrorCode) {
  return (issues: Issues, value: unknown, pointer: string): string | undefined => {
    if (isAbsent(value)) return undefined;
    if (typeof value !== "string") return reject(issues, pointer, "wrong_type", expected("a string"));
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

/** The required customer email, kept as sent once it is syntactically valid. */
export function readEmail(issues: Issues, value: unknown, pointer: string): string | undefined {
  if (isAbsent(value)) return reject(issues, pointer, "required");
  if (typeof value !== "string") return reject(issues, pointer, "wrong_type", expected("a string"));
  // The length is checked first: it is cheap, and it bounds the work isEmail does.
  if (isLongerThan(value, MAX_EMAIL_LENGTH) || !isEmail(value))
    return reject(issues, pointer, "invalid_email");
  return value;
}
