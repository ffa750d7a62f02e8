import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import {
  ApiError,
  ConflictError,
  ConnectionError,
  type OrderDocument,
  OrderIntakeClient,
  OrderIntakeError,
  RateLimitError,
  ServerError,
  ValidationError,
} from "../src/index.js";
import { DEFAULT_RETRY } from "../src/retry.js";
import { createTransport } from "../src/transport.js";
import {
  acceptedAnswer,
  problemAnswer,
  type ScriptedAnswer,
  type ScriptedServer,
  startScriptedServer,
} from "./helpers/scripted-server.js";
import { unusedPort } from "./helpers/unused-port.js";

const KEY_ID = "oik_test";
const SECRET = "ois_secret";
const ID = "01a22080-a27e-7679-b758-8002e3896ee9";
const ORDER: Omit<OrderDocument, "trkref"> = {
  order_ref: "ORD/1 ?",
  order_date: "25-09-2021",
  customer: { email: "jane.doe@example.com" },
  order_items: [{ sku: "MUG-001" }],
};
/** Quick retries, so that the scripted failures cost nothing. */
const QUICK = { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 };

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function clientAnswering(script: ScriptedAnswer[], retry = QUICK) {
  server = await startScriptedServer(script);
  return {
    client: new OrderIntakeClient({ baseUrl: `${server.url}/`, keyId: KEY_ID, secret: SECRET, retry }),
    server,
  };
}

/** A scripted server that never answers, and a client of it. */
async function clientOfSilentServer(timeoutMs = 30_000) {
  server = await startScriptedServer(() => new Promise<never>(() => {}));
  const client = new OrderIntakeClient({
    baseUrl: server.url,
    keyId: KEY_ID,
    secret: SECRET,
    retry: QUICK,
    timeoutMs,
  });
  return { client, server };
}

async function thrownBy(call: () => Promise<unknown>): Promise<unknown> {
  try {
    await call();
  } catch (error) {
    return error;
  }
  assert.fail("the call resolved");
}

