import type { Migration } from "../../migration.js";
import { sql as initial } from "./001-initial.js";
import { sql as heartbeat } from "./002-heartbeat.js";
import { sql as documentVersions } from "./003-document-versions.js";
import { sql as listingIndexes } from "./004-listing-indexes.js";
import { sql as failureCodes } from "./005-failure-codes.js";
import { sql as keysLimitsAudit } from "./006-keys-limits-audit.js";
import { sql as eventsWebhooks } from "./007-events-webhooks.js";
import { sql as privacy } from "./008-privacy.js";
import { sql as idempotencyCustomers } from "./009-idempotency-customers.js";
import { sql as invitations } from "./010-invitations.js";

/** PostgreSQL's own numbered migrations; the schema matches SQLite's, in PostgreSQL's types. */
export const migrations: Migration[] = [
  { version: 1, name: "initial", sql: initial },
  { version: 2, name: "heartbeat", sql: heartbeat },
  { version: 3, name: "document-versions", sql: documentVersions },
  { version: 4, name: "listing-indexes", sql: listingIndexes },
  { version: 5, name: "failure-codes", sql: failureCodes },
  { version: 6, name: "keys-limits-audit", sql: keysLimitsAudit },
  { version: 7, name: "events-webhooks", sql: eventsWebhooks },
  { version: 8, name: "privacy", sql: privacy },
  { version: 9, name: "idempotency-customers", sql: idempotencyCustomers },
  { version: 10, name: "invitations", sql: invitations },
];
