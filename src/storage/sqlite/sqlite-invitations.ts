import type Database from "better-sqlite3";
import { orderKey } from "../../domain/apply-submissions-in-order.js";
import { servedInvitation } from "../../domain/invitations.js";
import {
  customerKey,
  type InvitationDatabase,
  type InvitationReadsAndWrites,
  type InvitationState,
  type InvitationTransaction,
  type NamedOrder,
  type OrganisationPolicy,
} from "../invitation-io.js";
import type { InvitationStore } from "../invitation-store.js";
import type { CustomerOfOrganisation } from "../processing-io.js";
import { inAsyncWriteTransaction } from "./async-write-transaction.js";
import type { createEventQueries } from "./events-sql.js";
import { createInvitationListing } from "./invitation-listing-sql.js";
import { createInvitationQueries } from "./invitations-sql.js";
import { createOrderCancellationQueries } from "./order-cancellations-sql.js";
import { createOrderPresenceQuery } from "./order-presence-sql.js";
import type { createOrderQueries } from "./orders-sql.js";
import { createOrganisationPolicyQuery } from "./organisations-sql.js";
import { createSuppressedCustomersQuery } from "./suppressed-customers-sql.js";
import { createSuppressionQueries } from "./suppressions-sql.js";

/** Each distinct item once, by its key, with what `read` found of it (nothing found: absent). */
function readEach<Item, Value>(
  items: readonly Item[],
  keyOf: (item: Item) => string,
  read: (item: Item) => Value | undefined,
): Map<string, Value> {
  const found = new Map<string, Value>();
  const seen = new Set<string>();
  for (const item of items) {
    const key = keyOf(item);
    if (seen.has(key)) continue;
    seen.add(key);
    const value = read(item);
    if (value !== undefined) found.set(key, value);
  }
  return found;
}

const nonEmpty = <T>(list: T[]): T[] | undefined => (list.length === 0 ? undefined : list);

/**
 * The invitation reads and writes processing shares with the invitation algorithms, on SQLite: one lookup
 * of one index per order or customer (in-process, a statement per value costs no round trip). The caller
 * holds the write transaction, whose lock is all the locking SQLite needs.
 */
export function createSqliteInvitationReadsAndWrites(db: Database.Database): InvitationReadsAndWrites {
  const invitations = createInvitationQueries(db);
  const cancellations = createOrderCancellationQueries(db);
  const findPolicy = createOrganisationPolicyQuery(db);
  return {
    findInvitationStates: async (named) =>
      readEach(named, orderKey, ({ trkref, order_ref }): InvitationState | undefined => {
        const invitation = invitations.findByOrder(trkref, order_ref);
        const cancellation = cancellations.find(trkref, order_ref);
        if (!invitation && !cancellation) return undefined;
        return { ...(invitation && { invitation }), ...(cancellation && { cancellation }) };
      }),
    findPolicies: async (trkrefs) =>
      readEach<string, OrganisationPolicy>(trkrefs, (trkref) => trkref, findPolicy),
    findInvitedSkus: async (customers, since) =>
      readEach(customers, customerKey, ({ trkref, customerHash }) =>
        nonEmpty(invitations.findInvitedSkus(trkref, customerHash, since)),
      ),
    saveInvitations: async (rows) => invitations.save(rows),
  };
}

/**
 * The invitation algorithms' I/O on SQLite (`src/processing/release-invitations.ts`,
 * `cancel-invitations.ts`). BEGIN IMMEDIATE takes the write lock for the whole transaction, so no processor
 * or other worker changes an order, an invitation or a customer's others meanwhile: locking a customer or an
 * order takes nothing more. The transaction spans several awaits, as processing's does: the store runs its
 * calls one at a time (`serialise-calls.ts`).
 */
export function createSqliteInvitations(
  db: Database.Database,
  orders: ReturnType<typeof createOrderQueries>,
  events: ReturnType<typeof createEventQueries>,
): InvitationDatabase {
  const invitations = createInvitationQueries(db);
  const cancellations = createOrderCancellationQueries(db);
  const suppressions = createSuppressionQueries(db);
  const findSuppressed = createSuppressedCustomersQuery(db);
  const findPresence = createOrderPresenceQuery(db);
  const tx: InvitationTransaction = {
    ...createSqliteInvitationReadsAndWrites(db),
    claimDueInvitations: async (now, limit) => invitations.findDue(now, limit),
    lockCustomers: async () => {},
    findOrdersOf: async (named: NamedOrder[]) =>
      readEach(named, orderKey, ({ trkref, order_ref }) => {
        const stored = orders.find(trkref, order_ref);
        return stored && { order: stored.order, suppressed: stored.suppressed };
      }),
    findSuppressed: async (customers) => findSuppressed(customers),
    findReleasedInvitations: async (customers: CustomerOfOrganisation[], since) =>
      readEach(customers, customerKey, ({ trkref, customerHash }) =>
        nonEmpty(invitations.findReleased(trkref, customerHash, since)),
      ),
    lockOrder: async ({ trkref, order_ref }) => findPresence(trkref, order_ref),
    findInvitationById: async (id, trkrefs) => invitations.findById(id, trkrefs),
    saveCancellation: async (cancellation) => cancellations.save(cancellation),
    addSuppressions: async (entries) => suppressions.insert(entries),
    writeEvents: async (written, now) => events.write(written, now),
  };
  return { inTransaction: (work) => inAsyncWriteTransaction(db, () => work(tx)) };
}

/** The invitation store's plain reads on SQLite. */
export function createSqliteInvitationReads(
  db: Database.Database,
): Pick<InvitationStore, "listInvitations" | "findInvitation" | "findOrderInvitation"> {
  const invitations = createInvitationQueries(db);
  const cancellations = createOrderCancellationQueries(db);
  const list = createInvitationListing(db);
  return {
    listInvitations: async (query) => list(query),
    findInvitation: async (trkref, id) => {
      const row = invitations.findById(id, [trkref]);
      return row && servedInvitation(row);
    },
    findOrderInvitation: async (trkref, orderRef) => {
      const row = invitations.findByOrder(trkref, orderRef);
      return {
        invitation: row ? servedInvitation(row) : null,
        cancellation: cancellations.find(trkref, orderRef) ?? null,
      };
    },
  };
}
