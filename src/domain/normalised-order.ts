/** A metadata value: any JSON value, stored as sent (finite numbers only, as JSON has no others). */
export type MetadataValue =
  | string
  | number
  | boolean
  | null
  | MetadataValue[]
  | { [name: string]: MetadataValue };

/**
 * An order document after validation: the wire's field names, optional fields omitted when the client did
 * not send them (so that a later submission can tell "not sent" from "sent"), and values in canonical form:
 * ISO 8601 dates (`yyyy-mm-dd`), decimal prices with a dot (`"55.99"`), language codes in lower case,
 * country and currency codes in upper case, `UK` as `GB`, integer refs and SKUs as decimal strings.
 */
export interface NormalisedOrder {
  trkref: string;
  order_ref: string;
  order_date?: string;
  fulfilment_date?: string;
  language?: string;
  locale?: string;
  customer: NormalisedCustomer;
  order_items: NormalisedItem[];
}

export interface NormalisedCustomer {
  email: string;
  customer_ref?: string;
  title?: string;
  first_name?: string;
  surname?: string;
  postcode?: string;
  country?: string;
}

export interface NormalisedItem {
  sku: string;
  price?: string;
  currency?: string;
  metadata?: Record<string, MetadataValue>;
}
