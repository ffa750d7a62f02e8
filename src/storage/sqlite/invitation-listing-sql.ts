import type Database from "better-sqlite3";
import type { Invitation } from "../../domain/invitations.js";
import type { InvitationListQuery } from "../invitation-store.js";
import { INVITATION_COLUMNS, type InvitationColumns, toInvitation } from "./invitations-sql.js";
import { createStatementCache } from "./statement-cache.js";

/**
 * The statement of one shape of query: only the filters asked for, so that the position after `afterId` is
 * a range of `invitations_by_organisation` (trkref, id) rather than a scan from the organisation's first.
 */
function listInvitationsSql(query: InvitationListQuery): string {
  const conditions = [
    "trkref = @trkref",
    ...(query.status === undefined ? [] : ["status = @status"]),
    ...(query.orderRef === undefined ? [] : ["order_ref = @orderRef"]),
    ...(query.dueBefore === undefined ? [] : ["due_at < @dueBefore"]),
    ...(query.afterId === undefined ? [] : ["id > @afterId"]),
  ];
  return `SELECT ${INVITATION_COLUMNS} FROM invitations WHERE ${conditions.join(" AND ")}
    ORDER BY id LIMIT @limit`;
}

/** Lists an organisation's invitations in creation order, a page at a time: `InvitationStore.listInvitations`. */
export function createInvitationListing(db: Database.Database): (query: InvitationListQuery) => Invitation[] {
  // One statement per shape of query: at most 16 of them (four optional filters).
  const prepare = createStatementCache(db);
  return (query) => {
    const rows = prepare(listInvitationsSql(query)).all({
      trkref: query.trkref,
      status: query.status,
      orderRef: query.orderRef,
      dueBefore: query.dueBefore,
      afterId: query.afterId,
      limit: query.limit,
    }) as InvitationColumns[];
    return rows.map(toInvitation);
  };
}
