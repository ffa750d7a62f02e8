import assert from "node:assert/strict";
import Database from "better-sqlite3";
import type { LightMyRequestResponse } from "fastify";
import { exampleOrder } from "../../src/domain/order-example.js";
import type { TestApp } from "../helpers/test-app.js";
import { orderUrl } from "./order-requests.js";

export const SINGLE_URL = orderUrl("ACME");
export const BATCH_URL = "/v4/customer_orders";

/** How a test sends a write request; by default as ACME's key, to ACME's single-order path. */
export interface KeyedRequest {
  url?: string;
  /** The Idempotency-Key header's value; omitted, the header is not sent at all. */
  key?: string;
  authorization?: string;
}

/** POSTs `body` (an object is serialised; a string is sent as it is), with an Idempotency-Key if given. */
export function postKeyed(
  t: TestApp,
  body: unknown,
  request: KeyedRequest = {},
): Promise<LightMyRequestResponse> {
  return t.app.inject({
    method: "POST",
    url: request.url ?? SINGLE_URL,
    headers: {
      "content-type": "application/json",
      authorization: request.authorization ?? t.acme.authorization,
      ...(request.key !== undefined && { "idempotency-key": request.key }),
    },
    payload: typeof body === "string" ? body : JSON.stringify(body),
  });
}

/** A valid order for ACME with its own order_ref. */
export const acmeOrder = (orderRef = "IDEM-1") => ({ ...exampleOrder("ACME"), order_ref: orderRef });

/** An ACME order that fails validation (its email is not an address). */
export const invalidOrder = (orderRef = "IDEM-BAD") => {
  const order = acmeOrder(orderRef);
  return { ...order, customer: { ...order.customer, email: "not-an-address" } };
};

/** Rows of one table, read straight from the database file rather than through the store. */
export function countRows(t: TestApp, table: "submissions" | "batches" | "idempotency_records"): number {
  const db = new Database(t.config.databaseUrl, { readonly: true });
  try {
    return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/** Asserts that `replay` repeats `first` byte for byte, and that only the replay says it is one. */
export function assertReplayOf(first: LightMyRequestResponse, replay: LightMyRequestResponse): void {
  assert.equal(first.headers["idempotent-replayed"], undefined, "a first answer is not a replay");
  assert.equal(replay.statusCode, first.statusCode, replay.body);
  assert.equal(replay.body, first.body);
  assert.equal(replay.headers.location, first.headers.location);
  assert.equal(replay.headers["content-type"], first.headers["content-type"]);
  assert.equal(replay.headers["idempotent-replayed"], "true");
}

/** Asserts a plain first answer (not a replay) with the given status, and returns its `id`. */
export function assertFresh(response: LightMyRequestResponse, status = 202): string {
  assert.equal(response.statusCode, status, response.body);
  assert.equal(response.headers["idempotent-replayed"], undefined, "must not be a replay");
  const { id } = response.json() as { id: string };
  assert.equal(typeof id, "string");
  return id;
}
