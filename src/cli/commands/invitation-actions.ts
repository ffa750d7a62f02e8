import { invitationWire } from "../../domain/invitation-events.js";
import { INVITATION_STATUSES } from "../../domain/invitations.js";
import { MAX_PAGE_LIMIT } from "../../http/listing/page.js";
import { parseTimestamp } from "../../http/listing/timestamp-parameter.js";
import type { InvitationListQuery } from "../../storage/store.js";
import type { CliContext } from "../cli-context.js";
import { CliError, usageError } from "../cli-error.js";
import { parseWholeNumber } from "../option-values.js";
import { formatJson, formatTable } from "../output.js";
import { requireOrganisation } from "./order-commands.js";

/** The actions of `invitation list|cancel`, loaded only when one of them runs. */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An invitation id as stored (lower case), or a usage error naming `what`: no store compares a malformed one. */
function readInvitationId(text: string, what: string): string {
  if (!UUID.test(text)) throw usageError(`${what} is an invitation id, a UUID as 'invitation list' shows it`);
  return text.toLowerCase();
}

/** The filters and page of `invitation list`, checked before the store is opened. */
function readListQuery(options: ListOptions): InvitationListQuery {
  const limit = parseWholeNumber(options.limit, "--limit", 1, MAX_PAGE_LIMIT);
  const status = INVITATION_STATUSES.find((known) => known === options.status);
  if (options.status !== undefined && !status)
    throw usageError(`--status must be one of ${INVITATION_STATUSES.join(", ")}`);
  const dueBefore = options.dueBefore === undefined ? undefined : parseTimestamp(options.dueBefore);
  if (options.dueBefore !== undefined && dueBefore === undefined)
    throw usageError("--due-before must be an ISO 8601 time such as 2026-12-02T09:00:00Z");
  if (options.orderRef?.trim() === "") throw usageError("--order-ref must not be blank");
  return {
    trkref: options.org,
    limit,
    ...(status && { status }),
    ...(options.orderRef !== undefined && { orderRef: options.orderRef }),
    ...(dueBefore !== undefined && { dueBefore }),
    ...(options.after !== undefined && { afterId: readInvitationId(options.after, "--after") }),
  };
}

interface ListOptions {
  org: string;
  status?: string;
  orderRef?: string;
  dueBefore?: string;
  after?: string;
  limit: string;
  json?: boolean;
}

export async function listInvitations(ctx: CliContext, options: ListOptions): Promise<void> {
  const query = readListQuery(options);
  await requireOrganisation(ctx, options.org);
  const invitations = await (await ctx.store()).listInvitations(query);
  if (options.json) return ctx.out(formatJson(invitations.map(invitationWire)));
  if (invitations.length === 0) return ctx.out(`No invitations of ${options.org} match`);
  const headers = ["ID", "ORDER_REF", "STATUS", "REASON", "DUE_AT", "PRODUCTS", "DELIVERY", "UPDATED_AT"];
  const rows = invitations.map((invitation) => [
    invitation.id,
    invitation.orderRef,
    invitation.status,
    invitation.reason,
    invitation.dueAt,
    invitation.products.length === 0 ? null : invitation.products.map((product) => product.sku),
    invitation.delivery?.status,
    invitation.updatedAt,
  ]);
  for (const line of formatTable(headers, rows)) ctx.out(line);
  const last = invitations.at(-1);
  if (invitations.length === query.limit && last) ctx.out(`More may follow: add --after ${last.id}`);
}

/** Cancels a scheduled invitation; one already cancelled is left as it is (exit 0), a due or skipped one is final (exit 1). */
export async function cancelInvitation(
  ctx: CliContext,
  id: string,
  options: { org: string; json?: boolean },
): Promise<void> {
  const invitationId = readInvitationId(id, "<ID>");
  await requireOrganisation(ctx, options.org);
  const outcome = await (await ctx.store()).cancelInvitation({ trkref: options.org, id: invitationId });
  if (outcome.kind === "not_found")
    throw new CliError(`Unknown invitation ${invitationId} of ${options.org}`);
  const { invitation } = outcome;
  if (options.json) ctx.out(formatJson(invitationWire(invitation)));
  if (outcome.kind === "final") {
    const reason = invitation.reason === null ? "" : ` (${invitation.reason})`;
    throw new CliError(
      `Invitation ${invitation.id} cannot be cancelled: it is ${invitation.status}${reason}, which is final`,
    );
  }
  if (options.json) return;
  ctx.out(
    outcome.changed
      ? `Cancelled invitation ${invitation.id} of order ${invitation.orderRef}: it will not be sent`
      : `Invitation ${invitation.id} of order ${invitation.orderRef} was already cancelled: nothing changed`,
  );
}
