import Database from "better-sqlite3";
import { asPostgresAdmin } from "./postgres.js";

/**
 * A submission's stored documents, read from the database's own row (the store serves neither): what a test
 * about erasure or retention must see for itself. `schema` names the PostgreSQL schema; absent, `database`
 * is a SQLite file.
 */
export async function storedDocuments(
  where: { database: string; schema?: string },
  id: string,
): Promise<{ document: string; raw: string } | undefined> {
  const { schema } = where;
  if (schema === undefined) {
    const db = new Database(where.database, { readonly: true });
    try {
      return db.prepare("SELECT document, raw FROM submissions WHERE id = ?").get(id) as
        | { document: string; raw: string }
        | undefined;
    } finally {
      db.close();
    }
  }
  return asPostgresAdmin(async (client) => {
    const { rows } = await client.query(
      `SELECT document::text AS document, raw FROM ${schema}.submissions WHERE id = $1`,
      [id],
    );
    return rows[0];
  });
}
