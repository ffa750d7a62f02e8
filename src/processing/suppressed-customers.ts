import type { ChangedOrder, SubmissionToApply } from "../domain/apply-submissions-in-order.js";
import { type CustomerHasher, customerHashesOf, withoutPersonalData } from "../domain/customer-privacy.js";
import type { OrderChange } from "../domain/order-events.js";
import { customerKey } from "../storage/invitation-io.js";
import type {
  ClaimedSubmission,
  CustomerOfOrganisation,
  OrderToSave,
  ProcessingTransaction,
} from "../storage/processing-io.js";

/** A claimed submission whose document could be read, ready to apply. */
export interface ReadableSubmission {
  claimed: ClaimedSubmission;
  apply: SubmissionToApply;
}

/** A submission whose document is read, ready to apply, or one whose document is not: a defect. */
export type DecodedSubmission = ReadableSubmission | { claimed: ClaimedSubmission; unreadable: unknown };

/** Each readable submission's customer, by submission id: the hash of its email, and whether suppressed. */
export type SubmissionCustomers = Map<string, { customerHash: string; suppressed: boolean }>;

/**
 * Processing's authoritative check of the suppression lists, which the intake's cache may be a second
 * behind: one question for the whole batch, about the submissions not already suppressed at intake. Those
 * whose customer is on their organisation's list are applied without the customer's data, and their rows
 * are rewritten so in the same transaction (document stripped, raw document emptied). Returns the
 * submissions with the documents to apply, and each one's customer.
 */
export async function stripSuppressed(
  tx: ProcessingTransaction,
  hasher: CustomerHasher,
  decoded: DecodedSubmission[],
): Promise<{ submissions: DecodedSubmission[]; customers: SubmissionCustomers }> {
  const customers: SubmissionCustomers = new Map();
  const asked: CustomerOfOrganisation[] = [];
  for (const submission of decoded) {
    if (!("apply" in submission)) continue;
    const { claimed, apply } = submission;
    // A row the previous release wrote has no hash yet; the document has the email it is made from.
    const customerHash = claimed.customerHash ?? hasher.email(claimed.trkref, apply.order.customer.email);
    customers.set(claimed.id, { customerHash, suppressed: claimed.suppressed });
    if (!claimed.suppressed) asked.push({ trkref: claimed.trkref, customerHash });
  }
  const onList = new Set((asked.length > 0 ? await tx.findSuppressed(asked) : []).map(customerKey));
  if (onList.size === 0) return { submissions: decoded, customers };

  const stripped: { seq: number; document: SubmissionToApply["order"]; customerHash: string }[] = [];
  const submissions = decoded.map((submission) => {
    const customer = customers.get(submission.claimed.id);
    if (!("apply" in submission) || !customer || customer.suppressed) return submission;
    if (
      !onList.has(customerKey({ trkref: submission.claimed.trkref, customerHash: customer.customerHash }))
    ) {
      return submission;
    }
    customer.suppressed = true;
    const document = withoutPersonalData(submission.apply.order);
    stripped.push({ seq: submission.claimed.seq, document, customerHash: customer.customerHash });
    return { ...submission, apply: { ...submission.apply, order: document } };
  });
  await tx.suppressSubmissions(stripped);
  return { submissions, customers };
}

/**
 * An order as it is written: found by its customer's hashes, from the order as applied. An order a
 * suppressed customer's submission left holds no email, so it keeps the hash of the one it was sent with:
 * an erasure of that customer finds it.
 */
export function orderToSave(
  hasher: CustomerHasher,
  changed: ChangedOrder,
  customers: SubmissionCustomers,
): OrderToSave {
  const customer = customers.get(changed.lastSubmissionId);
  if (customer?.suppressed) {
    const { customerRefHash } = customerHashesOf(hasher, changed.order);
    return { ...changed, customerHash: customer.customerHash, customerRefHash, suppressed: true };
  }
  return { ...changed, ...customerHashesOf(hasher, changed.order), suppressed: false };
}

/**
 * A change as its event tells it: a suppressed customer's submission tells nothing of the person, neither
 * in the order it left nor in what the order held before (`previous_attributes`).
 */
export function changeToTell(change: OrderChange, customers: SubmissionCustomers): OrderChange {
  if (!customers.get(change.submissionId)?.suppressed || change.before === undefined) return change;
  return { ...change, before: withoutPersonalData(change.before) };
}
