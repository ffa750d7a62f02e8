import type Database from "better-sqlite3";
import type { NewBatch } from "../store.js";
import { batchResults } from "../stored-documents.js";

interface BatchRow {
  id: string;
  key_id: string;
  results: string;
  results_version: number;
  created_at: string;
}

/** Prepared statements for batch records; a batch's per-order results are kept as one JSON document. */
export function createBatchQueries(db: Database.Database) {
  const insert = db.prepare(
    "INSERT INTO batches (id, key_id, results, results_version, created_at) VALUES (?, ?, ?, ?, ?)",
  );
  const findOne = db.prepare("SELECT * FROM batches WHERE id = ?");
  return {
    /** The caller holds the transaction. */
    insert: (batch: NewBatch) =>
      insert.run(batch.id, batch.keyId, JSON.stringify(batch.results), batchResults.current, batch.createdAt),
    find(id: string): NewBatch | undefined {
      const row = findOne.get(id) as BatchRow | undefined;
      if (!row) return undefined;
      const results = batchResults.decode(row.results_version, row.results);
      return { id: row.id, keyId: row.key_id, createdAt: row.created_at, results };
    },
  };
}
