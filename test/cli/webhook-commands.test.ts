import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { minimalExampleOrder } from "../../src/domain/order-example.js";
import { killCliProcesses, readRows, runCliWith } from "../helpers/cli-process.js";
import { createOrgAndKey, createTestApp, type TestApp } from "../helpers/test-app.js";
import type { WebhookEndpointJson } from "../helpers/webhook-endpoint-json.js";
import { type ReceivedWebhook, startWebhookReceiver, verifyWebhook } from "../helpers/webhook-receiver.js";

interface AttemptJson {
  id: number;
  delivery_id: number | null;
  event_id: string;
  attempted_at: string;
  result: string;
  status_code: number | null;
  latency_ms: number;
  response_excerpt: string | null;
  error: string | null;
}

const HOUR_MS = 3_600_000;

/** A receiver on loopback that keeps every request and answers with the status the test sets. */
async function startReceiver() {
  const state = { status: 200 };
  const receiver = await startWebhookReceiver(() => ({
    status: state.status,
    headers: { "content-type": "text/plain" },
    body: state.status < 300 ? "thanks" : "broken\ntoday",
  }));
  return { ...receiver, state };
}

/** Whether `secret` verifies the request, as a receiver using the Standard Webhooks library checks it. */
function verifies(secret: string, request: ReceivedWebhook | undefined): boolean {
  assert.ok(request, "the receiver got a request");
  try {
    verifyWebhook(secret, request);
    return true;
  } catch {
    return false;
  }
}

