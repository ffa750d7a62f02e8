import assert from "node:assert/strict";
import { randomBytes, randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { killAllServers } from "../../../test/helpers/server-process.js";
import {
  ApiError,
  AuthenticationError,
  ConnectionError,
  IdempotencyKeyReusedError,
  NotFoundError,
  type OrderIntakeClient,
  PermissionError,
  RateLimitError,
  ServerError,
  ValidationError,
} from "../src/index.js";
import { type ClientService, clientOf, startClientService } from "./helpers/client-service.js";
import { countingFetch } from "./helpers/counting-fetch.js";
import { orderOf, withInvalidDate } from "./helpers/orders.js";
import { unusedPort } from "./helpers/unused-port.js";

const TRKREF = "ACME";
/** An organisation that exists, but that the key may not act for. */
const FORBIDDEN = "OTHER";
/** Retries that would be quick, so that a retry the client should not make would show at once. */
const QUICK_RETRIES = { maxAttempts: 5, baseDelayMs: 1, maxDelayMs: 5 };

/** Runs `call` and answers what it threw; fails when it resolved. */
async function thrownBy(call: () => Promise<unknown>): Promise<unknown> {
  try {
    await call();
  } catch (error) {
    return error;
  }
  assert.fail("the call resolved instead of throwing");
}

/** A client with quick retries that counts its requests: a call that is never retried makes exactly one. */
function countedClient(service: ClientService, secret?: string) {
  const counter = countingFetch();
  const client = service.client({ retry: QUICK_RETRIES, fetch: counter.fetch, ...(secret && { secret }) });
  return { client, requests: counter.requests };
}

/** Asserts the error's class, status and code, and that it came of one request: the call was never retried. */
function assertNotRetried<T extends ApiError>(
  error: unknown,
  type: new (...args: never[]) => T,
  expected: { status: number; code: string; requests: number },
): asserts error is T {
  assert.ok(error instanceof type, `a ${type.name}, got ${String(error)}`);
  assert.equal(error.status, expected.status);
  assert.equal(error.code, expected.code);
  assert.equal(error.attempts, 1);
  assert.equal(expected.requests, 1, "one request only");
}

describe("the errors a user of the client meets", () => {
  // The services start side by side: each start is mostly the loading of a new process.
  let services: Record<"standard" | "rateLimited" | "backlogged", ClientService>;
  before(async () => {
    const started = await Promise.allSettled([
      startClientService([TRKREF], { others: [FORBIDDEN] }),
      startClientService([TRKREF], { env: { RATE_LIMIT_PER_SECOND: "1", RATE_LIMIT_BURST: "1" } }),
      startClientService([TRKREF], { env: { RUN_PROCESSOR: "false", MAX_BACKLOG: "1" } }),
    ]);
    const running = started.flatMap((outcome) => (outcome.status === "fulfilled" ? [outcome.value] : []));
    const failed = started.find((outcome) => outcome.status === "rejected");
    if (failed) {
      await Promise.all(running.map((service) => service.stop()));
      throw failed.reason;
    }
    const [standard, rateLimited, backlogged] = running as [ClientService, ClientService, ClientService];
    services = { standard, rateLimited, backlogged };
  });
  after(async () => {
    await Promise.all(Object.values(services ?? {}).map((service) => service.stop()));
    await killAllServers();
  });

  describe("on a service with the default limits", () => {
    let service: ClientService;
    before(() => {
      service = services.standard;
    });

    it("a 422 invalid order is a ValidationError with its fieldErrors, never retried", async () => {
      const { client, requests } = countedClient(service);
      const error = await thrownBy(() => client.submitOrder(TRKREF, withInvalidDate(orderOf(TRKREF, "V-1"))));
      assertNotRetried(error, ValidationError, {
        status: 422,
        code: "validation_failed",
        requests: requests(),
      });
      assert.deepEqual(
        error.fieldErrors.map(({ pointer, code }) => ({ pointer, code })),
        [{ pointer: "/order_date", code: "invalid_date" }],
      );
    });

    it("a 400 malformed trkref is a ValidationError, never retried", async () => {
      const { client, requests } = countedClient(service);
      const error = await thrownBy(() => client.getOrder("not a trkref", "V-2"));
      assertNotRetried(error, ValidationError, { status: 400, code: "invalid_trkref", requests: requests() });
    });

    it("a wrong secret is an AuthenticationError (401), never retried", async () => {
      const { client, requests } = countedClient(service, `ois_${randomBytes(32).toString("base64url")}`);
      const error = await thrownBy(() => client.listOrganisations());
      assertNotRetried(error, AuthenticationError, {
        status: 401,
        code: "unauthorized",
        requests: requests(),
      });
    });

    it("an organisation the key may not act for is a PermissionError (403), never retried", async () => {
      const { client, requests } = countedClient(service);
      const error = await thrownBy(() => client.submitOrder(FORBIDDEN, orderOf(FORBIDDEN, "P-1")));
      assertNotRetried(error, PermissionError, {
        status: 403,
        code: "key_not_allowed",
        requests: requests(),
      });
    });

    it("an unknown order_ref is a NotFoundError (404), never retried", async () => {
      const { client, requests } = countedClient(service);
      const error = await thrownBy(() => client.getOrder(TRKREF, "NO-SUCH-ORDER"));
      assertNotRetried(error, NotFoundError, { status: 404, code: "not_found", requests: requests() });
    });

    it("an idempotencyKey used again with another order is an IdempotencyKeyReusedError", async () => {
      const idempotencyKey = randomUUID();
      await service.client().submitOrder(TRKREF, orderOf(TRKREF, "K-1"), { idempotencyKey });
      const { client, requests } = countedClient(service);
      const error = await thrownBy(() =>
        client.submitOrder(TRKREF, orderOf(TRKREF, "K-2"), { idempotencyKey }),
      );
      assertNotRetried(error, IdempotencyKeyReusedError, {
        status: 422,
        code: "idempotency_key_reused",
        requests: requests(),
      });
    });
  });

  describe("on a service with a rate limit of one request a second", () => {
    let service: ClientService;
    before(() => {
      service = services.rateLimited;
    });

    it("is a RateLimitError with retryAfterSeconds when not retried, and succeeds when retried", async () => {
      const once: OrderIntakeClient = service.client({ retry: { maxAttempts: 1 } });
      // The bucket holds one request and refills in a second: of a few calls in a row, one meets the limit
      // however slowly a loaded machine answers them.
      let error: unknown;
      for (let n = 1; n <= 5 && error === undefined; n++) {
        error = await once.submitOrder(TRKREF, orderOf(TRKREF, `R-0${n}`)).then(
          () => undefined,
          (thrown: unknown) => thrown,
        );
      }
      assert.ok(error instanceof RateLimitError, `a RateLimitError, got ${String(error)}`);
      assert.equal(error.status, 429);
      assert.equal(error.code, "rate_limited");
      assert.equal(error.attempts, 1);
      assert.ok(
        typeof error.retryAfterSeconds === "number" && error.retryAfterSeconds >= 1,
        `Retry-After is read: ${error.retryAfterSeconds}`,
      );

      const counter = countingFetch();
      const patient = service.client({ retry: { maxAttempts: 5 }, fetch: counter.fetch });
      const result = await patient.submitOrder(TRKREF, orderOf(TRKREF, "R-2"), {
        signal: AbortSignal.timeout(10_000),
      });
      assert.equal(result.replayed, false);
      assert.ok(counter.requests() >= 2, "the first attempt met the limit, a later one got through");
      const stored = await patient.getSubmission(result.id);
      assert.equal(stored.order_ref, "R-2");
    });
  });

  describe("on a service whose backlog is at its ceiling", () => {
    let service: ClientService;
    before(() => {
      service = services.backlogged;
    });

    it("is a ServerError 503 overloaded once the retries are used up", async () => {
      const counter = countingFetch();
      const client = service.client({
        retry: { maxAttempts: 2, baseDelayMs: 10, maxDelayMs: 50 },
        fetch: counter.fetch,
      });
      let error: unknown;
      let requestsBefore = 0;
      // The first order fills the backlog; the service refuses the next one.
      for (let n = 0; n < 5 && error === undefined; n++) {
        requestsBefore = counter.requests();
        try {
          await client.submitOrder(TRKREF, orderOf(TRKREF, `B-${n}`));
        } catch (caught) {
          error = caught;
        }
      }
      assert.ok(error instanceof ServerError, `a ServerError, got ${String(error)}`);
      assert.equal(error.status, 503);
      assert.equal(error.code, "overloaded");
      assert.equal(error.attempts, 2);
      assert.equal(error.retryAfterSeconds, 1);
      assert.equal(counter.requests() - requestsBefore, 2, "the refused call was tried twice");
    });
  });

  describe("with no service at the URL", () => {
    it("is a ConnectionError after every attempt", async () => {
      const port = await unusedPort();
      const counter = countingFetch();
      const client = clientOf(
        `http://127.0.0.1:${port}`,
        { keyId: "oik_nobody", secret: "ois_nothing" },
        { retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 }, timeoutMs: 2_000, fetch: counter.fetch },
      );
      const error = await thrownBy(() => client.listOrganisations());
      assert.ok(error instanceof ConnectionError, `a ConnectionError, got ${String(error)}`);
      assert.ok(!(error instanceof ApiError), "no answer, so no status");
      assert.equal(error.attempts, 3);
      assert.equal(counter.requests(), 3);
    });
  });
});
