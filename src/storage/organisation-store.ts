import type { InvitationPolicyOverrides } from "../domain/invitation-policy.js";

/** A token bucket's size and refill rate: a key may make `burst` requests at once, `ratePerSecond` on average. */
export interface RateLimit {
  ratePerSecond: number;
  burst: number;
}

/** An organisation: the merchant whose orders are submitted under its trkref. */
export interface Organisation {
  trkref: string;
  name: string;
  /** Order submission is off until an operator switches it on. */
  enabled: boolean;
  createdAt: string;
  /** Each of its keys' limit, in each bucket, in place of the service's default; null: the default. */
  rateLimit: RateLimit | null;
  /** The members of the invitation policy it sets for itself; null: all the installation's. */
  invitationPolicy: InvitationPolicyOverrides | null;
}

/** What `org show` prints: the organisation, its limit, and how many keys it has. */
export interface OrganisationSummary extends Organisation {
  /** Every key that may act for it, revoked and expired ones included. */
  keyCount: number;
  /** Keys neither revoked nor expired. */
  activeKeyCount: number;
  /** The latest use of any of its keys (recorded about once a minute), or null. */
  lastKeyUseAt: string | null;
}

/** An API credential; the secret itself is never stored, only its hash. */
export interface ApiKeyRecord {
  id: string;
  secretHash: string;
  /** The organisations this key may act for. */
  trkrefs: string[];
  createdAt: string;
  revokedAt: string | null;
  /** The operator's words for it ("shop backend"), or null. */
  label: string | null;
  /** From then on the key is refused, as a revoked one; null: it does not expire. */
  expiresAt: string | null;
  /** About when it last authenticated a request (recorded at most once a minute per process), or null. */
  lastUsedAt: string | null;
  /** The secret's hash before the last rotation, accepted until `previousSecretValidUntil`; or null. */
  previousSecretHash: string | null;
  previousSecretValidUntil: string | null;
}

/**
 * Who performs an operator action, and when, for the audit log written in the same transaction. The actor
 * defaults to DEFAULT_ACTOR ("unknown"), the time to now; a test passes its own clock's time.
 */
export interface Attribution {
  actor?: string;
  at?: string;
}

/** A key to create: its id and secret's hash (see `issueCredential`), its organisations, label and expiry. */
export interface NewApiKey extends Attribution {
  id: string;
  secretHash: string;
  trkrefs: string[];
  label?: string | null;
  expiresAt?: string | null;
}

/** A rotation: a new secret, while the old one works for `graceSeconds` more (default 24 hours). */
export interface ApiKeyRotation extends Attribution {
  id: string;
  graceSeconds?: number;
}

/** The rotated key and its new secret, which exists only in this answer. */
export interface RotatedApiKey {
  key: ApiKeyRecord;
  secret: string;
}

/** When a key authenticated a request, as the server records it in batches. */
export interface ApiKeyUse {
  id: string;
  usedAt: string;
}

/** What changed: one key, one organisation, or possibly anything (changes may have been missed). */
export type AccessChange = { apiKey: string } | { organisation: string } | { unknown: true };

/**
 * Organisations and their API keys: who may submit, for whom. Every operator action (each method that takes
 * an Attribution) is written to the audit log in the action's own transaction, unless it changed nothing;
 * its input is checked by `operator-input.ts` (StoreInputError when out of bounds).
 */
export interface OrganisationStore {
  createOrganisation(
    input: { trkref: string; name: string; enabled: boolean } & Attribution,
  ): Promise<Organisation>;
  /** Returns false when no organisation has that trkref. */
  setOrganisationEnabled(trkref: string, enabled: boolean, by?: Attribution): Promise<boolean>;
  /** The renamed organisation, or undefined when no organisation has that trkref. */
  renameOrganisation(trkref: string, name: string, by?: Attribution): Promise<Organisation | undefined>;
  /** Sets (null: clears) the organisation's own rate limit; undefined when no organisation has that trkref. */
  setOrganisationRateLimit(
    trkref: string,
    rateLimit: RateLimit | null,
    by?: Attribution,
  ): Promise<Organisation | undefined>;
  /**
   * Replaces the organisation's invitation policy overrides (null or `{}`: back on the installation's
   * defaults); StoreInputError when they are not a valid policy; undefined for an unknown trkref.
   */
  setOrganisationInvitationPolicy(
    trkref: string,
    overrides: InvitationPolicyOverrides | null,
    by?: Attribution,
  ): Promise<Organisation | undefined>;
  findOrganisation(trkref: string): Promise<Organisation | undefined>;
  /** The organisation with its limit and its keys counted, for `org show`. */
  findOrganisationSummary(trkref: string): Promise<OrganisationSummary | undefined>;
  listOrganisations(): Promise<Organisation[]>;

  /** Throws StoreNotFoundError when one of the trkrefs names no organisation. */
  createApiKey(input: NewApiKey): Promise<ApiKeyRecord>;
  findApiKey(id: string): Promise<ApiKeyRecord | undefined>;
  /** Every key in creation order, or only those that may act for `trkref`. */
  listApiKeys(filter?: { trkref?: string }): Promise<ApiKeyRecord[]>;
  /** Returns false when no key has that id; revoking twice keeps the first revocation time. */
  revokeApiKey(id: string, by?: Attribution): Promise<boolean>;
  /**
   * Gives the key a new secret, returned this once; the old one is accepted for the grace period. Throws
   * StoreNotFoundError for an unknown key, StoreConflictError for a revoked or expired key, or one whose
   * previous secret is still in its grace period (at most two secrets work at once).
   */
  rotateApiKey(rotation: ApiKeyRotation): Promise<RotatedApiKey>;
  /** Records when keys were last used; a time earlier than the one stored changes nothing. */
  recordApiKeyUse(uses: ApiKeyUse[]): Promise<void>;
  /**
   * Calls `listener` when a key or an organisation may have changed in another process (the CLI, another
   * instance), so that caches of them can forget it at once instead of at their expiry. Stops at `close()`.
   */
  watchAccessChanges(listener: (change: AccessChange) => void): Promise<void>;
}
