import { fileURLToPath } from "node:url";

/** True for a `postgres://` or `postgresql://` URL; anything else names a SQLite file. */
export const isPostgresUrl = (databaseUrl: string) => /^postgres(ql)?:\/\//i.test(databaseUrl);

// At least two characters, so that a Windows drive (`C:\data\orders.db`) reads as a path, not a scheme.
const SCHEME = /^([a-z][a-z0-9+.-]+):/i;
const SQLITE_SCHEME = /^(file|sqlite):/i;

/**
 * Why `databaseUrl` names no database this service can open, or undefined when it does: a PostgreSQL URL,
 * a `file:` URL, a `sqlite:` path or a plain file path. Any other scheme (`mysql://…`) would otherwise be
 * read as a file name. Never quotes the value, which may hold a password.
 */
export function databaseUrlProblem(databaseUrl: string): string | undefined {
  const scheme = SCHEME.exec(databaseUrl)?.[1]?.toLowerCase();
  if (scheme === undefined || isPostgresUrl(databaseUrl)) return undefined;
  if (scheme === "postgres" || scheme === "postgresql") return `a PostgreSQL URL starts with ${scheme}://`;
  if (scheme !== "file" && scheme !== "sqlite") {
    return `unsupported scheme "${scheme}:": use postgres://, postgresql://, file:, sqlite: or a SQLite file path`;
  }
  // SQLite's own URI parameters are not read: the service sets the file's options itself.
  if (databaseUrl.includes("?")) return `a ${scheme}: URL takes no query string`;
  try {
    sqliteFilePath(databaseUrl);
    return undefined;
  } catch (error) {
    return `not a file URL of this machine (${(error as Error).message})`;
  }
}

/** Where the data is, to be shown: the SQLite file, or the PostgreSQL URL with its password masked. */
export function describeDatabaseUrl(databaseUrl: string): string {
  if (!isPostgresUrl(databaseUrl)) return sqliteFilePath(databaseUrl);
  try {
    const url = new URL(databaseUrl);
    if (url.password) url.password = "***";
    return url.toString();
  } catch {
    return "a PostgreSQL database";
  }
}

/** The SQLite file that a `DATABASE_URL` other than PostgreSQL's names. */
export function sqliteFilePath(databaseUrl: string): string {
  if (/^file:\/\//i.test(databaseUrl)) return fileURLToPath(databaseUrl);
  return databaseUrl.replace(SQLITE_SCHEME, "").replace(/^\/\/(?=.)/, "");
}
