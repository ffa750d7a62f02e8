import type { AuditStore } from "./audit-store.js";
import type { EventStore } from "./event-store.js";
import type { IdempotencyStore } from "./idempotency-store.js";
import type { IntakeStore } from "./intake-store.js";
import type { InvitationStore } from "./invitation-store.js";
import type { OrderStore } from "./order-store.js";
import type { OrganisationStore } from "./organisation-store.js";
import type { PrivacyStore } from "./privacy-store.js";
import type { ProcessingStore } from "./processing-io.js";
import type { SubmissionStore } from "./submission-store.js";
import type { WebhookStore } from "./webhook-store.js";

export * from "./audit-store.js";
export * from "./event-store.js";
export * from "./idempotency-store.js";
export * from "./intake-store.js";
export * from "./invitation-store.js";
export * from "./order-store.js";
export * from "./organisation-store.js";
export * from "./privacy-store.js";
export * from "./store-errors.js";
export * from "./submission-store.js";
export * from "./webhook-store.js";

/** A store's own life: its schema, its health, its end. */
export interface StoreLifecycle {
  readonly kind: "sqlite" | "postgres";
  /** Applies the numbered migrations not yet applied; safe when several processes start at once. */
  migrate(): Promise<void>;
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>;
  /**
   * Resolves when the database commits a write that no client sees (it rewrites the heartbeat row): a
   * database can answer queries and still refuse every write (a full disk, a standby after a failover).
   */
  probeWrite(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Everything a database adapter implements: one narrow interface per concern, each in its own file, which
 * the code that needs only one of them asks for. The contract tests in `test/storage/contract/` run every
 * concern against each adapter, so that the service behaves the same whichever database holds its data.
 * A new concern (events, say) is a new interface here, implemented in each adapter's folder; the SQLite
 * thread's proxy does not compile until it forwards the new methods.
 */
export interface Store
  extends StoreLifecycle,
    OrganisationStore,
    IntakeStore,
    SubmissionStore,
    IdempotencyStore,
    OrderStore,
    ProcessingStore,
    AuditStore,
    EventStore,
    WebhookStore,
    PrivacyStore,
    InvitationStore {}
