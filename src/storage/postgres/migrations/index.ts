import type { Migration } from "../../migration.js";
import { sql as initial } from "./001-initial.js";
import { sql as heartbeat } from "./002-heartbeat.js";
import { sql as documentVersions } from "./003-document-versions.js";

/** PostgreSQL's own numbered migrations; the schema matches SQLite's, in PostgreSQL's types. */
export const migrations: Migration[] = [
  { version: 1, name: "initial", sql: initial },
  { version: 2, name: "heartbeat", sql: heartbeat },
  { version: 3, name: "document-versions", sql: documentVersions },
];
