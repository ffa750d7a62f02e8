import type { Store } from "../src/storage/store.js";

/** 32 bytes of zeros, base64url: the benchmark's customer hash key. */
const NOOP_CUSTOMER_HASH_KEY = Buffer.alloc(32).toString("base64url");

/**
 * A store that keeps organisations and keys in memory and stores nothing else: the "no-store" target, which
 * measures the service's own work (authentication, validation, the intake path) without the database.
 */
export function createNoopStore(): Store {
  const organisations = new Map<string, Awaited<ReturnType<Store["createOrganisation"]>>>();
  const keys = new Map<string, Awaited<ReturnType<Store["createApiKey"]>>>();
  const unsupported = async (): Promise<never> => {
    throw new Error("not part of the benchmark");
  };
  return {
    kind: "sqlite",
    migrate: async () => {},
    ping: async () => {},
    probeWrite: async () => {},
    close: async () => {},
    createOrganisation: async (input) => {
      const { trkref, name, enabled } = input;
      const org = {
        trkref,
        name,
        enabled,
        createdAt: new Date().toISOString(),
        rateLimit: null,
        invitationPolicy: null,
      };
      organisations.set(input.trkref, org);
      return org;
    },
    setOrganisationEnabled: unsupported,
    renameOrganisation: unsupported,
    setOrganisationRateLimit: unsupported,
    setOrganisationInvitationPolicy: unsupported,
    findOrganisationSummary: unsupported,
    watchAccessChanges: async () => {},
    findOrganisation: async (trkref) => organisations.get(trkref),
    listOrganisations: async () => [...organisations.values()],
    createApiKey: async (input) => {
      const key = {
        id: input.id,
        secretHash: input.secretHash,
        trkrefs: input.trkrefs,
        createdAt: new Date().toISOString(),
        revokedAt: null,
        label: input.label ?? null,
        expiresAt: input.expiresAt ?? null,
        lastUsedAt: null,
        previousSecretHash: null,
        previousSecretValidUntil: null,
      };
      keys.set(input.id, key);
      return key;
    },
    findApiKey: async (id) => keys.get(id),
    listApiKeys: async () => [...keys.values()],
    revokeApiKey: unsupported,
    rotateApiKey: unsupported,
    recordApiKeyUse: async () => {},
    listAuditEntries: async () => [],
    commitIntake: async (writes) => writes.map(() => "committed" as const),
    findSubmission: async () => undefined,
    listSubmissionsForOrder: async () => [],
    listSubmissionsForOrders: async () => [],
    listSubmissionsByStatus: async () => [],
    findBatch: async () => undefined,
    findIdempotencyRecord: async () => undefined,
    purgeExpiredIdempotencyRecords: async () => 0,
    countPendingSubmissions: async () => 0,
    oldestPendingAcceptedAt: async () => null,
    processPendingSubmissions: async () => ({
      taken: 0,
      events: 0,
      invitations: 0,
      outcomes: { created: 0, updated: 0, duplicate: 0 },
      failures: [],
      defects: [],
    }),
    findOrder: async () => undefined,
    listOrders: async () => [],
    listEvents: async () => [],
    findEvent: async () => undefined,
    deleteEventsBefore: async () => 0,
    createWebhookEndpoint: unsupported,
    findWebhookEndpoint: async () => undefined,
    listWebhookEndpoints: async () => [],
    removeWebhookEndpoint: async () => false,
    rotateWebhookSecret: async () => undefined,
    findWebhookSecrets: async () => undefined,
    claimWebhookDeliveries: async () => [],
    recordWebhookAttempts: async () => {},
    recordWebhookPing: async () => {},
    listWebhookDeliveries: async () => [],
    listWebhookAttempts: async () => [],
    replayWebhookEvent: async () => 0,
    recoverWebhookEndpoint: async () => undefined,
    // A fixed key: the intake hashes every email with it, as it would with a real store's.
    customerHashKey: async () => NOOP_CUSTOMER_HASH_KEY,
    addSuppressions: unsupported,
    listSuppressionsSince: async () => [],
    findSuppressed: async () => [],
    createErasureRequest: unsupported,
    findErasureRequest: unsupported,
    listErasureRequests: unsupported,
    listPendingErasureIds: unsupported,
    runErasure: unsupported,
    removeRawDocuments: unsupported,
    listOrdersUpdatedBefore: unsupported,
    eraseOrders: unsupported,
    backfillCustomerHashes: unsupported,
    compact: unsupported,
    listInvitations: async () => [],
    findInvitation: async () => undefined,
    findOrderInvitation: async () => ({ invitation: null, cancellation: null }),
    releaseDueInvitations: async () => ({ taken: 0, due: 0, skipped: {}, events: 0 }),
    cancelOrder: unsupported,
    cancelInvitation: unsupported,
    recordInvitationDelivery: unsupported,
  };
}
