import pg from "pg";
import type { DatabaseErrorKind } from "../database-errors.js";

// Connection (08), resources (53), operator intervention such as a shutdown (57), system (58), a rollback
// to retry such as a deadlock (40), a lock or statement timeout (55P03, 57014), a database not accepting
// connections during maintenance (55000, ALLOW_CONNECTIONS false), a standby not yet promoted after a
// failover (25006), a session ended for idling in a transaction (25P03): the request may succeed later.
// Wrong credentials (28) and a missing database (3D) are the operator's to fix, syntax and undefined
// objects (42) and internal errors (XX) the service's. See https://www.postgresql.org/docs/current/errcodes-appendix.html.
const UNAVAILABLE_SQLSTATE = /^(08|53|57|58|40)|^55P03$|^55000$|^25006$|^25P03$/;
// Data exceptions (22: a value out of range, too long, malformed) and integrity violations (23).
const REFUSED_SQLSTATE = /^2[23]/;

/** The client's own bound on a query (`query_timeout`) ran out. */
export const isQueryTimeout = (error: unknown) =>
  error instanceof Error && error.message === "Query read timeout";

/** What an error raised by node-postgres means (see `database-errors.ts`); undefined if it is not one. */
export function classifyPostgresError(error: unknown): DatabaseErrorKind | undefined {
  if (error instanceof pg.DatabaseError) {
    const code = error.code ?? "";
    if (UNAVAILABLE_SQLSTATE.test(code)) return "unavailable";
    return REFUSED_SQLSTATE.test(code) ? "refused" : "defect";
  }
  const code = String((error as { code?: unknown })?.code ?? "");
  // ECONNREFUSED, ECONNRESET, ETIMEDOUT…, and a name server that did not answer now (EAI_AGAIN).
  if (/^E[A-Z]+$/.test(code) || code === "EAI_AGAIN") return "unavailable";
  const lostConnection =
    error instanceof Error &&
    (isQueryTimeout(error) ||
      /Connection terminated|timeout exceeded when trying to connect|Cannot use a pool after calling end/i.test(
        error.message,
      ));
  return lostConnection ? "unavailable" : undefined;
}
