import type pg from "pg";
import type { NewEvent } from "../../domain/order-events.js";
import { countByOrganisation, sequenceNumbers } from "../event-numbering.js";
import type { EventListQuery, StoredEvent } from "../event-store.js";
import type { Queryable } from "./organisations-sql.js";

// The counters of the batch's organisations, in sorted order so that two processors cannot deadlock on
// them; each row stays locked until the commit, which orders an organisation's events' commits as their numbers.
const RESERVE_SEQUENCES = `INSERT INTO event_sequences (trkref, last_sequence)
  SELECT t, n FROM unnest($1::text[], $2::bigint[]) AS u(t, n) ORDER BY t
  ON CONFLICT (trkref) DO UPDATE SET last_sequence = event_sequences.last_sequence + excluded.last_sequence
  RETURNING trkref, last_sequence`;

/** Which endpoints an event is for: its organisation's and the installation's, of its type. */
export const ENDPOINT_IS_FOR_EVENT = `(w.trkref = e.trkref OR w.trkref IS NULL)
  AND (w.event_types IS NULL OR strpos(w.event_types, ',' || e.type || ',') > 0)`;

// The events, and a delivery of each to every enabled endpoint it is for, in one statement.
const INSERT_AND_QUEUE = `WITH inserted AS (
    INSERT INTO events (id, trkref, sequence, type, order_ref, created_at, data)
    SELECT * FROM unnest($1::uuid[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::timestamptz[], $7::json[])
    RETURNING seq, trkref, type, order_ref)
  INSERT INTO webhook_deliveries (endpoint_id, event_seq, trkref, order_ref, next_attempt_at, created_at)
  SELECT w.id, e.seq, e.trkref, e.order_ref, $8, $8 FROM inserted e JOIN webhook_endpoints w
    ON ${ENDPOINT_IS_FOR_EVENT} AND w.status = 'enabled'`;

/** Numbers, inserts and queues the events: two statements for any number; the caller holds the transaction. */
export async function writeEvents(client: pg.PoolClient, events: NewEvent[], now: string): Promise<void> {
  if (events.length === 0) return;
  const counts = countByOrganisation(events);
  const { rows } = await client.query<{ trkref: string; last_sequence: number }>(RESERVE_SEQUENCES, [
    [...counts.keys()],
    [...counts.values()],
  ]);
  const sequences = sequenceNumbers(
    events,
    counts,
    new Map(rows.map((row) => [row.trkref, row.last_sequence])),
  );
  await client.query(INSERT_AND_QUEUE, [
    events.map((e) => e.id),
    events.map((e) => e.trkref),
    sequences,
    events.map((e) => e.type),
    events.map((e) => e.orderRef),
    events.map((e) => e.createdAt),
    events.map((e) => JSON.stringify(e.data)),
    now,
  ]);
}

interface EventRow extends Omit<StoredEvent, "createdAt" | "data"> {
  createdAt: Date;
  data: string;
}

// data::text: the JSON as written, not parsed by the driver and written again.
const EVENT_COLUMNS = `seq, id, type, trkref, order_ref AS "orderRef", sequence, created_at AS "createdAt",
  data::text AS data FROM events`;

const toStoredEvent = (row: EventRow): StoredEvent => ({ ...row, createdAt: row.createdAt.toISOString() });

export async function listEvents(db: Queryable, query: EventListQuery): Promise<StoredEvent[]> {
  const types = query.types ?? [];
  const { rows } = await db.query<EventRow>(
    `SELECT ${EVENT_COLUMNS} WHERE trkref = $1 AND sequence > $2 AND (cardinality($3::text[]) = 0 OR type = ANY($3))
     ORDER BY sequence LIMIT $4`,
    [query.trkref, query.afterSequence ?? 0, types, query.limit],
  );
  return rows.map(toStoredEvent);
}

export async function findEvent(db: Queryable, id: string): Promise<StoredEvent | undefined> {
  // Not a UUID: no event has that id (and the cast would fail).
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return undefined;
  const { rows } = await db.query<EventRow>(`SELECT ${EVENT_COLUMNS} WHERE id = $1`, [id]);
  return rows[0] && toStoredEvent(rows[0]);
}

/** Deletes the oldest events created before `cutoff` (their deliveries with them) and older attempts. */
export async function deleteEventsBefore(
  client: pg.PoolClient,
  cutoff: string,
  limit: number,
): Promise<number> {
  const { rowCount } = await client.query(
    `DELETE FROM events WHERE seq IN (
       SELECT seq FROM events WHERE created_at < $1 ORDER BY created_at, seq LIMIT $2 FOR UPDATE SKIP LOCKED)`,
    [cutoff, limit],
  );
  await client.query("DELETE FROM webhook_attempts WHERE attempted_at < $1", [cutoff]);
  return rowCount ?? 0;
}
