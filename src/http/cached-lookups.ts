import { LRUCache } from "lru-cache";
import type {
  AccessChange,
  ApiKeyRecord,
  Organisation,
  OrganisationStore,
} from "../storage/organisation-store.js";

/** Settings of the look-up cache. */
export interface LookupCacheOptions {
  /** How long a key or an organisation is trusted without asking the store again; 0 turns caching off. */
  ttlMs: number;
  /** Most keys, and most organisations, kept. */
  maxEntries: number;
  /** Milliseconds of a monotonic clock; the default, performance.now(), does not step with the wall clock. */
  clock?: () => number;
}

/** The two look-ups every write makes: the API key and the organisation it writes for. */
export interface Lookups {
  findApiKey(id: string): Promise<ApiKeyRecord | undefined>;
  findOrganisation(trkref: string): Promise<Organisation | undefined>;
  /** Drops what a change in another process made stale. */
  forget(change: AccessChange): void;
}

/**
 * Caches found keys and organisations for a short time, so that a busy client costs no database read per
 * request. A revoked key, or an organisation switched on or off, is forgotten as soon as the store reports
 * the change (see `Store.watchAccessChanges`), and in any case within `ttlMs`, should a report be lost. Only what exists is cached, so random key ids cannot fill the cache, and the secret is
 * still checked against the cached hash on every request.
 */
export function createCachedLookups(store: OrganisationStore, options: LookupCacheOptions): Lookups {
  if (options.ttlMs === 0) {
    return {
      findApiKey: (id) => store.findApiKey(id),
      findOrganisation: (trkref) => store.findOrganisation(trkref),
      forget: () => {},
    };
  }
  const cacheOptions = {
    max: options.maxEntries,
    ttl: options.ttlMs,
    // Read the clock on every look-up, never a value remembered from a moment ago.
    ttlResolution: 0,
    perf: { now: options.clock ?? (() => performance.now()) },
  };
  const keys = new LRUCache<string, ApiKeyRecord>(cacheOptions);
  const organisations = new LRUCache<string, Organisation>(cacheOptions);
  // A read that started before a change was reported may answer after it with what the change replaced;
  // counting reports lets such a read's answer be used once without being cached.
  let changesSeen = 0;
  const readThrough = async <V extends object>(
    cache: LRUCache<string, V>,
    key: string,
    load: () => Promise<V | undefined>,
  ): Promise<V | undefined> => {
    const cached = cache.get(key);
    if (cached) return cached;
    const changesBefore = changesSeen;
    const loaded = await load();
    if (loaded && changesSeen === changesBefore) cache.set(key, loaded);
    return loaded;
  };
  return {
    findApiKey: (id) => readThrough(keys, id, () => store.findApiKey(id)),
    findOrganisation: (trkref) => readThrough(organisations, trkref, () => store.findOrganisation(trkref)),
    forget(change) {
      changesSeen++;
      if ("apiKey" in change) keys.delete(change.apiKey);
      else if ("organisation" in change) organisations.delete(change.organisation);
      else {
        keys.clear();
        organisations.clear();
      }
    },
  };
}
