import { FormatRegistry, type Static, type TSchema, Type } from "@sinclair/typebox";
import { MAX_EMAIL_LENGTH } from "./field-readers.js";
import { isEmailAddress, MAX_PRICE_STRING_LENGTH } from "./field-rules.js";
import { DEMO_TRKREF, exampleOrder } from "./order-example.js";
import {
  DEFAULT_ORDER_LIMITS,
  MAX_DOCUMENT_DEPTH,
  MAX_REF_LENGTH,
  type OrderLimits,
} from "./order-limits.js";
import { TRKREF_MAX_LENGTH, TRKREF_PATTERN, TRKREF_RULE } from "./trkref.js";
import { METADATA_NAME_PATTERN } from "./validate-metadata.js";

// TypeBox refuses any format it does not know; "email" is registered with the same test `validateOrder` uses
// so that `Value.Check` and the validator agree.
if (!FormatRegistry.Has("email")) FormatRegistry.Set("email", isEmailAddress);

const MAX_SAFE = Number.MAX_SAFE_INTEGER;
const DATE_PATTERN = "^[0-9]{2}-[0-9]{2}-[0-9]{4}$";

/** An optional wire field: absent and JSON `null` both mean "not sent". */
function optional<T extends TSchema>(schema: T, description: string, examples: unknown[]) {
  return Type.Optional(Type.Union([schema, Type.Null()], { description, examples }));
}

/** A reference's forms: a string (non-blank when required), or a whole number below 2^53. */
function refForms(maxLength: number, required: boolean) {
  // `\S` anywhere in the string is exactly "not blank": JavaScript's trim() strips the same set as `\s`.
  const text = Type.String(required ? { minLength: 1, maxLength, pattern: "\\S" } : { maxLength });
  return [text, Type.Integer({ minimum: -MAX_SAFE, maximum: MAX_SAFE })] as const;
}

function customerSchema(max: number) {
  const text = (description: string, examples: string[]) =>
    optional(Type.String({ maxLength: max }), `${description}; at most ${max} characters`, examples);
  const customerRef = (description: string, extra: object) =>
    Type.Optional(
      Type.Union([...refForms(max, false), Type.Null()], {
        description,
        examples: ["CUST-0042", 1042],
        ...extra,
      }),
    );
  return Type.Object(
    {
      email: Type.String({
        format: "email",
        maxLength: MAX_EMAIL_LENGTH,
        description: `Required. The customer's email address: syntactically valid, at most ${MAX_EMAIL_LENGTH} characters`,
        examples: ["jane.doe@example.com"],
      }),
      customer_ref: customerRef(
        `Optional. The merchant's id for the customer: a string of at most ${max} characters, or a whole number kept as its decimal string`,
        {},
      ),
      cutomer_ref: customerRef(
        "Optional. Accepted as `customer_ref` (the spelling of the v4 API's published example); `customer_ref` wins when both are sent",
        { deprecated: true },
      ),
      title: text("Optional. The customer's title", ["Ms"]),
      first_name: text("Optional. The customer's first name", ["Jane"]),
      surname: text("Optional. The customer's surname", ["Doe"]),
      postcode: text("Optional. The customer's postcode", ["SW1A 1AA"]),
      country: optional(
        Type.String({ pattern: "^[A-Za-z]{2}$" }),
        "Optional. An assigned ISO 3166-1 alpha-2 country code, any case, stored upper case; UK is taken as GB",
        ["GB", "de"],
      ),
    },
    {
      description: "Required. The customer who placed the order; unknown fields are ignored with a warning",
      examples: [exampleOrder(DEMO_TRKREF).customer],
    },
  );
}

/**
 * Any JSON value. The limit on strings is stated for those at the top; nested ones (and keys) are held to it
 * by `validateOrder`, as a recursive schema would make the OpenAPI document much harder to read.
 */
function metadataSchema(limits: OrderLimits) {
  const value = Type.Union([
    Type.String({ maxLength: limits.maxMetadataStringLength }),
    Type.Number(),
    Type.Boolean(),
    Type.Null(),
    Type.Array(Type.Unknown()),
    Type.Object({}, { additionalProperties: true }),
  ]);
  return Type.Record(Type.String({ pattern: METADATA_NAME_PATTERN }), value, {
    additionalProperties: false,
    maxProperties: limits.maxMetadataEntries,
  });
}

