import type Database from "better-sqlite3";

/**
 * Prepares each statement text once, for a query whose text depends on its options (a listing's filters,
 * sort key and direction): the set of texts is small and fixed, so the cache needs no bound.
 */
export function createStatementCache(db: Database.Database): (sql: string) => Database.Statement {
  const statements = new Map<string, Database.Statement>();
  return (sql) => {
    const statement = statements.get(sql) ?? db.prepare(sql);
    statements.set(sql, statement);
    return statement;
  };
}
