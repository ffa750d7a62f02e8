import { Redis } from "ioredis";
import type { Logger } from "pino";
import { verdictFor } from "../../domain/token-bucket.js";
import type { RateLimiter } from "./rate-limiter.js";

// drawFromBucket (src/domain/token-bucket.ts) as one atomic step inside Redis, on Redis's clock so that
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
if tokens >= need then
  allowed = 1
  tokens = math.max(0, tokens - cost)
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', now)
redis.call('PEXPIRE', KEYS[1], math.ceil((burst - tokens) * 1000 / rate) + 1000)
return { allowed, tostring(tokens) }
`;

// Redis that does not answer must not hold up intake: a draw gives up after this long.
const COMMAND_TIMEOUT_MS = 500;
const WARN_EVERY_MS = 10_000;

type DrawCommand = (key: string, ...args: number[]) => Promise<[number, string]>;

/**
 * Buckets shared by every instance through Redis. When Redis cannot answer, requests go ahead (the limit
 * fails open, logged at most every 10 s): rate limiting protects the service, it must never be the reason
 * an order is refused.
 */
export function createRedisRateLimiter(
  url: string,
  log: Pick<Logger, "warn">,
  keyPrefix: string,
): RateLimiter {
  const redis = new Redis(url, {
    commandTimeout: COMMAND_TIMEOUT_MS,
    connectTimeout: 2_000,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    keyPrefix: `${keyPrefix}rate:`,
  });
  redis.defineCommand("drawTokens", { numberOfKeys: 1, lua: DRAW_TOKENS });
  const drawTokens = (redis as unknown as { drawTokens: DrawCommand }).drawTokens.bind(redis);
  let lastWarning = 0;
  const warn = (error: unknown) => {
    if (Date.now() - lastWarning < WARN_EVERY_MS) return;
    lastWarning = Date.now();
    log.warn({ err: error }, "rate limits cannot reach Redis; requests go ahead unlimited");
  };
  // Connection errors are reported through draws; without a listener ioredis would print each one.
  redis.on("error", () => {});
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
        return undefined;
      }
    },
    async close() {
      redis.disconnect();
    },
  };
}
