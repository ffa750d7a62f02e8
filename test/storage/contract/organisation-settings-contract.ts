import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { issueCredential } from "../../../src/storage/api-credentials.js";
import { type AccessChange, StoreInputError } from "../../../src/storage/store.js";
import { eventually } from "../../helpers/eventually.js";
import { type OpenFixture, useFreshFixture } from "./contract-fixture.js";

/** Renaming an organisation, its own rate limit, and what `org show` prints of it. */
export function organisationSettingsContract(open: OpenFixture): void {
  describe("organisations: name, rate limit, summary", () => {
    const fixture = useFreshFixture(open);

    it("renames an organisation, and refuses a blank or over-long name", async () => {
      const { store } = fixture();
      const renamed = await store.renameOrganisation("ACME", "  Acme Holdings Ltd ");
      assert.equal(renamed?.name, "Acme Holdings Ltd");
      assert.equal((await store.findOrganisation("ACME"))?.name, "Acme Holdings Ltd");
      assert.equal(await store.renameOrganisation("NOPE", "Nobody"), undefined);
      await assert.rejects(store.renameOrganisation("ACME", " "), StoreInputError);
      await assert.rejects(store.renameOrganisation("ACME", "x".repeat(201)), StoreInputError);
      assert.equal((await store.findOrganisation("ACME"))?.name, "Acme Holdings Ltd");
    });

    it("sets, reads back and clears an organisation's own rate limit", async () => {
      const { store } = fixture();
      assert.equal((await store.findOrganisation("ACME"))?.rateLimit, null, "the default until set");
      const limited = await store.setOrganisationRateLimit("ACME", { ratePerSecond: 2.5, burst: 10 });
      assert.deepEqual(limited?.rateLimit, { ratePerSecond: 2.5, burst: 10 });
      assert.deepEqual((await store.findOrganisation("ACME"))?.rateLimit, { ratePerSecond: 2.5, burst: 10 });
      const listed = (await store.listOrganisations()).find((org) => org.trkref === "ACME");
      assert.deepEqual(listed?.rateLimit, { ratePerSecond: 2.5, burst: 10 });
      assert.equal(await store.setOrganisationRateLimit("NOPE", { ratePerSecond: 1, burst: 1 }), undefined);
      for (const wrong of [
        { ratePerSecond: 0, burst: 1 },
        { ratePerSecond: 10, burst: 5 },
        { ratePerSecond: 1, burst: 1.5 },
        { ratePerSecond: Number.NaN, burst: 1 },
      ]) {
        await assert.rejects(store.setOrganisationRateLimit("ACME", wrong), StoreInputError);
      }
      assert.equal((await store.setOrganisationRateLimit("ACME", null))?.rateLimit, null);
      assert.equal((await store.findOrganisation("ACME"))?.rateLimit, null);
    });

    it("summarises an organisation: its limit, its keys counted, their latest use", async () => {
      const { store, exec } = fixture();
      await store.createOrganisation({ trkref: "QUIET", name: "Quiet", enabled: false });
      const quiet = await store.findOrganisationSummary("QUIET");
      assert.deepEqual(
        { keyCount: quiet?.keyCount, active: quiet?.activeKeyCount, lastUse: quiet?.lastKeyUseAt },
        { keyCount: 0, active: 0, lastUse: null },
      );
      assert.equal(await store.findOrganisationSummary("NOPE"), undefined);

      await store.setOrganisationRateLimit("ACME", { ratePerSecond: 500, burst: 1000 });
      const ids = [];
      for (let n = 0; n < 4; n++) {
        const { keyId, secretHash } = issueCredential();
        await store.createApiKey({ id: keyId, secretHash, trkrefs: ["ACME"] });
        ids.push(keyId);
      }
      const [active, revoked, expired, used] = ids as [string, string, string, string];
      await store.revokeApiKey(revoked);
      await exec(`UPDATE api_keys SET expires_at = '2020-01-01T00:00:00.000Z' WHERE id = '${expired}'`);
      await store.recordApiKeyUse([
        { id: active, usedAt: "2026-03-01T12:00:00.000Z" },
        { id: used, usedAt: "2026-03-02T08:30:00.000Z" },
      ]);
      const summary = await store.findOrganisationSummary("ACME");
      assert.equal(summary?.name, "Acme");
      assert.equal(summary?.enabled, true);
      assert.deepEqual(summary?.rateLimit, { ratePerSecond: 500, burst: 1000 });
      assert.equal(summary?.keyCount, 4);
      assert.equal(summary?.activeKeyCount, 2);
      assert.equal(summary?.lastKeyUseAt, "2026-03-02T08:30:00.000Z");
    });

    it("tells its watchers when another process renames or limits an organisation", async () => {
      const { store, openAnother } = fixture();
      const changes: AccessChange[] = [];
      await store.watchAccessChanges((change) => changes.push(change));
      const other = await openAnother();
      const told = (from: number) => () =>
        changes
          .slice(from)
          .some(
            (change) => "unknown" in change || ("organisation" in change && change.organisation === "ACME"),
          );
      try {
        await sleep(300);
        const beforeLimit = changes.length;
        await other.setOrganisationRateLimit("ACME", { ratePerSecond: 5, burst: 10 });
        assert.ok(
          await eventually(told(beforeLimit), 3000),
          `no change reported: ${JSON.stringify(changes)}`,
        );
        await sleep(300);
        const beforeRename = changes.length;
        await other.renameOrganisation("ACME", "Acme Two");
        assert.ok(
          await eventually(told(beforeRename), 3000),
          `no change reported: ${JSON.stringify(changes)}`,
        );
      } finally {
        await other.close();
      }
    });
  });
}
