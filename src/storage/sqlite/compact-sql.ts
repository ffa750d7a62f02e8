import type Database from "better-sqlite3";
import { StoreUnavailableError } from "../store-errors.js";
import { rollBackLeftover } from "./async-write-transaction.js";

interface CheckpointResult {
  busy: number;
}

/**
 * Rewrites the file so that erased data leaves it. The WAL keeps old copies of the pages an erasure
 * changed until it is checkpointed into the database and truncated; a full compaction then VACUUMs, which
 * rewrites the database without its free pages (where deleted rows' bytes may linger), and checkpoints
 * again, because VACUUM writes the whole rewritten file through the WAL.
 */
export function createCompaction(db: Database.Database): (options: { full: boolean }) => void {
  const checkpoint = () => {
    const [result] = db.pragma("wal_checkpoint(TRUNCATE)") as CheckpointResult[];
    // Another connection (the CLI, say) reading an older snapshot keeps the WAL from being truncated.
    if (result?.busy) {
      throw new StoreUnavailableError(
        "The WAL could not be truncated while another connection reads the file",
      );
    }
  };
  return ({ full }) => {
    // VACUUM cannot run inside a transaction, nor can a checkpoint get past one this connection holds open:
    // end any that processing left.
    rollBackLeftover(db);
    checkpoint();
    if (!full) return;
    db.exec("VACUUM");
    checkpoint();
  };
}
