import type { InvitationPolicy } from "./invitation-policy.js";
import { PRODUCT_REPEAT_DAYS } from "./invitation-policy.js";
import { daysBefore, isTooOld } from "./invitation-schedule.js";
import type {
  InvitationProduct,
  InvitationRow,
  InvitationSkipReason,
  OrderCancellation,
} from "./invitations.js";
import type { NormalisedOrder } from "./normalised-order.js";

/** One of the customer's invitations that became due: when, and what it asked them to review. */
export interface ReleasedInvitation {
  id: string;
  releasedAt: string;
  products: InvitationProduct[];
}

/** Everything the check at due time reads, as it stands in the releasing transaction. */
export interface ReleaseInput {
  invitation: InvitationRow;
  /** The order, or undefined when it was erased. */
  order: { order: NormalisedOrder; suppressed: boolean } | undefined;
  cancellation: OrderCancellation | undefined;
  /** The customer's email is on the organisation's suppression list. */
  customerSuppressed: boolean;
  policy: InvitationPolicy;
  /** The customer's other invitations released as due in the last 12 months (earlier ones of this batch too). */
  released: ReleasedInvitation[];
  now: Date;
}

export type ReleaseDecision =
  | { status: "due"; products: InvitationProduct[] }
  | { status: "skipped"; reason: InvitationSkipReason };

/**
 * The check at due time: a scheduled invitation becomes due only if its order is still there, not
 * cancelled, its customer not suppressed, its trigger date not too old, the frequency cap not reached by
 * another invitation released to the same customer, and some product is left once those the customer was
 * invited to review in the last 12 months are taken out. Otherwise it is skipped, with the first reason met
 * in that order.
 */
export function decideRelease(input: ReleaseInput): ReleaseDecision {
  const { invitation, order, policy, now } = input;
  if (!order || invitation.customerHash === null) return { status: "skipped", reason: "erased" };
  if (input.cancellation?.whole) return { status: "skipped", reason: "cancelled" };
  if (input.customerSuppressed || order.suppressed) return { status: "skipped", reason: "suppressed" };
  if (invitation.triggerDate !== null && isTooOld(invitation.triggerDate, policy, now))
    return { status: "skipped", reason: "too_old" };
  if (policy.frequency_cap_days > 0) {
    const since = daysBefore(now, policy.frequency_cap_days);
    if (input.released.some((r) => r.id !== invitation.id && r.releasedAt > since))
      return { status: "skipped", reason: "capped" };
  }
  const repeatSince = daysBefore(now, PRODUCT_REPEAT_DAYS);
  const reviewed = new Set(
    input.released
      .filter((r) => r.id !== invitation.id && r.releasedAt > repeatSince)
      .flatMap((r) => r.products.map((p) => p.sku)),
  );
  const cancelled = new Set(input.cancellation?.skus ?? []);
  const products = invitation.products.filter((p) => !reviewed.has(p.sku) && !cancelled.has(p.sku));
  if (products.length === 0) return { status: "skipped", reason: "no_products" };
  return { status: "due", products };
}
