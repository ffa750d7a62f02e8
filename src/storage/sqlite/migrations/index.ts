import { sql as initial } from "./001-initial.js";

/** A numbered schema change; applied once, in order, and recorded in `schema_migrations`. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: Migration[] = [{ version: 1, name: "initial", sql: initial }];
