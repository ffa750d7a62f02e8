import fc from "fast-check";
import { currencyDigits } from "../../src/domain/code-lists.js";
import { printedDecimals } from "./field-arbitraries.js";
import {
  blankText,
  codeMutations,
  dateMutations,
  emailWithUnstorableCharacter,
  notACountry,
  notACurrency,
  notALanguage,
  notALocale,
  notAnEmail,
  referenceMutations,
  textMutations,
  trkrefMutations,
} from "./field-mutations.js";
import {
  at,
  dropped,
  huge,
  inexactText,
  jsonOfType,
  keptText,
  missing,
  refused,
  refusedText,
  tooLong,
  withLoneSurrogate,
  withNul,
  withUnstorableCharacter,
  wrongType,
} from "./mutation-builders.js";
import { ORDER_FIELDS } from "./order-arbitraries.js";
import type { FieldErrorPair, Mutation, MutationContext } from "./order-mutations.js";
import { unknownFieldMutations } from "./unknown-field-mutations.js";
import { type JsonObject, objectAt, type Path, valueAt } from "./wire-body.js";

/** Price strings that are refused: a decimal dot, signs, separators, symbols, exponents. */
const NOT_PRICES = [
  "1.000",
  "1.5",
  ",5",
  "5,",
  "-1",
  "1 000",
  "£5",
  "1,2,3",
  "",
  " 5",
  "5 ",
  "١٢",
  "+5",
  "0x10",
  "1e3",
  "NaN",
];

/** The `too_long` errors of the strings inside a metadata value, object keys included, past `max`. */
function tooLongInside(path: Path, value: unknown, max: number): FieldErrorPair[] {
  const tooLong = (text: string) => [...text].length > max;
  if (typeof value === "string") return tooLong(value) ? [at(path, "too_long")] : [];
  if (Array.isArray(value)) return value.flatMap((element, i) => tooLongInside([...path, i], element, max));
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, inner]) =>
    tooLong(key) ? [at([...path, key], "too_long")] : tooLongInside([...path, key], inner, max),
  );
}

