import { hasUnstorableCharacter, isLongerThan } from "../../domain/field-rules.js";
import { invitationWire } from "../../domain/invitation-events.js";
import { INVITATION_STATUSES, type InvitationStatus } from "../../domain/invitations.js";
import { MAX_REF_LENGTH } from "../../domain/order-limits.js";
import type { InvitationStore } from "../../storage/invitation-store.js";
import { type Page, readCursorPosition, readPage, readPageLimit } from "./page.js";
import { createQueryReader, type QueryReader } from "./query-reader.js";
import { readTimestamp } from "./timestamp-parameter.js";

// Invitations are listed in creation order only (their ids are UUID v7): one range of one index.
const INVITATION_LIST_PARAMETERS = ["status", "order_ref", "due_before", "limit", "cursor"];
const INVITATION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A cursor's position in a listing of invitations: the id of the last invitation read. */
function parseInvitationPosition(position: unknown[]): { id: string } | undefined {
  const [id] = position;
  return position.length === 1 && typeof id === "string" && INVITATION_ID.test(id) ? { id } : undefined;
}

function readStatus(reader: QueryReader): InvitationStatus | undefined {
  const status = reader.text("status", "invalid_choice");
  if (status === undefined || (INVITATION_STATUSES as readonly string[]).includes(status)) {
    return status as InvitationStatus | undefined;
  }
  reader.refuse("status", "invalid_choice", `Must be one of ${INVITATION_STATUSES.join(", ")}`);
  return undefined;
}

/** An order_ref as the order document stores one: no store is asked for one it could not hold. */
function readOrderRef(reader: QueryReader): string | undefined {
  const orderRef = reader.text("order_ref", "invalid_character");
  if (orderRef === undefined) return undefined;
  if (orderRef.trim() === "") reader.refuse("order_ref", "blank");
  else if (isLongerThan(orderRef, MAX_REF_LENGTH)) {
    reader.refuse("order_ref", "too_long", `Must be at most ${MAX_REF_LENGTH} characters`);
  } else if (hasUnstorableCharacter(orderRef)) reader.refuse("order_ref", "invalid_character");
  else return orderRef;
  return undefined;
}

/** An invitation listing's page, as `GET /v4/organisations/{trkref}/invitations` answers it. */
export type InvitationPage = Page<ReturnType<typeof invitationWire>>;

/**
 * One page of an organisation's invitations, oldest first, read from the request's query (400
 * `invalid_query` for anything wrong in it), filtered by status, order and due time. The caller has checked
 * that the key acts for the organisation.
 */
export async function readInvitationPage(
  store: Pick<InvitationStore, "listInvitations">,
  trkref: string,
  query: unknown,
): Promise<InvitationPage> {
  const reader = createQueryReader(query, INVITATION_LIST_PARAMETERS);
  const status = readStatus(reader);
  const orderRef = readOrderRef(reader);
  const dueBefore = readTimestamp(reader, "due_before");
  const limit = readPageLimit(reader);
  const cursor = reader.text("cursor", "invalid_cursor");
  const listing = ["invitations", trkref, status ?? null, orderRef ?? null, dueBefore ?? null];
  const after = readCursorPosition(reader, cursor, listing, parseInvitationPosition);
  reader.finish();
  const { rows, next } = await readPage({
    limit,
    listing,
    read: (count) =>
      store.listInvitations({
        trkref,
        ...(status && { status }),
        ...(orderRef !== undefined && { orderRef }),
        ...(dueBefore && { dueBefore }),
        ...(after && { afterId: after.id }),
        limit: count,
      }),
    positionOf: (invitation) => [invitation.id],
  });
  return { data: rows.map(invitationWire), next };
}
