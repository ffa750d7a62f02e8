/** Generators of valid field values, each with the value the service must store for it. */
import currencyCodes from "currency-codes";
import fc from "fast-check";
import countries from "i18n-iso-countries";
import iso6391 from "iso-639-1";
import { currencyDigits } from "../../src/domain/code-lists.js";
import type { OrderLimits } from "../../src/domain/order-limits.js";

/** One field: the value sent, and the value stored. */
export interface Field {
  wire: unknown;
  stored: unknown;
}

// An optional field is left out, sent as null (the same as not sent), or sent.
export type Optional = Field | "absent" | "null";

export const field = (wire: unknown, stored: unknown = wire): Field => ({ wire, stored });

// Characters: mostly printable ASCII, then any code point, then those that break naive code.
const printableAscii = fc.integer({ min: 0x20, max: 0x7e }).map((unit) => String.fromCharCode(unit));
const anyCodePoint = fc
  .integer({ min: 1, max: 0x10ffff - 0x800 })
  .map((n) => String.fromCodePoint(n >= 0xd800 ? n + 0x800 : n));
const awkwardCharacters = fc.constantFrom(
  ..."\t\n\r\u0001\u001f\u007f\u0085\u00a0\u200b\u200d\u2028\u2029\ufeff\ufffd\u0301\\\"~/<>'`{}[]".split(""),
  "😀",
  "𝔘",
);
export const textUnit = fc.oneof(
  { weight: 8, arbitrary: printableAscii },
  { weight: 3, arbitrary: anyCodePoint },
  { weight: 2, arbitrary: awkwardCharacters },
);

/** Free text of at most `max` characters (code points), now and then exactly `max`; no NUL. */
export function freeText(max: number, min = 0): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 5, arbitrary: fc.string({ unit: textUnit, minLength: min, maxLength: Math.min(max, 24) }) },
    { weight: 1, arbitrary: fc.string({ unit: textUnit, minLength: max, maxLength: max }) },
  );
}

/** A reference (`order_ref`, `sku`, `customer_ref`): text, or a safe integer stored as its decimal string. */
export function reference(max: number, required: boolean): fc.Arbitrary<Field> {
  const text = required ? freeText(max, 1).filter((value) => value.trim() !== "") : freeText(max);
  return fc.oneof(
    { weight: 4, arbitrary: text.map((value) => field(value)) },
    { weight: 1, arbitrary: fc.maxSafeInteger().map((value) => field(value, String(value))) },
  );
}

const daysInMonth = (year: number, month: number) => {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
};
const pad = (value: number, width: number) => String(value).padStart(width, "0");

/** A real calendar date in one of `years` as `dd-mm-yyyy`, stored as `yyyy-mm-dd`; month ends come often. */
function dateIn(years: fc.Arbitrary<number>): fc.Arbitrary<Field> {
  return fc
    .record({ year: years, month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 31 }) })
    .map(({ year, month, day }) => {
      const d = pad(Math.min(day, daysInMonth(year, month)), 2);
      const m = pad(month, 2);
      const y = pad(year, 4);
      return field(`${d}-${m}-${y}`, `${y}-${m}-${d}`);
    });
}

// The service judges dates by the real clock here. Every date of this year is within a year of today; one
// three years on is more than a year after it even if the year turns while the properties run.
const thisYear = new Date().getUTCFullYear();

/** Any real calendar date, years 1 to 9999; leap days come often. */
export const calendarDate = dateIn(
  fc.oneof(fc.integer({ min: 1, max: 9999 }), fc.constantFrom(1, 1900, 2000, 2023, 2024, 9999)),
);
/** A date that gets no `implausible_date` warning: from 1990 to the end of this year. */
export const plausibleDate = dateIn(
  fc.oneof(fc.integer({ min: 1990, max: thisYear }), fc.constantFrom(1990, 2000, 2024, thisYear)),
);
/** A date before 1990, accepted with an `implausible_date` warning. */
export const earlyDate = dateIn(fc.oneof(fc.integer({ min: 1, max: 1989 }), fc.constantFrom(1, 1900, 1989)));
/** A date more than a year after today, accepted with an `implausible_date` warning. */
export const farDate = dateIn(fc.oneof(fc.integer({ min: thisYear + 3, max: 9999 }), fc.constant(9999)));

