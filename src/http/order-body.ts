import type { StoredOrder, SubmissionRecord } from "../storage/store.js";
import { summariseSubmission } from "./submission-body.js";

/**
 * An order as `GET /v4/organisations/{trkref}/customer_orders/{order_ref}` answers it, and as the listing
 * of the organisation's orders shows each: in normalised form, with the submissions that built it.
 */
export function toOrderBody(stored: StoredOrder, submissions: SubmissionRecord[]) {
  return {
    ...stored.order,
    created_at: stored.createdAt,
    updated_at: stored.updatedAt,
    // Only when it is, so that every other order's answer stays as it was.
    ...(stored.suppressed && { suppressed: true as const }),
    submissions: submissions.map(summariseSubmission),
  };
}