function itemSchema(limits: OrderLimits) {
  const description = "One item bought; unknown fields are ignored with a warning";
  return Type.Object(
    {
      sku: Type.Union([...refForms(MAX_REF_LENGTH, true)], {
        description: `Required. The product id: 1 to ${MAX_REF_LENGTH} characters, not blank, or a whole number kept as its decimal string`,
        examples: ["TSHIRT-BLUE-M", 40123],
      }),
      price: optional(
        Type.Union([
          Type.String({ pattern: "^[0-9]+(,[0-9]+)?$", maxLength: MAX_PRICE_STRING_LENGTH }),
          Type.Number({ minimum: 0 }),
        ]),
        'Optional. Digits with an optional decimal comma ("55,99"; a dot is refused as ambiguous), or a non-negative number; stored as a decimal with a dot. With a currency, at most its ISO 4217 decimal digits (GBP 2, JPY 0, BHD 3; any for codes without a minor unit, such as XAU): "1,999" in GBP is refused',
        ["55,99", "10", 12.5],
      ),
      currency: optional(
        Type.String({ pattern: "^[A-Za-z]{3}$" }),
        "Optional. An ISO 4217 alpha-3 currency code, any case, stored upper case",
        ["GBP", "eur"],
      ),
      metadata: optional(
        metadataSchema(limits),
        `Optional. At most ${limits.maxMetadataEntries} extra fields for the item: names of 1 to 64 lower-case letters, digits and underscores; each value any JSON value (string, number, boolean, null, array or object, within the document's ${MAX_DOCUMENT_DEPTH} levels of nesting), stored as sent; every string inside it, keys of nested objects included, at most ${limits.maxMetadataStringLength} characters`,
        [
          { field_1: "gift wrapped", colour: "blue" },
          { engraving: { lines: ["For Ana", "25 years"], font: "serif" }, gift: true },
        ],
      ),
    },
    { description, examples: exampleOrder(DEMO_TRKREF).order_items },
  );
}

/** The wire schema of one order document for the given limits; `CustomerOrderSchema` uses the defaults. */
export function createCustomerOrderSchema(limits: OrderLimits = DEFAULT_ORDER_LIMITS) {
  const max = limits.maxStringLength;
  const date = (description: string, examples: string[]) =>
    optional(Type.String({ pattern: DATE_PATTERN }), description, examples);
  const dateRule =
    "written dd-mm-yyyy, a real calendar date; at least one of order_date and fulfilment_date is required";
  return Type.Object(
    {
      trkref: Type.String({
        pattern: TRKREF_PATTERN,
        maxLength: TRKREF_MAX_LENGTH,
        description: `Required. The organisation: ${TRKREF_RULE}; equal to the trkref of the path when there is one`,
        examples: [DEMO_TRKREF, "ABC-XYZ"],
      }),
      order_ref: Type.Union([...refForms(MAX_REF_LENGTH, true)], {
        description: `Required. The merchant's unique order id: 1 to ${MAX_REF_LENGTH} characters, not blank, or a whole number kept as its decimal string`,
        examples: ["ORD-2021-000123", 100234],
      }),
      order_date: date(`The date the order was placed, ${dateRule}`, ["25-09-2021"]),
      fulfilment_date: date(`The date the order was fulfilled, ${dateRule}; not before order_date`, [
        "27-09-2021",
      ]),
      language: optional(
        Type.String({ pattern: "^[A-Za-z]{2}$" }),
        "Optional. An ISO 639-1 two-letter language code, any case, stored lower case",
        ["en", "de"],
      ),
      locale: optional(
        Type.String({ pattern: "^[A-Za-z]{2}-[A-Za-z]{2}$" }),
        "Optional. An ISO 639-1 language and an ISO 3166-1 alpha-2 country joined by a hyphen, any case, stored as en-GB; UK is taken as GB",
        ["en-GB", "de-DE"],
      ),
      customer: customerSchema(max),
      order_items: Type.Array(itemSchema(limits), {
        minItems: 1,
        maxItems: limits.maxItemsPerOrder,
        description: `Required. The items bought: 1 to ${limits.maxItemsPerOrder} objects`,
        examples: [exampleOrder(DEMO_TRKREF).order_items],
      }),
    },
    {
      description:
        "One customer order. Unknown fields are not errors: they are ignored and listed as warnings",
      examples: [exampleOrder(DEMO_TRKREF)],
    },
  );
}

/** The order document as clients send it, with the default limits; used for the OpenAPI document. */
export const CustomerOrderSchema = createCustomerOrderSchema();

/** An order document as clients send it, before validation and normalisation. */
export type CustomerOrderDocument = Static<typeof CustomerOrderSchema>;
