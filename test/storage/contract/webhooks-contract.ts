import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  type AuditEntry,
  StoreConflictError,
  StoreNotFoundError,
  type WebhookEndpoint,
} from "../../../src/storage/store.js";
import { type OpenFixture, order, submission, useFreshFixture } from "./contract-fixture.js";
import { webhookDeliveriesContract } from "./webhook-deliveries-contract.js";
import { webhookRequeueContract } from "./webhook-requeue-contract.js";
import { at, attemptAt, claimAt, newEndpoint, processAll, succeededAt } from "./webhook-test-data.js";

const by = { actor: "jane", at: "2026-03-02T09:00:00.000Z" };

/** What an entry says, without its id. */
const said = ({ id: _, ...entry }: AuditEntry) => entry;

/**
 * Webhook endpoints, the deliveries processing queues for them, the claims and attempts of deliverers,
 * replays and recovery: the same on every adapter.
 */
export function webhooksContract(open: OpenFixture): void {
  describe("webhooks: endpoints and the deliveries queued for them", () => {
    const fixture = useFreshFixture(open);

    it("creates, finds and lists endpoints, and never reads their secrets back", async () => {
      const { store } = fixture();
      await store.createOrganisation({ trkref: "BETA", name: "Beta", enabled: true });
      const acme = newEndpoint({ eventTypes: ["order.created", "submission.failed"], description: "shop" });
      const everyOrg = newEndpoint({ trkref: null });
      const beta = newEndpoint({ trkref: "BETA" });
      const created = await store.createWebhookEndpoint(acme);
      await store.createWebhookEndpoint(everyOrg);
      await store.createWebhookEndpoint(beta);
      const expected: WebhookEndpoint = {
        id: acme.id,
        trkref: "ACME",
        url: acme.url,
        eventTypes: ["order.created", "submission.failed"],
        description: "shop",
        status: "enabled",
        disabledReason: null,
        disabledAt: null,
        failingSince: null,
        createdAt: acme.createdAt,
        previousSecretValidUntil: null,
      };
      assert.deepEqual(created, expected);
      assert.deepEqual(await store.findWebhookEndpoint(acme.id), expected);
      assert.equal((await store.findWebhookEndpoint(everyOrg.id))?.eventTypes, null);
      assert.equal(await store.findWebhookEndpoint("we_nobody"), undefined);

      const all = await store.listWebhookEndpoints();
      assert.deepEqual(
        all.map((e) => e.id),
        [acme.id, everyOrg.id, beta.id],
      );
      assert.doesNotMatch(JSON.stringify(all), /whsec_/);
      const ids = async (filter: { trkref: string | null }) =>
        (await store.listWebhookEndpoints(filter)).map((e) => e.id);
      assert.deepEqual(await ids({ trkref: "ACME" }), [acme.id]);
      assert.deepEqual(await ids({ trkref: "BETA" }), [beta.id]);
      assert.deepEqual(await ids({ trkref: null }), [everyOrg.id]);
      assert.deepEqual(await ids({ trkref: "NOBODY" }), []);
    });

    it("refuses an endpoint of an organisation that does not exist, and an id taken", async () => {
      const { store } = fixture();
      await assert.rejects(
        store.createWebhookEndpoint(newEndpoint({ trkref: "NOBODY" })),
        StoreNotFoundError,
      );
      const endpoint = newEndpoint();
      await store.createWebhookEndpoint(endpoint);
      await assert.rejects(
        store.createWebhookEndpoint({ ...endpoint, url: "https://other.example.com" }),
        (error) => {
          assert.ok(error instanceof StoreConflictError);
          assert.doesNotMatch(error.message, /whsec_/);
          return true;
        },
      );
      assert.deepEqual(
        (await store.listWebhookEndpoints()).map((e) => e.url),
        [endpoint.url],
      );
    });

    it("removes an endpoint with its deliveries and their attempts", async () => {
      const { store } = fixture();
      const endpoint = newEndpoint();
      await store.createWebhookEndpoint(endpoint);
      await store.commitIntake([{ submissions: [submission(order("RM-1"))] }]);
      await processAll(store);
      const [claimed] = await store.claimWebhookDeliveries(claimAt("a", 0));
      assert.ok(claimed);
      await store.recordWebhookAttempts([succeededAt(claimed, 0)]);
      await store.recordWebhookPing({ ...attemptAt(claimed, 1), deliveryId: null });
      assert.equal(await store.removeWebhookEndpoint(endpoint.id), true);
      assert.equal(await store.findWebhookEndpoint(endpoint.id), undefined);
      assert.equal(await store.removeWebhookEndpoint(endpoint.id), false);
      // The same id again starts with no history: the old rows went with the endpoint.
      await store.createWebhookEndpoint(endpoint);
      assert.deepEqual(await store.listWebhookDeliveries({ endpointId: endpoint.id, limit: 10 }), []);
      assert.deepEqual(await store.listWebhookAttempts({ endpointId: endpoint.id, limit: 10 }), []);
      // The event itself stays in the log.
      assert.equal((await store.listEvents({ trkref: "ACME", limit: 10 })).length, 1);
    });

    it("rotates a secret: the previous one signs beside the new one until its grace ends", async () => {
      const { store } = fixture();
      const endpoint = newEndpoint();
      await store.createWebhookEndpoint(endpoint);
      assert.deepEqual(await store.findWebhookSecrets(endpoint.id), {
        current: endpoint.secret,
        previous: null,
      });
      const until = new Date(Date.now() + 3_600_000).toISOString();
      const rotated = await store.rotateWebhookSecret({
        id: endpoint.id,
        secret: "whsec_c2Vjb25k",
        previousValidUntil: until,
      });
      assert.equal(rotated?.previousSecretValidUntil, until);
      assert.doesNotMatch(JSON.stringify(rotated), /whsec_/);
      assert.deepEqual(await store.findWebhookSecrets(endpoint.id), {
        current: "whsec_c2Vjb25k",
        previous: { secret: endpoint.secret, validUntil: until },
      });
      // A rotation whose grace is over at once: only the newest secret signs.
      const past = new Date(Date.now() - 1000).toISOString();
      await store.rotateWebhookSecret({
        id: endpoint.id,
        secret: "whsec_dGhpcmQ=",
        previousValidUntil: past,
      });
      assert.deepEqual(await store.findWebhookSecrets(endpoint.id), {
        current: "whsec_dGhpcmQ=",
        previous: null,
      });
      assert.equal(
        await store.rotateWebhookSecret({ id: "we_nobody", secret: "whsec_eA==", previousValidUntil: until }),
        undefined,
      );
      assert.equal(await store.findWebhookSecrets("we_nobody"), undefined);
    });

    it("signs a claimed delivery with the previous secret too while its grace lasts at the claim's time", async () => {
      const { store } = fixture();
      const endpoint = newEndpoint();
      await store.createWebhookEndpoint(endpoint);
      await store.rotateWebhookSecret({ id: endpoint.id, secret: "whsec_bmV3", previousValidUntil: at(5) });
      await store.commitIntake([{ submissions: [submission(order("SIG-1")), submission(order("SIG-2"))] }]);
      await processAll(store);
      const [early] = await store.claimWebhookDeliveries(claimAt("a", 0, { limit: 1 }));
      assert.deepEqual(early?.endpoint.secrets, {
        current: "whsec_bmV3",
        previous: { secret: endpoint.secret, validUntil: at(5) },
      });
      const [late] = await store.claimWebhookDeliveries(claimAt("a", 6, { limit: 1 }));
      assert.notEqual(late?.id, early?.id);
      assert.deepEqual(late?.endpoint.secrets, { current: "whsec_bmV3", previous: null });
    });

    it("queues each event for the enabled endpoints it is for: its organisation's, of its type, and every organisation's", async () => {
      const { store, exec } = fixture();
      await store.createOrganisation({ trkref: "BETA", name: "Beta", enabled: true });
      const acme = newEndpoint();
      const acmeUpdates = newEndpoint({ eventTypes: ["order.updated"] });
      const everyOrg = newEndpoint({ trkref: null });
      const beta = newEndpoint({ trkref: "BETA" });
      const disabled = newEndpoint();
      for (const endpoint of [acme, acmeUpdates, everyOrg, beta, disabled])
        await store.createWebhookEndpoint(endpoint);
      await exec(`UPDATE webhook_endpoints SET status = 'disabled' WHERE id = '${disabled.id}'`);
      await store.commitIntake([
        {
          submissions: [
            submission(order("Q-1")),
            submission(order("Q-1", { fulfilment_date: "2021-09-30" })),
            submission(order("QB-1", { trkref: "BETA" })),
          ],
        },
      ]);
      await processAll(store);
      const queued = async (endpointId: string) =>
        (await store.listWebhookDeliveries({ endpointId, limit: 10 })).map(
          (d) => `${d.trkref} ${d.orderRef} ${d.eventType}`,
        );
      assert.deepEqual(await queued(acme.id), ["ACME Q-1 order.updated", "ACME Q-1 order.created"]);
      assert.deepEqual(await queued(acmeUpdates.id), ["ACME Q-1 order.updated"]);
      assert.deepEqual(await queued(beta.id), ["BETA QB-1 order.created"]);
      assert.deepEqual((await queued(everyOrg.id)).sort(), [
        "ACME Q-1 order.created",
        "ACME Q-1 order.updated",
        "BETA QB-1 order.created",
      ]);
      assert.deepEqual(await queued(disabled.id), []);

      const [delivery] = await store.listWebhookDeliveries({ endpointId: acmeUpdates.id, limit: 10 });
      const [event] = await store.listEvents({ trkref: "ACME", types: ["order.updated"], limit: 1 });
      assert.deepEqual(delivery && { ...delivery, id: 0, nextAttemptAt: "", createdAt: "" }, {
        id: 0,
        endpointId: acmeUpdates.id,
        eventId: event?.id,
        eventType: "order.updated",
        trkref: "ACME",
        orderRef: "Q-1",
        status: "pending",
        attempts: 0,
        nextAttemptAt: "",
        createdAt: "",
        completedAt: null,
      });
      assert.equal(delivery?.nextAttemptAt, delivery?.createdAt);
      assert.match(delivery?.createdAt ?? "", /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    });

    it("writes an audit entry of each operator action on an endpoint, in its transaction, never with a secret", async () => {
      const { store } = fixture();
      const before = (await store.listAuditEntries()).length;
      const endpoint = newEndpoint({ eventTypes: ["order.created"] });
      await store.createWebhookEndpoint({ ...endpoint, ...by });
      await store.commitIntake([{ submissions: [submission(order("AU-1"))] }]);
      await processAll(store);
      const [event] = await store.listEvents({ trkref: "ACME", limit: 1 });
      assert.ok(event);
      await store.rotateWebhookSecret({
        id: endpoint.id,
        secret: "whsec_cm90YXRlZA==",
        previousValidUntil: "2026-03-03T09:00:00.000Z",
        ...by,
      });
      // Its delivery is on its way: a replay now queues nothing, and is not logged.
      assert.equal(await store.replayWebhookEvent({ eventId: event.id, now: at(0), ...by }), 0);
      const [claimed] = await store.claimWebhookDeliveries(claimAt("a", 0));
      assert.ok(claimed);
      await store.recordWebhookAttempts([succeededAt(claimed, 0)]);
      assert.equal(await store.replayWebhookEvent({ eventId: event.id, now: at(0), ...by }), 1);
      await store.recoverWebhookEndpoint({
        id: endpoint.id,
        since: "2026-01-01T00:00:00.000Z",
        now: at(1),
        ...by,
      });
      await store.removeWebhookEndpoint(endpoint.id, by);
      // Without an actor (a merchant's own change through the API) nothing is logged.
      const unlogged = newEndpoint();
      await store.createWebhookEndpoint(unlogged);
      await store.removeWebhookEndpoint(unlogged.id);

      const entries = (await store.listAuditEntries()).slice(0, -before || undefined);
      assert.deepEqual(entries.map(said), [
        {
          ...by,
          action: "webhook.removed",
          subject: endpoint.id,
          details: { url: endpoint.url, trkref: "ACME" },
        },
        {
          ...by,
          action: "webhook.recovered",
          subject: endpoint.id,
          details: { since: "2026-01-01T00:00:00.000Z", queued: 0 },
        },
        {
          ...by,
          action: "webhook.replayed",
          subject: event.id,
          details: { endpoint_id: null, queued: 1 },
        },
        {
          ...by,
          action: "webhook.secret_rotated",
          subject: endpoint.id,
          details: { previous_secret_valid_until: "2026-03-03T09:00:00.000Z" },
        },
        {
          ...by,
          action: "webhook.created",
          subject: endpoint.id,
          details: { url: endpoint.url, trkref: "ACME", event_types: ["order.created"], description: null },
        },
      ]);
      assert.doesNotMatch(JSON.stringify(entries), /whsec_/);
    });
  });

  webhookDeliveriesContract(open);
  webhookRequeueContract(open);
}
