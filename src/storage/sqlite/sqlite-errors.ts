import Database from "better-sqlite3";
import type { DatabaseErrorKind } from "../database-errors.js";

// Busy or locked past the busy timeout, out of disk or memory, I/O, a read-only or unopenable file, an
// interrupted or aborted statement: the same call may succeed later. A corrupt file (CORRUPT, NOTADB) is the
// operator's to repair, not the client's to retry. See https://www.sqlite.org/rescode.html.
const UNAVAILABLE = /^SQLITE_(BUSY|LOCKED|FULL|IOERR|READONLY|CANTOPEN|NOMEM|INTERRUPT|PROTOCOL|NOLFS|ABORT)/;
// A constraint (unique, check, not null, a trigger's RAISE), a value of the wrong type or too big to store.
const REFUSED = /^SQLITE_(CONSTRAINT|MISMATCH|TOOBIG|RANGE)/;

/** What an error raised by better-sqlite3 means (see `database-errors.ts`); undefined if it is not one. */
export function classifySqliteError(error: unknown): DatabaseErrorKind | undefined {
  if (error instanceof Database.SqliteError) {
    if (UNAVAILABLE.test(error.code)) return "unavailable";
    return REFUSED.test(error.code) ? "refused" : "defect";
  }
  // better-sqlite3 raises a TypeError, not an SqliteError, for a call on a closed connection.
  if (error instanceof TypeError && /database connection is not open/.test(error.message))
    return "unavailable";
  return undefined;
}
