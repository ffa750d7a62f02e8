import { orderKey } from "../domain/apply-submissions-in-order.js";
import { invitationChangeEvent } from "../domain/invitation-events.js";
import { type InvitationChange, planInvitation } from "../domain/invitation-plan.js";
import { effectivePolicy, PRODUCT_REPEAT_DAYS } from "../domain/invitation-policy.js";
import { daysBefore } from "../domain/invitation-schedule.js";
import type { NewEvent } from "../domain/order-events.js";
import { newRecordId } from "../domain/record-id.js";
import { customerKey } from "../storage/invitation-io.js";
import type { InvitationSettings } from "../storage/invitation-store.js";
import type { CustomerOfOrganisation, OrderToSave, ProcessingTransaction } from "../storage/processing-io.js";

/** What scheduling wrote in a processing transaction: the invitations, and the events that tell of them. */
export interface ScheduledInvitations {
  written: number;
  events: NewEvent[];
}

const uniqueCustomers = (orders: OrderToSave[]): CustomerOfOrganisation[] => {
  const seen = new Map<string, CustomerOfOrganisation>();
  for (const { order, customerHash } of orders) {
    const customer = { trkref: order.trkref, customerHash };
    seen.set(customerKey(customer), customer);
  }
  return [...seen.values()];
};

/**
 * The invitation stage of processing, in the transaction that writes the orders: for each order as it was
 * saved, what its organisation's policy makes of its invitation (`planInvitation`), written with its events.
 * Three reads for the whole batch (the organisations' policies, the orders' invitations and cancellations,
 * the customers' recent invitations) and one write. The SKUs an invitation of this batch names count for
 * the next order of the same customer, as they would had the orders come one at a time.
 */
export async function scheduleInvitations(
  tx: ProcessingTransaction,
  orders: OrderToSave[],
  settings: InvitationSettings,
  now: Date,
): Promise<ScheduledInvitations> {
  if (orders.length === 0) return { written: 0, events: [] };
  const policies = await tx.findPolicies([...new Set(orders.map(({ order }) => order.trkref))]);
  const states = await tx.findInvitationStates(orders.map(({ order }) => order));
  const invited = await tx.findInvitedSkus(uniqueCustomers(orders), daysBefore(now, PRODUCT_REPEAT_DAYS));
  const changes: InvitationChange[] = [];
  for (const { order, customerHash, suppressed } of orders) {
    const state = states.get(orderKey(order));
    const key = customerKey({ trkref: order.trkref, customerHash });
    const others = (invited.get(key) ?? []).filter(({ orderRef }) => orderRef !== order.order_ref);
    const change = planInvitation({
      order,
      suppressed,
      customerHash,
      policy: effectivePolicy(settings.defaults, policies.get(order.trkref)?.overrides),
      existing: state?.invitation,
      cancellation: state?.cancellation,
      recentSkus: new Set(others.flatMap(({ skus }) => skus)),
      now,
      newId: newRecordId,
    });
    if (!change) continue;
    changes.push(change);
    // As the database will hold it for the customer's next order: this order's SKUs only while scheduled.
    const own = change.row.status === "scheduled" ? [change.row.products.map((p) => p.sku)] : [];
    invited.set(key, [...others, ...own.map((skus) => ({ orderRef: order.order_ref, skus }))]);
  }
  if (changes.length === 0) return { written: 0, events: [] };
  await tx.saveInvitations(changes.map(({ row }) => row));
  const at = now.toISOString();
  const events = changes.flatMap(({ row, events: told }) =>
    told.map((event) => invitationChangeEvent(event, row, newRecordId(), at)),
  );
  return { written: changes.length, events };
}
