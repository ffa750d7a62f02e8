import { type CustomerHasher, customerHasherOfKey } from "../../../src/domain/customer-privacy.js";
import { BUILT_IN_INVITATION_POLICY } from "../../../src/domain/invitation-policy.js";
import type { Invitation } from "../../../src/domain/invitations.js";
import type { NormalisedItem, NormalisedOrder } from "../../../src/domain/normalised-order.js";
import type { InvitationSettings, ReleaseReport, Store } from "../../../src/storage/store.js";
import { nextMillisecond } from "../../helpers/next-millisecond.js";
import { submission } from "./contract-fixture.js";

export const REVIEW_LINK_PREFIX = "https://reviews.example.com/write/";
export const REVIEW_LINK_SECRET = "x".repeat(32);

/** The installation's settings the invitation contract runs under: the built-in policy, a review link. */
export const SETTINGS: InvitationSettings = {
  defaults: BUILT_IN_INVITATION_POLICY,
  reviewLink: { template: `${REVIEW_LINK_PREFIX}{token}`, secret: REVIEW_LINK_SECRET, ttlDays: 90 },
};

export const hasherOf = async (store: Store): Promise<CustomerHasher> =>
  customerHasherOfKey(await store.customerHashKey());

/** An item priced in pounds. */
export const item = (sku: string, price?: string): NormalisedItem => ({
  sku,
  ...(price !== undefined && { price, currency: "GBP" }),
});

/** Processes every pending submission at `now`, scheduling invitations, within a bounded number of rounds. */
export async function processAt(store: Store, now: string): Promise<void> {
  for (let round = 0; round < 20; round += 1) {
    const report = await store.processPendingSubmissions(10, { now, invitations: SETTINGS });
    if (report.taken === 0) return;
  }
  throw new Error("submissions still pending after twenty rounds");
}

/** Submits the orders (one submission each, in this order) and processes them at `now`. */
export async function placeAt(store: Store, now: string, ...orders: NormalisedOrder[]): Promise<void> {
  await store.commitIntake([{ submissions: orders.map(submission) }]);
  await processAt(store, now);
  // Ids are ordered by their time to the millisecond only: the next placement's invitations come after these.
  await nextMillisecond();
}

/** One run of the due-time check at `now`. */
export const releaseAt = (store: Store, now: string): Promise<ReleaseReport> =>
  store.releaseDueInvitations({ limit: 100, now, settings: SETTINGS });

/** The order's invitation as the store serves it; fails when it has none. */
export async function invitationOf(store: Store, orderRef: string, trkref = "ACME"): Promise<Invitation> {
  const { invitation } = await store.findOrderInvitation(trkref, orderRef);
  if (!invitation) throw new Error(`order ${orderRef} has no invitation`);
  return invitation;
}

/** An event as a test compares it: its type, its order and its data parsed. */
export interface ToldEvent {
  type: string;
  orderRef: string;
  data: Record<string, unknown>;
}

/** The organisation's invitation and cancellation events, oldest first (the orders' own are left out). */
export async function invitationEvents(store: Store, trkref = "ACME"): Promise<ToldEvent[]> {
  const events = await store.listEvents({ trkref, limit: 1000 });
  return events
    .filter((event) => event.type.startsWith("invitation.") || event.type === "order.cancelled")
    .map((event) => ({ type: event.type, orderRef: event.orderRef, data: JSON.parse(event.data) }));
}

/** The types and orders of the events, as `[type, orderRef]`. */
export const typesOf = (events: ToldEvent[]): [string, string][] =>
  events.map((event) => [event.type, event.orderRef]);

/** An ISO instant `days` after `iso`. */
export const daysAfter = (iso: string, days: number): string =>
  new Date(Date.parse(iso) + days * 86_400_000).toISOString();
