import type { InvitationPolicyOverrides } from "../domain/invitation-policy.js";
import type { ReleasedInvitation } from "../domain/invitation-release.js";
import type { InvitationRow, OrderCancellation } from "../domain/invitations.js";
import type { NormalisedOrder } from "../domain/normalised-order.js";
import type { NewEvent } from "../domain/order-events.js";
import type { NewSuppression } from "./privacy-store.js";
import type { CustomerOfOrganisation } from "./processing-io.js";

/** An order named by its organisation and ref, as `orderKey` keys maps of them. */
export interface NamedOrder {
  trkref: string;
  order_ref: string;
}

/** An order's invitation and cancellation, locked against other writers of either until the transaction ends. */
export interface InvitationState {
  invitation?: InvitationRow;
  cancellation?: OrderCancellation;
}

/** An organisation's name and its own invitation policy (null: the installation's). */
export interface OrganisationPolicy {
  name: string;
  overrides: InvitationPolicyOverrides | null;
}

/**
 * The invitation reads and writes that processing shares with the invitation algorithms, in the adapter's
 * own SQL; nothing here decides anything.
 */
export interface InvitationReadsAndWrites {
  /**
   * Each named order's invitation and cancellation, by `orderKey` (orders with neither are absent); the
   * invitations locked (PostgreSQL: FOR UPDATE) so that the due-time check skips them meanwhile.
   */
  findInvitationStates(named: NamedOrder[]): Promise<Map<string, InvitationState>>;
  /** The organisations' names and overrides, by trkref (the unknown absent). */
  findPolicies(trkrefs: string[]): Promise<Map<string, OrganisationPolicy>>;
  /**
   * The SKUs of each customer's invitations that are scheduled or due and were created at or after `since`,
   * by `customerKey`, each list with the order ref it is of (so that an order's own is left out).
   */
  findInvitedSkus(
    customers: CustomerOfOrganisation[],
    since: string,
  ): Promise<Map<string, { orderRef: string; skus: string[] }[]>>;
  /** Writes each invitation whole: inserted, or replacing the row with its id. */
  saveInvitations(rows: InvitationRow[]): Promise<void>;
}

/** The I/O of the invitation algorithms' transactions (due time, cancellation, delivery). */
export interface InvitationTransaction extends InvitationReadsAndWrites {
  /**
   * Takes up to `limit` scheduled invitations due at or before `now`, by due time then id, locked against
   * every other process until the transaction ends; on PostgreSQL those another transaction holds are
   * skipped (SKIP LOCKED), so that workers never take one twice.
   */
  claimDueInvitations(now: string, limit: number): Promise<InvitationRow[]>;
  /**
   * Holds each customer against every other transaction that asks for them until this one ends (PostgreSQL:
   * transaction-level advisory locks, taken in a fixed order; SQLite's write lock already does), so that two
   * workers never both release an invitation to one customer within the cap.
   */
  lockCustomers(customers: CustomerOfOrganisation[]): Promise<void>;
  /** The named orders as stored, by `orderKey`, with whether each is kept without its customer's data. */
  findOrdersOf(named: NamedOrder[]): Promise<Map<string, { order: NormalisedOrder; suppressed: boolean }>>;
  /** Those of the customers given that are on their organisation's suppression list. */
  findSuppressed(customers: CustomerOfOrganisation[]): Promise<CustomerOfOrganisation[]>;
  /** Each customer's invitations released as due at or after `since`, by `customerKey`. */
  findReleasedInvitations(
    customers: CustomerOfOrganisation[],
    since: string,
  ): Promise<Map<string, ReleasedInvitation[]>>;
  /**
   * Holds the order against processing until the transaction ends (PostgreSQL: the processing claim's own
   * advisory lock for it), and says whether it is stored and whether a submission of it waits to be processed.
   */
  lockOrder(order: NamedOrder): Promise<{ exists: boolean; pending: boolean }>;
  /** The invitation with this id, locked, if it is one of these organisations' ("any": of any). */
  findInvitationById(id: string, trkrefs: string[] | "any"): Promise<InvitationRow | undefined>;
  /** Writes the order's cancellation whole: inserted, or replacing the one it had. */
  saveCancellation(cancellation: OrderCancellation): Promise<void>;
  addSuppressions(entries: NewSuppression[]): Promise<number>;
  /** As `ProcessingTransaction.writeEvents`: numbered, queued for the endpoints they are for. */
  writeEvents(events: NewEvent[], now: string): Promise<void>;
}

/** What an adapter gives the invitation algorithms: transactions on its connection. */
export interface InvitationDatabase {
  inTransaction<T>(work: (tx: InvitationTransaction) => Promise<T>): Promise<T>;
}

/** The key of a customer in the maps above. */
export const customerKey = (customer: CustomerOfOrganisation): string =>
  `${customer.trkref}\u0000${customer.customerHash}`;