describe("a call's requests", () => {
  it("carry the credentials, the JSON headers and the document with the trkref of the argument", async () => {
    const { client, server } = await clientAnswering([acceptedAnswer(ID)]);
    const result = await client.submitOrder("DEMO", ORDER);

    assert.deepEqual(result, {
      id: ID,
      location: `/v4/customer_orders/${ID}`,
      warnings: [],
      replayed: false,
      idempotencyKey: result.idempotencyKey,
    });
    const [request] = server.requests;
    assert.equal(request?.method, "POST");
    assert.equal(request?.url, "/v4/organisations/DEMO/customer_order");
    assert.equal(
      request?.headers.authorization,
      `Basic ${Buffer.from(`${KEY_ID}:${SECRET}`).toString("base64")}`,
    );
    assert.equal(request?.headers.accept, "application/json");
    assert.equal(request?.headers["content-type"], "application/json");
    assert.equal(request?.headers["idempotency-key"], result.idempotencyKey);
    assert.match(result.idempotencyKey, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    assert.deepEqual(JSON.parse(request?.body ?? ""), { ...ORDER, trkref: "DEMO" });
  });

  it("encode an order_ref in the path and leave out parameters not given", async () => {
    const page = { status: 200, body: { data: [], next: null } };
    const { client, server } = await clientAnswering([{ status: 200, body: { trkref: "DEMO" } }, page]);
    await client.getOrder("DEMO", "ORD/1 ?");
    for await (const _ of client.listOrders("DEMO", {
      updatedAfter: "2026-11-28T05:00:00+01:00",
      pageSize: 5,
    })) {
      assert.fail("the listing is empty");
    }
    assert.deepEqual(
      server.requests.map((request) => `${request.method} ${request.url}`),
      [
        "GET /v4/organisations/DEMO/customer_orders/ORD%2F1%20%3F",
        "GET /v4/organisations/DEMO/customer_orders?updated_after=2026-11-28T05%3A00%3A00%2B01%3A00&limit=5",
      ],
    );
    assert.equal(server.requests[0]?.headers["content-type"], undefined, "a GET has no body");
  });
});

describe("retries", () => {
  it("retries a 503 after its Retry-After, with the same Idempotency-Key, and answers the 202", async () => {
    const { client, server } = await clientAnswering([
      problemAnswer(503, "overloaded", { "retry-after": "0" }),
      acceptedAnswer(ID),
    ]);
    const result = await client.submitOrder("DEMO", ORDER, { idempotencyKey: "key-1" });

    assert.equal(result.id, ID);
    assert.equal(result.idempotencyKey, "key-1");
    assert.deepEqual(
      server.requests.map((request) => request.headers["idempotency-key"]),
      ["key-1", "key-1"],
    );
    assert.equal(server.requests[0]?.body, server.requests[1]?.body, "the same body on every attempt");
  });

  it("retries a 409 idempotency_key_in_flight and answers the replay", async () => {
    const { client, server } = await clientAnswering([
      problemAnswer(409, "idempotency_key_in_flight", { "retry-after": "1" }),
      acceptedAnswer(ID, { "idempotent-replayed": "true" }),
    ]);
    const result = await client.submitOrder("DEMO", ORDER);

    assert.equal(result.replayed, true);
    assert.equal(server.requests.length, 2);
    const keys = new Set(server.requests.map((request) => request.headers["idempotency-key"]));
    assert.equal(keys.size, 1, "one key, generated before the first attempt");
    assert.ok(keys.has(result.idempotencyKey));
  });

  it("retries a Retry-After given as an HTTP date", async () => {
    const past = new Date(Date.now() - 60_000).toUTCString();
    const { client, server } = await clientAnswering([
      problemAnswer(429, "rate_limited", { "retry-after": past }),
      { status: 200, body: { data: [] } },
    ]);
    assert.deepEqual(await client.listOrganisations(), []);
    assert.equal(server.requests.length, 2);
  });

  it("throws the last outcome's typed error when the attempts run out", async () => {
    const { client, server } = await clientAnswering([
      problemAnswer(503, "overloaded", { "retry-after": "0" }),
    ]);
    const error = await thrownBy(() => client.submitOrder("DEMO", ORDER));

    assert.ok(error instanceof ServerError, String(error));
    assert.equal(error.status, 503);
    assert.equal(error.code, "overloaded");
    assert.equal(error.attempts, 3);
    assert.equal(error.retryAfterSeconds, 0);
    assert.equal(server.requests.length, 3);
  });

  it("does not wait for a Retry-After longer than maxRetryAfterMs", async () => {
    const { client, server } = await clientAnswering(
      [problemAnswer(429, "rate_limited", { "retry-after": "120" })],
      {
        ...QUICK,
        maxAttempts: 5,
      },
    );
    const error = await thrownBy(() => client.listOrganisations());

    assert.ok(error instanceof RateLimitError, String(error));
    assert.equal(error.retryAfterSeconds, 120);
    assert.equal(error.attempts, 1);
    assert.equal(server.requests.length, 1);
  });

  it("retries a gateway's answer that is not JSON, and then has no problem document", async () => {
    const { client } = await clientAnswering([
      { status: 502, headers: { "content-type": "text/html" }, body: "<h1>Bad gateway</h1>" },
    ]);
    const error = await thrownBy(() => client.getSubmission(ID));

    assert.ok(error instanceof ServerError, String(error));
    assert.equal(error.problem, undefined);
    assert.equal(error.code, "http_502");
    assert.equal(error.attempts, 3);
  });
});

describe("what is never retried", () => {
  it("a 400 is a ValidationError after one request", async () => {
    const invalid = [{ pointer: "/limit", code: "invalid_limit", message: "At most 100" }];
    const { client, server } = await clientAnswering([
      problemAnswer(400, "invalid_query", {}, { invalid_params: invalid }),
    ]);
    const error = await thrownBy(() => client.getSubmission(ID));

    assert.ok(error instanceof ValidationError, String(error));
    assert.equal(error.code, "invalid_query");
    assert.deepEqual(error.fieldErrors, invalid);
    assert.equal(error.attempts, 1);
    assert.equal(server.requests.length, 1);
  });

  it("a 429 authentication_throttled is a RateLimitError after one request", async () => {
    const { client, server } = await clientAnswering([
      problemAnswer(429, "authentication_throttled", { "retry-after": "0" }),
    ]);
    const error = await thrownBy(() => client.listOrganisations());

    assert.ok(error instanceof RateLimitError, String(error));
    assert.equal(error.code, "authentication_throttled");
    assert.equal(error.attempts, 1);
    assert.equal(server.requests.length, 1);
  });

  it("a 409 without Retry-After is a ConflictError after one request", async () => {
    const { client, server } = await clientAnswering([problemAnswer(409, "invitation_not_cancellable")]);
    const error = await thrownBy(() => client.cancelOrder("DEMO", "ORD-1"));

    assert.ok(error instanceof ConflictError, String(error));
    assert.equal(error.attempts, 1);
    assert.equal(server.requests.length, 1);
    assert.equal(server.requests[0]?.body, "{}", "a cancellation without details is sent as {}");
  });

  it("a 500 is a ServerError after one request", async () => {
    const { client, server } = await clientAnswering([problemAnswer(500, "internal_error")]);
    const error = await thrownBy(() => client.getBatch(ID));

    assert.ok(error instanceof ServerError, String(error));
    assert.equal(error.attempts, 1);
    assert.equal(server.requests.length, 1);
  });
});

describe("an answer that is not the service's", () => {
  it("a 200 without a JSON body is an OrderIntakeError, not a crash on the missing members", async () => {
    const { client } = await clientAnswering([
      { status: 200, headers: { "content-type": "text/html" }, body: "<p>Welcome</p>" },
    ]);
    const error = await thrownBy(() => client.getSubmission(ID));
    assert.ok(error instanceof OrderIntakeError && !(error instanceof ApiError), String(error));
    assert.match(error.message, /has no JSON body/);
  });
});

describe("no answer", () => {
  it("a closed port is a ConnectionError after every attempt", async () => {
    const port = await unusedPort();
    const client = new OrderIntakeClient({
      baseUrl: `http://127.0.0.1:${port}`,
      keyId: KEY_ID,
      secret: SECRET,
      retry: QUICK,
    });
    const error = await thrownBy(() => client.listOrganisations());

    assert.ok(error instanceof ConnectionError, String(error));
    assert.equal(error.attempts, 3);
    assert.match(error.message, /after 3 attempts/);
  });

  it("an attempt without an answer within timeoutMs counts as a connection error, and is retried", async () => {
    const { client, server } = await clientOfSilentServer(20);
    const error = await thrownBy(() => client.listOrganisations());

    assert.ok(error instanceof ConnectionError, String(error));
    assert.equal(error.attempts, 3);
    assert.match(error.message, /no answer within 20 ms/);
    assert.equal(server.requests.length, 3);
  });
});

describe("the caller's signal", () => {
  it("stops a request in flight at once, with its reason, and nothing is retried", async () => {
    const { client, server } = await clientOfSilentServer();
    const controller = new AbortController();
    const reason = new Error("the caller gave up");
    const call = client.submitOrder("DEMO", ORDER, { signal: controller.signal });
    await server.received(1);
    controller.abort(reason);

    assert.equal(await thrownBy(() => call), reason);
    assert.equal(server.requests.length, 1);
  });

  it("stops a wait between attempts", async () => {
    server = await startScriptedServer([problemAnswer(503, "overloaded", { "retry-after": "30" })]);
    const client = new OrderIntakeClient({
      baseUrl: server.url,
      keyId: KEY_ID,
      secret: SECRET,
      retry: QUICK,
    });
    const controller = new AbortController();
    const call = client.submitOrder("DEMO", ORDER, { signal: controller.signal });
    await server.received(1);
    controller.abort();

    const error = await thrownBy(() => call);
    assert.ok(error instanceof DOMException && error.name === "AbortError", String(error));
    assert.equal(server.requests.length, 1);
  });

  it("an already aborted signal sends nothing", async () => {
    const { client, server } = await clientAnswering([acceptedAnswer(ID)]);
    const reason = new Error("too late");
    assert.equal(
      await thrownBy(() => client.submitOrder("DEMO", ORDER, { signal: AbortSignal.abort(reason) })),
      reason,
    );
    assert.equal(server.requests.length, 0);
  });
});

describe("the jitter", () => {
  it("comes from the random source, so that a source of 0 retries without waiting", async () => {
    server = await startScriptedServer([
      { status: 504 },
      { status: 504 },
      { status: 200, body: { data: [] } },
    ]);
    const send = createTransport({
      baseUrl: server.url,
      keyId: KEY_ID,
      secret: SECRET,
      // Backoff that would take minutes, unless the random source says 0.
      retry: { ...DEFAULT_RETRY, baseDelayMs: 600_000, maxDelayMs: 600_000 },
      timeoutMs: 30_000,
      fetch: globalThis.fetch,
      random: () => 0,
    });
    const answer = await send({ method: "GET", path: "/v4/organisations" });
    assert.equal(answer.status, 200);
    assert.equal(answer.attempts, 3);
  });
});
