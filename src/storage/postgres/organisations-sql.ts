import pg from "pg";
import { decodeStoredOverrides, type InvitationPolicyOverrides } from "../../domain/invitation-policy.js";
import type { NewAuditEntry } from "../audit-store.js";
import type { OrganisationPolicy } from "../invitation-io.js";
import type { PlanChange } from "../operator-actions.js";
import { type Organisation, type OrganisationSummary, StoreConflictError } from "../store.js";
import { announce } from "./access-changes.js";
import { insertAuditEntry } from "./audit-sql.js";

/** A pool or a client inside a transaction: anything that can run a query. */
export type Queryable = Pick<pg.Pool, "query"> | Pick<pg.PoolClient, "query">;

interface OrganisationRow {
  trkref: string;
  name: string;
  enabled: boolean;
  created_at: Date;
  rate_limit_per_second: number | null;
  rate_limit_burst: number | null;
  /** jsonb, parsed by the driver. */
  invitation_policy: unknown;
}

const toOrganisation = (row: OrganisationRow): Organisation => ({
  trkref: row.trkref,
  name: row.name,
  enabled: row.enabled,
  createdAt: row.created_at.toISOString(),
  rateLimit:
    row.rate_limit_per_second === null || row.rate_limit_burst === null
      ? null
      : { ratePerSecond: row.rate_limit_per_second, burst: row.rate_limit_burst },
  invitationPolicy: decodeStoredOverrides(row.invitation_policy),
});

const COLUMNS =
  "trkref, name, enabled, created_at, rate_limit_per_second, rate_limit_burst, invitation_policy";

/** The overrides as the jsonb column takes them: JSON text, or NULL for the installation's defaults. */
const policyColumn = (overrides: InvitationPolicyOverrides | null) =>
  overrides === null ? null : JSON.stringify(overrides);

const UNIQUE_VIOLATION = "23505";

/** Inserts the organisation and its audit entry; the caller holds the transaction. */
export async function insertOrganisation(db: Queryable, organisation: Organisation, entry: NewAuditEntry) {
  const { trkref, name, enabled, createdAt, invitationPolicy } = organisation;
  try {
    await db.query(
      `INSERT INTO organisations (trkref, name, enabled, created_at, invitation_policy)
       VALUES ($1, $2, $3, $4, $5::jsonb)`,
      [trkref, name, enabled, createdAt, policyColumn(invitationPolicy)],
    );
  } catch (error) {
    if (error instanceof pg.DatabaseError && error.code === UNIQUE_VIOLATION) {
      throw new StoreConflictError(`Organisation ${trkref} already exists`);
    }
    throw error;
  }
  await insertAuditEntry(db, entry);
}

/**
 * Reads the organisation locked, writes what `plan` makes of it with its audit entry, and announces it to
 * every instance's cache at commit (as `changeApiKey` does, also when nothing changed); the caller holds
 * the transaction.
 */
export async function changeOrganisation(
  db: Queryable,
  trkref: string,
  plan: PlanChange<Organisation>,
  schema: string,
): Promise<Organisation | undefined> {
  const { rows } = await db.query<OrganisationRow>(
    `SELECT ${COLUMNS} FROM organisations WHERE trkref = $1 FOR UPDATE`,
    [trkref],
  );
  const current = rows[0] && toOrganisation(rows[0]);
  const planned = plan(current);
  if (current) await announce(db, schema, { organisation: trkref });
  if (!planned) return current;
  const { name, enabled, rateLimit, invitationPolicy } = planned.next;
  await db.query(
    `UPDATE organisations SET name = $1, enabled = $2, rate_limit_per_second = $3, rate_limit_burst = $4,
       invitation_policy = $5::jsonb
     WHERE trkref = $6`,
    [
      name,
      enabled,
      rateLimit?.ratePerSecond ?? null,
      rateLimit?.burst ?? null,
      policyColumn(invitationPolicy),
      trkref,
    ],
  );
  await insertAuditEntry(db, planned.audit);
  return planned.next;
}

export async function findOrganisation(db: Queryable, trkref: string): Promise<Organisation | undefined> {
  const { rows } = await db.query<OrganisationRow>(`SELECT ${COLUMNS} FROM organisations WHERE trkref = $1`, [
    trkref,
  ]);
  return rows[0] && toOrganisation(rows[0]);
}

/** The organisation with its keys counted, in one statement (one snapshot). */
export async function findOrganisationSummary(
  db: Queryable,
  trkref: string,
): Promise<OrganisationSummary | undefined> {
  const { rows } = await db.query<
    OrganisationRow & { key_count: number; active_key_count: number; last_key_use_at: Date | null }
  >(
    `SELECT o.trkref, o.name, o.enabled, o.created_at, o.rate_limit_per_second, o.rate_limit_burst,
       o.invitation_policy,
       count(k.id) AS key_count,
       count(k.id) FILTER (WHERE k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > now()))
         AS active_key_count,
       max(k.last_used_at) AS last_key_use_at
     FROM organisations o
       LEFT JOIN api_key_organisations g ON g.trkref = o.trkref
       LEFT JOIN api_keys k ON k.id = g.key_id
     WHERE o.trkref = $1 GROUP BY o.trkref`,
    [trkref],
  );
  const row = rows[0];
  return (
    row && {
      ...toOrganisation(row),
      keyCount: row.key_count,
      activeKeyCount: row.active_key_count,
      lastKeyUseAt: row.last_key_use_at?.toISOString() ?? null,
    }
  );
}

export async function listOrganisations(db: Queryable): Promise<Organisation[]> {
  const { rows } = await db.query<OrganisationRow>(`SELECT ${COLUMNS} FROM organisations ORDER BY trkref`);
  return rows.map(toOrganisation);
}

/** The organisations' names and invitation policy overrides, by trkref; one statement for any number. */
export async function findPolicies(
  db: Queryable,
  trkrefs: string[],
): Promise<Map<string, OrganisationPolicy>> {
  if (trkrefs.length === 0) return new Map();
  const { rows } = await db.query<{ trkref: string; name: string; invitation_policy: unknown }>(
    "SELECT trkref, name, invitation_policy FROM organisations WHERE trkref = ANY($1::text[])",
    [trkrefs],
  );
  return new Map(
    rows.map((row) => [
      row.trkref,
      { name: row.name, overrides: decodeStoredOverrides(row.invitation_policy) },
    ]),
  );
}
