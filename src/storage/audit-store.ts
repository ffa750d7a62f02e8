/** What an operator did; the audit log's `action`. */
export type AuditAction =
  | "organisation.created"
  | "organisation.enabled"
  | "organisation.disabled"
  | "organisation.renamed"
  | "organisation.rate_limit_changed"
  | "organisation.invitation_policy_changed"
  | "key.created"
  | "key.revoked"
  | "key.rotated"
  | "webhook.created"
  | "webhook.removed"
  | "webhook.secret_rotated"
  | "webhook.replayed"
  | "webhook.recovered";

/** A JSON value, as the details of an entry hold them. */
export type AuditValue = string | number | boolean | null | AuditValue[] | { [name: string]: AuditValue };

/** One operator action: who did what to which organisation or key, when, and how (never a secret). */
export interface AuditEntry {
  /** Increasing in the order the entries were written; the cursor of `listAuditEntries`. */
  id: number;
  at: string;
  actor: string;
  action: AuditAction;
  /** The trkref, key id, webhook endpoint id or (for a replay) event id acted on. */
  subject: string;
  /** What changed, with the API's snake_case names (`{"from": "Acme", "to": "Acme Ltd"}`). */
  details: { [name: string]: AuditValue };
}

/** An entry as an action writes it, in the action's own transaction. */
export type NewAuditEntry = Omit<AuditEntry, "id">;

/** A page of the log: the newest `limit` entries (default 50, at most 1000) older than entry `before`. */
export interface AuditQuery {
  limit?: number;
  before?: number;
}

export const DEFAULT_AUDIT_PAGE = 50;
export const MAX_AUDIT_PAGE = 1000;

/** The actor of an action whose caller named none. */
export const DEFAULT_ACTOR = "unknown";

/** The log of operator actions; each action writes its entry itself (see `OrganisationStore`). */
export interface AuditStore {
  /** Newest first. */
  listAuditEntries(query?: AuditQuery): Promise<AuditEntry[]>;
}

/** The page size a query asks for, within the bounds. */
export const auditPageSize = (query: AuditQuery = {}) =>
  Math.min(MAX_AUDIT_PAGE, Math.max(1, Math.floor(query.limit ?? DEFAULT_AUDIT_PAGE)));

/** A row of the log as an adapter reads it, its time already an ISO string, its details JSON. */
export interface AuditRow {
  id: number;
  at: string;
  actor: string;
  action: string;
  subject: string;
  details: unknown;
}

/**
 * The entry a row holds. Its details are a JSON object (text on SQLite, parsed already on PostgreSQL); they
 * are only ever shown, so an action this release does not know (a newer one's) is shown as it is.
 */
export function readAuditEntry(row: AuditRow): AuditEntry {
  const details = typeof row.details === "string" ? JSON.parse(row.details) : row.details;
  return {
    id: row.id,
    at: row.at,
    actor: row.actor,
    action: row.action as AuditAction,
    subject: row.subject,
    details: details !== null && typeof details === "object" && !Array.isArray(details) ? details : {},
  };
}