// The CLI against the file of an app in this process, as an operator's beside a running server. The app
// runs no deliverer: what is queued stays queued, and the test plays the deliverer's part through the store.
describe("order-intake webhook", () => {
  let t: TestApp;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const cliWith = (env: Record<string, string>, ...args: string[]) =>
    runCliWith({ DATABASE_URL: t.config.databaseUrl, WEBHOOK_ALLOW_PRIVATE_URLS: "true", ...env }, args);
  const cli = (...args: string[]) => cliWith({}, ...args);
  const cliOk = async (...args: string[]) => {
    const result = await cli(...args);
    assert.equal(result.code, 0, `${args.join(" ")}: ${result.stderr}`);
    return result.stdout;
  };
  const cliJson = async <T = WebhookEndpointJson>(...args: string[]) =>
    JSON.parse(await cliOk(...args, "--json")) as T;
  const auditRows = (subject: string) =>
    readRows(t.config.databaseUrl, "audit_log").filter((row) => row.subject === subject);

  /** An order of `trkref` submitted and processed: its event is written, and queued for its endpoints. */
  async function processOrder(trkref: string, authorization: string, orderRef: string) {
    const response = await t.app.inject({
      method: "POST",
      url: `/v4/organisations/${trkref}/customer_order`,
      headers: { authorization },
      payload: { ...minimalExampleOrder(trkref), order_ref: orderRef },
    });
    assert.equal(response.statusCode, 202, response.body);
    await t.processAll();
  }

  /** Plays one failed attempt at every due delivery of `endpointId`, as a deliverer would record it. */
  async function failDeliveries(endpointId: string, disable?: "gone") {
    const now = new Date(Date.now() + 1000).toISOString();
    const claimed = await t.store.claimWebhookDeliveries({
      owner: "test-deliverer",
      now,
      leaseUntil: new Date(Date.now() + 60_000).toISOString(),
      limit: 10,
      excludeEndpoints: [],
    });
    const mine = claimed.filter((delivery) => delivery.endpoint.id === endpointId);
    for (const delivery of mine) {
      await t.store.recordWebhookAttempts([
        {
          attempt: {
            endpointId,
            deliveryId: delivery.id,
            eventId: delivery.event.id,
            attemptedAt: now,
            result: disable ? "gone" : "failed_status",
            statusCode: disable ? 410 : 500,
            latencyMs: 12,
            responseExcerpt: "broken",
            error: null,
          },
          owner: "test-deliverer",
          delivery: { status: "failed", completedAt: now },
          failingSince: now,
          ...(disable && { disable: { reason: disable, at: now } }),
        },
      ]);
    }
    return mine.map((delivery) => delivery.event.id);
  }

  before(async () => {
    t = await createTestApp();
    receiver = await startReceiver();
  });
  after(async () => {
    await killCliProcesses();
    await receiver.close();
    await t.close();
  });

  it("adds an endpoint for an organisation, prints its secret once, and logs who added it", async () => {
    await cliOk("org", "create", "HOOK", "--name", "Hook Ltd", "--enable");
    const added = await cliJson(
      "webhook",
      "add",
      "--org",
      "HOOK",
      "--url",
      receiver.url,
      "--events",
      "order.updated, order.created",
      "--description",
      "warehouse",
      "--actor",
      "alice",
    );
    assert.match(added.id, /^we_[a-z2-7]{24}$/);
    assert.equal(added.trkref, "HOOK");
    assert.deepEqual(added.event_types, ["order.created", "order.updated"]);
    assert.equal(added.description, "warehouse");
    assert.equal(added.status, "enabled");
    assert.match(added.secret ?? "", /^whsec_[A-Za-z0-9+/]{43}=$/);
    assert.equal((await t.store.findWebhookSecrets(added.id))?.current, added.secret);
    const [entry] = auditRows(added.id);
    assert.equal(entry?.actor, "alice");
    assert.equal(entry?.action, "webhook.created");

    const text = await cliOk("webhook", "add", "--org", "HOOK", "--url", "https://shop.example.com/hooks");
    const id = /^Endpoint: (we_[a-z2-7]{24})$/m.exec(text)?.[1];
    const secret = /^Secret: +(whsec_\S+)$/m.exec(text)?.[1];
    assert.ok(id && secret, text);
    assert.match(text, /It receives every event type of HOOK\./);
    assert.match(text, /The secret will not be shown again/);
    assert.equal((await t.store.findWebhookSecrets(id))?.current, secret);

    const listed = await cliJson<WebhookEndpointJson[]>("webhook", "list", "--org", "HOOK");
    assert.deepEqual(
      listed.map((endpoint) => endpoint.id),
      [added.id, id],
    );
    const { secret: _, ...withoutSecret } = added;
    assert.deepEqual(listed[0], withoutSecret);
    assert.ok(!JSON.stringify(listed).includes("whsec_"), "a listing shows no secret");
  });

  it("adds an installation endpoint with --all-orgs, and lists each kind apart", async () => {
    const installation = await cliJson(
      "webhook",
      "add",
      "--all-orgs",
      "--url",
      "https://ops.example.com/all",
    );
    assert.equal(installation.trkref, null);
    await cliOk("org", "create", "LISTED", "--name", "Listed Ltd", "--enable");
    const own = await cliJson("webhook", "add", "--org", "LISTED", "--url", "https://listed.example.com/h");

    const ids = async (...filter: string[]) =>
      (await cliJson<WebhookEndpointJson[]>("webhook", "list", ...filter)).map((endpoint) => endpoint.id);
    assert.deepEqual(await ids("--all-orgs"), [installation.id]);
    assert.deepEqual(await ids("--org", "LISTED"), [own.id]);
    const every = await ids();
    assert.ok(every.includes(installation.id) && every.includes(own.id), "every endpoint without a filter");

    const [header, ...lines] = (await cliOk("webhook", "list", "--all-orgs")).trimEnd().split("\n");
    assert.match(
      header ?? "",
      /^ID +ORGANISATION +STATUS +EVENTS +URL +FAILING SINCE +CREATED +DESCRIPTION$/,
    );
    assert.deepEqual(lines.length, 1);
    assert.match(
      lines[0] ?? "",
      new RegExp(`^${installation.id} +\\(all orgs\\) +enabled +all +https://ops`),
    );
  });

  it("refuses a wrong command line with exit 2 and an unknown organisation with exit 1, adding nothing", async () => {
    await cliOk("org", "create", "REFUSED", "--name", "Refused Ltd", "--enable");
    const url = "https://shop.example.com/hooks";
    for (const [args, code, message] of [
      [["--url", url], 2, /Give either --org <TRKREF> or --all-orgs/],
      [["--org", "REFUSED", "--all-orgs", "--url", url], 2, /Give either --org <TRKREF> or --all-orgs/],
      [["--org", "REFUSED", "--url", "ftp://shop.example.com/"], 2, /--url: Must be an https or http URL/],
      [["--org", "REFUSED", "--url", "https://u:p@shop.example.com/"], 2, /--url: Must not hold a user name/],
      [
        ["--org", "REFUSED", "--url", url, "--events", "order.deleted"],
        2,
        /--events: Unknown event type "order\.deleted"/,
      ],
      [
        ["--org", "REFUSED", "--url", url, "--description", "x".repeat(201)],
        2,
        /--description: Must be at most 200/,
      ],
      [["--org", "refused", "--url", url], 2, /Malformed TRKREF "refused": it must be upper case/],
      [["--org", "NOBODY", "--url", url], 1, /No organisation NOBODY/],
    ] as const) {
      const result = await cli("webhook", "add", ...args);
      assert.equal(result.code, code, `${args.join(" ")}: ${result.stderr}`);
      assert.match(result.stderr, message);
      assert.doesNotMatch(result.stdout, /whsec_/);
    }
    // Without WEBHOOK_ALLOW_PRIVATE_URLS, a loopback or private address is refused, and so is http.
    for (const [privateUrl, message] of [
      ["https://10.0.0.1/hooks", /--url: 10\.0\.0\.1 is a loopback, private or otherwise non-public address/],
      [receiver.url, /--url: Must be an https URL \(got http:\)/],
    ] as const) {
      const result = await cliWith(
        { WEBHOOK_ALLOW_PRIVATE_URLS: "false" },
        "webhook",
        "add",
        "--org",
        "REFUSED",
        "--url",
        privateUrl,
      );
      assert.equal(result.code, 2, result.stderr);
      assert.match(result.stderr, message);
    }
    assert.deepEqual(await t.store.listWebhookEndpoints({ trkref: "REFUSED" }), []);
  });

  it("sends a signed ping with 'webhook test', exits 1 when the receiver fails, and logs both attempts", async () => {
    await cliOk("org", "create", "PING", "--name", "Ping Ltd", "--enable");
    const endpoint = await cliJson("webhook", "add", "--org", "PING", "--url", receiver.url);
    receiver.state.status = 204;
    const before = receiver.received.length;
    const ok = await cliJson<Record<string, unknown>>("webhook", "test", endpoint.id);
    assert.equal(ok.result, "succeeded");
    assert.equal(ok.status_code, 204);
    assert.equal(typeof ok.latency_ms, "number");
    const ping = receiver.received[before];
    assert.equal(receiver.received.length, before + 1);
    assert.ok(verifies(endpoint.secret ?? "", ping), "the ping verifies with the endpoint's secret");
    assert.equal(ping?.headers["webhook-id"], ok.event_id);
    assert.equal(JSON.parse(ping?.body ?? "{}").type, "webhook.ping");

    receiver.state.status = 500;
    const failed = await cli("webhook", "test", endpoint.id);
    receiver.state.status = 200;
    assert.equal(failed.code, 1, failed.stderr);
    assert.match(failed.stdout, /^result +failed_status$/m);
    assert.match(failed.stdout, /^status_code +500$/m);
    assert.match(failed.stdout, /^response_excerpt +broken today$/m);
    assert.match(failed.stderr, /did not succeed \(failed_status\)/);

    const attempts = await cliJson<AttemptJson[]>("webhook", "deliveries", endpoint.id);
    assert.deepEqual(
      attempts.map((attempt) => [attempt.result, attempt.status_code, attempt.delivery_id]),
      [
        ["failed_status", 500, null],
        ["succeeded", 204, null],
      ],
    );
    assert.equal(attempts[1]?.event_id, ok.event_id);
    const table = (await cliOk("webhook", "deliveries", endpoint.id, "--limit", "1")).trimEnd().split("\n");
    assert.match(table[0] ?? "", /^TIME +EVENT ID +RESULT +STATUS +LATENCY MS +RESPONSE$/);
    assert.equal(table.length, 2);
    assert.match(table[1] ?? "", / failed_status +500 +\d+ +broken today$/);

    const unknown = await cli("webhook", "test", "we_aaaaaaaaaaaaaaaaaaaaaaaa");
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /Unknown webhook endpoint we_aaaaaaaaaaaaaaaaaaaaaaaa/);
  });

  it("rotates a secret: printed once, the old one signing beside it until the grace ends", async () => {
    await cliOk("org", "create", "ROTATE", "--name", "Rotate Ltd", "--enable");
    const endpoint = await cliJson("webhook", "add", "--org", "ROTATE", "--url", receiver.url);
    const oldSecret = endpoint.secret ?? "";
    const started = Date.now();
    const rotated = await cliJson(
      "webhook",
      "rotate-secret",
      endpoint.id,
      "--grace-hours",
      "24",
      "--actor",
      "bob",
    );
    const newSecret = rotated.secret ?? "";
    assert.notEqual(newSecret, oldSecret);
    assert.match(newSecret, /^whsec_/);
    const until = Date.parse(rotated.previous_secret_valid_until ?? "");
    assert.ok(Math.abs(until - (started + 24 * HOUR_MS)) < 60_000, rotated.previous_secret_valid_until ?? "");
    const secrets = await t.store.findWebhookSecrets(endpoint.id);
    assert.equal(secrets?.current, newSecret);
    assert.equal(secrets?.previous?.secret, oldSecret);
    assert.ok(
      auditRows(endpoint.id).some((row) => row.action === "webhook.secret_rotated" && row.actor === "bob"),
    );

    await cliOk("webhook", "test", endpoint.id);
    const duringGrace = receiver.received.at(-1);
    assert.ok(verifies(newSecret, duringGrace) && verifies(oldSecret, duringGrace), "both secrets sign");

    const text = await cliOk("webhook", "rotate-secret", endpoint.id, "--grace-hours", "0");
    const latest = /^Secret: +(whsec_\S+)$/m.exec(text)?.[1] ?? "";
    assert.match(text, /The new secret will not be shown again/);
    assert.match(text, /The old secret no longer signs\./);
    await cliOk("webhook", "test", endpoint.id);
    const afterGrace = receiver.received.at(-1);
    assert.ok(verifies(latest, afterGrace), "the latest secret signs");
    assert.ok(!verifies(newSecret, afterGrace), "the secret before it no longer does");

    for (const [args, message] of [
      [["--grace-hours", "721"], /--grace-hours must be a whole number from 0 to 720/],
      [["--grace-hours", "1.5"], /--grace-hours must be a whole number/],
    ] as const) {
      const result = await cli("webhook", "rotate-secret", endpoint.id, ...args);
      assert.equal(result.code, 2, result.stderr);
      assert.match(result.stderr, message);
    }
    const unknown = await cli("webhook", "rotate-secret", "we_aaaaaaaaaaaaaaaaaaaaaaaa");
    assert.equal(unknown.code, 1);
    assert.doesNotMatch(unknown.stdout, /whsec_/);
    const pasted = await cli("webhook", "rotate-secret", latest);
    assert.equal(pasted.code, 2);
    assert.match(pasted.stderr, /That is a signing secret/);
    assert.ok(!pasted.stderr.includes(latest.slice(6)), "the secret is not quoted");
  });

  it("removes an endpoint, and says so when there is none", async () => {
    await cliOk("org", "create", "GONE", "--name", "Gone Ltd", "--enable");
    const endpoint = await cliJson("webhook", "add", "--org", "GONE", "--url", receiver.url);
    await cliOk("webhook", "test", endpoint.id);
    assert.match(await cliOk("webhook", "remove", endpoint.id, "--actor", "carol"), /removed/);
    assert.equal(await t.store.findWebhookEndpoint(endpoint.id), undefined);
    assert.equal(
      readRows(t.config.databaseUrl, "webhook_attempts").filter((row) => row.endpoint_id === endpoint.id)
        .length,
      0,
    );
    assert.ok(
      auditRows(endpoint.id).some((row) => row.action === "webhook.removed" && row.actor === "carol"),
    );
    const again = await cli("webhook", "remove", endpoint.id);
    assert.equal(again.code, 1);
    assert.match(again.stderr, new RegExp(`Unknown webhook endpoint ${endpoint.id}`));
  });

  it("replays an event, and recovers a disabled endpoint with the events it missed", async () => {
    const { authorization } = await createOrgAndKey(t.store, "REPLAY");
    const endpoint = await cliJson("webhook", "add", "--org", "REPLAY", "--url", receiver.url);
    const since = new Date(Date.now() - 1000).toISOString();
    await processOrder("REPLAY", authorization, "R-1");
    const [eventId] = await failDeliveries(endpoint.id);
    assert.ok(eventId, "the order's event was queued for the endpoint");

    const log = await cliJson<AttemptJson[]>("webhook", "deliveries", endpoint.id);
    assert.deepEqual(
      log.map((attempt) => [attempt.event_id, attempt.result, attempt.status_code, attempt.response_excerpt]),
      [[eventId, "failed_status", 500, "broken"]],
    );
    assert.equal(typeof log[0]?.delivery_id, "number");

    const replayed = await cliOk("webhook", "replay", eventId, "--actor", "dave");
    assert.match(
      replayed,
      new RegExp(`Queued 1 delivery of event ${eventId} \\(order\\.created of REPLAY\\)`),
    );
    const [delivery] = await t.store.listWebhookDeliveries({ endpointId: endpoint.id, limit: 10 });
    assert.equal(delivery?.status, "pending");
    assert.equal(delivery?.attempts, 0, "its retry schedule starts afresh");
    assert.ok(auditRows(eventId).some((row) => row.action === "webhook.replayed" && row.actor === "dave"));
    // Pending already: replaying it again queues nothing more.
    assert.match(await cliOk("webhook", "replay", eventId, "--endpoint", endpoint.id), /Nothing queued/);

    // The receiver answers 410: the endpoint is disabled, and the next order's event is kept, not queued.
    await failDeliveries(endpoint.id, "gone");
    const [disabled] = await cliJson<WebhookEndpointJson[]>("webhook", "list", "--org", "REPLAY");
    assert.equal(disabled?.status, "disabled");
    assert.equal(disabled?.disabled_reason, "gone");
    assert.match(await cliOk("webhook", "list", "--org", "REPLAY"), / disabled \(gone\) /);
    await processOrder("REPLAY", authorization, "R-2");
    assert.equal((await t.store.listWebhookDeliveries({ endpointId: endpoint.id, limit: 10 })).length, 1);
    assert.match(await cliOk("webhook", "replay", eventId), /Nothing queued/);

    const recovered = await cliOk("webhook", "recover", endpoint.id, "--since", since);
    assert.match(recovered, new RegExp(`Endpoint ${endpoint.id} enabled again; queued 2 events since`));
    assert.equal((await t.store.findWebhookEndpoint(endpoint.id))?.status, "enabled");
    const queued = await t.store.listWebhookDeliveries({
      endpointId: endpoint.id,
      status: "pending",
      limit: 10,
    });
    assert.equal(queued.length, 2);
    assert.match(await cliOk("webhook", "recover", endpoint.id, "--since", since), /queued 0 events/);

    for (const [args, code, message] of [
      [["recover", endpoint.id, "--since", "yesterday"], 2, /--since must be an ISO 8601 time/],
      [["recover", "we_aaaaaaaaaaaaaaaaaaaaaaaa", "--since", since], 1, /Unknown webhook endpoint/],
      [["replay", "not-an-event"], 2, /<EVENT_ID> is an event id/],
      [["replay", "0193a4b2-6c1e-7d3f-9a4b-5c6d7e8f9a0b"], 1, /Unknown event 0193a4b2/],
      [["replay", eventId, "--endpoint", "we_aaaaaaaaaaaaaaaaaaaaaaaa"], 1, /Unknown webhook endpoint/],
      [["deliveries", endpoint.id, "--limit", "0"], 2, /--limit must be a whole number from 1 to 1000/],
    ] as const) {
      const result = await cli("webhook", ...args);
      assert.equal(result.code, code, `${args.join(" ")}: ${result.stderr}`);
      assert.match(result.stderr, message);
    }
  });
});
