import { setTimeout as sleep } from "node:timers/promises";

/**
 * Reads until `done` holds of what was read, every `everyMs`, for at most `timeoutMs`; answers the last
 * value read, for the caller to assert on (the service does its work in the background).
 */
export async function pollUntil<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  { timeoutMs = 15_000, everyMs = 50 }: { timeoutMs?: number; everyMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  const rounds = Math.ceil(timeoutMs / everyMs) + 1;
  let value = await read();
  for (let round = 1; round < rounds && !done(value) && Date.now() < deadline; round++) {
    await sleep(everyMs);
    value = await read();
  }
  return value;
}

/** Every item of `items`, taking at most `limit` of them: a listing that does not end fails the test. */
export async function collect<T>(items: AsyncIterable<T>, limit = 10_000): Promise<T[]> {
  const taken: T[] = [];
  for await (const item of items) {
    taken.push(item);
    if (taken.length > limit) throw new Error(`more than ${limit} items: the listing does not end`);
  }
  return taken;
}
