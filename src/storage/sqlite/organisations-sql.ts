import type Database from "better-sqlite3";
import { type Organisation, StoreConflictError } from "../store.js";

interface OrganisationRow {
  trkref: string;
  name: string;
  enabled: number;
  created_at: string;
}

const toOrganisation = (row: OrganisationRow): Organisation => ({
  trkref: row.trkref,
  name: row.name,
  enabled: row.enabled === 1,
  createdAt: row.created_at,
});

/** Prepared statements for the organisations table. */
export function createOrganisationQueries(db: Database.Database) {
  const insert = db.prepare(
    "INSERT INTO organisations (trkref, name, enabled, created_at) VALUES (?, ?, ?, ?)",
  );
  const setEnabled = db.prepare("UPDATE organisations SET enabled = ? WHERE trkref = ?");
  const findOne = db.prepare("SELECT * FROM organisations WHERE trkref = ?");
  const listAll = db.prepare("SELECT * FROM organisations ORDER BY trkref");

  return {
    create(input: { trkref: string; name: string; enabled: boolean }): Organisation {
      const createdAt = new Date().toISOString();
      try {
        insert.run(input.trkref, input.name, input.enabled ? 1 : 0, createdAt);
      } catch (error) {
        if ((error as { code?: string }).code === "SQLITE_CONSTRAINT_PRIMARYKEY") {
          throw new StoreConflictError(`Organisation ${input.trkref} already exists`);
        }
        throw error;
      }
      return { ...input, createdAt };
    },
    setEnabled: (trkref: string, enabled: boolean): boolean =>
      setEnabled.run(enabled ? 1 : 0, trkref).changes === 1,
    find(trkref: string): Organisation | undefined {
      const row = findOne.get(trkref) as OrganisationRow | undefined;
      return row && toOrganisation(row);
    },
    list: (): Organisation[] => (listAll.all() as OrganisationRow[]).map(toOrganisation),
  };
}
