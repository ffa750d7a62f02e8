import { orderKey } from "../domain/apply-submissions-in-order.js";
import { invitationChangeEvent, orderCancelledEvent } from "../domain/invitation-events.js";
import type { InvitationChangeEvent } from "../domain/invitation-plan.js";
import { type InvitationRow, type OrderCancellation, servedInvitation } from "../domain/invitations.js";
import type { NewEvent } from "../domain/order-events.js";
import { newRecordId } from "../domain/record-id.js";
import type { InvitationDatabase } from "../storage/invitation-io.js";
import type {
  CancelInvitationOutcome,
  CancelOrderOutcome,
  CancelOrderRequest,
  DeliveryOutcome,
  DeliveryReport,
} from "../storage/invitation-store.js";

const timeOf = (now: string | undefined): string => now ?? new Date().toISOString();

/**
 * The order's cancellation once this request is added to the one it had: a whole cancellation stays whole;
 * a partial one gathers the SKUs of every request. Undefined when the request changes nothing.
 */
function mergedCancellation(
  request: CancelOrderRequest,
  previous: OrderCancellation | undefined,
  now: string,
): OrderCancellation | undefined {
  if (previous?.whole) return undefined;
  const base = {
    trkref: request.trkref,
    orderRef: request.orderRef,
    reason: request.reason,
    cancelledAt: now,
  };
  if (request.skus === null) return { ...base, whole: true, skus: [] };
  const skus = [...new Set([...(previous?.skus ?? []), ...request.skus])];
  if (skus.length === (previous?.skus.length ?? 0)) return undefined;
  return { ...base, whole: false, skus };
}

/** What a cancellation makes of a scheduled invitation: cancelled whole, or without the cancelled products. */
function cancelledInvitation(
  invitation: InvitationRow,
  cancellation: OrderCancellation,
  now: string,
): { row: InvitationRow; event: InvitationChangeEvent } | undefined {
  const cancelled = new Set(cancellation.skus);
  const products = invitation.products.filter((product) => !cancelled.has(product.sku));
  if (cancellation.whole || products.length === 0) {
    const row: InvitationRow = {
      ...invitation,
      status: "cancelled",
      reason: cancellation.reason,
      updatedAt: now,
    };
    return { row, event: { type: "invitation.cancelled" } };
  }
  if (products.length === invitation.products.length) return undefined;
  return {
    row: { ...invitation, products, updatedAt: now },
    event: { type: "invitation.updated", previousProducts: invitation.products },
  };
}

/**
 * A merchant's report that an order was cancelled, refunded or returned, whole or some of its SKUs: in one
 * transaction, with the order held against processing, records the cancellation (`order.cancelled`) and
 * cancels its scheduled invitation or takes those products out of it. An order not yet processed is
 * refused for now (its submission is still pending); asking again for what is already cancelled changes
 * nothing and tells nothing.
 */
export async function cancelOrder(
  database: InvitationDatabase,
  request: CancelOrderRequest,
): Promise<CancelOrderOutcome> {
  const now = timeOf(request.now);
  return database.inTransaction(async (tx): Promise<CancelOrderOutcome> => {
    const named = { trkref: request.trkref, order_ref: request.orderRef };
    const { exists, pending } = await tx.lockOrder(named);
    if (!exists) return { kind: pending ? "not_processed" : "not_found" };
    const state = (await tx.findInvitationStates([named])).get(orderKey(named)) ?? {};
    // Read after the invitation's lock, so that an erasure that committed meanwhile is seen (the order gone).
    const stored = (await tx.findOrdersOf([named])).get(orderKey(named));
    if (!stored) return { kind: "not_found" };
    // Only the order's own SKUs are recorded, so that what a cancellation holds stays within the order's size.
    const ofOrder = new Set(stored.order.order_items.map((item) => item.sku));
    const skus = request.skus === null ? null : request.skus.filter((sku) => ofOrder.has(sku));
    const invitation = state.invitation;
    const cancellation = mergedCancellation({ ...request, skus }, state.cancellation, now);
    if (!cancellation) {
      return {
        kind: "cancelled",
        cancellation: state.cancellation ?? null,
        invitation: invitation ? servedInvitation(invitation) : null,
        changed: false,
      };
    }
    await tx.saveCancellation(cancellation);
    const events: NewEvent[] = [orderCancelledEvent(cancellation, newRecordId(), now)];
    let current = invitation;
    const change =
      invitation?.status === "scheduled" ? cancelledInvitation(invitation, cancellation, now) : undefined;
    if (change) {
      await tx.saveInvitations([change.row]);
      events.push(invitationChangeEvent(change.event, change.row, newRecordId(), now));
      current = change.row;
    }
    await tx.writeEvents(events, now);
    return {
      kind: "cancelled",
      cancellation,
      invitation: current ? servedInvitation(current) : null,
      changed: true,
    };
  });
}

/** Cancels one scheduled invitation by its id (`requested`); one already cancelled stays as it is. */
export async function cancelInvitation(
  database: InvitationDatabase,
  request: { trkref: string; id: string; now?: string },
): Promise<CancelInvitationOutcome> {
  const now = timeOf(request.now);
  return database.inTransaction(async (tx): Promise<CancelInvitationOutcome> => {
    const invitation = await tx.findInvitationById(request.id, [request.trkref]);
    if (!invitation) return { kind: "not_found" };
    if (invitation.status === "cancelled")
      return { kind: "cancelled", invitation: servedInvitation(invitation), changed: false };
    if (invitation.status !== "scheduled") return { kind: "final", invitation: servedInvitation(invitation) };
    const row: InvitationRow = { ...invitation, status: "cancelled", reason: "requested", updatedAt: now };
    await tx.saveInvitations([row]);
    await tx.writeEvents(
      [invitationChangeEvent({ type: "invitation.cancelled" }, row, newRecordId(), now)],
      now,
    );
    return { kind: "cancelled", invitation: servedInvitation(row), changed: true };
  });
}

/**
 * The mailer's report on a due invitation: recorded on it (the latest report wins); a bounce or a
 * complaint puts the customer on the organisation's suppression list, in the same transaction, so that no
 * later order of theirs is invited or kept with their data.
 */
export async function recordInvitationDelivery(
  database: InvitationDatabase,
  report: DeliveryReport,
): Promise<DeliveryOutcome> {
  const now = timeOf(report.now);
  return database.inTransaction(async (tx): Promise<DeliveryOutcome> => {
    const invitation = await tx.findInvitationById(report.id, report.trkrefs);
    if (!invitation) return { kind: "not_found" };
    if (invitation.status !== "due") return { kind: "not_due", invitation: servedInvitation(invitation) };
    const row: InvitationRow = {
      ...invitation,
      delivery: { status: report.status, reportedAt: now },
      updatedAt: now,
    };
    await tx.saveInvitations([row]);
    let suppressed = false;
    if (report.status !== "sent" && invitation.customerHash !== null) {
      await tx.addSuppressions([
        {
          trkref: invitation.trkref,
          customerHash: invitation.customerHash,
          reason: report.status,
          createdAt: now,
        },
      ]);
      suppressed = true;
    }
    return { kind: "recorded", invitation: servedInvitation(row), suppressed };
  });
}
