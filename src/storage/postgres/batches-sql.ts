import type pg from "pg";
import type { NewBatch } from "../store.js";
import { batchResults } from "../stored-documents.js";
import type { Queryable } from "./organisations-sql.js";
import { isUuid } from "./submissions-sql.js";

/** Inserts the group's batch records in one statement; the caller holds the transaction. */
export async function insertBatches(client: pg.PoolClient, batches: NewBatch[]): Promise<void> {
  if (batches.length === 0) return;
  await client.query(
    `INSERT INTO batches (id, key_id, results, results_version, created_at)
     SELECT id, key_id, results, $5, created_at
     FROM unnest($1::uuid[], $2::text[], $3::json[], $4::timestamptz[]) AS b(id, key_id, results, created_at)`,
    [
      batches.map((b) => b.id),
      batches.map((b) => b.keyId),
      batches.map((b) => JSON.stringify(b.results)),
      batches.map((b) => b.createdAt),
      batchResults.current,
    ],
  );
}

export async function findBatch(db: Queryable, id: string): Promise<NewBatch | undefined> {
  if (!isUuid(id)) return undefined;
  const { rows } = await db.query<{
    id: string;
    key_id: string;
    results: unknown;
    results_version: number;
    created_at: Date;
  }>("SELECT * FROM batches WHERE id = $1", [id]);
  const row = rows[0];
  return (
    row && {
      id: row.id,
      keyId: row.key_id,
      results: batchResults.decode(row.results_version, row.results),
      createdAt: row.created_at.toISOString(),
    }
  );
}
