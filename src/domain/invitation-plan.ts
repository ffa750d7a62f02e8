import type { InvitationPolicy } from "./invitation-policy.js";
import { delayDaysFor, dueAtFor, isTooOld, triggerDateOf } from "./invitation-schedule.js";
import {
  type InvitationProduct,
  type InvitationRow,
  type InvitationSkipReason,
  type OrderCancellation,
  rankProducts,
  sameProducts,
} from "./invitations.js";
import type { NormalisedOrder } from "./normalised-order.js";

/** What processing knows when a submission has changed an order: the order, its invitation, the policy. */
export interface ScheduleInput {
  order: NormalisedOrder;
  /** The order is kept without its customer's data (a suppressed customer). */
  suppressed: boolean;
  customerHash: string;
  policy: InvitationPolicy;
  /** The order's invitation, if it has one. */
  existing: InvitationRow | undefined;
  cancellation: OrderCancellation | undefined;
  /** SKUs of the customer's other invitations (scheduled or due) of the last 12 months. */
  recentSkus: ReadonlySet<string>;
  now: Date;
  newId: () => string;
}

/** An event an invitation's change tells of, with what it replaced. */
export type InvitationChangeEvent =
  | { type: "invitation.scheduled" }
  | { type: "invitation.skipped" }
  | { type: "invitation.rescheduled"; previousDueAt: string | null }
  | { type: "invitation.updated"; previousProducts: InvitationProduct[] }
  | { type: "invitation.cancelled" };

/** An invitation to write, and the events that tell of it. */
export interface InvitationChange {
  row: InvitationRow;
  events: InvitationChangeEvent[];
}

/** SKUs an invitation leaves out: those cancelled, and those the customer was recently invited to review. */
const excludedSkus = (input: ScheduleInput): Set<string> =>
  new Set([...input.recentSkus, ...(input.cancellation?.skus ?? [])]);

/** Why an order is not invited at all, whatever its products: in the order the checks are made. */
function reasonNotToInvite(input: ScheduleInput, triggerDate: string): InvitationSkipReason | undefined {
  if (input.suppressed) return "suppressed";
  if (input.cancellation?.whole) return "cancelled";
  if (isTooOld(triggerDate, input.policy, input.now)) return "too_old";
  return undefined;
}

function created(input: ScheduleInput, triggerDate: string): InvitationChange {
  const now = input.now.toISOString();
  const base: InvitationRow = {
    id: input.newId(),
    trkref: input.order.trkref,
    orderRef: input.order.order_ref,
    customerHash: input.customerHash,
    status: "scheduled",
    reason: null,
    triggerDate,
    dueAt: null,
    products: [],
    createdAt: now,
    updatedAt: now,
    releasedAt: null,
    delivery: null,
  };
  const skip = reasonNotToInvite(input, triggerDate);
  const products = skip ? [] : rankProducts(input.order.order_items, excludedSkus(input));
  const reason = skip ?? (products.length === 0 ? "no_products" : undefined);
  // Recorded (the listing and the order's read-back show it with its reason) but not told: an import of
  // old orders would otherwise send an event per order that nothing will ever come of.
  if (reason) return { row: { ...base, status: "skipped", reason }, events: [] };
  const dueAt = dueAtFor(triggerDate, delayDaysFor(input.order, input.policy), input.policy, input.now);
  return { row: { ...base, dueAt, products }, events: [{ type: "invitation.scheduled" }] };
}

function changed(
  input: ScheduleInput,
  existing: InvitationRow,
  triggerDate: string,
): InvitationChange | undefined {
  const updatedAt = input.now.toISOString();
  const skip = reasonNotToInvite(input, triggerDate);
  const products = skip ? [] : rankProducts(input.order.order_items, excludedSkus(input));
  const reason = skip ?? (products.length === 0 ? "no_products" : undefined);
  if (reason) {
    const row: InvitationRow = { ...existing, status: "skipped", reason, triggerDate, updatedAt };
    return { row, events: [{ type: "invitation.skipped" }] };
  }
  const events: InvitationChangeEvent[] = [];
  let dueAt = existing.dueAt;
  // Only a new trigger date moves the timer: a change of anything else keeps the due time already told.
  if (triggerDate !== existing.triggerDate) {
    dueAt = dueAtFor(triggerDate, delayDaysFor(input.order, input.policy), input.policy, input.now);
    if (dueAt !== existing.dueAt)
      events.push({ type: "invitation.rescheduled", previousDueAt: existing.dueAt });
  }
  if (!sameProducts(products, existing.products))
    events.push({ type: "invitation.updated", previousProducts: existing.products });
  const row: InvitationRow = { ...existing, triggerDate, dueAt, products, customerHash: input.customerHash };
  const hashChanged = existing.customerHash !== input.customerHash;
  if (events.length === 0 && !hashChanged && triggerDate === existing.triggerDate) return undefined;
  return { row: { ...row, updatedAt }, events };
}

/**
 * What a change of an order makes of its invitation, under the organisation's policy: none while the
 * policy is off or the order has no trigger date yet; a new one, scheduled or skipped, for an order that
 * has none; for a scheduled one, a new due time when the trigger date changed, new products when its items
 * did, or skipped when it no longer qualifies. A due, skipped or cancelled invitation stays as it is.
 */
export function planInvitation(input: ScheduleInput): InvitationChange | undefined {
  if (input.existing && input.existing.status !== "scheduled") return undefined;
  if (!input.existing && !input.policy.enabled) return undefined;
  const triggerDate = triggerDateOf(input.order, input.policy);
  if (triggerDate === undefined) return undefined;
  return input.existing ? changed(input, input.existing, triggerDate) : created(input, triggerDate);
}
