import type { Migration } from "../../migration.js";
import { sql as initial } from "./001-initial.js";
import { sql as batchesAndIdempotency } from "./002-batches-and-idempotency.js";
import { sql as leanSubmissionIndexes } from "./003-lean-submission-indexes.js";
import { sql as heartbeat } from "./004-heartbeat.js";
import { sql as documentVersions } from "./005-document-versions.js";
import { sql as listingIndexes } from "./006-listing-indexes.js";
import { sql as failureCodes } from "./007-failure-codes.js";
import { sql as keysLimitsAudit } from "./008-keys-limits-audit.js";
import { sql as eventsWebhooks } from "./009-events-webhooks.js";
import { sql as privacy } from "./010-privacy.js";
import { sql as idempotencyCustomers } from "./011-idempotency-customers.js";
import { sql as invitations } from "./012-invitations.js";

export const migrations: Migration[] = [
  { version: 1, name: "initial", sql: initial },
  { version: 2, name: "batches-and-idempotency", sql: batchesAndIdempotency },
  { version: 3, name: "lean-submission-indexes", sql: leanSubmissionIndexes },
  { version: 4, name: "heartbeat", sql: heartbeat },
  { version: 5, name: "document-versions", sql: documentVersions },
  { version: 6, name: "listing-indexes", sql: listingIndexes },
  { version: 7, name: "failure-codes", sql: failureCodes },
  { version: 8, name: "keys-limits-audit", sql: keysLimitsAudit },
  { version: 9, name: "events-webhooks", sql: eventsWebhooks },
  { version: 10, name: "privacy", sql: privacy },
  { version: 11, name: "idempotency-customers", sql: idempotencyCustomers },
  { version: 12, name: "invitations", sql: invitations },
];
