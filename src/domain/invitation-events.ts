import type { InvitationChangeEvent } from "./invitation-plan.js";
import type { Invitation, InvitationProduct, OrderCancellation } from "./invitations.js";
import type { NormalisedItem, NormalisedOrder } from "./normalised-order.js";
import type { NewEvent } from "./order-events.js";

/** An invitation in the wire's names: the API's answers, the CLI's JSON and the events' `data.invitation`. */
export const invitationWire = (invitation: Invitation) => ({
  id: invitation.id,
  order_ref: invitation.orderRef,
  status: invitation.status,
  reason: invitation.reason,
  trigger_date: invitation.triggerDate,
  due_at: invitation.dueAt,
  products: invitation.products,
  created_at: invitation.createdAt,
  updated_at: invitation.updatedAt,
  released_at: invitation.releasedAt,
  delivery: invitation.delivery && {
    status: invitation.delivery.status,
    reported_at: invitation.delivery.reportedAt,
  },
});
export type InvitationWire = ReturnType<typeof invitationWire>;

export const cancellationWire = (cancellation: OrderCancellation) => ({
  reason: cancellation.reason,
  whole: cancellation.whole,
  skus: cancellation.skus,
  cancelled_at: cancellation.cancelledAt,
});

const envelope = (invitation: Invitation, id: string, createdAt: string) => ({
  id,
  trkref: invitation.trkref,
  orderRef: invitation.orderRef,
  createdAt,
});

/** The event of one change `planInvitation` or a cancellation made. */
export function invitationChangeEvent(
  change: InvitationChangeEvent,
  invitation: Invitation,
  id: string,
  createdAt: string,
): NewEvent {
  const data: Record<string, unknown> = { invitation: invitationWire(invitation) };
  if (change.type === "invitation.rescheduled") data.previous_due_at = change.previousDueAt;
  if (change.type === "invitation.updated") data.previous_products = change.previousProducts;
  return { ...envelope(invitation, id, createdAt), type: change.type, data };
}

export function orderCancelledEvent(
  cancellation: OrderCancellation,
  id: string,
  createdAt: string,
): NewEvent {
  return {
    id,
    type: "order.cancelled",
    trkref: cancellation.trkref,
    orderRef: cancellation.orderRef,
    createdAt,
    data: { order_ref: cancellation.orderRef, cancellation: cancellationWire(cancellation) },
  };
}

/** A review link and when its token expires; null when the installation builds none. */
export type ReviewLinkData = { url: string; expires_at: string } | null;

/** What a mailer needs, as the order stands at the due time: the customer, the products, the merchant. */
export interface DueInvitationFacts {
  invitation: Invitation;
  order: NormalisedOrder;
  merchantName: string;
  reviewLink: ReviewLinkData;
}

/**
 * The item a product was taken from: of the items with its SKU, the one with its price and currency (an order
 * may list a SKU at several prices, and the product names the highest), else the first with its SKU.
 */
const itemOf = (items: NormalisedItem[], product: InvitationProduct): NormalisedItem | undefined =>
  items.find(
    (item) => item.sku === product.sku && item.price === product.price && item.currency === product.currency,
  ) ?? items.find((item) => item.sku === product.sku);

/** The `invitation.due` event: the products with the order's price, currency and metadata for each SKU. */
export function invitationDueEvent(facts: DueInvitationFacts, id: string, createdAt: string): NewEvent {
  const { invitation, order } = facts;
  const products = invitation.products.map((product: InvitationProduct) => ({
    ...product,
    metadata: itemOf(order.order_items, product)?.metadata ?? {},
  }));
  const { email, title, first_name } = order.customer;
  return {
    ...envelope(invitation, id, createdAt),
    type: "invitation.due",
    data: {
      invitation: invitationWire(invitation),
      customer: { email, title: title ?? null, first_name: first_name ?? null },
      language: order.language ?? null,
      locale: order.locale ?? null,
      products,
      merchant: { trkref: invitation.trkref, name: facts.merchantName },
      review_link: facts.reviewLink,
    },
  };
}
