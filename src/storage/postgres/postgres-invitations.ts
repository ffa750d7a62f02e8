import type pg from "pg";
import type { InvitationDatabase, InvitationTransaction } from "../invitation-io.js";
import { findReleasedInvitations, lockCustomers } from "./customer-invitations-sql.js";
import { claimDueInvitations } from "./due-invitations-sql.js";
import { writeEvents } from "./events-sql.js";
import { findOrdersOf, lockOrder } from "./invitation-orders-sql.js";
import { invitationReadsAndWrites } from "./invitation-reads-and-writes.js";
import { findInvitationById } from "./locked-invitations-sql.js";
import { saveCancellation } from "./order-cancellations-sql.js";
import { inTransaction } from "./postgres-pool.js";
import { findSuppressedCustomers } from "./suppressed-customers-sql.js";
import { insertSuppressions } from "./suppressions-sql.js";

function invitationTransaction(client: pg.PoolClient): InvitationTransaction {
  return {
    ...invitationReadsAndWrites(client),
    claimDueInvitations: (now, limit) => claimDueInvitations(client, now, limit),
    lockCustomers: (customers) => lockCustomers(client, customers),
    findOrdersOf: (named) => findOrdersOf(client, named),
    findSuppressed: (customers) => findSuppressedCustomers(client, customers),
    findReleasedInvitations: (customers, since) => findReleasedInvitations(client, customers, since),
    lockOrder: (order) => lockOrder(client, order),
    findInvitationById: (id, trkrefs) => findInvitationById(client, id, trkrefs),
    saveCancellation: (cancellation) => saveCancellation(client, cancellation),
    addSuppressions: (entries) => insertSuppressions(client, entries),
    writeEvents: (events, now) => writeEvents(client, events, now),
  };
}

/**
 * The invitation algorithms' I/O on PostgreSQL: each transaction on one pooled client. Row locks keep two
 * workers off one invitation (the due-time check skips those held); advisory locks keep two releases off
 * one customer, and a cancellation and processing off one order at once.
 */
export function createPostgresInvitations(pool: pg.Pool): InvitationDatabase {
  return { inTransaction: (work) => inTransaction(pool, (client) => work(invitationTransaction(client))) };
}
