import { createHmac } from "node:crypto";
import type { NormalisedOrder } from "./normalised-order.js";

/**
 * How an email is compared for erasure and suppression: Unicode NFC, surrounding space trimmed, lower case.
 * Two spellings of one address that differ only in case are one customer (RFC 5321 lets the local part be
 * case-sensitive, but no mailbox provider in use treats it so, and erasing too much beats erasing too little).
 */
export function normaliseEmail(email: string): string {
  return email.normalize("NFC").trim().toLowerCase();
}

/** What a customer is found by: the email, or the merchant's own customer reference. */
export type CustomerKeyKind = "email" | "customer_ref";

/**
 * Keyed hashes (HMAC-SHA256, base64url) of a customer's email or customer_ref within one organisation: what
 * the stores index, the suppression list holds and the erasure ledger records, so that none of them holds
 * the value in clear, and a hash means nothing outside its organisation and installation. The key is the
 * installation's own (`PrivacyStore.customerHashKey`).
 */
export interface CustomerHasher {
  hash(trkref: string, kind: CustomerKeyKind, value: string): string;
  /** The hash of an email, after `normaliseEmail`. */
  email(trkref: string, email: string): string;
  customerRef(trkref: string, customerRef: string): string;
}

export function createCustomerHasher(key: Uint8Array): CustomerHasher {
  const hash = (trkref: string, kind: CustomerKeyKind, value: string) => {
    const text = kind === "email" ? normaliseEmail(value) : value;
    // The parts are joined with a character none of them can hold, so that no two inputs hash alike.
    return createHmac("sha256", key).update(`${kind}\u0000${trkref}\u0000${text}`).digest("base64url");
  };
  return {
    hash,
    email: (trkref, email) => hash(trkref, "email", email),
    customerRef: (trkref, customerRef) => hash(trkref, "customer_ref", customerRef),
  };
}

/** The hashes an order is found by: its email's, and its customer_ref's when it has one. */
export function customerHashesOf(
  hasher: CustomerHasher,
  order: NormalisedOrder,
): { customerHash: string; customerRefHash: string | null } {
  const { email, customer_ref } = order.customer;
  return {
    customerHash: hasher.email(order.trkref, email),
    customerRefHash: customer_ref === undefined ? null : hasher.customerRef(order.trkref, customer_ref),
  };
}

/**
 * An order without the person in it, as the service keeps an order of a suppressed customer: the email
 * emptied, every other customer field but the country dropped, and the items' metadata (free text a merchant
 * may fill with anything) dropped. The refs, dates, languages, SKUs and prices stay.
 */
export function withoutPersonalData(order: NormalisedOrder): NormalisedOrder {
  const { country } = order.customer;
  return {
    ...order,
    customer: country === undefined ? { email: "" } : { email: "", country },
    order_items: order.order_items.map(({ metadata: _metadata, ...item }) => item),
  };
}

/** What an erased submission's document is replaced with: the order it named, and nothing of it. */
export function erasedDocument(trkref: string, orderRef: string): NormalisedOrder {
  return { trkref, order_ref: orderRef, customer: { email: "" }, order_items: [] };
}

/** The hasher of the installation's key as the store gives it (`PrivacyStore.customerHashKey`: base64url). */
export function customerHasherOfKey(key: string): CustomerHasher {
  return createCustomerHasher(Buffer.from(key, "base64url"));
}
