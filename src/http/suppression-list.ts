import { LRUCache } from "lru-cache";
import { type CustomerHasher, customerHasherOfKey } from "../domain/customer-privacy.js";
import type { NormalisedOrder } from "../domain/normalised-order.js";
import type { PrivacyStore } from "../storage/privacy-store.js";

/** Settings of the intake's copy of the suppression lists. */
export interface SuppressionListOptions {
  /** Most organisations whose lists are kept; the least recently used one is dropped beyond. */
  maxOrganisations: number;
  /** Least time between two reads of one organisation's new suppressions (default 1 s). */
  refreshIntervalMs?: number;
  /** Milliseconds of a monotonic clock; the default, performance.now(), does not step with the wall clock. */
  clock?: () => number;
}

/** An accepted order's customer, as the intake stores it: the email's hash, and whether it is suppressed. */
export interface OrderCustomer {
  customerHash: string;
  suppressed: boolean;
}

/** The suppression lists as the intake routes ask them. */
export interface SuppressionList {
  /** The order's email's hash, and whether its organisation suppresses the customer. */
  assessOrder(order: NormalisedOrder): Promise<OrderCustomer>;
  /** The same for each order, in the order given: each organisation's list refreshed once. */
  assess(orders: readonly NormalisedOrder[]): Promise<OrderCustomer[]>;
  /** The installation's customer hasher. */
  hasher(): Promise<CustomerHasher>;
}

export const SUPPRESSION_REFRESH_INTERVAL_MS = 1000;
/** Suppressions read per query. */
const PAGE_SIZE = 10_000;
/**
 * Most pages one refresh reads: a million suppressions. A longer list is read on over the next refreshes,
 * and processing checks every submission against the whole list anyway.
 */
const MAX_PAGES_PER_REFRESH = 100;

/** One organisation's list as far as it has been read. */
interface KnownList {
  hashes: Set<string>;
  /** The last suppression read, by its place in the organisation's list. */
  lastSeq: number;
  /** When the list was last asked for what is new: -Infinity before the first read. */
  checkedAt: number;
  /** The read under way, which every request of the organisation waits for. */
  refreshing?: Promise<void>;
}

/**
 * Each organisation's suppression list in memory, so that checking an order costs a hash and a set look-up:
 * an organisation's list is read whole on its first order, then only what was added since, at most once per
 * `refreshIntervalMs` (a suppression reaches every instance within about that time). What an instance lets
 * through meanwhile, processing strips before applying it (`processing/suppressed-customers.ts`); the
 * intake's check keeps the customer's data out of the stored raw document and the answer tells the client.
 */
export function createSuppressionList(
  store: Pick<PrivacyStore, "customerHashKey" | "listSuppressionsSince">,
  options: SuppressionListOptions,
): SuppressionList {
  const clock = options.clock ?? (() => performance.now());
  const interval = options.refreshIntervalMs ?? SUPPRESSION_REFRESH_INTERVAL_MS;
  const lists = new LRUCache<string, KnownList>({ max: options.maxOrganisations });
  let hasher: Promise<CustomerHasher> | undefined;

  const hasherOnce = () => {
    // A failed read of the key is asked again by the next request rather than remembered.
    hasher ??= store
      .customerHashKey()
      .then(customerHasherOfKey)
      .catch((error: unknown) => {
        hasher = undefined;
        throw error;
      });
    return hasher;
  };

  async function readNew(trkref: string, list: KnownList): Promise<void> {
    for (let page = 0; page < MAX_PAGES_PER_REFRESH; page++) {
      const entries = await store.listSuppressionsSince(trkref, list.lastSeq, PAGE_SIZE);
      for (const entry of entries) list.hashes.add(entry.customerHash);
      const last = entries.at(-1);
      if (last) list.lastSeq = last.seq;
      if (entries.length < PAGE_SIZE) return;
    }
  }

  async function refresh(trkref: string, list: KnownList): Promise<void> {
    const firstRead = list.checkedAt === Number.NEGATIVE_INFINITY;
    list.checkedAt = clock();
    try {
      await readNew(trkref, list);
    } catch (error) {
      // Without a first read there is no list to go by: the request fails as the store does. A later
      // refresh that fails leaves the list a little behind, which processing makes up for.
      if (firstRead) {
        list.checkedAt = Number.NEGATIVE_INFINITY;
        throw error;
      }
    }
  }

  async function listOf(trkref: string): Promise<Set<string>> {
    let list = lists.get(trkref);
    if (!list) {
      list = { hashes: new Set(), lastSeq: 0, checkedAt: Number.NEGATIVE_INFINITY };
      lists.set(trkref, list);
    }
    if (!list.refreshing && clock() - list.checkedAt >= interval) {
      const known = list;
      known.refreshing = refresh(trkref, known).finally(() => {
        known.refreshing = undefined;
      });
    }
    if (list.refreshing) await list.refreshing;
    return list.hashes;
  }

  const customerOf = (
    hasher: CustomerHasher,
    suppressed: Set<string> | undefined,
    order: NormalisedOrder,
  ) => {
    const customerHash = hasher.email(order.trkref, order.customer.email);
    return { customerHash, suppressed: suppressed?.has(customerHash) === true };
  };

  return {
    hasher: hasherOnce,
    async assessOrder(order) {
      const hasher = await hasherOnce();
      return customerOf(hasher, await listOf(order.trkref), order);
    },
    async assess(orders) {
      if (orders.length === 0) return [];
      const hasher = await hasherOnce();
      const trkrefs = [...new Set(orders.map((order) => order.trkref))];
      const known = new Map(
        await Promise.all(trkrefs.map(async (trkref) => [trkref, await listOf(trkref)] as const)),
      );
      return orders.map((order) => customerOf(hasher, known.get(order.trkref), order));
    },
  };
}
