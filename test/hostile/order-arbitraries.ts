import fc from "fast-check";
import type { NormalisedOrder } from "../../src/domain/normalised-order.js";
import type { OrderLimits } from "../../src/domain/order-limits.js";
import {
  country,
  currency,
  email,
  type Field,
  field,
  freeText,
  language,
  locale,
  metadata,
  type Optional,
  orderDates,
  priceIn,
  reference,
  textUnit,
} from "./field-arbitraries.js";
import { type JsonObject, pointerOf } from "./wire-body.js";

/** A valid order document as a client sends it, and what the service must make of it. */
export interface ValidCase {
  document: JsonObject;
  /** The normalised order the service must store. */
  expected: NormalisedOrder;
  /** Pointers of the fields that must be listed as `unknown_field` warnings. */
  warnings: string[];
}

function optional(arbitrary: fc.Arbitrary<Field>): fc.Arbitrary<Optional> {
  return fc.oneof(
    { weight: 2, arbitrary: fc.constant("absent" as const) },
    { weight: 1, arbitrary: fc.constant("null" as const) },
    { weight: 4, arbitrary },
  );
}

/** The wire object and the stored object for named fields; unsent and null fields are not stored. */
function assemble(fields: Record<string, Optional>): { wire: JsonObject; stored: JsonObject } {
  const wire: JsonObject = {};
  const stored: JsonObject = {};
  for (const [name, value] of Object.entries(fields)) {
    if (value === "absent") continue;
    wire[name] = value === "null" ? null : value.wire;
    if (value !== "null") stored[name] = value.stored;
  }
  return { wire, stored };
}

/** Names that no level of the document knows, among them near misses and properties of every object. */
const unknownName = fc.oneof(
  fc.constantFrom(
    "fulfillment_date",
    "orderDate",
    "SKU",
    "emial",
    "constructor",
    "prototype",
    "toString",
    "hasOwnProperty",
    "a/b~c",
    "",
  ),
  fc.string({ unit: textUnit, maxLength: 12 }),
);
/** JSON values without prototype keys, which the service refuses as a whole (tested on their own). */
const unknownValue = fc.jsonValue({ maxDepth: 3 }).filter((value) => {
  const text = JSON.stringify(value);
  return !text.includes('"__proto__"') && !text.includes('"prototype"');
});

/** Usually none, now and then one or two unknown fields for one level of the document. */
function unknownFields(accepted: readonly string[]) {
  const some = fc.uniqueArray(fc.tuple(unknownName, unknownValue), {
    selector: ([name]) => name,
    minLength: 1,
    maxLength: 2,
  });
  return fc
    .oneof({ weight: 4, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: some })
    .map((entries) => entries.filter(([name]) => !accepted.includes(name) && name !== "__proto__"));
}

/** Adds unknown fields to `wire` and records the warnings they must cause. */
function addUnknown(
  wire: JsonObject,
  entries: [string, unknown][],
  path: (string | number)[],
  warnings: string[],
) {
  for (const [name, value] of entries) {
    Object.defineProperty(wire, name, { value, enumerable: true, writable: true, configurable: true });
    warnings.push(pointerOf([...path, name]));
  }
}

interface Part {
  wire: JsonObject;
  stored: JsonObject;
  warnings: string[];
}

function item(limits: OrderLimits, index: number): fc.Arbitrary<Part> {
  // The price is drawn after the currency: with one, it has at most the currency's decimal digits.
  return optional(currency)
    .chain((currencyField) =>
      fc.record({
        sku: reference(255, true),
        price: optional(priceIn(typeof currencyField === "string" ? undefined : currencyField.wire)),
        currency: fc.constant(currencyField),
        metadata: optional(metadata(limits)),
        unknown: unknownFields(["sku", "price", "currency", "metadata"]),
      }),
    )
    .map(({ unknown, ...fields }) => {
      const { wire, stored } = assemble(fields);
      const warnings: string[] = [];
      addUnknown(wire, unknown, ["order_items", index], warnings);
      return { wire, stored, warnings };
    });
}

