import type pg from "pg";
import {
  ERASURE_REQUEST_COLUMNS,
  type ErasureRequestColumns,
  toErasureRequestRecord,
} from "../erasure-request-columns.js";
import type { ErasureLedgerQuery, ErasureRequestRecord, NewErasureRequest } from "../privacy-store.js";
import type { Queryable } from "./organisations-sql.js";
import { isUuid } from "./submissions-sql.js";

/** A ledger row as pg reads it, times as Dates. */
export interface ErasureRequestRow extends Omit<ErasureRequestColumns, "requested_at" | "completed_at"> {
  requested_at: Date;
  completed_at: Date | null;
}

/** A ledger row, read with ERASURE_REQUEST_COLUMNS, as the record it stores. */
export const toErasureRequest = (row: ErasureRequestRow): ErasureRequestRecord =>
  toErasureRequestRecord({
    ...row,
    requested_at: row.requested_at.toISOString(),
    completed_at: row.completed_at?.toISOString() ?? null,
  });

/** Records a pending request in the ledger. */
export async function insertErasureRequest(
  db: Pick<pg.ClientBase, "query">,
  request: NewErasureRequest,
): Promise<void> {
  await db.query(
    `INSERT INTO erasure_requests (id, trkref, subjects, requested_by, requested_at, status)
     VALUES ($1, $2, $3::jsonb, $4, $5::timestamptz, 'pending')`,
    [request.id, request.trkref, JSON.stringify(request.subjects), request.requestedBy, request.requestedAt],
  );
}

export async function findErasureRequest(
  db: Queryable,
  trkref: string,
  id: string,
): Promise<ErasureRequestRecord | undefined> {
  // Not a UUID: no request has that id (and the cast would fail).
  if (!isUuid(id)) return undefined;
  const { rows } = await db.query<ErasureRequestRow>(
    `SELECT ${ERASURE_REQUEST_COLUMNS} FROM erasure_requests WHERE trkref = $1 AND id = $2`,
    [trkref, id],
  );
  return rows[0] && toErasureRequest(rows[0]);
}

/** The ledger oldest first, one keyset range of `erasure_requests_by_time`. */
export async function listErasureRequests(
  db: Queryable,
  query: ErasureLedgerQuery,
): Promise<ErasureRequestRecord[]> {
  const values: unknown[] = [];
  const param = (value: unknown) => `$${values.push(value)}`;
  const conditions: string[] = [];
  if (query.since !== undefined) conditions.push(`requested_at >= ${param(query.since)}::timestamptz`);
  if (query.trkref !== undefined) conditions.push(`trkref = ${param(query.trkref)}`);
  if (query.after !== undefined) {
    const { requestedAt, id } = query.after;
    conditions.push(`(requested_at, id) > (${param(requestedAt)}::timestamptz, ${param(id)}::uuid)`);
  }
  const where = conditions.length === 0 ? "" : ` WHERE ${conditions.join(" AND ")}`;
  const { rows } = await db.query<ErasureRequestRow>(
    `SELECT ${ERASURE_REQUEST_COLUMNS} FROM erasure_requests${where}
     ORDER BY requested_at, id LIMIT ${param(query.limit)}`,
    values,
  );
  return rows.map(toErasureRequest);
}

/** Ids of pending requests oldest first, through `erasure_requests_pending`. */
export async function listPendingErasureIds(db: Queryable, limit: number): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    "SELECT id FROM erasure_requests WHERE status = 'pending' ORDER BY requested_at, id LIMIT $1",
    [limit],
  );
  return rows.map((row) => row.id);
}
