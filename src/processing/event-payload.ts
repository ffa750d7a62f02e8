import type { StoredEvent } from "../storage/event-store.js";

/**
 * An event as consumers see it, the same in the feed and in a webhook's body: the envelope's members, then
 * `data` as the transaction that made the change wrote it. Field names are the API's (snake_case).
 */
export function toEventPayload(event: StoredEvent) {
  return {
    id: event.id,
    type: event.type,
    created_at: event.createdAt,
    trkref: event.trkref,
    order_ref: event.orderRef,
    sequence: event.sequence,
    data: JSON.parse(event.data) as Record<string, unknown>,
  };
}

export type EventPayload = ReturnType<typeof toEventPayload>;