/** One or both dates, fulfilment never before the order; a missing one may be sent as null. */
export const orderDates = fc.oneof(
  fc
    .tuple(plausibleDate, fc.constantFrom("absent", "null") as fc.Arbitrary<Optional>)
    .map(([date, other]) => ({
      order_date: date as Optional,
      fulfilment_date: other,
    })),
  fc
    .tuple(plausibleDate, fc.constantFrom("absent", "null") as fc.Arbitrary<Optional>)
    .map(([date, other]) => ({
      order_date: other,
      fulfilment_date: date as Optional,
    })),
  fc.tuple(plausibleDate, plausibleDate).map(([a, b]) => {
    const [first, second] = String(a.stored) <= String(b.stored) ? [a, b] : [b, a];
    return { order_date: first as Optional, fulfilment_date: second as Optional };
  }),
  plausibleDate.map((date) => ({ order_date: date as Optional, fulfilment_date: date as Optional })),
);

/** A code from `codes` in any mix of cases, stored as `canonical` makes it. */
function codeIn(codes: readonly string[], canonical: (code: string) => string): fc.Arbitrary<Field> {
  return fc
    .constantFrom(...codes)
    .chain((code) => fc.mixedCase(fc.constant(code)).map((wire) => field(wire, canonical(code))));
}

const languageCodes = iso6391.getAllCodes();
// UK is taken as GB; it is what many shops send.
const countryCodes = [...Object.keys(countries.getAlpha2Codes()), "UK"];
const asCountry = (code: string) => (code.toUpperCase() === "UK" ? "GB" : code.toUpperCase());

export const language = codeIn(languageCodes, (code) => code.toLowerCase());
export const country = codeIn(countryCodes, asCountry);
export const currency = codeIn(currencyCodes.codes(), (code) => code.toUpperCase());
export const locale = fc
  .tuple(language, country)
  .map(([l, c]) => field(`${l.wire}-${c.wire}`, `${l.stored}-${c.stored}`));

const localPartCharacters =
  "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+/=?^_`{|}~-";
const atom = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.string({ unit: fc.constantFrom(...localPartCharacters), minLength: 1, maxLength: 8 }),
  },
  { weight: 1, arbitrary: fc.constantFrom("zoë", "josé", "日本", "ñ") },
);
const domainLabel = fc.stringMatching(/^[a-zA-Z0-9]([a-zA-Z0-9-]{0,10}[a-zA-Z0-9])?$/);
const topLevelDomain = fc.stringMatching(/^[a-zA-Z]{2,8}$/);

/** A domain name of exactly `length` characters: 62-character labels, then a shorter one, then `.com`. */
function domainOfLength(length: number): string {
  const labels: string[] = [];
  let left = length - ".com".length;
  for (; left > 63; left -= 63) labels.push("a".repeat(62));
  labels.push("b".repeat(left));
  return `${labels.join(".")}.com`;
}

/** A syntactically valid address; now and then as long as allowed (254 characters, 64 before the `@`). */
export const email = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .tuple(
        fc.array(atom, { minLength: 1, maxLength: 3 }),
        fc.array(domainLabel, { minLength: 1, maxLength: 3 }),
        topLevelDomain,
      )
      .map(([local, labels, tld]) => field(`${local.join(".")}@${[...labels, tld].join(".")}`)),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: 1, max: 64 }), fc.integer({ min: 70, max: 254 }))
      .map(([localLength, total]) =>
        field(`${"x".repeat(localLength)}@${domainOfLength(total - localLength - 1)}`),
      ),
  },
);

const digits = (minLength: number, maxLength: number) =>
  fc.string({ unit: fc.constantFrom(..."0123456789"), minLength, maxLength });

/**
 * A price string with a decimal comma (at most 32 characters) and at most `maxDigits` digits after it,
 * stored with a dot and no leading zeros.
 */
function commaPriceWithin(maxDigits: number): fc.Arbitrary<Field> {
  const fraction = (most: number) =>
    maxDigits === 0
      ? fc.constant(undefined)
      : fc.option(digits(1, Math.min(most, maxDigits)), { nil: undefined });
  return fc
    .oneof(
      fc.tuple(digits(1, 12), fraction(6)),
      fc.tuple(digits(32, 32), fc.constant(undefined)),
      fc.tuple(digits(16, 16), maxDigits >= 15 ? digits(15, 15) : fraction(15)),
    )
    .map(([whole, fraction]) => {
      const wire = fraction === undefined ? whole : `${whole},${fraction}`;
      const stored = `${whole.replace(/^0+/, "") || "0"}${fraction === undefined ? "" : `.${fraction}`}`;
      return field(wire, stored);
    });
}

/** A price string with a decimal comma, any number of digits after it. */
export const commaPrice = commaPriceWithin(Number.POSITIVE_INFINITY);

