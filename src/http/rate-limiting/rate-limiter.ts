import { LRUCache } from "lru-cache";
import {
  type BucketDraw,
  type BucketPolicy,
  type BucketState,
  type BucketVerdict,
  drawFromBucket,
} from "./token-bucket.js";

/** Token buckets by name ("key:oik_…", "client:203.0.113.7"), kept in memory or in Redis. */
export interface RateLimiter {
  /**
   * The verdict, or undefined when the limiter cannot tell: the request then goes ahead. A limiter that
   * can answer at once does, without a promise, which spares every request a turn of the event loop.
   */
  draw(
    bucket: string,
    policy: BucketPolicy,
    draw: BucketDraw,
  ): BucketVerdict | undefined | Promise<BucketVerdict | undefined>;
  close(): Promise<void>;
}

/**
 * Buckets in this process only: each instance then allows the full rate on its own. Bounded: the least
 * recently used buckets are forgotten first, and a forgotten bucket starts full again, which only ever
 * errs towards letting a client through.
 */
export function createMemoryRateLimiter(
  options: { maxBuckets?: number; clock?: () => number } = {},
): RateLimiter {
  const buckets = new LRUCache<string, BucketState>({ max: options.maxBuckets ?? 100_000 });
  const clock = options.clock ?? Date.now;
  return {
    draw(bucket, policy, draw) {
      const saved = buckets.get(bucket);
      const { state, verdict } = drawFromBucket(saved, policy, clock(), draw);
      // Updated in place (the look-up already made it the most recent); a bucket nobody used that was only
      // looked at stays full, and need not be kept: every request looks at one.
      if (saved) Object.assign(saved, state);
      else if (draw.cost !== 0) buckets.set(bucket, state);
      return verdict;
    },
    async close() {},
  };
}
