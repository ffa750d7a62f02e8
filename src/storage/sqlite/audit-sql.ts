import type Database from "better-sqlite3";
import {
  type AuditEntry,
  type AuditQuery,
  type AuditRow,
  auditPageSize,
  type NewAuditEntry,
  readAuditEntry,
} from "../audit-store.js";

/** The audit log: an entry written inside the action's transaction, and pages of it, newest first. */
export function createAuditQueries(db: Database.Database) {
  const insert = db.prepare(
    "INSERT INTO audit_log (at, actor, action, subject, details) VALUES (?, ?, ?, ?, ?)",
  );
  const newest = db.prepare("SELECT * FROM audit_log ORDER BY id DESC LIMIT ?");
  const before = db.prepare("SELECT * FROM audit_log WHERE id < ? ORDER BY id DESC LIMIT ?");
  return {
    insert(entry: NewAuditEntry): void {
      insert.run(entry.at, entry.actor, entry.action, entry.subject, JSON.stringify(entry.details));
    },
    list(query: AuditQuery = {}): AuditEntry[] {
      const limit = auditPageSize(query);
      const rows = query.before === undefined ? newest.all(limit) : before.all(query.before, limit);
      return (rows as AuditRow[]).map(readAuditEntry);
    },
  };
}