/** A non-negative JSON number that prints without an exponent, stored as it prints. */
export const numberPrice = fc
  .oneof(
    fc.nat(),
    fc.double({ min: 0, max: 1e21, noNaN: true }),
    fc.constantFrom(0, 0.5, 12.5, 0.000001, 2 ** 53, 999999999999999900000),
  )
  .map((value) => value + 0) // -0 + 0 is +0, which is what the wire carries
  .filter((value) => !String(value).includes("e"))
  .map((value) => field(value, String(value)));

/** The digits after the dot of a number as it prints. */
export const printedDecimals = (value: number) => String(value).split(".")[1]?.length ?? 0;

/**
 * A valid price for an item in `currency` (a code as sent, or none): with a currency, at most its ISO 4217
 * decimal digits; without one, or in one without a minor unit (XAU), any number.
 */
export function priceIn(currency: unknown): fc.Arbitrary<Field> {
  const maxDigits = typeof currency === "string" ? currencyDigits(currency.toUpperCase()) : undefined;
  if (maxDigits === undefined) return fc.oneof(commaPrice, numberPrice);
  const cents = fc
    .nat({ max: 10 ** 9 })
    .map((minor) => minor / 10 ** maxDigits)
    .map((value) => field(value, String(value)));
  const fits = numberPrice.filter((price) => printedDecimals(Number(price.wire)) <= maxDigits);
  return fc.oneof(commaPriceWithin(maxDigits), fits, cents);
}

const metadataNameCharacters = "abcdefghijklmnopqrstuvwxyz0123456789_";
/** Valid metadata names, among them names that are properties of every object. `__proto__` is refused. */
const metadataName = fc
  .oneof(
    {
      weight: 5,
      arbitrary: fc.string({ unit: fc.constantFrom(...metadataNameCharacters), minLength: 1, maxLength: 64 }),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        "constructor",
        "prototype",
        "tostring",
        "valueof",
        "field_1",
        "_",
        "0",
        "a".repeat(64),
      ),
    },
  )
  .filter((name) => name !== "__proto__");

const finiteNumber = fc
  .oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }))
  .map((n) => n + 0);

/** Keys of objects inside metadata values: free text, without the keys the parser refuses a body for. */
const nestedKey = (max: number) =>
  fc
    .string({ unit: textUnit, maxLength: Math.min(max, 8) })
    .filter((key) => !["__proto__", "constructor", "prototype"].includes(key));

/** Arrays and objects a few levels deep, with short strings and keys within `max` characters. */
function nestedValue(max: number): fc.Arbitrary<unknown> {
  const short = fc.string({ unit: textUnit, maxLength: Math.min(max, 8) });
  const { value } = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: "small", maxDepth: 4 },
      short,
      finiteNumber,
      fc.boolean(),
      fc.constant(null),
      tie("array"),
      tie("object"),
    ),
    array: fc.array(tie("value"), { maxLength: 3 }),
    object: fc.dictionary(nestedKey(max), tie("value"), { maxKeys: 3 }),
  }));
  return fc.oneof(fc.array(value, { maxLength: 3 }), fc.dictionary(nestedKey(max), value, { maxKeys: 3 }));
}

// -0 is stored as 0, like every other -0 of the document.
const storedAs = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;

function metadataValue(limits: OrderLimits): fc.Arbitrary<unknown> {
  return fc.oneof(
    freeText(limits.maxMetadataStringLength),
    finiteNumber,
    fc.boolean(),
    fc.constant(null),
    nestedValue(limits.maxMetadataStringLength),
  );
}

/** Small values, for metadata with as many entries as allowed: a body of thousands stays far below its limit. */
const compactValue = (max: number) =>
  fc.oneof(fc.string({ unit: textUnit, maxLength: Math.min(max, 4) }), fc.integer(), fc.boolean());

export function metadata(limits: OrderLimits): fc.Arbitrary<Field> {
  const max = limits.maxMetadataEntries;
  const entries = (minLength: number, maxLength: number, value: fc.Arbitrary<unknown>) =>
    fc.uniqueArray(fc.tuple(metadataName, value), { selector: ([name]) => name, minLength, maxLength });
  return fc
    .oneof(
      { weight: 6, arbitrary: entries(0, Math.min(max, 4), metadataValue(limits)) },
      { weight: 1, arbitrary: entries(max, max, compactValue(limits.maxMetadataStringLength)) },
    )
    .map((list) => field(Object.fromEntries(list), storedAs(Object.fromEntries(list))));
}
