import { type Static, Type } from "@sinclair/typebox";

// The types are derived from these schemas, so that what the service stores and what it checks when it
// reads a stored document back (`storage/stored-documents.ts`) are declared once.

/** A metadata value: any JSON value, stored as sent (finite numbers only, as JSON has no others). */
export const MetadataValueSchema = Type.Recursive((Self) =>
  Type.Union([
    Type.String(),
    Type.Number(),
    Type.Boolean(),
    Type.Null(),
    Type.Array(Self),
    Type.Record(Type.String(), Self),
  ]),
);
export type MetadataValue = Static<typeof MetadataValueSchema>;

export const NormalisedCustomerSchema = Type.Object({
  email: Type.String(),
  customer_ref: Type.Optional(Type.String()),
  title: Type.Optional(Type.String()),
  first_name: Type.Optional(Type.String()),
  surname: Type.Optional(Type.String()),
  postcode: Type.Optional(Type.String()),
  country: Type.Optional(Type.String()),
});
export type NormalisedCustomer = Static<typeof NormalisedCustomerSchema>;

export const NormalisedItemSchema = Type.Object({
  sku: Type.String(),
  price: Type.Optional(Type.String()),
  currency: Type.Optional(Type.String()),
  metadata: Type.Optional(Type.Record(Type.String(), MetadataValueSchema)),
});
export type NormalisedItem = Static<typeof NormalisedItemSchema>;

/**
 * An order document after validation: the wire's field names, optional fields omitted when the client did
 * not send them (so that a later submission can tell "not sent" from "sent"), and values in canonical form:
 * ISO 8601 dates (`yyyy-mm-dd`), decimal prices with a dot (`"55.99"`), language codes in lower case,
 * country and currency codes in upper case, `UK` as `GB`, integer refs and SKUs as decimal strings.
 */
export const NormalisedOrderSchema = Type.Object({
  trkref: Type.String(),
  order_ref: Type.String(),
  order_date: Type.Optional(Type.String()),
  fulfilment_date: Type.Optional(Type.String()),
  language: Type.Optional(Type.String()),
  locale: Type.Optional(Type.String()),
  customer: NormalisedCustomerSchema,
  order_items: Type.Array(NormalisedItemSchema),
});
export type NormalisedOrder = Static<typeof NormalisedOrderSchema>;
