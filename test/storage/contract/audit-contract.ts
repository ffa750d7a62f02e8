import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { issueCredential } from "../../../src/storage/api-credentials.js";
import {
  type AuditEntry,
  DEFAULT_ACTOR,
  StoreConflictError,
  StoreDefectError,
  StoreNotFoundError,
} from "../../../src/storage/store.js";
import { type OpenFixture, useFreshFixture } from "./contract-fixture.js";

const AT = "2026-03-01T12:00:00.000Z";
const by = { actor: "jane", at: AT };

/** What an entry says, without its id. */
const said = ({ id: _, ...entry }: AuditEntry) => entry;

/** The audit log: one entry per operator action, in the action's own transaction, read newest first. */
export function auditContract(open: OpenFixture): void {
  describe("audit log of operator actions", () => {
    const fixture = useFreshFixture(open);

    it("records who did what to which organisation or key, when, and how, newest first", async () => {
      const { store } = fixture();
      const before = (await store.listAuditEntries()).length;
      await store.createOrganisation({ trkref: "BETA-1", name: "Beta", enabled: false, ...by });
      await store.setOrganisationEnabled("BETA-1", true, by);
      await store.renameOrganisation("BETA-1", "Beta Ltd", by);
      await store.setOrganisationRateLimit("BETA-1", { ratePerSecond: 500, burst: 1000 }, by);
      const { keyId, secretHash } = issueCredential();
      await store.createApiKey({ id: keyId, secretHash, trkrefs: ["BETA-1"], label: "till", ...by });
      const rotated = await store.rotateApiKey({ id: keyId, graceSeconds: 3600, ...by });
      await store.revokeApiKey(keyId, by);
      await store.setOrganisationEnabled("BETA-1", false);

      const entries = (await store.listAuditEntries()).slice(0, -before || undefined);
      assert.deepEqual(entries.map(said), [
        {
          at: entries[0]?.at,
          actor: DEFAULT_ACTOR,
          action: "organisation.disabled",
          subject: "BETA-1",
          details: {},
        },
        { at: AT, actor: "jane", action: "key.revoked", subject: keyId, details: { trkrefs: ["BETA-1"] } },
        {
          at: AT,
          actor: "jane",
          action: "key.rotated",
          subject: keyId,
          details: { trkrefs: ["BETA-1"], previous_secret_valid_until: "2026-03-01T13:00:00.000Z" },
        },
        {
          at: AT,
          actor: "jane",
          action: "key.created",
          subject: keyId,
          details: { trkrefs: ["BETA-1"], label: "till", expires_at: null },
        },
        {
          at: AT,
          actor: "jane",
          action: "organisation.rate_limit_changed",
          subject: "BETA-1",
          details: { from: null, to: { rate_per_second: 500, burst: 1000 } },
        },
        {
          at: AT,
          actor: "jane",
          action: "organisation.renamed",
          subject: "BETA-1",
          details: { from: "Beta", to: "Beta Ltd" },
        },
        { at: AT, actor: "jane", action: "organisation.enabled", subject: "BETA-1", details: {} },
        {
          at: AT,
          actor: "jane",
          action: "organisation.created",
          subject: "BETA-1",
          details: { name: "Beta", enabled: false },
        },
      ]);
      assert.ok(Date.parse(entries[0]?.at ?? "") > Date.parse(AT), "no time given: the time of the action");
      const written = JSON.stringify(entries);
      for (const secret of [rotated.secret, secretHash, rotated.key.secretHash]) {
        assert.ok(!written.includes(secret), "no secret, nor a secret's hash, is in the log");
      }
    });

    it("records no action that failed or changed nothing", async () => {
      const { store } = fixture();
      const { keyId, secretHash } = issueCredential();
      await store.createApiKey({ id: keyId, secretHash, trkrefs: ["ACME"], ...by });
      await store.revokeApiKey(keyId, by);
      await store.setOrganisationInvitationPolicy("ACME", {
        delay_days: 10,
        country_delay_days: { GB: 5, US: 10 },
      });
      const before = await store.listAuditEntries();

      await assert.rejects(
        store.createOrganisation({ trkref: "ACME", name: "Again", enabled: true, ...by }),
        StoreConflictError,
      );
      const other = issueCredential();
      await assert.rejects(
        store.createApiKey({ id: other.keyId, secretHash: other.secretHash, trkrefs: ["NOPE"], ...by }),
        StoreNotFoundError,
      );
      await assert.rejects(store.rotateApiKey({ id: keyId, ...by }), StoreConflictError);
      assert.equal(await store.revokeApiKey(keyId, by), true, "revoking twice succeeds");
      assert.equal(await store.setOrganisationEnabled("ACME", true, by), true, "enabling twice succeeds");
      await store.renameOrganisation("ACME", "Acme", by);
      await store.setOrganisationRateLimit("ACME", null, by);
      // The same policy, its keys in another order.
      await store.setOrganisationInvitationPolicy(
        "ACME",
        { country_delay_days: { US: 10, GB: 5 }, delay_days: 10 },
        by,
      );
      assert.equal(await store.setOrganisationEnabled("NOPE", true, by), false);

      assert.deepEqual(await store.listAuditEntries(), before);
    });

    it("undoes the action when its entry cannot be written", async () => {
      const { store, exec } = fixture();
      const { keyId, secretHash } = issueCredential();
      await store.createApiKey({ id: keyId, secretHash, trkrefs: ["ACME"], ...by });
      await exec("DROP TABLE audit_log");
      await assert.rejects(store.revokeApiKey(keyId, by), StoreDefectError);
      assert.equal((await store.findApiKey(keyId))?.revokedAt, null);
      await assert.rejects(store.renameOrganisation("ACME", "Renamed", by), StoreDefectError);
      await assert.rejects(
        store.createOrganisation({ trkref: "BETA-1", name: "Beta", enabled: true, ...by }),
        StoreDefectError,
      );
      assert.equal((await store.findOrganisation("ACME"))?.name, "Acme");
      assert.equal(await store.findOrganisation("BETA-1"), undefined);
    });

    it("pages through the log with a limit and the id of the last entry seen", async () => {
      const { store } = fixture();
      for (let n = 1; n <= 5; n++) await store.renameOrganisation("ACME", `Acme ${n}`, by);
      const newest = await store.listAuditEntries({ limit: 2 });
      assert.deepEqual(
        newest.map((entry) => entry.details.to),
        ["Acme 5", "Acme 4"],
      );
      const next = await store.listAuditEntries({ limit: 2, before: newest[1]?.id ?? 0 });
      assert.deepEqual(
        next.map((entry) => entry.details.to),
        ["Acme 3", "Acme 2"],
      );
      assert.ok((next[0]?.id ?? 0) < (newest[1]?.id ?? 0));
      assert.equal((await store.listAuditEntries({ limit: 0 })).length, 1, "at least one entry a page");
    });
  });
}
