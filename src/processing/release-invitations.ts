import { orderKey } from "../domain/apply-submissions-in-order.js";
import {
  invitationChangeEvent,
  invitationDueEvent,
  type ReviewLinkData,
} from "../domain/invitation-events.js";
import { effectivePolicy, PRODUCT_REPEAT_DAYS } from "../domain/invitation-policy.js";
import { decideRelease, type ReleasedInvitation } from "../domain/invitation-release.js";
import { daysBefore } from "../domain/invitation-schedule.js";
import type { InvitationRow } from "../domain/invitations.js";
import type { NewEvent } from "../domain/order-events.js";
import { newRecordId } from "../domain/record-id.js";
import { reviewLink, signReviewToken } from "../domain/review-token.js";
import { customerKey, type InvitationDatabase } from "../storage/invitation-io.js";
import type { ReleaseOptions, ReleaseReport, ReviewLinkSettings } from "../storage/invitation-store.js";
import type { CustomerOfOrganisation } from "../storage/processing-io.js";

const DAY_MS = 86_400_000;

/** The review link of a due invitation: a token signed now, expiring after the configured days. */
function linkFor(id: string, settings: ReviewLinkSettings | null, now: Date): ReviewLinkData {
  if (!settings) return null;
  const expiresAt = new Date(now.getTime() + settings.ttlDays * DAY_MS);
  const token = signReviewToken(id, expiresAt, settings.secret);
  return { url: reviewLink(settings.template, token), expires_at: expiresAt.toISOString() };
}

function customersOf(invitations: InvitationRow[]): CustomerOfOrganisation[] {
  const seen = new Map<string, CustomerOfOrganisation>();
  for (const { trkref, customerHash } of invitations) {
    if (customerHash !== null) seen.set(customerKey({ trkref, customerHash }), { trkref, customerHash });
  }
  return [...seen.values()];
}

/**
 * The due-time check, written once for every store: in one transaction, takes the scheduled invitations
 * whose time has come (oldest first; on PostgreSQL none another worker holds), holds their customers
 * against other workers, reads what the check needs for all of them at once, and makes each due (with an
 * `invitation.due` event carrying what a mailer needs) or skipped with its reason (`invitation.skipped`).
 * One released earlier in the batch counts for the cap and the 12-month rule of the next of its customer.
 * A service that was down over a due time releases the invitation when it is back: late, never twice.
 */
export async function releaseDueInvitations(
  database: InvitationDatabase,
  options: ReleaseOptions,
): Promise<ReleaseReport> {
  const at = options.now === undefined ? new Date() : new Date(options.now);
  const now = at.toISOString();
  return database.inTransaction(async (tx): Promise<ReleaseReport> => {
    const claimed = await tx.claimDueInvitations(now, options.limit);
    const report: ReleaseReport = { taken: claimed.length, due: 0, skipped: {}, events: 0 };
    if (claimed.length === 0) return report;
    const customers = customersOf(claimed);
    await tx.lockCustomers(customers);
    const named = claimed.map((invitation) => ({
      trkref: invitation.trkref,
      order_ref: invitation.orderRef,
    }));
    const orders = await tx.findOrdersOf(named);
    const states = await tx.findInvitationStates(named);
    const suppressed = new Set((await tx.findSuppressed(customers)).map(customerKey));
    const released = await tx.findReleasedInvitations(customers, daysBefore(at, PRODUCT_REPEAT_DAYS));
    const policies = await tx.findPolicies([...new Set(claimed.map((invitation) => invitation.trkref))]);

    const rows: InvitationRow[] = [];
    const events: NewEvent[] = [];
    for (const invitation of claimed) {
      const key = orderKey({ trkref: invitation.trkref, order_ref: invitation.orderRef });
      const customer =
        invitation.customerHash === null
          ? undefined
          : customerKey({ trkref: invitation.trkref, customerHash: invitation.customerHash });
      const organisation = policies.get(invitation.trkref);
      const order = orders.get(key);
      const decision = decideRelease({
        invitation,
        order,
        cancellation: states.get(key)?.cancellation,
        customerSuppressed: customer !== undefined && suppressed.has(customer),
        policy: effectivePolicy(options.settings.defaults, organisation?.overrides),
        released: (customer && released.get(customer)) || [],
        now: at,
      });
      if (decision.status === "due" && order) {
        const row: InvitationRow = {
          ...invitation,
          status: "due",
          products: decision.products,
          releasedAt: now,
          updatedAt: now,
        };
        rows.push(row);
        report.due += 1;
        const facts = {
          invitation: row,
          order: order.order,
          merchantName: organisation?.name ?? invitation.trkref,
          reviewLink: linkFor(row.id, options.settings.reviewLink, at),
        };
        events.push(invitationDueEvent(facts, newRecordId(), now));
        if (customer) {
          const entry: ReleasedInvitation = { id: row.id, releasedAt: now, products: row.products };
          released.set(customer, [...(released.get(customer) ?? []), entry]);
        }
      } else {
        const reason = decision.status === "skipped" ? decision.reason : "erased";
        const row: InvitationRow = {
          ...invitation,
          status: "skipped",
          reason,
          releasedAt: now,
          updatedAt: now,
        };
        rows.push(row);
        report.skipped[reason] = (report.skipped[reason] ?? 0) + 1;
        events.push(invitationChangeEvent({ type: "invitation.skipped" }, row, newRecordId(), now));
      }
    }
    await tx.saveInvitations(rows);
    await tx.writeEvents(events, now);
    report.events = events.length;
    return report;
  });
}
