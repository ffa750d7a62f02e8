import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { type Probe, withRequiredService } from "./required-service.js";

/** The server the Redis tests use; each test gets key prefixes of its own. */
export const REDIS_TEST_URL = process.env.REDIS_TEST_URL ?? "redis://127.0.0.1:6379";

/** A key prefix no other test uses. */
export const uniqueRedisPrefix = (label: string) =>
  `order-intake-test:${label}:${randomBytes(5).toString("hex")}:`;

async function probeRedis(): Promise<Probe> {
  const redis = new Redis(REDIS_TEST_URL, {
    lazyConnect: true,
    connectTimeout: 2000,
    maxRetriesPerRequest: 0,
  });
  redis.on("error", () => {});
  try {
    await redis.connect();
    await redis.ping();
    return { available: true };
  } catch (error) {
    return {
      available: false,
      reason: `Redis not reachable at ${REDIS_TEST_URL}: ${(error as Error).message}`,
    };
  } finally {
    redis.disconnect();
  }
}

/** Runs `define` when the Redis server answers; see `withRequiredService`. */
export const withRedis = (define: () => void) =>
  withRequiredService("Redis", "REQUIRE_REDIS", probeRedis, define);
