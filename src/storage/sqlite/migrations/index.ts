import { sql as initial } from "./001-initial.js";
import { sql as batchesAndIdempotency } from "./002-batches-and-idempotency.js";

/** A numbered schema change; applied once, in order, and recorded in `schema_migrations`. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: Migration[] = [
  { version: 1, name: "initial", sql: initial },
  { version: 2, name: "batches-and-idempotency", sql: batchesAndIdempotency },
];
