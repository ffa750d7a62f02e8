import { withoutPersonalData } from "../domain/customer-privacy.js";
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
