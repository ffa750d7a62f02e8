import type { Logger } from "pino";
import type { OrganisationStore } from "../storage/store.js";

/** How often the uses noted since the last write are written, in one store call: at most once a minute a key. */
export const KEY_USE_WRITE_INTERVAL_MS = 60_000;
// Keys noted between two writes; one more key's uses wait for the next write. Far above the keys one
// deployment has, and only keys that authenticated are noted.
const MAX_KEYS_NOTED = 10_000;

/** Settings of the recorder. */
export interface KeyUseRecorderOptions {
  store: Pick<OrganisationStore, "recordApiKeyUse">;
  log: Pick<Logger, "warn">;
  /** Default KEY_USE_WRITE_INTERVAL_MS; tests choose their own. */
  intervalMs?: number;
}

/**
 * Keeps keys' last uses off the request path: a request only notes its key's time in memory, and every
 * interval the latest time of each key noted is written in one batch (a write per key per minute at most,
 * whatever the traffic). A write that fails is logged and dropped: the next use notes the key again.
 */
export function createKeyUseRecorder(options: KeyUseRecorderOptions) {
  const noted = new Map<string, number>();
  let writing: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;

  const write = async (): Promise<void> => {
    if (noted.size === 0) return;
    const uses = [...noted].map(([id, at]) => ({ id, usedAt: new Date(at).toISOString() }));
    noted.clear();
    try {
      await options.store.recordApiKeyUse(uses);
    } catch (error) {
      options.log.warn({ err: error, keys: uses.length }, "could not record when API keys were last used");
    }
  };
  // One write at a time: a slow store is not asked again while it still works on the last batch.
  const writeOnce = () => {
    writing ??= write().finally(() => {
      writing = undefined;
    });
    return writing;
  };

  return {
    /** Notes that the key authenticated a request at `at`. */
    note(keyId: string, at: Date): void {
      if (noted.size >= MAX_KEYS_NOTED && !noted.has(keyId)) return;
      noted.set(keyId, Math.max(noted.get(keyId) ?? 0, at.getTime()));
    },
    start(): void {
      timer ??= setInterval(() => void writeOnce(), options.intervalMs ?? KEY_USE_WRITE_INTERVAL_MS).unref();
    },
    /** Stops the timer and writes what is noted, so that a process that stops loses no use. */
    async stop(): Promise<void> {
      clearInterval(timer);
      await writing;
      await write();
    },
    /** Writes what is noted now; for tests. */
    flush: writeOnce,
  };
}

export type KeyUseRecorder = ReturnType<typeof createKeyUseRecorder>;
