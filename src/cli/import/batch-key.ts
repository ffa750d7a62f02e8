import { createHash } from "node:crypto";

/** Bumped if the documents of a batch ever change shape, so that an old key never matches a new batch. */
const KEY_PREFIX = "order-intake import v1\n";

/**
 * The idempotency key of one batch: a digest of the organisation and the batch's documents, so that the same
 * batch of the same file gets the same key on every run and a re-run within the service's idempotency window
 * is replayed instead of submitted again. 50 visible ASCII characters, well within the 255 the service takes.
 */
export function batchIdempotencyKey(trkref: string, documents: readonly unknown[]): string {
  const digest = createHash("sha256")
    .update(`${KEY_PREFIX}${trkref}\n${JSON.stringify(documents)}`)
    .digest("base64url");
  return `import-${digest}`;
}
