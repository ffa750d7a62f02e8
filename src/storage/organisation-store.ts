/** An organisation: the merchant whose orders are submitted under its trkref. */
export interface Organisation {
  trkref: string;
  name: string;
  /** Order submission is off until an operator switches it on. */
  enabled: boolean;
  createdAt: string;
}

/** An API credential; the secret itself is never stored, only its hash. */
export interface ApiKeyRecord {
  id: string;
  secretHash: string;
  /** The organisations this key may act for. */
  trkrefs: string[];
  createdAt: string;
  revokedAt: string | null;
}

/** What changed: one key, one organisation, or possibly anything (changes may have been missed). */
export type AccessChange = { apiKey: string } | { organisation: string } | { unknown: true };

/** Organisations and their API keys: who may submit, for whom. */
export interface OrganisationStore {
  createOrganisation(input: { trkref: string; name: string; enabled: boolean }): Promise<Organisation>;
  /** Returns false when no organisation has that trkref. */
  setOrganisationEnabled(trkref: string, enabled: boolean): Promise<boolean>;
  findOrganisation(trkref: string): Promise<Organisation | undefined>;
  listOrganisations(): Promise<Organisation[]>;

  /** Throws StoreNotFoundError when one of the trkrefs names no organisation. */
  createApiKey(input: { id: string; secretHash: string; trkrefs: string[] }): Promise<ApiKeyRecord>;
  findApiKey(id: string): Promise<ApiKeyRecord | undefined>;
  listApiKeys(): Promise<ApiKeyRecord[]>;
  /** Returns false when no key has that id; revoking twice keeps the first revocation time. */
  revokeApiKey(id: string): Promise<boolean>;
  /**
   * Calls `listener` when a key or an organisation may have changed in another process (the CLI, another
   * instance), so that caches of them can forget it at once instead of at their expiry. Stops at `close()`.
   */
  watchAccessChanges(listener: (change: AccessChange) => void): Promise<void>;
}
