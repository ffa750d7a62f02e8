import isEmailModule from "validator/lib/isEmail.js";
import { guardCheck } from "./check-guard.js";
import { isCountryCode, isCurrencyCode, isLanguageCode } from "./code-lists.js";

// Regular expressions are compiled once here; the functions below run for every field of every order.
const dayMonthYear = /^(\d{2})-(\d{2})-(\d{4})$/;
const commaDecimal = /^\d+(,\d+)?$/;
const twoLetters = /^[A-Za-z]{2}$/;
const threeLetters = /^[A-Za-z]{3}$/;
const localeShape = /^([A-Za-z]{2})-([A-Za-z]{2})$/;

/** Longest price string accepted; longer digit runs are certainly a mistake. */
export const MAX_PRICE_STRING_LENGTH = 32;

/** The number of Unicode characters (code points) in `text`, so that an emoji counts as one. */
export function characterCount(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    // A high surrogate followed by a low one is a single character.
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    count++;
  }
  return count;
}

/** True when `text` has more than `max` characters; avoids counting when the UTF-16 length already fits. */
export function isLongerThan(text: string, max: number): boolean {
  return text.length > max && characterCount(text) > max;
}

/**
 * True when `text` holds a character no store can keep as sent: NUL (U+0000), which no text column of
 * PostgreSQL can hold, or a lone surrogate (a `\uD800` escape without its pair, RFC 8259 section 8.2), which
 * has no UTF-8 form: SQLite would store malformed bytes and PostgreSQL a replacement character.
 */
export function hasUnstorableCharacter(text: string): boolean {
  // isWellFormed: false exactly when the string holds a half of a surrogate pair left on its own.
  return text.includes("\u0000") || !text.isWellFormed();
}

// validator's CommonJS module exports the function both as itself and as `.default`; under NodeNext the
// default import is typed as the module object, so `.default` is the form both tsc and Node accept.
const isEmail = isEmailModule.default;

/** True when `text` is a syntactically valid address; false, never a throw, for any other string. */
export const isEmailAddress = guardCheck((text: string) => isEmail(text), false);

function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    return leap ? 29 : 28;
  }
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** `dd-mm-yyyy` of a real calendar date → ISO `yyyy-mm-dd`; `undefined` for anything else. */
export function parseDayMonthYear(text: string): string | undefined {
  const match = dayMonthYear.exec(text);
  if (match === null) return undefined;
  const [, dd = "", mm = "", yyyy = ""] = match;
  const day = Number(dd);
  const month = Number(mm);
  const year = Number(yyyy);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return `${yyyy}-${mm}-${dd}`;
}

/**
 * A wire price → a decimal string with a dot, or `undefined` when it is not acceptable. Strings must use a
 * decimal comma: a dot is refused because `"1.000"` means one thousand in much of Europe and one elsewhere.
 */
export function normalisePrice(value: string | number): string | undefined {
  if (typeof value === "string") {
    if (value.length > MAX_PRICE_STRING_LENGTH || !commaDecimal.test(value)) return undefined;
    // Leading zeros say nothing and a decimal column drops them; the digits after the comma (the scale) stay.
    return value.replace(",", ".").replace(/^0+(?=\d)/, "");
  }
  if (!Number.isFinite(value) || value < 0) return undefined;
  const text = String(value);
  // 1e21 and 1e-7 print with an exponent, which is not a price anyone meant to send.
  return text.includes("e") ? undefined : text;
}

/** The digits after the dot of a price `normalisePrice` returned: `"10.50"` → 2, `"10"` → 0. */
export function decimalDigits(price: string): number {
  const dot = price.indexOf(".");
  return dot < 0 ? 0 : price.length - dot - 1;
}

/** Any case of an ISO 639-1 code → lower case (`EN` → `en`); `undefined` when it does not exist. */
export function normaliseLanguage(text: string): string | undefined {
  // ASCII is checked first: toLowerCase maps some non-ASCII letters (the Kelvin sign) onto ASCII ones.
  if (!twoLetters.test(text)) return undefined;
  const code = text.toLowerCase();
  return isLanguageCode(code) ? code : undefined;
}

/** Any case of an ISO 3166-1 alpha-2 code → upper case, `UK` → `GB`; `undefined` when it does not exist. */
export function normaliseCountry(text: string): string | undefined {
  // ASCII is checked first: toUpperCase maps the dotless ı onto I, which would turn "ın" into India.
  if (!twoLetters.test(text)) return undefined;
  const code = text.toUpperCase();
  // UK is the United Kingdom's ISO 3166 "exceptionally reserved" code, and what many shops send.
  if (code === "UK") return "GB";
  return isCountryCode(code) ? code : undefined;
}

/** `ll-CC` in any case → `ll-CC` with both parts checked (`en-uk` → `en-GB`); `undefined` otherwise. */
export function normaliseLocale(text: string): string | undefined {
  const match = localeShape.exec(text);
  if (match === null) return undefined;
  const language = normaliseLanguage(match[1] ?? "");
  const country = normaliseCountry(match[2] ?? "");
  return language === undefined || country === undefined ? undefined : `${language}-${country}`;
}

/** Any case of an ISO 4217 alpha-3 code → upper case (`gbp` → `GBP`); `undefined` when it does not exist. */
export function normaliseCurrency(text: string): string | undefined {
  if (!threeLetters.test(text)) return undefined;
  const code = text.toUpperCase();
  return isCurrencyCode(code) ? code : undefined;
}