/** The smallest item, for orders with as many items as allowed. */
const minimalItem = reference(255, true).map((sku) => ({
  wire: { sku: sku.wire },
  stored: { sku: sku.stored },
  warnings: [],
}));

function items(limits: OrderLimits): fc.Arbitrary<Part[]> {
  const max = limits.maxItemsPerOrder;
  const few = fc
    .integer({ min: 1, max: Math.min(max, 4) })
    .chain((count) => fc.tuple(...Array.from({ length: count }, (_, index) => item(limits, index))));
  const most = fc.array(minimalItem, { minLength: max, maxLength: max });
  return fc.oneof({ weight: 8, arbitrary: few }, { weight: 1, arbitrary: most });
}

const customerFields = ["email", "customer_ref", "title", "first_name", "surname", "postcode", "country"];

function customer(limits: OrderLimits): fc.Arbitrary<Part> {
  const text = optional(freeText(limits.maxStringLength).map((value) => field(value)));
  return fc
    .record({
      email,
      ref: optional(reference(limits.maxStringLength, false)),
      // The v4 example spells it cutomer_ref; when both are sent, customer_ref wins with a warning.
      refSpelling: fc.constantFrom("customer_ref", "cutomer_ref", "both"),
      title: text,
      first_name: text,
      surname: text,
      postcode: text,
      country: optional(country),
      unknown: unknownFields([...customerFields, "cutomer_ref"]),
    })
    .map(({ ref, refSpelling, unknown, ...fields }) => {
      const { wire, stored } = assemble(fields);
      const warnings: string[] = [];
      addUnknown(wire, unknown, ["customer"], warnings);
      if (ref !== "absent") {
        const sent = ref === "null" ? null : ref.wire;
        if (ref !== "null") stored.customer_ref = ref.stored;
        if (refSpelling === "cutomer_ref") wire.cutomer_ref = sent;
        else wire.customer_ref = sent;
        if (refSpelling === "both" && ref !== "null") {
          wire.cutomer_ref = "IGNORED";
          warnings.push("/customer/cutomer_ref");
        }
      }
      return { wire, stored, warnings };
    });
}

/** The fields an order document may have at its top level. */
export const ORDER_FIELDS = [
  "trkref",
  "order_ref",
  "order_date",
  "fulfilment_date",
  "language",
  "locale",
  "customer",
  "order_items",
];

/** Valid order documents for one of `trkrefs`, following every rule of docs/order-document.md. */
export function validOrder(trkref: fc.Arbitrary<string>, limits: OrderLimits): fc.Arbitrary<ValidCase> {
  return fc
    .record({
      trkref,
      order_ref: reference(255, true),
      dates: orderDates,
      language: optional(language),
      locale: optional(locale),
      customer: customer(limits),
      items: items(limits),
      unknown: unknownFields(ORDER_FIELDS),
    })
    .map(({ trkref, order_ref, dates, language, locale, customer, items, unknown }) => {
      const { wire, stored } = assemble({ trkref: field(trkref), order_ref, ...dates, language, locale });
      wire.customer = customer.wire;
      stored.customer = customer.stored;
      wire.order_items = items.map((part) => part.wire);
      stored.order_items = items.map((part) => part.stored);
      const warnings: string[] = [];
      addUnknown(wire, unknown, [], warnings);
      warnings.push(...customer.warnings, ...items.flatMap((part) => part.warnings));
      return { document: wire, expected: stored as unknown as NormalisedOrder, warnings };
    });
}

/** Well-formed trkrefs: groups of upper-case letters and digits joined by single hyphens or underscores. */
export const anyTrkref = fc
  .tuple(
    fc.stringMatching(/^[A-Z0-9]{1,8}$/),
    fc.array(fc.tuple(fc.constantFrom("-", "_"), fc.stringMatching(/^[A-Z0-9]{1,8}$/)), { maxLength: 7 }),
  )
  .map(([first, rest]) => first + rest.map(([separator, group]) => separator + group).join(""))
  .filter((trkref) => trkref.length <= 64);
