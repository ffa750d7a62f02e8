import { setTimeout as sleep } from "node:timers/promises";
import { Redis } from "ioredis";
import type { Logger } from "pino";
import type { RateLimiter } from "./rate-limiter.js";
import { verdictFor } from "./token-bucket.js";

// drawFromBucket (src/http/rate-limiting/token-bucket.ts) as one atomic step inside Redis, on Redis's clock so that
// every instance agrees on time. Returns whether the draw was allowed and the tokens left, as a string
// because Redis would truncate a Lua number to an integer.
const DRAW_TOKENS = `
local rate, burst = tonumber(ARGV[1]), tonumber(ARGV[2])
local cost, need = tonumber(ARGV[3]), tonumber(ARGV[4])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local saved = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = burst
if saved[1] then
  tokens = math.min(burst, tonumber(saved[1]) + math.max(0, now - tonumber(saved[2])) * rate / 1000)
end
local allowed = 0
if need <= 0 or tokens >= need then
  allowed = 1
  tokens = math.max(-burst, tokens - cost)
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', now)
redis.call('PEXPIRE', KEYS[1], math.ceil((burst - tokens) * 1000 / rate) + 1000)
return { allowed, tostring(tokens) }
`;

// Redis that does not answer must not hold up intake: a draw gives up after this long.
const COMMAND_TIMEOUT_MS = 500;
// How long start-up waits for Redis before it serves with the fallback.
const CONNECT_WAIT_MS = 2_000;
const WARN_EVERY_MS = 10_000;

type DrawCommand = (key: string, ...args: number[]) => Promise<[number, string]>;

/**
 * Buckets shared by every instance through Redis. When Redis cannot answer, each draw falls back to
 * `fallback` (buckets in this process: every instance then limits on its own), logged at most every 10 s:
 * rate limiting protects the service, it must never be the reason an order is refused, nor should an
 * outage of Redis switch the limits off. Resolves once connected, or after 2 s of trying.
 */
export async function createRedisRateLimiter(
  url: string,
  log: Pick<Logger, "warn">,
  keyPrefix: string,
  fallback: RateLimiter,
): Promise<RateLimiter> {
  const redis = new Redis(url, {
    commandTimeout: COMMAND_TIMEOUT_MS,
    connectTimeout: 2_000,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    lazyConnect: true,
    keyPrefix: `${keyPrefix}rate:`,
  });
  redis.defineCommand("drawTokens", { numberOfKeys: 1, lua: DRAW_TOKENS });
  const drawTokens = (redis as unknown as { drawTokens: DrawCommand }).drawTokens.bind(redis);
  let lastWarning = 0;
  const warn = (error: unknown) => {
    if (Date.now() - lastWarning < WARN_EVERY_MS) return;
    lastWarning = Date.now();
    log.warn({ err: error }, "rate limits cannot reach Redis; each instance limits on its own meanwhile");
  };
  // Connection errors are reported through draws; without a listener ioredis would print each one.
  redis.on("error", () => {});
  // Not connected in time: serve anyway, on the fallback, while ioredis goes on reconnecting.
  await Promise.race([redis.connect().catch(() => {}), sleep(CONNECT_WAIT_MS, undefined, { ref: false })]);
  return {
    async draw(bucket, policy, draw) {
      try {
        const [allowed, tokens] = await drawTokens(
          bucket,
          policy.ratePerSecond,
          policy.burst,
          draw.cost,
          draw.need,
        );
        return verdictFor(allowed === 1, Number(tokens), policy, draw);
      } catch (error) {
        warn(error);
        return fallback.draw(bucket, policy, draw);
      }
    },
    async close() {
      redis.disconnect();
    },
  };
}
