import { MAX_INVITATION_PRODUCTS } from "./invitation-policy.js";
import type { NormalisedItem } from "./normalised-order.js";

/**
 * An invitation's life: `scheduled` (a timer in the database, at `due_at`), then `due` (handed to the mailer
 * in an `invitation.due` event) or `skipped` with a reason; `cancelled` by the merchant or the operator.
 * Only a scheduled invitation changes; the others are final.
 */
export const INVITATION_STATUSES = ["scheduled", "due", "skipped", "cancelled"] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

/** Why an invitation was not sent (docs/invitations.md says when each applies). */
export const INVITATION_SKIP_REASONS = [
  "too_old",
  "suppressed",
  "cancelled",
  "capped",
  "erased",
  "no_products",
] as const;
export type InvitationSkipReason = (typeof INVITATION_SKIP_REASONS)[number];

/** How the merchant reports an order that will not be reviewed: the reason a cancellation carries. */
export const CANCELLATION_REASONS = ["cancelled", "refunded", "returned"] as const;
export type CancellationReason = (typeof CANCELLATION_REASONS)[number];

/** A cancelled invitation's reason: its order's cancellation, or a request to cancel the invitation itself. */
export type InvitationCancelReason = CancellationReason | "requested";

/** What the mailer reports of a due invitation; a bounce or a complaint suppresses the customer. */
export const DELIVERY_STATUSES = ["sent", "bounced", "complained"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** A product an invitation asks the customer to review: one per SKU, as the order priced it. */
export interface InvitationProduct {
  sku: string;
  price?: string;
  currency?: string;
}

/** An invitation as stored and served (the customer's hash is the store's, never served). */
export interface Invitation {
  id: string;
  trkref: string;
  orderRef: string;
  status: InvitationStatus;
  /** The skip reason, or the cancellation's; null while scheduled or once due. */
  reason: InvitationSkipReason | InvitationCancelReason | null;
  triggerDate: string | null;
  /** The timer: when it is (or was) due. Null for one skipped before it had a time. */
  dueAt: string | null;
  products: InvitationProduct[];
  createdAt: string;
  updatedAt: string;
  /** When it became due or was skipped at its due time. */
  releasedAt: string | null;
  delivery: { status: DeliveryStatus; reportedAt: string } | null;
}

/** An invitation with the keyed hash of its customer's email, which the cap and the 12-month rule read. */
export interface InvitationRow extends Invitation {
  /** Null once erased. */
  customerHash: string | null;
}

/** The invitation as served: its customer's hash never leaves the store. */
export function servedInvitation(row: InvitationRow): Invitation {
  const { customerHash: _hash, ...served } = row;
  return served;
}

/** A whole order's cancellation, or a partial one: the SKUs cancelled so far. */
export interface OrderCancellation {
  trkref: string;
  orderRef: string;
  reason: CancellationReason;
  /** The whole order is cancelled. */
  whole: boolean;
  /** The SKUs cancelled (all of a partial cancellation's, accumulated); empty when whole. */
  skus: string[];
  cancelledAt: string;
}

const priceOf = (item: NormalisedItem): number | undefined => {
  if (item.price === undefined) return undefined;
  const value = Number(item.price);
  return Number.isFinite(value) ? value : undefined;
};

/**
 * The products an invitation names: one per SKU (the highest-priced of an order's items with that SKU),
 * those in `excluded` left out, ranked by price, highest first (prices compared as numbers whatever their
 * currency; unpriced items after priced ones; ties in the order's own order), at most five.
 */
export function rankProducts(items: NormalisedItem[], excluded: ReadonlySet<string>): InvitationProduct[] {
  const best = new Map<string, { item: NormalisedItem; price: number | undefined; position: number }>();
  items.forEach((item, position) => {
    if (excluded.has(item.sku)) return;
    const price = priceOf(item);
    const seen = best.get(item.sku);
    if (!seen || (price !== undefined && (seen.price === undefined || price > seen.price))) {
      best.set(item.sku, { item, price, position: seen?.position ?? position });
    }
  });
  return [...best.values()]
    .sort((a, b) => {
      if (a.price !== b.price) {
        if (a.price === undefined) return 1;
        if (b.price === undefined) return -1;
        return b.price - a.price;
      }
      return a.position - b.position;
    })
    .slice(0, MAX_INVITATION_PRODUCTS)
    .map(({ item }) => ({
      sku: item.sku,
      ...(item.price !== undefined && { price: item.price }),
      ...(item.currency !== undefined && { currency: item.currency }),
    }));
}

export const sameProducts = (a: InvitationProduct[], b: InvitationProduct[]): boolean =>
  a.length === b.length &&
  a.every((p, i) => p.sku === b[i]?.sku && p.price === b[i]?.price && p.currency === b[i]?.currency);
