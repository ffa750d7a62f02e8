import type Database from "better-sqlite3";
import { decodeStoredOverrides, type InvitationPolicyOverrides } from "../../domain/invitation-policy.js";
import type { NewAuditEntry } from "../audit-store.js";
import type { OrganisationPolicy } from "../invitation-io.js";
import type { PlanChange } from "../operator-actions.js";
import { type Organisation, type OrganisationSummary, StoreConflictError } from "../store.js";
import type { createAuditQueries } from "./audit-sql.js";
import { writeTransaction } from "./write-transaction.js";

interface OrganisationRow {
  trkref: string;
  name: string;
  enabled: number;
  created_at: string;
  rate_limit_per_second: number | null;
  rate_limit_burst: number | null;
  /** JSON: the invitation policy members the organisation sets; NULL: none. */
  invitation_policy: string | null;
}

const toOrganisation = (row: OrganisationRow): Organisation => ({
  trkref: row.trkref,
  name: row.name,
  enabled: row.enabled === 1,
  createdAt: row.created_at,
  rateLimit:
    row.rate_limit_per_second === null || row.rate_limit_burst === null
      ? null
      : { ratePerSecond: row.rate_limit_per_second, burst: row.rate_limit_burst },
  invitationPolicy: decodeStoredOverrides(row.invitation_policy),
});

const policyText = (overrides: InvitationPolicyOverrides | null): string | null =>
  overrides === null ? null : JSON.stringify(overrides);

const COLUMNS =
  "trkref, name, enabled, created_at, rate_limit_per_second, rate_limit_burst, invitation_policy";

/** Prepared statements for the organisations table; every change is written with its audit entry. */
export function createOrganisationQueries(
  db: Database.Database,
  audit: ReturnType<typeof createAuditQueries>,
) {
  const insertRow = db.prepare(
    "INSERT INTO organisations (trkref, name, enabled, created_at, invitation_policy) VALUES (?, ?, ?, ?, ?)",
  );
  const updateRow = db.prepare(
    `UPDATE organisations SET name = ?, enabled = ?, rate_limit_per_second = ?, rate_limit_burst = ?,
       invitation_policy = ?
     WHERE trkref = ?`,
  );
  const findOne = db.prepare(`SELECT ${COLUMNS} FROM organisations WHERE trkref = ?`);
  const listAll = db.prepare(`SELECT ${COLUMNS} FROM organisations ORDER BY trkref`);
  const summarise = db.prepare(
    `SELECT o.trkref, o.name, o.enabled, o.created_at, o.rate_limit_per_second, o.rate_limit_burst,
       o.invitation_policy, count(k.id) AS key_count,
       count(k.id) FILTER (WHERE k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > ?))
         AS active_key_count,
       max(k.last_used_at) AS last_key_use_at
     FROM organisations o
       LEFT JOIN api_key_organisations g ON g.trkref = o.trkref
       LEFT JOIN api_keys k ON k.id = g.key_id
     WHERE o.trkref = ? GROUP BY o.trkref`,
  );
  const find = (trkref: string): Organisation | undefined => {
    const row = findOne.get(trkref) as OrganisationRow | undefined;
    return row && toOrganisation(row);
  };

  const insert = writeTransaction(db, (organisation: Organisation, entry: NewAuditEntry): void => {
    const { trkref, name, enabled, createdAt, invitationPolicy } = organisation;
    try {
      insertRow.run(trkref, name, enabled ? 1 : 0, createdAt, policyText(invitationPolicy));
    } catch (error) {
      if ((error as { code?: string }).code === "SQLITE_CONSTRAINT_PRIMARYKEY") {
        throw new StoreConflictError(`Organisation ${trkref} already exists`);
      }
      throw error;
    }
    audit.insert(entry);
  });
  const change = writeTransaction(db, (trkref: string, plan: PlanChange<Organisation>) => {
    const current = find(trkref);
    const planned = plan(current);
    if (!planned) return current;
    const { name, enabled, rateLimit, invitationPolicy } = planned.next;
    updateRow.run(
      name,
      enabled ? 1 : 0,
      rateLimit?.ratePerSecond ?? null,
      rateLimit?.burst ?? null,
      policyText(invitationPolicy),
      trkref,
    );
    audit.insert(planned.audit);
    return planned.next;
  });

  return {
    insert,
    change,
    find,
    /** The organisation with its keys counted, in one statement (one snapshot). */
    summarise(trkref: string): OrganisationSummary | undefined {
      const row = summarise.get(new Date().toISOString(), trkref) as
        | (OrganisationRow & { key_count: number; active_key_count: number; last_key_use_at: string | null })
        | undefined;
      return (
        row && {
          ...toOrganisation(row),
          keyCount: row.key_count,
          activeKeyCount: row.active_key_count,
          lastKeyUseAt: row.last_key_use_at,
        }
      );
    },
    list: (): Organisation[] => (listAll.all() as OrganisationRow[]).map(toOrganisation),
  };
}

/** Organisations' names and own invitation policies, as processing and the due-time check read them. */
export function createOrganisationPolicyQuery(db: Database.Database) {
  const findOne = db.prepare("SELECT name, invitation_policy FROM organisations WHERE trkref = ?");
  return (trkref: string): OrganisationPolicy | undefined => {
    const row = findOne.get(trkref) as Pick<OrganisationRow, "name" | "invitation_policy"> | undefined;
    return row && { name: row.name, overrides: decodeStoredOverrides(row.invitation_policy) };
  };
}
