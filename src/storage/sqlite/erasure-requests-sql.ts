import type Database from "better-sqlite3";
import {
  ERASURE_REQUEST_COLUMNS,
  type ErasureRequestColumns,
  toErasureRequestRecord,
} from "../erasure-request-columns.js";
import type { ErasureLedgerQuery, ErasureRequestRecord, NewErasureRequest } from "../privacy-store.js";
import { createStatementCache } from "./statement-cache.js";

/** The statement of one shape of ledger query: which of its filters it has. */
function listErasureRequestsSql(query: ErasureLedgerQuery): string {
  const conditions = [
    ...(query.since === undefined ? [] : ["requested_at >= @since"]),
    ...(query.trkref === undefined ? [] : ["trkref = @trkref"]),
    // A row value, so that `erasure_requests_by_time` is read from the position on.
    ...(query.after === undefined ? [] : ["(requested_at, id) > (@afterAt, @afterId)"]),
  ];
  const where = conditions.length === 0 ? "" : ` WHERE ${conditions.join(" AND ")}`;
  return `SELECT ${ERASURE_REQUEST_COLUMNS} FROM erasure_requests${where} ORDER BY requested_at, id LIMIT @limit`;
}

/** The erasure ledger on SQLite: its requests, as recorded and as listed. */
export function createErasureRequestQueries(db: Database.Database) {
  const statement = createStatementCache(db);
  const insert = db.prepare(
    `INSERT INTO erasure_requests (id, trkref, subjects, requested_by, requested_at, status)
     VALUES (?, ?, ?, ?, ?, 'pending')`,
  );
  const find = db.prepare(
    `SELECT ${ERASURE_REQUEST_COLUMNS} FROM erasure_requests WHERE trkref = ? AND id = ?`,
  );
  const pendingIds = db
    .prepare("SELECT id FROM erasure_requests WHERE status = 'pending' ORDER BY requested_at, id LIMIT ?")
    .pluck();

  return {
    /** Records a pending request; the caller holds the transaction. */
    insert(request: NewErasureRequest): void {
      const { id, trkref, subjects, requestedBy, requestedAt } = request;
      insert.run(id, trkref, JSON.stringify(subjects), requestedBy, requestedAt);
    },
    find(trkref: string, id: string): ErasureRequestRecord | undefined {
      const row = find.get(trkref, id) as ErasureRequestColumns | undefined;
      return row && toErasureRequestRecord(row);
    },
    list(query: ErasureLedgerQuery): ErasureRequestRecord[] {
      const rows = statement(listErasureRequestsSql(query)).all({
        since: query.since,
        trkref: query.trkref,
        afterAt: query.after?.requestedAt,
        afterId: query.after?.id,
        limit: query.limit,
      }) as ErasureRequestColumns[];
      return rows.map(toErasureRequestRecord);
    },
    /** Through `erasure_requests_pending`, which holds the pending requests only. */
    listPendingIds: (limit: number): string[] => pendingIds.all(limit) as string[],
  };
}
