/** True for a `postgres://` or `postgresql://` URL; anything else names a SQLite file. */
export const isPostgresUrl = (databaseUrl: string) => /^postgres(ql)?:\/\//.test(databaseUrl);
