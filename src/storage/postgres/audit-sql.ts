import {
  type AuditEntry,
  type AuditQuery,
  type AuditRow,
  auditPageSize,
  type NewAuditEntry,
  readAuditEntry,
} from "../audit-store.js";
import type { Queryable } from "./organisations-sql.js";

/** Writes an action's entry; the caller holds the action's transaction. */
export async function insertAuditEntry(db: Queryable, entry: NewAuditEntry): Promise<void> {
  await db.query("INSERT INTO audit_log (at, actor, action, subject, details) VALUES ($1, $2, $3, $4, $5)", [
    entry.at,
    entry.actor,
    entry.action,
    entry.subject,
    JSON.stringify(entry.details),
  ]);
}

/** A page of the audit log, newest first. */
export async function listAuditEntries(db: Queryable, query: AuditQuery = {}): Promise<AuditEntry[]> {
  const { rows } = await db.query<Omit<AuditRow, "at"> & { at: Date }>(
    "SELECT * FROM audit_log WHERE $1::bigint IS NULL OR id < $1 ORDER BY id DESC LIMIT $2",
    [query.before ?? null, auditPageSize(query)],
  );
  return rows.map((row) => readAuditEntry({ ...row, at: row.at.toISOString() }));
}
