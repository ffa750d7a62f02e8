import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, it } from "node:test";
import { createCachedLookups } from "../../src/http/cached-lookups.js";
import { openStore } from "../../src/storage/open-store.js";
import { createOrgAndKey, createTempDir } from "../helpers/test-app.js";

/** A store with a key for ACME, and look-ups that would keep what they find for ten minutes. */
async function openLookups(t: { after(fn: () => unknown): void }) {
  const dir = createTempDir();
  t.after(dir.remove);
  const store = await openStore(join(dir.path, "orders.db"));
  t.after(() => store.close());
  const { keyId } = await createOrgAndKey(store, "ACME");
  return { store, keyId, lookups: createCachedLookups(store, { ttlMs: 600_000, maxEntries: 10 }) };
}

describe("cached look-ups", () => {
  it("do not cache an answer that was read before a change reported while it was on its way", async (t) => {
    const { store, keyId, lookups } = await openLookups(t);

    const readBeforeTheChange = lookups.findApiKey(keyId);
    lookups.forget({ apiKey: keyId });
    await store.revokeApiKey(keyId);
    assert.equal((await readBeforeTheChange)?.revokedAt, null, "the read in flight saw the key before");
    assert.notEqual((await lookups.findApiKey(keyId))?.revokedAt, null, "the next read sees the revocation");
  });

  it("forget a key at once when told, although it would be cached for minutes", async (t) => {
    const { store, keyId, lookups } = await openLookups(t);
    assert.equal((await lookups.findApiKey(keyId))?.revokedAt, null);
    await store.revokeApiKey(keyId);
    assert.equal((await lookups.findApiKey(keyId))?.revokedAt, null, "cached until told");
    lookups.forget({ apiKey: keyId });
    assert.notEqual((await lookups.findApiKey(keyId))?.revokedAt, null);
  });
});
