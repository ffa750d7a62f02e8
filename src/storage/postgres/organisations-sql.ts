import pg from "pg";
import { type Organisation, StoreConflictError } from "../store.js";
import { ACCESS_CHANNEL, accessChangePayload } from "./access-changes.js";

/** A pool or a client inside a transaction: anything that can run a query. */
export type Queryable = Pick<pg.Pool, "query"> | Pick<pg.PoolClient, "query">;

interface OrganisationRow {
  trkref: string;
  name: string;
  enabled: boolean;
  created_at: Date;
}

const toOrganisation = (row: OrganisationRow): Organisation => ({
  trkref: row.trkref,
  name: row.name,
  enabled: row.enabled,
  createdAt: row.created_at.toISOString(),
});

const UNIQUE_VIOLATION = "23505";

export async function insertOrganisation(
  db: Queryable,
  input: { trkref: string; name: string; enabled: boolean },
) {
  const createdAt = new Date().toISOString();
  try {
    await db.query("INSERT INTO organisations (trkref, name, enabled, created_at) VALUES ($1, $2, $3, $4)", [
      input.trkref,
      input.name,
      input.enabled,
      createdAt,
    ]);
  } catch (error) {
    if (error instanceof pg.DatabaseError && error.code === UNIQUE_VIOLATION) {
      throw new StoreConflictError(`Organisation ${input.trkref} already exists`);
    }
    throw error;
  }
  return { ...input, createdAt };
}

/** Switches the organisation on or off and, in the same statement, announces it to every instance's cache. */
export async function setOrganisationEnabled(
  db: Queryable,
  trkref: string,
  enabled: boolean,
  schema: string,
): Promise<boolean> {
  const result = await db.query(
    `WITH changed AS (UPDATE organisations SET enabled = $1 WHERE trkref = $2 RETURNING trkref)
     SELECT pg_notify($3, $4) FROM changed`,
    [enabled, trkref, ACCESS_CHANNEL, accessChangePayload(schema, { organisation: trkref })],
  );
  return result.rowCount === 1;
}

export async function findOrganisation(db: Queryable, trkref: string): Promise<Organisation | undefined> {
  const { rows } = await db.query<OrganisationRow>("SELECT * FROM organisations WHERE trkref = $1", [trkref]);
  return rows[0] && toOrganisation(rows[0]);
}

export async function listOrganisations(db: Queryable): Promise<Organisation[]> {
  const { rows } = await db.query<OrganisationRow>("SELECT * FROM organisations ORDER BY trkref");
  return rows.map(toOrganisation);
}