function itemMutations(
  document: JsonObject,
  index: number,
  context: MutationContext,
): fc.Arbitrary<Mutation>[] {
  const item = ["order_items", index];
  const metadataPath = [...item, "metadata"];
  const metadata = objectAt(document, metadataPath) ?? {};
  const entries = Object.keys(metadata).length;
  /**
   * Adds one entry to the item's metadata; past the limit that is too_many, whatever the entry. `code` is
   * the error at the entry, or gives the errors inside its value; without one the entry is stored.
   */
  const addEntry = (
    label: string,
    name: fc.Arbitrary<string>,
    value: fc.Arbitrary<unknown>,
    code?: string | ((entryPath: Path, entryValue: unknown) => FieldErrorPair[]),
  ) =>
    fc.tuple(name, value).map(([entryName, entryValue]): Mutation => {
      const next = { ...metadata };
      Object.defineProperty(next, entryName, {
        value: entryValue,
        enumerable: true,
        writable: true,
        configurable: true,
      });
      const base = {
        label,
        claims: [metadataPath],
        edit: { op: "set" as const, path: metadataPath, value: next },
      };
      // The name may already be there, so count after adding.
      if (Object.keys(next).length > context.maxMetadataEntries)
        return { ...base, errors: [at(metadataPath, "too_many")] };
      const entryPath = [...metadataPath, entryName];
      const errors =
        typeof code === "function" ? code(entryPath, entryValue) : code ? [at(entryPath, code)] : [];
      if (errors.length > 0) return { ...base, errors };
      return { ...base, errors: [], stored: { path: metadataPath, value: next } };
    });
  const badNames = fc.constantFrom(
    "Colour",
    "field-1",
    "",
    "a".repeat(65),
    "ä",
    "a b",
    "a/b",
    "a~b",
    "A",
    "x".repeat(100_000),
    "a\u0000b",
    "\ud800",
    "b\udc00",
  );
  const entryName = fc.constantFrom(
    "constructor",
    "prototype",
    "valueof",
    "tostring",
    "hasownproperty",
    "z_9",
  );
  const maxText = context.maxMetadataStringLength;
  const scalar = fc.oneof(
    fc.string({ maxLength: Math.min(5, maxText) }),
    jsonOfType.number,
    fc.boolean(),
    fc.constant(null),
  );
  const entryPath = [...metadataPath, "z_9"];
  const metadataMutations = [
    wrongType(metadataPath, ["array", "string", "number", "boolean"]),
    dropped(metadataPath),
    fc.constant<Mutation>({
      label: "too many entries",
      claims: [metadataPath],
      edit: {
        op: "set",
        path: metadataPath,
        value: Object.fromEntries(
          Array.from({ length: context.maxMetadataEntries + 1 }, (_, i) => [`m${i}`, i]),
        ),
      },
      errors: [at(metadataPath, "too_many")],
    }),
    addEntry("bad metadata name", badNames, scalar, "invalid_metadata_name"),
    addEntry(
      "nested metadata value",
      fc.constant("z_9"),
      fc.oneof(jsonOfType.object, jsonOfType.array),
      (entryPath, entryValue) => tooLongInside(entryPath, entryValue, maxText),
    ),
    addEntry(
      "nested metadata string with NUL or a lone surrogate",
      fc.constant("z_9"),
      withUnstorableCharacter(maxText).map((text) => ({ l: ["", text] })),
      (entryPath) => [at([...entryPath, "l", 1], "invalid_character")],
    ),
    addEntry("metadata name of every object", entryName, scalar),
    addEntry("metadata value too long", fc.constant("z_9"), tooLong(maxText), "too_long"),
    addEntry(
      "nested metadata value too long",
      fc.constant("z_9"),
      tooLong(maxText).map((text) => [{ a: text }]),
      (entryPath) => [at([...entryPath, 0, "a"], "too_long")],
    ),
    addEntry("metadata value with NUL", fc.constant("z_9"), withNul(maxText), "invalid_character"),
    addEntry(
      "metadata value with lone surrogate",
      fc.constant("z_9"),
      withLoneSurrogate(maxText),
      "invalid_character",
    ),
  ];
  // Raw number text needs the entry in place first; only where the limit leaves room for it.
  if (entries + 1 <= context.maxMetadataEntries && objectAt(document, metadataPath)) {
    metadataMutations.push(
      inexactText(entryPath, [
        "1e400",
        "-1e400",
        "1e-400",
        "0.30000000000000001",
        "123456789012345678901234567890",
      ]),
      keptText(entryPath, ["-0", "1e308", "5e-324", "-1.5", "1.50", "0.1"], (n) => n + 0),
    );
  }
  const price = [...item, "price"];
  const currency = [...item, "currency"];
  const sentCurrency = valueAt(document, currency);
  const digits = typeof sentCurrency === "string" ? currencyDigits(sentCurrency.toUpperCase()) : undefined;
  const fitsCurrency = (json: string) => digits === undefined || printedDecimals(Number(json)) <= digits;
  const priceMutations =
    digits === undefined
      ? []
      : [
          // Claims the currency too: without it, or with a wrong one, the digits are not counted.
          refused(
            "more decimal digits than its currency takes",
            price,
            fc.oneof(
              fc.stringMatching(new RegExp(`^[0-9]{1,6},[0-9]{${digits + 1},${digits + 3}}$`)),
              fc.integer({ min: 1, max: 9 }).map((n) => Number(`${n}.${"0".repeat(digits)}${n}`)),
            ),
            "invalid_price",
            [price, currency],
          ),
        ];
  return [
    wrongType(item, ["string", "number", "boolean", "null", "array"]),
    ...referenceMutations([...item, "sku"], 255, true),
    wrongType(price, ["boolean", "object", "array"], "invalid_price"),
    refused(
      "not a price",
      price,
      fc.oneof(
        fc.constantFrom(...NOT_PRICES),
        fc.stringMatching(/^[0-9]{33,40}$/),
        huge,
        withUnstorableCharacter(8),
      ),
      "invalid_price",
    ),
    refused(
      "negative price",
      price,
      fc.double({ max: -Number.MIN_VALUE, noNaN: true, noDefaultInfinity: true }),
      "invalid_price",
    ),
    refusedText("price number out of range", price, ["1e308", "1e21", "1e-7", "-1"], "invalid_price"),
    inexactText(price, ["1e400", "-1e400", "123456789012345678901234567890", "12.500000000000000001"]),
    keptText(price, ["-0", "1E-6", "0.1e1", "2.50", "1e20"].filter(fitsCurrency), (n) => String(n)),
    ...priceMutations,
    dropped(price),
    ...codeMutations(currency, notACurrency, "invalid_currency"),
    ...metadataMutations,
    ...unknownFieldMutations(document, item, ["sku", "price", "currency", "metadata"], context),
  ];
}

