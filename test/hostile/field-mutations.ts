/** Mutations of the document's own fields, each with the error it must cause or the value stored. */
import currencyCodes from "currency-codes";
import fc from "fast-check";
import countries from "i18n-iso-countries";
import iso6391 from "iso-639-1";
import { MAX_EMAIL_LENGTH } from "../../src/domain/field-readers.js";
import { calendarDate, earlyDate, email, farDate, language } from "./field-arbitraries.js";
import {
  at,
  dropped,
  huge,
  inexactText,
  kept,
  keptText,
  missing,
  oddText,
  refused,
  refusedText,
  tooLong,
  unstorableCharacter,
  withLoneSurrogate,
  withNul,
  withUnstorableCharacter,
  wrongType,
} from "./mutation-builders.js";
import type { Mutation } from "./order-mutations.js";
import type { JsonObject, Path } from "./wire-body.js";

/** A trkref that is well formed, but no key of the tests may act for. */

/** Strings that are empty or only white space (as String.prototype.trim sees it): `blank` where refused. */
export const blankText = fc.constantFrom("", " ", "\t\n", "\u00a0", "\u3000 ", "\ufeff", "\u2028");
export const FOREIGN_TRKREF = "OTHER";
/** An organisation the tests' key may act for, with order submission switched off. */
export const DISABLED_TRKREF = "OFF";

/** Free text (`title`, names, `postcode`, metadata strings) of at most `max` characters. */
export function textMutations(path: Path, max: number, storedPath = path): fc.Arbitrary<Mutation>[] {
  return [
    wrongType(path, ["number", "boolean", "object", "array"]),
    refused("too long", path, tooLong(max), "too_long"),
    refused("NUL", path, withNul(max), "invalid_character"),
    refused("lone surrogate", path, withLoneSurrogate(max), "invalid_character"),
    kept(
      "control characters",
      path,
      oddText.filter((text) => [...text].length <= max),
      storedPath,
    ),
    kept("empty", path, fc.constant(""), storedPath),
    dropped(path, storedPath),
  ];
}

/** Numbers a double holds exactly that are not whole numbers below 2^53. */
const NOT_INTEGERS = ["1.5", "-0.5", "0.1", "9007199254740992", "1e16", "1e308"];
/** Numbers a double cannot hold exactly: refused as such, before any field is read. */
const INEXACT_NUMBERS = [
  "1.0000000000000001",
  "1e-400",
  "1e400",
  "-1e400",
  "9007199254740993",
  "123456789012345678901234567890",
];
const INTEGERS = ["-0", "0", "1E2", "0.1e1", "100.0", "9007199254740991", "-9007199254740991"];

/**
 * `order_ref`, `sku` (required, not blank) and `customer_ref` (optional, may be empty). `droppable` is false
 * when leaving the field out would let another one take its place (`cutomer_ref` sent beside it).
 */
export function referenceMutations(
  path: Path,
  max: number,
  required: boolean,
  { storedPath = path, claims = [path], droppable = true } = {},
) {
  const nonBlankOdd = oddText.filter((text) => text.trim() !== "" && [...text].length <= max);
  const common = [
    wrongType(path, ["boolean", "object", "array"], "wrong_type", claims),
    refused("too long", path, tooLong(max), "too_long", claims),
    refused("NUL", path, withNul(max), "invalid_character", claims),
    refused("lone surrogate", path, withLoneSurrogate(max), "invalid_character", claims),
    refusedText("not a safe integer", path, NOT_INTEGERS, "not_an_integer", claims),
    inexactText(path, INEXACT_NUMBERS, claims),
    keptText(path, INTEGERS, (n) => String(n), storedPath, claims),
    kept("control characters", path, nonBlankOdd, storedPath, claims),
  ];
  if (required) {
    return [...common, missing(path, claims), refused("blank", path, blankText, "blank", claims)];
  }
  const empty = kept("empty", path, fc.constant(""), storedPath, claims);
  return droppable ? [...common, empty, dropped(path, storedPath, claims)] : [...common, empty];
}

export function trkrefMutations(): fc.Arbitrary<Mutation>[] {
  const path = ["trkref"];
  const malformed = fc.oneof(
    fc.constantFrom(
      "acme",
      "Acme",
      "AC--ME",
      "-ACME",
      "ACME-",
      "AC__ME",
      "AC-_ME",
      "_ACME",
      "A".repeat(65),
      "ACME\n",
      "ÄCME",
      "",
      " ACME",
    ),
    huge,
    withUnstorableCharacter(8),
  );
  const other = (trkref: string, batchCode: string): Mutation => ({
    label: `trkref ${trkref}`,
    claims: [path],
    edit: { op: "set", path, value: trkref },
    errors: [at(path, "trkref_mismatch")],
    batchErrors: [at(path, batchCode)],
  });
  return [
    missing(path),
    wrongType(path, ["number", "boolean", "object", "array"]),
    refused("malformed", path, malformed, "invalid_trkref"),
    fc.constantFrom(other(FOREIGN_TRKREF, "key_not_allowed"), other(DISABLED_TRKREF, "feature_disabled")),
  ];
}

const notADate = fc.oneof(
  fc.constantFrom(
    "31-02-2021",
    "29-02-2023",
    "29-02-1900",
    "31-04-2021",
    "00-01-2020",
    "01-00-2020",
    "32-01-2020",
  ),
  fc.constantFrom(
    "01-13-2020",
    "01-01-0000",
    "2021-09-25",
    "1-1-2021",
    "01/01/2021",
    "٠١-٠١-٢٠٢١",
    "01-01-2021\n",
  ),
  fc.string({ maxLength: 12 }).filter((text) => !/^\d{2}-\d{2}-\d{4}$/.test(text) && text.trim() !== ""),
  withUnstorableCharacter(10),
);

