import type { EventType } from "../domain/order-events.js";

/**
 * An event as stored: the envelope's members from its columns, and its `data` as the JSON text written in
 * the transaction that made the change it tells of.
 */
export interface StoredEvent {
  /** The store's own order of all events (the delivery queue's reference), not served. */
  seq: number;
  id: string;
  type: EventType;
  trkref: string;
  orderRef: string;
  /** The event's place in its organisation's events: 1, 2, 3 … in commit order, with no gaps. */
  sequence: number;
  createdAt: string;
  /** The `data` member of the payload, JSON text. */
  data: string;
}

/** Which of an organisation's events `listEvents` reads: oldest first, after a place in the sequence. */
export interface EventListQuery {
  trkref: string;
  /** Only events of these types; every type when absent. */
  types?: readonly EventType[];
  /** Only events after this place in the organisation's sequence. */
  afterSequence?: number;
  limit: number;
}

/** The event log: written by the processing pipeline (`ProcessingTransaction.writeEvents`), read here. */
export interface EventStore {
  /** Up to `limit` events of one organisation in sequence order: one keyset range of one index. */
  listEvents(query: EventListQuery): Promise<StoredEvent[]>;
  findEvent(id: string): Promise<StoredEvent | undefined>;
  /**
   * Deletes up to `limit` of the events created before `cutoff`, oldest first, with their deliveries and
   * the delivery attempts logged before `cutoff`, in one short transaction; says how many events it deleted.
   */
  deleteEventsBefore(cutoff: string, limit: number): Promise<number>;
}
