import type { InvitationReadsAndWrites } from "../invitation-io.js";
import { findInvitedSkus } from "./customer-invitations-sql.js";
import { saveInvitations } from "./invitation-rows-sql.js";
import { findInvitationStates } from "./locked-invitations-sql.js";
import { findPolicies, type Queryable } from "./organisations-sql.js";

/** The invitation I/O that processing shares with the invitation transactions, on one client in a transaction. */
export const invitationReadsAndWrites = (client: Queryable): InvitationReadsAndWrites => ({
  findInvitationStates: (named) => findInvitationStates(client, named),
  findPolicies: (trkrefs) => findPolicies(client, trkrefs),
  findInvitedSkus: (customers, since) => findInvitedSkus(client, customers, since),
  saveInvitations: (rows) => saveInvitations(client, rows),
});
