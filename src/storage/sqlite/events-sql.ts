import type Database from "better-sqlite3";
import type { NewEvent } from "../../domain/order-events.js";
import { countByOrganisation, sequenceNumbers } from "../event-numbering.js";
import type { EventListQuery, StoredEvent } from "../event-store.js";
import { createStatementCache } from "./statement-cache.js";

/** Which endpoints an event is for: its organisation's and the installation's, of its type. */
export const ENDPOINT_IS_FOR_EVENT = `(w.trkref = e.trkref OR w.trkref IS NULL)
  AND (w.event_types IS NULL OR instr(w.event_types, ',' || e.type || ',') > 0)`;

const EVENT_COLUMNS =
  "seq, id, type, trkref, order_ref AS orderRef, sequence, created_at AS createdAt, data FROM events";

/**
 * The event log on SQLite: the outbox written in the processing transaction (which holds the write lock,
 * so numbering by the counter and committing happen in one order), the feed's reads and retention.
 */
export function createEventQueries(db: Database.Database) {
  const statement = createStatementCache(db);
  const reserveSequences = db.prepare(
    `INSERT INTO event_sequences (trkref, last_sequence) VALUES (?, ?)
     ON CONFLICT (trkref) DO UPDATE SET last_sequence = last_sequence + excluded.last_sequence
     RETURNING last_sequence`,
  );
  const insert = db.prepare(
    `INSERT INTO events (id, trkref, sequence, type, order_ref, created_at, data) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const queueDeliveries = db.prepare(
    `INSERT INTO webhook_deliveries (endpoint_id, event_seq, trkref, order_ref, next_attempt_at, created_at)
     SELECT w.id, e.seq, e.trkref, e.order_ref, :now, :now FROM events e JOIN webhook_endpoints w
       ON ${ENDPOINT_IS_FOR_EVENT} AND w.status = 'enabled'
     WHERE e.seq BETWEEN :first AND :last`,
  );
  const hasEndpoints = db.prepare(
    "SELECT EXISTS (SELECT 1 FROM webhook_endpoints WHERE status = 'enabled') AS any",
  );
  const findById = db.prepare(`SELECT ${EVENT_COLUMNS} WHERE id = ?`);
  const oldest = db.prepare("SELECT seq FROM events WHERE created_at < ? ORDER BY created_at, seq LIMIT ?");
  const deleteBySeq = db.prepare("DELETE FROM events WHERE seq = ?");
  const deleteAttempts = db.prepare("DELETE FROM webhook_attempts WHERE attempted_at < ?");
  const sweep = db.transaction((cutoff: string, limit: number): number => {
    const doomed = oldest.all(cutoff, limit) as { seq: number }[];
    // Their deliveries, and those deliveries' attempts, go with them (ON DELETE CASCADE).
    for (const { seq } of doomed) deleteBySeq.run(seq);
    deleteAttempts.run(cutoff);
    return doomed.length;
  });

  return {
    /** Numbers, inserts and queues the events; the caller holds the processing transaction. */
    write(events: NewEvent[], now: string): void {
      // Each organisation's counter moved on once for the batch, as on PostgreSQL.
      const counts = countByOrganisation(events);
      const reserved = new Map<string, number>();
      for (const [trkref, count] of counts) {
        reserved.set(
          trkref,
          (reserveSequences.get(trkref, count) as { last_sequence: number }).last_sequence,
        );
      }
      const sequences = sequenceNumbers(events, counts, reserved);
      let first: number | undefined;
      let last = 0;
      events.forEach((event, index) => {
        const { lastInsertRowid } = insert.run(
          event.id,
          event.trkref,
          sequences[index],
          event.type,
          event.orderRef,
          event.createdAt,
          JSON.stringify(event.data),
        );
        first ??= Number(lastInsertRowid);
        last = Number(lastInsertRowid);
      });
      if (first === undefined) return;
      if ((hasEndpoints.get() as { any: number }).any === 1) queueDeliveries.run({ now, first, last });
    },
    list(query: EventListQuery): StoredEvent[] {
      const types = query.types ?? [];
      const typeFilter = types.length > 0 ? ` AND type IN (${types.map(() => "?").join(", ")})` : "";
      const sql = `SELECT ${EVENT_COLUMNS} WHERE trkref = ? AND sequence > ?${typeFilter} ORDER BY sequence LIMIT ?`;
      return statement(sql).all(
        query.trkref,
        query.afterSequence ?? 0,
        ...types,
        query.limit,
      ) as StoredEvent[];
    },
    find: (id: string) => findById.get(id) as StoredEvent | undefined,
    deleteBefore: (cutoff: string, limit: number) => sweep.immediate(cutoff, limit),
  };
}
