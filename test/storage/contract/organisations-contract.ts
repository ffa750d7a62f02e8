import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { type AccessChange, StoreConflictError, StoreNotFoundError } from "../../../src/storage/store.js";
import { eventually } from "../../helpers/eventually.js";
import { type OpenFixture, useFreshFixture } from "./contract-fixture.js";

/** Organisations, their API keys, and the news of a change to either reaching every process. */
export function organisationsContract(open: OpenFixture): void {
  describe("organisations and API keys", () => {
    const fixture = useFreshFixture(open);

    it("creates, finds, lists and toggles organisations; refuses a duplicate trkref", async () => {
      const { store } = fixture();
      const created = await store.createOrganisation({ trkref: "BETA-1", name: "Beta", enabled: false });
      assert.equal(created.enabled, false);
      await assert.rejects(
        store.createOrganisation({ trkref: "BETA-1", name: "Again", enabled: true }),
        StoreConflictError,
      );
      assert.equal(await store.setOrganisationEnabled("BETA-1", true), true);
      assert.equal((await store.findOrganisation("BETA-1"))?.enabled, true);
      assert.equal(await store.setOrganisationEnabled("NOPE", true), false);
      assert.equal(await store.findOrganisation("NOPE"), undefined);
      const trkrefs = (await store.listOrganisations()).map((org) => org.trkref);
      assert.deepEqual(trkrefs, [...trkrefs].sort());
      assert.ok(trkrefs.includes("BETA-1") && trkrefs.includes("ACME"));
    });

    it("creates keys for existing organisations only, lists and revokes them", async () => {
      const { store } = fixture();
      await store.createOrganisation({ trkref: "BETA-1", name: "Beta", enabled: true });
      await assert.rejects(
        store.createApiKey({ id: "k-bad", secretHash: "00", trkrefs: ["NOPE"] }),
        StoreNotFoundError,
      );
      assert.equal(await store.findApiKey("k-bad"), undefined);
      const key = await store.createApiKey({
        id: "k-1",
        secretHash: "ab".repeat(32),
        trkrefs: ["BETA-1", "ACME"],
      });
      assert.deepEqual(key.trkrefs, ["ACME", "BETA-1"]);
      assert.deepEqual((await store.findApiKey("k-1"))?.trkrefs, ["ACME", "BETA-1"]);
      assert.equal((await store.findApiKey("k-1"))?.secretHash, "ab".repeat(32));
      assert.ok((await store.listApiKeys()).some((k) => k.id === "k-1" && k.revokedAt === null));
      assert.equal(await store.revokeApiKey("k-1"), true);
      const revokedAt = (await store.findApiKey("k-1"))?.revokedAt;
      assert.ok(revokedAt);
      await store.revokeApiKey("k-1");
      assert.equal((await store.findApiKey("k-1"))?.revokedAt, revokedAt, "the first revocation time stays");
      assert.equal(await store.revokeApiKey("nope"), false);
    });

    it("tells its watchers when another process revokes a key or switches an organisation", async () => {
      const { store, openAnother } = fixture();
      const changes: AccessChange[] = [];
      await store.watchAccessChanges((change) => changes.push(change));
      const other = await openAnother();
      try {
        await other.createApiKey({ id: "k-watched", secretHash: "cd".repeat(32), trkrefs: ["ACME"] });
        // A store that can only tell that something changed reports the creation too: let it pass.
        await sleep(300);
        const covers = (what: (change: AccessChange) => boolean, from: number) =>
          changes.slice(from).some((change) => "unknown" in change || what(change));

        const beforeRevoke = changes.length;
        await other.revokeApiKey("k-watched");
        assert.ok(
          await eventually(
            () => covers((c) => "apiKey" in c && c.apiKey === "k-watched", beforeRevoke),
            3000,
          ),
          `no change reported for the revoked key: ${JSON.stringify(changes)}`,
        );
        await sleep(300);
        const beforeSwitch = changes.length;
        await other.setOrganisationEnabled("ACME", false);
        assert.ok(
          await eventually(
            () => covers((c) => "organisation" in c && c.organisation === "ACME", beforeSwitch),
            3000,
          ),
          `no change reported for the organisation: ${JSON.stringify(changes)}`,
        );
      } finally {
        await other.close();
      }
    });
  });
}
