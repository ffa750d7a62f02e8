import { type CustomerHasher, customerHashesOf } from "../domain/customer-privacy.js";
import { submissionDocument } from "./stored-documents.js";

/** The columns of an order row that its hashes are made from. */
export interface UnhashedOrder {
  trkref: string;
  order_ref: string;
  customer_email: string;
  customer_ref: string | null;
}

/** A settled submission without a hash, its document as the driver reads it. */
export interface UnhashedSubmission {
  seq: number;
  trkref: string;
  document_version: number;
  document: unknown;
}

/** The hashes an order written before hashes existed is given: those processing gives an order now. */
export function orderHashes(
  hasher: CustomerHasher,
  row: UnhashedOrder,
): { customerHash: string; customerRefHash: string | null } {
  const customer =
    row.customer_ref === null
      ? { email: row.customer_email }
      : { email: row.customer_email, customer_ref: row.customer_ref };
  return customerHashesOf(hasher, {
    trkref: row.trkref,
    order_ref: row.order_ref,
    customer,
    order_items: [],
  });
}

/**
 * The hash of the email of a submission written before hashes existed. A document no version describes
 * (one failed as unreadable) is read for an email where the shape puts one, so that an erasure of that
 * customer still finds it; without one it is given the hash of no email, which no customer has, so that
 * the backfill is done with it rather than reading it again on every run.
 */
export function submissionHash(hasher: CustomerHasher, row: UnhashedSubmission): string {
  return hasher.email(row.trkref, emailOf(row));
}

function emailOf(row: UnhashedSubmission): string {
  try {
    return submissionDocument.decode(row.document_version, row.document).customer.email;
  } catch {
    const document = parseLeniently(row.document);
    const email = isObject(document) && isObject(document.customer) ? document.customer.email : undefined;
    return typeof email === "string" ? email : "";
  }
}

function parseLeniently(document: unknown): unknown {
  if (typeof document !== "string") return document;
  try {
    return JSON.parse(document);
  } catch {
    return undefined;
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null;