/** Whole documents that are not order documents at all. */
const rootMutations = fc.oneof(
  fc.constantFrom("null", "{}").map(
    (json): Mutation => ({
      label: "no data",
      claims: [[]],
      edit: { op: "root", json },
      errors: [["", "required"]],
    }),
  ),
  fc.constantFrom('"order"', '""', "42", "-0", "1e400", "true", "[]", "[{}]").map(
    (json): Mutation => ({
      label: "not an object",
      claims: [[]],
      edit: { op: "root", json },
      errors: [["", "wrong_type"]],
    }),
  ),
);

/** Every kind of mutation that applies to `document`, one arbitrary per kind. */
export function mutationsOf(document: JsonObject, context: MutationContext): fc.Arbitrary<Mutation>[] {
  const customer = ["customer"];
  const customerObject = objectAt(document, customer) ?? {};
  // customer_ref wins over the v4 example's spelling when both are sent; either way both are claimed.
  const refName =
    Object.hasOwn(customerObject, "cutomer_ref") && !Object.hasOwn(customerObject, "customer_ref")
      ? "cutomer_ref"
      : "customer_ref";
  const refClaims = [
    ["customer", "customer_ref"],
    ["customer", "cutomer_ref"],
  ];
  const items = valueAt(document, ["order_items"]);
  const itemCount = Array.isArray(items) ? items.length : 0;
  const orderItems = ["order_items"];
  return [
    rootMutations,
    ...trkrefMutations(),
    ...referenceMutations(["order_ref"], 255, true),
    ...dateMutations(document),
    ...codeMutations(["language"], notALanguage, "invalid_language"),
    ...codeMutations(["locale"], notALocale, "invalid_locale"),
    missing(customer),
    wrongType(customer, ["string", "number", "boolean", "array"]),
    missing([...customer, "email"]),
    wrongType([...customer, "email"], ["number", "boolean", "object", "array"]),
    refused("not an email", [...customer, "email"], fc.oneof(notAnEmail, huge), "invalid_email"),
    refused("blank email", [...customer, "email"], blankText, "blank"),
    refused(
      "email with NUL or a lone surrogate",
      [...customer, "email"],
      emailWithUnstorableCharacter,
      "invalid_character",
    ),
    ...referenceMutations([...customer, refName], context.maxStringLength, false, {
      storedPath: [...customer, "customer_ref"],
      claims: refClaims,
      droppable: !(
        Object.hasOwn(customerObject, "cutomer_ref") && Object.hasOwn(customerObject, "customer_ref")
      ),
    }),
    ...["title", "first_name", "surname", "postcode"].flatMap((name) =>
      textMutations([...customer, name], context.maxStringLength),
    ),
    ...codeMutations([...customer, "country"], notACountry, "invalid_country"),
    missing(orderItems),
    wrongType(orderItems, ["object", "string", "number", "boolean"]),
    fc.constant<Mutation>({
      label: "no items",
      claims: [orderItems],
      edit: { op: "set", path: orderItems, value: [] },
      errors: [at(orderItems, "empty_list")],
    }),
    fc.constant<Mutation>({
      label: "too many items",
      claims: [orderItems],
      edit: {
        op: "set",
        path: orderItems,
        value: Array.from({ length: context.maxItemsPerOrder + 1 }, () => ({ sku: "S" })),
      },
      errors: [at(orderItems, "too_many")],
    }),
    fc
      .nat({ max: Math.max(itemCount - 1, 0) })
      .chain((index) => fc.oneof(...itemMutations(document, index, context))),
    ...unknownFieldMutations(document, [], ORDER_FIELDS, context),
    ...unknownFieldMutations(
      document,
      customer,
      ["email", "customer_ref", "cutomer_ref", "title", "first_name", "surname", "postcode", "country"],
      context,
    ),
  ];
}
