import { EVENT_TYPES, type EventType, isEventType } from "../../domain/order-events.js";
import { type EventPayload, toEventPayload } from "../../processing/event-payload.js";
import type { EventStore } from "../../storage/store.js";
import { encodeCursor } from "./cursor.js";
import { readCursorPosition, readPageLimit } from "./page.js";
import { createQueryReader, type QueryReader } from "./query-reader.js";

const EVENT_LIST_PARAMETERS = ["type", "limit", "cursor"];

/** A cursor's position in an organisation's events: the sequence number of the last event read. */
function parseEventPosition(position: unknown[]): { sequence: number } | undefined {
  const [sequence] = position;
  return position.length === 1 && Number.isSafeInteger(sequence) && (sequence as number) >= 0
    ? { sequence: sequence as number }
    : undefined;
}

/** `type`: one event type or several, comma-separated; every type when absent. */
function readTypes(reader: QueryReader): EventType[] | undefined {
  const text = reader.text("type", "invalid_choice");
  if (text === undefined) return undefined;
  const types = text.split(",").map((type) => type.trim());
  const unknown = types.filter((type) => !isEventType(type));
  if (unknown.length > 0 || types.length === 0) {
    reader.refuse(
      "type",
      "invalid_choice",
      `Must be event types, comma-separated, of ${EVENT_TYPES.join(", ")}`,
    );
    return undefined;
  }
  // Sorted and once each, so that the same filter written two ways is the same listing for its cursor.
  return [...new Set(types as EventType[])].sort();
}

/**
 * A page of the feed. Unlike a listing's, `next` is given after every page that has events, the last one
 * included: a consumer keeps it and sends it later to read what happened since. After an empty page it is
 * the cursor that was sent (null when none was: nothing has happened yet). `has_more` says whether another
 * page is there now.
 */
export interface EventPage {
  data: EventPayload[];
  next: string | null;
  has_more: boolean;
}

/**
 * One page of an organisation's events, oldest first, after the request's cursor: the feed a consumer
 * follows, reading each event once and in its organisation's order. The caller has checked the key.
 */
export async function readEventPage(
  store: Pick<EventStore, "listEvents">,
  trkref: string,
  query: unknown,
): Promise<EventPage> {
  const reader = createQueryReader(query, EVENT_LIST_PARAMETERS);
  const types = readTypes(reader);
  const limit = readPageLimit(reader);
  const cursor = reader.text("cursor", "invalid_cursor");
  const listing = ["events", trkref, types?.join(",") ?? null];
  const after = readCursorPosition(reader, cursor, listing, parseEventPosition);
  reader.finish();
  const rows = await store.listEvents({
    trkref,
    ...(types && { types }),
    ...(after && { afterSequence: after.sequence }),
    limit: limit + 1,
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    data: page.map(toEventPayload),
    next: last ? encodeCursor(listing, [last.sequence]) : (cursor ?? null),
    has_more: rows.length > limit,
  };
}