export function dateMutations(document: JsonObject): fc.Arbitrary<Mutation>[] {
  const claims = [["order_date"], ["fulfilment_date"]];
  const present = (name: string) => document[name] !== undefined && document[name] !== null;
  const removeOne = (name: string, other: string) =>
    present(other)
      ? dropped([name], [name], claims)
      : fc.constant<Mutation>({
          label: "only date removed",
          claims,
          edit: { op: "remove", path: [name] },
          errors: [["", "date_required"]],
        });
  const removeBoth = fc.constant<Mutation>({
    label: "both dates removed",
    claims,
    edit: {
      op: "each",
      edits: [
        { op: "remove", path: ["order_date"] },
        { op: "set", path: ["fulfilment_date"], value: null },
      ],
    },
    errors: [["", "date_required"]],
  });
  const reversed = fc
    .tuple(calendarDate, calendarDate)
    .filter(([a, b]) => a.stored !== b.stored)
    .map(([a, b]): Mutation => {
      const [earlier, later] = String(a.stored) < String(b.stored) ? [a, b] : [b, a];
      const edits = [
        { op: "set", path: ["order_date"], value: later.wire },
        { op: "set", path: ["fulfilment_date"], value: earlier.wire },
      ] as const;
      return {
        label: "fulfilment before order",
        claims,
        edit: { op: "each", edits: [...edits] },
        errors: [at(["fulfilment_date"], "fulfilment_before_order")],
      };
    });
  // Accepted with a warning; an early order date and a far fulfilment date never break their order.
  const implausible = fc
    .oneof(
      earlyDate.map((date) => ({ name: "order_date", date })),
      farDate.map((date) => ({ name: "fulfilment_date", date })),
    )
    .map(
      ({ name, date }): Mutation => ({
        label: "implausible date",
        claims,
        edit: { op: "set", path: [name], value: date.wire },
        errors: [],
        stored: { path: [name], value: date.stored },
        warning: `/${name}`,
      }),
    );
  return [
    implausible,
    ...["order_date", "fulfilment_date"].flatMap((name) => [
      refused("not a date", [name], notADate, "invalid_date", claims),
      refused("blank date", [name], blankText, "blank", claims),
      wrongType([name], ["number", "boolean", "object", "array"], "wrong_type", claims),
    ]),
    removeOne("order_date", "fulfilment_date"),
    removeOne("fulfilment_date", "order_date"),
    removeBoth,
    reversed,
  ];
}

const languages = new Set<string>(iso6391.getAllCodes());
const countrySet = new Set([...Object.keys(countries.getAlpha2Codes()), "UK"]);
const currencySet = new Set(currencyCodes.codes());

export const notALanguage = fc.oneof(
  fc.constantFrom("eng", "e", "ıt", "en\n", "en-GB", "e1", " en"),
  fc.stringMatching(/^[a-z]{2}$/).filter((code) => !languages.has(code)),
);
export const notACountry = fc.oneof(
  fc.constantFrom("GBR", "ıN", "U K", "G", "G\n", "gb "),
  fc.stringMatching(/^[A-Z]{2}$/).filter((code) => !countrySet.has(code)),
);
export const notACurrency = fc.oneof(
  fc.constantFrom("GB", "GBPX", "€", "gb p", "GBP\n"),
  fc.stringMatching(/^[A-Z]{3}$/).filter((code) => !currencySet.has(code)),
);
export const notALocale = fc.oneof(
  fc.constantFrom("en", "en_GB", "zz-GB", "en-GBR", "en-GB-x", "en-ıN", "eng-GB", "EN-gb\n"),
  fc.tuple(language, notACountry).map(([l, country]) => `${l.wire}-${country}`),
);
export const notAnEmail = fc.oneof(
  fc.constantFrom(
    "not-an-address",
    "Jane <jane@example.com>",
    " jane@example.com",
    "jane@example.com ",
    "jane@example",
  ),
  fc.constantFrom(
    "jane@@example.com",
    "@example.com",
    "jane@",
    "jane..doe@example.com",
    `${"x".repeat(65)}@example.com`,
  ),
  email.map(({ wire }) => `${"x".repeat(255)}${wire}`),
);

/**
 * A valid address with NUL or half of a surrogate pair put in somewhere: refused for the character, as in
 * every text field, and never passed to the address check (which throws on a lone surrogate).
 */
export const emailWithUnstorableCharacter = fc
  .tuple(
    email.filter(({ wire }) => String(wire).length < MAX_EMAIL_LENGTH),
    unstorableCharacter,
    fc.nat(),
  )
  .map(([{ wire }, character, position]) => {
    const address = String(wire);
    const at = position % (address.length + 1);
    return `${address.slice(0, at)}${character}${address.slice(at)}`;
  });

/** An optional code (`language`, `locale`, `country`, `currency`). */
export function codeMutations(
  path: Path,
  invalid: fc.Arbitrary<string>,
  code: string,
): fc.Arbitrary<Mutation>[] {
  return [
    refused("not a code", path, fc.oneof(invalid, huge, withUnstorableCharacter(6)), code),
    refused("blank code", path, blankText, "blank"),
    wrongType(path, ["number", "boolean", "object", "array"]),
    dropped(path),
  ];
}
