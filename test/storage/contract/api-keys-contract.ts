import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { hashSecret, issueCredential } from "../../../src/storage/api-credentials.js";
import {
  type AccessChange,
  type Store,
  StoreConflictError,
  StoreInputError,
  StoreNotFoundError,
} from "../../../src/storage/store.js";
import { eventually } from "../../helpers/eventually.js";
import { type OpenFixture, useFreshFixture } from "./contract-fixture.js";

const AT = "2026-03-01T12:00:00.000Z";
const later = (seconds: number) => new Date(Date.parse(AT) + seconds * 1000).toISOString();

/** A key for `trkrefs` created at AT, with `extra` (a label, an expiry) given. */
async function createKey(
  store: Store,
  trkrefs: string[],
  extra: { label?: string; expiresAt?: string } = {},
) {
  const { keyId, secretHash } = issueCredential();
  return store.createApiKey({ id: keyId, secretHash, trkrefs, at: AT, ...extra });
}

/** API keys' labels, expiry, rotation, listing by organisation and last use. */
export function apiKeysContract(open: OpenFixture): void {
  describe("API keys: labels, expiry, rotation, last use", () => {
    const fixture = useFreshFixture(open);

    it("keeps a key's label and expiry, and refuses a label or expiry out of bounds before writing", async () => {
      const { store } = fixture();
      const key = await createKey(store, ["ACME"], { label: "  shop backend ", expiresAt: later(3600) });
      assert.equal(key.label, "shop backend");
      const found = await store.findApiKey(key.id);
      assert.equal(found?.label, "shop backend");
      assert.equal(found?.expiresAt, later(3600));
      assert.equal(found?.lastUsedAt, null);
      assert.equal(found?.createdAt, AT);
      assert.equal((await createKey(store, ["ACME"], { label: "  " })).label, null);

      const refusals = [
        { label: "x".repeat(101) },
        { label: "line\nbreak" },
        { label: `pasted ois_${"a".repeat(43)}` },
        { expiresAt: AT },
        { expiresAt: "next tuesday" },
      ];
      for (const refused of refusals) {
        await assert.rejects(createKey(store, ["ACME"], refused), StoreInputError, JSON.stringify(refused));
      }
      assert.equal((await store.listApiKeys()).length, 2);
    });

    it("lists every key, or only those that may act for one organisation", async () => {
      const { store } = fixture();
      await store.createOrganisation({ trkref: "BETA-1", name: "Beta", enabled: true });
      const acme = await createKey(store, ["ACME"]);
      const both = await createKey(store, ["ACME", "BETA-1"]);
      const beta = await createKey(store, ["BETA-1"]);
      const ids = (keys: { id: string }[]) => keys.map((key) => key.id).sort();
      assert.deepEqual(ids(await store.listApiKeys()), [acme.id, both.id, beta.id].sort());
      assert.deepEqual(ids(await store.listApiKeys({ trkref: "BETA-1" })), [both.id, beta.id].sort());
      const acmeKeys = await store.listApiKeys({ trkref: "ACME" });
      assert.deepEqual(ids(acmeKeys), [acme.id, both.id].sort());
      assert.deepEqual(acmeKeys.find((key) => key.id === both.id)?.trkrefs, ["ACME", "BETA-1"]);
      assert.deepEqual(await store.listApiKeys({ trkref: "NOPE" }), []);
    });

    it("rotates a key: a new secret, returned once, and the old one's hash kept until the grace ends", async () => {
      const { store } = fixture();
      const key = await createKey(store, ["ACME"], { label: "pos" });
      const rotated = await store.rotateApiKey({ id: key.id, graceSeconds: 600, at: later(10) });
      assert.equal(rotated.key.secretHash, hashSecret(rotated.secret));
      assert.match(rotated.secret, /^ois_/);
      const found = await store.findApiKey(key.id);
      assert.equal(found?.secretHash, hashSecret(rotated.secret));
      assert.equal(found?.previousSecretHash, key.secretHash);
      assert.equal(found?.previousSecretValidUntil, later(610));
      assert.equal(found?.label, "pos");
      assert.deepEqual(found?.trkrefs, ["ACME"]);

      // At most two secrets at once: no second rotation while the old secret still works.
      await assert.rejects(
        store.rotateApiKey({ id: key.id, graceSeconds: 600, at: later(609) }),
        StoreConflictError,
      );
      assert.equal((await store.findApiKey(key.id))?.secretHash, hashSecret(rotated.secret));
      const again = await store.rotateApiKey({ id: key.id, graceSeconds: 0, at: later(610) });
      const last = await store.findApiKey(key.id);
      assert.equal(last?.secretHash, hashSecret(again.secret));
      assert.equal(last?.previousSecretHash, null, "no grace: the old secret stops at once");
      assert.equal(last?.previousSecretValidUntil, null);
    });

    it("refuses to rotate an unknown, revoked or expired key, or with a grace out of bounds", async () => {
      const { store } = fixture();
      await assert.rejects(store.rotateApiKey({ id: "oik_nope", at: AT }), StoreNotFoundError);
      const revoked = await createKey(store, ["ACME"]);
      await store.revokeApiKey(revoked.id, { at: AT });
      await assert.rejects(store.rotateApiKey({ id: revoked.id, at: AT }), StoreConflictError);
      const expiring = await createKey(store, ["ACME"], { expiresAt: later(60) });
      await assert.rejects(store.rotateApiKey({ id: expiring.id, at: later(60) }), StoreConflictError);
      for (const graceSeconds of [-1, 1.5, 30 * 86_400 + 1]) {
        await assert.rejects(store.rotateApiKey({ id: expiring.id, graceSeconds, at: AT }), StoreInputError);
      }
      assert.equal((await store.findApiKey(expiring.id))?.secretHash, expiring.secretHash);
    });

    it("records keys' last use in one call, never moving a time back, ignoring unknown keys", async () => {
      const { store } = fixture();
      const first = await createKey(store, ["ACME"]);
      const second = await createKey(store, ["ACME"]);
      await store.recordApiKeyUse([
        { id: first.id, usedAt: later(60) },
        { id: second.id, usedAt: later(30) },
        { id: "oik_gone", usedAt: later(30) },
      ]);
      await store.recordApiKeyUse([{ id: first.id, usedAt: later(5) }]);
      await store.recordApiKeyUse([]);
      assert.equal((await store.findApiKey(first.id))?.lastUsedAt, later(60));
      assert.equal((await store.findApiKey(second.id))?.lastUsedAt, later(30));
      await store.recordApiKeyUse([{ id: second.id, usedAt: later(90) }]);
      assert.equal((await store.findApiKey(second.id))?.lastUsedAt, later(90));
    });

    it("tells its watchers when another process rotates a key", async () => {
      const { store, openAnother } = fixture();
      const key = await createKey(store, ["ACME"]);
      const changes: AccessChange[] = [];
      await store.watchAccessChanges((change) => changes.push(change));
      const other = await openAnother();
      try {
        // A store that can only tell that something changed may still report the creation: let it pass.
        await sleep(300);
        const before = changes.length;
        await other.rotateApiKey({ id: key.id, graceSeconds: 0 });
        const told = () =>
          changes
            .slice(before)
            .some((change) => "unknown" in change || ("apiKey" in change && change.apiKey === key.id));
        assert.ok(await eventually(told, 3000), `no change reported: ${JSON.stringify(changes)}`);
      } finally {
        await other.close();
      }
    });
  });
}
