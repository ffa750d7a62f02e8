import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import Database from "better-sqlite3";
import type { LightMyRequestResponse } from "fastify";
import { createKey, createTestApp, type TestApp } from "../helpers/test-app.js";
import { DISABLED_TRKREF } from "./field-mutations.js";

/** Organisations the properties submit for: every shape of trkref, the longest allowed among them. */
export const TRKREFS = ["ACME", "A", "ABC-XYZ", "TRKREF123", "0-9-X", `${"Z".repeat(30)}-${"9".repeat(33)}`];

/** The in-process app with the organisations above, a key for all of them, and a view of its database. */
export interface HostileTarget {
  app: TestApp;
  authorization: string;
  /** Every submission row, whatever its status. */
  countRows(): number;
  /** The normalised order stored with a submission, as JSON. */
  storedDocument(id: string): unknown;
  close(): Promise<void>;
}

export async function openHostileTarget(env: Record<string, string> = {}): Promise<HostileTarget> {
  // Refusals are expected by the thousand; only a defect is worth a log line.
  const app = await createTestApp({ LOG_LEVEL: "error", ...env });
  for (const trkref of TRKREFS.filter((name) => name !== "ACME")) {
    await app.store.createOrganisation({ trkref, name: trkref, enabled: true });
  }
  await app.store.createOrganisation({ trkref: DISABLED_TRKREF, name: "Switched off", enabled: false });
  const key = await createKey(app.store, [...TRKREFS, DISABLED_TRKREF]);
  // A second connection, read-only: the test reads what the service committed, as an operator would.
  const db = new Database(app.config.databaseUrl, { readonly: true });
  const count = db.prepare("SELECT count(*) AS n FROM submissions");
  const document = db.prepare("SELECT document FROM submissions WHERE id = ?");
  return {
    app,
    authorization: key.authorization,
    countRows: () => (count.get() as { n: number }).n,
    storedDocument(id) {
      const row = document.get(id) as { document: string } | undefined;
      return row === undefined ? undefined : JSON.parse(row.document);
    },
    async close() {
      db.close();
      await app.close();
    },
  };
}

/**
 * Posts raw bytes, as a client that builds its own JSON would; with `idempotent`, under a fresh
 * Idempotency-Key, which makes the service fingerprint the parsed body too.
 */
export function postBytes(
  target: HostileTarget,
  url: string,
  payload: Buffer,
  idempotent = false,
): Promise<LightMyRequestResponse> {
  return target.app.app.inject({
    method: "POST",
    url,
    headers: {
      "content-type": "application/json",
      authorization: target.authorization,
      // Fresh for every request: a case replayed while shrinking must not meet its own earlier key.
      ...(idempotent && { "idempotency-key": randomUUID() }),
    },
    payload,
  });
}

export const singleUrl = (trkref: string) => `/v4/organisations/${trkref}/customer_order`;
export const BATCH_URL = "/v4/customer_orders";

/** The last log lines, to show with a failure: a 500 hides its cause from the client, not from the log. */
const recentLogs = (target: HostileTarget) => target.app.logLines().slice(-3).join("\n");

const REFUSAL_STATUSES: Record<string, number[]> = {
  invalid_json: [400],
  bad_request: [400],
  payload_too_large: [413],
  too_many_orders: [413],
  unsupported_media_type: [415],
  no_data: [422],
  validation_failed: [422],
  batch_invalid: [422],
};

/**
 * What every answer to hostile input must be: never a 5xx; a refusal is problem+json with a known code and
 * its HTTP status, and a 422 says what is wrong (`errors`, or for a batch every rejected order's `errors`).
 * Returns the parsed body.
 */
export function assertWellFormedAnswer(target: HostileTarget, response: LightMyRequestResponse) {
  const context = `${response.statusCode} ${response.body.slice(0, 500)}\n${recentLogs(target)}`;
  assert.ok(response.statusCode < 500, `server error: ${context}`);
  const body = JSON.parse(response.body) as Record<string, unknown>;
  if (response.statusCode < 300) {
    assert.match(String(response.headers["content-type"]), /^application\/json/, context);
    return body;
  }
  assert.match(String(response.headers["content-type"]), /^application\/problem\+json/, context);
  const code = String(body.code);
  assert.deepEqual(REFUSAL_STATUSES[code], [response.statusCode], `unexpected refusal: ${context}`);
  assert.equal(body.status, response.statusCode, context);
  assert.equal(body.type, `/problems/${code}`, context);
  for (const member of ["title", "detail", "message"]) {
    assert.ok(typeof body[member] === "string" && body[member] !== "", `${member}: ${context}`);
  }
  if (code === "validation_failed" || code === "no_data") assertErrorList(fieldErrorsOf(body), context);
  if (code === "batch_invalid") {
    assert.ok(Array.isArray(body.results) && body.results.length > 0, context);
    for (const result of body.results as Record<string, unknown>[])
      assertErrorList(fieldErrorsOf(result), context);
  }
  return body;
}

/** The structured field errors (`{pointer, code, message}`) of a 422 answer or of a rejected batch result. */
export function fieldErrorsOf(answer: Record<string, unknown>): unknown {
  return answer.invalid_params;
}

function assertErrorList(errors: unknown, context: string): void {
  assert.ok(Array.isArray(errors) && errors.length > 0, `a 422 must list its errors: ${context}`);
  for (const error of errors as Record<string, unknown>[]) {
    assert.deepEqual(Object.keys(error).sort(), ["code", "message", "pointer"], context);
  }
}

/** After every case: the service still answers its health check. */
export async function assertHealthy(target: HostileTarget): Promise<void> {
  const response = await target.app.app.inject({ method: "GET", url: "/healthz" });
  assert.equal(response.statusCode, 200, `health check after the case: ${response.body}`);
}

/** `[pointer, code]` pairs as sorted strings, so that two lists compare regardless of order. */
export const errorKeys = (errors: readonly (readonly [string, string])[]) =>
  errors.map(([pointer, code]) => `${code} at "${pointer}"`).sort();

/** The same, from the `errors` of an answer. */
export const answeredErrorKeys = (errors: unknown) =>
  errorKeys((errors as { pointer: string; code: string }[]).map((error) => [error.pointer, error.code]));

/** Warning pointers as a sorted list. */
export const warningPointers = (warnings: unknown) =>
  ((warnings as { pointer: string }[] | undefined) ?? []).map((warning) => warning.pointer).sort();

/** A value as the service stores it: through JSON, so `-0` is `0` and prototypes do not matter. */
export const asStored = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;
