import type { BatchOrderResult } from "../domain/batch-result.js";
import { type CustomerHasher, withoutPersonalData } from "../domain/customer-privacy.js";
import { type FieldWarning, fieldWarningCatalogue } from "../domain/field-errors.js";
import type { NormalisedOrder } from "../domain/normalised-order.js";
import type { NewSubmission } from "../storage/store.js";
import type { OrderCustomer } from "./suppression-list.js";

/** The warning an order of a suppressed customer is accepted with. */
export const CUSTOMER_SUPPRESSED_WARNING: FieldWarning = {
  pointer: "/customer/email",
  code: "customer_suppressed",
  message: fieldWarningCatalogue.customer_suppressed,
};

/**
 * What a submission stores of an accepted order: the order and the document as sent, with the email's
 * hash; for a suppressed customer the order without their data and no document as sent, so that nothing of
 * the person is written at all.
 */
export function submissionContent(
  order: NormalisedOrder,
  raw: string,
  customer: OrderCustomer,
): Pick<NewSubmission, "order" | "raw" | "customerHash" | "suppressed"> {
  const { customerHash, suppressed } = customer;
  if (!suppressed) return { order, raw, customerHash };
  return { order: withoutPersonalData(order), raw: "", customerHash, suppressed: true };
}

/** The warnings an accepted order is answered with: the validator's, and the suppression's if any. */
export const warningsFor = (warnings: readonly FieldWarning[], customer: OrderCustomer): FieldWarning[] =>
  customer.suppressed ? [...warnings, CUSTOMER_SUPPRESSED_WARNING] : [...warnings];

/** An email a rejected order may carry, where the document or its commonest misspelling puts it. */
function echoedEmail(document: unknown): { trkref: string; email: string } | undefined {
  if (typeof document !== "object" || document === null) return undefined;
  const { trkref, customer } = document as { trkref?: unknown; customer?: unknown };
  if (typeof trkref !== "string" || typeof customer !== "object" || customer === null) return undefined;
  const { email, email_address } = customer as { email?: unknown; email_address?: unknown };
  const found = typeof email === "string" ? email : email_address;
  // Upper case: an erasure is asked for in the organisation's own trkref, whatever case the order used.
  return typeof found === "string" ? { trkref: trkref.toUpperCase(), email: found } : undefined;
}

/**
 * The customers whose data a batch's answer echoes (each rejected order as it was sent), by the keyed hash
 * of the email found in it: what an erasure finds the answer's idempotency record by.
 */
export function customersEchoed(
  hasher: CustomerHasher,
  results: readonly BatchOrderResult[],
  documents: readonly unknown[],
): { trkref: string; customerHash: string }[] {
  const echoed = new Map<string, { trkref: string; customerHash: string }>();
  for (const result of results) {
    if (result.status !== "rejected") continue;
    const found = echoedEmail(documents[result.index]);
    if (!found) continue;
    const customerHash = hasher.email(found.trkref, found.email);
    echoed.set(`${found.trkref}\u0000${customerHash}`, { trkref: found.trkref, customerHash });
  }
  return [...echoed.values()];
}
