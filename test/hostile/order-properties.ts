import assert from "node:assert/strict";
import fc from "fast-check";
import { DEFAULT_ORDER_LIMITS, type OrderLimits } from "../../src/domain/order-limits.js";
import { validateOrder } from "../../src/domain/validate-order.js";
import { markInexactNumbers } from "../../src/http/inexact-number-marker.js";
import {
  answeredErrorKeys,
  asStored,
  assertHealthy,
  assertWellFormedAnswer,
  BATCH_URL,
  errorKeys,
  fieldErrorsOf,
  type HostileTarget,
  postBytes,
  singleUrl,
  TRKREFS,
  warningPointers,
} from "./hostile-target.js";
import { anyTrkref, type ValidCase, validOrder } from "./order-arbitraries.js";
import {
  type Expectation,
  expectationOf,
  type MutatedCase,
  type MutationContext,
  mutatedDocument,
  mutatedOrder,
} from "./order-mutations.js";
import { WireBody } from "./wire-body.js";

/**
 * Runs per property: a fixed number whatever the seed, so `npm test` takes the same time on every run;
 * `FUZZ_RUNS` overrides it, and `FUZZ_SEED` (with `FUZZ_PATH`) replays a reported counterexample.
 */
export function runParameters(defaultRuns: number, timeLimitMs = 60_000): fc.Parameters<unknown> {
  const runs = Number(process.env.FUZZ_RUNS ?? defaultRuns);
  const seed = process.env.FUZZ_SEED;
  return {
    numRuns: Number.isSafeInteger(runs) && runs > 0 ? runs : defaultRuns,
    ...(seed !== undefined && { seed: Number(seed), path: process.env.FUZZ_PATH }),
    // Bounds the runs and the shrinking of a counterexample, which on a chained arbitrary can go on for
    // minutes; a property stopped early fails, so that a hang is never reported as a pass.
    plugins: [fc.interruptAfterTimeLimit(timeLimitMs, { failOnInterrupt: true })],
  };
}

/** Small random limits, so the domain properties reach every limit (and one past it) cheaply. */
const smallLimits: fc.Arbitrary<OrderLimits> = fc.record({
  maxItemsPerOrder: fc.integer({ min: 1, max: 12 }),
  maxMetadataEntries: fc.integer({ min: 1, max: 8 }),
  maxStringLength: fc.integer({ min: 1, max: 300 }),
  maxMetadataStringLength: fc.integer({ min: 1, max: 300 }),
});
const serviceTrkref = fc.constantFrom(...TRKREFS);
const serviceContext = (target: HostileTarget): MutationContext => ({
  ...target.app.config.orderLimits,
  maxBodyBytes: target.app.config.maxBodyBytes,
});

/** A valid document validates to the order the generator predicted, with the predicted warnings. */
export function validDocumentsProperty() {
  const cases = smallLimits.chain((limits) =>
    validOrder(anyTrkref, limits).map((valid) => ({ limits, valid })),
  );
  return fc.asyncProperty(cases, async ({ limits, valid }) => {
    const result = validateOrder(JSON.parse(JSON.stringify(valid.document)), limits);
    assert.ok(result.ok, `refused: ${JSON.stringify(result.ok ? [] : result.errors)}`);
    assert.deepEqual(asStored(result.order), asStored(valid.expected));
    assert.deepEqual(warningPointers(result.warnings), [...valid.warnings].sort());
  });
}

/** A mutated document gets exactly the errors its mutations cause; one that stays valid is kept as predicted. */
export function mutatedDocumentsProperty() {
  const cases = smallLimits.chain((limits) =>
    mutatedOrder(validOrder(anyTrkref, limits), limits).map((mutated) => ({ limits, mutated })),
  );
  return fc.asyncProperty(cases, async ({ limits, mutated }) => {
    const expectation = expectationOf(mutated, "single");
    // Refusals of the whole body happen before the domain sees anything; the HTTP properties cover them.
    fc.pre(expectation.kind !== "refused");
    const wire = new WireBody();
    // Read as the body parser reads it, so that numbers a double cannot hold reach the domain as such.
    const text = wire.encode(mutatedDocument(mutated, wire)).toString("utf8");
    const document = markInexactNumbers(JSON.parse(text), text);
    const pathTrkref = String(mutated.base.document.trkref);
    const result = validateOrder(document, limits, { pathTrkref });
    if (expectation.kind === "invalid") {
      assert.ok(!result.ok, "accepted a document that breaks a rule");
      assert.deepEqual(answeredErrorKeys(result.errors), errorKeys(expectation.errors));
    } else if (expectation.kind === "accepted") {
      assert.ok(result.ok, `refused: ${JSON.stringify(result.ok ? [] : result.errors)}`);
      assert.deepEqual(asStored(result.order), asStored(expectation.stored));
    }
  });
}

/** Every valid document is answered 202 and stored, normalised as predicted, with its warnings. */
export function validOrdersProperty(target: HostileTarget) {
  const cases = validOrder(serviceTrkref, DEFAULT_ORDER_LIMITS);
  return fc.asyncProperty(cases, fc.boolean(), async (valid, idempotent) => {
    const before = target.countRows();
    const url = singleUrl(String(valid.document.trkref));
    const response = await postBytes(target, url, Buffer.from(JSON.stringify(valid.document)), idempotent);
    const body = assertWellFormedAnswer(target, response);
    assert.equal(response.statusCode, 202, response.body);
    assert.deepEqual(target.storedDocument(String(body.id)), asStored(valid.expected));
    assert.deepEqual(warningPointers(body.warnings), [...valid.warnings].sort());
    assert.equal(target.countRows(), before + 1);
    await assertHealthy(target);
  });
}

/** Checks the answer for one document against what its mutations predict; returns the ids stored. */
function assertSingleAnswer(
  target: HostileTarget,
  expectation: Expectation,
  response: Awaited<ReturnType<typeof postBytes>>,
) {
  const body = assertWellFormedAnswer(target, response);
  if (expectation.kind === "refused") {
    assert.equal(body.code, expectation.code, response.body.slice(0, 300));
  } else if (expectation.kind === "invalid") {
    const noData = errorKeys(expectation.errors).join() === errorKeys([["", "required"]]).join();
    assert.equal(body.code, noData ? "no_data" : "validation_failed", response.body.slice(0, 300));
    assert.deepEqual(answeredErrorKeys(fieldErrorsOf(body)), errorKeys(expectation.errors));
  } else {
    assert.equal(response.statusCode, 202, response.body.slice(0, 500));
    assert.deepEqual(target.storedDocument(String(body.id)), asStored(expectation.stored));
    assert.deepEqual(warningPointers(body.warnings), [...expectation.warnings].sort());
  }
}

/** Mutated documents on the single endpoint: the predicted answer, no 5xx, nothing invalid stored. */
export function mutatedOrdersProperty(target: HostileTarget) {
  const cases = mutatedOrder(validOrder(serviceTrkref, DEFAULT_ORDER_LIMITS), serviceContext(target));
  return fc.asyncProperty(cases, fc.boolean(), async (mutated, idempotent) => {
    const wire = new WireBody();
    const payload = wire.encode(mutatedDocument(mutated, wire));
    // Whatever else is wrong, a body over the limit is refused before it is read.
    const expectation: Expectation =
      payload.length > target.app.config.maxBodyBytes
        ? { kind: "refused", code: "payload_too_large" }
        : expectationOf(mutated, "single");
    const before = target.countRows();
    const url = singleUrl(String(mutated.base.document.trkref));
    const response = await postBytes(target, url, payload, idempotent);
    assertSingleAnswer(target, expectation, response);
    assert.equal(target.countRows(), before + (expectation.kind === "accepted" ? 1 : 0));
    await assertHealthy(target);
  });
}

type BatchEntry = { valid: ValidCase } | { mutated: MutatedCase };

/** What each entry of a batch must become; a refusal of any entry refuses the whole body. */
function batchExpectations(entries: BatchEntry[]): Expectation[] {
  return entries.map((entry) => {
    if ("mutated" in entry) return expectationOf(entry.mutated, "batch");
    const { expected, warnings } = entry.valid;
    return { kind: "accepted", stored: expected, warnings };
  });
}

function batchRefusal(expectations: Expectation[]): string | undefined {
  const codes = expectations.flatMap((expectation) =>
    expectation.kind === "refused" ? [expectation.code] : [],
  );
  return ["invalid_json", "bad_request"].find((code) => codes.includes(code as never));
}

/** Batches mixing valid and mutated orders: each order's result matches its own validity. */
export function batchesProperty(target: HostileTarget) {
  const valid = validOrder(serviceTrkref, DEFAULT_ORDER_LIMITS);
  const entry: fc.Arbitrary<BatchEntry> = fc.oneof(
    valid.map((document) => ({ valid: document })),
    mutatedOrder(valid, target.app.config.orderLimits).map((mutated) => ({ mutated })),
  );
  const batches = fc.array(entry, { minLength: 1, maxLength: 6 });
  return fc.asyncProperty(batches, fc.boolean(), async (entries, idempotent) => {
    const wire = new WireBody();
    const documents = entries.map((each) =>
      "mutated" in each ? mutatedDocument(each.mutated, wire) : each.valid.document,
    );
    const expectations = batchExpectations(entries);
    const before = target.countRows();
    const response = await postBytes(target, BATCH_URL, wire.encode(documents), idempotent);
    const body = assertWellFormedAnswer(target, response);
    const refusal = batchRefusal(expectations);
    if (refusal !== undefined) {
      assert.equal(body.code, refusal, response.body.slice(0, 300));
      assert.equal(target.countRows(), before);
      return;
    }
    const accepted = expectations.filter((expectation) => expectation.kind === "accepted").length;
    const status = accepted === entries.length ? 202 : accepted > 0 ? 206 : 422;
    assert.equal(response.statusCode, status, response.body.slice(0, 500));
    assert.deepEqual(body.summary, { accepted, rejected: entries.length - accepted });
    const results = body.results as {
      index: number;
      status: string;
      id?: string;
      errors?: unknown;
      warnings?: unknown;
    }[];
    expectations.forEach((expectation, index) => {
      const result = results[index];
      assert.ok(result, `no result for order ${index}`);
      assert.equal(result.index, index);
      if (expectation.kind === "accepted") {
        assert.equal(result.status, "accepted", JSON.stringify(result));
        assert.deepEqual(target.storedDocument(String(result.id)), asStored(expectation.stored));
        assert.deepEqual(warningPointers(result.warnings), [...expectation.warnings].sort());
      } else if (expectation.kind === "invalid") {
        assert.equal(result.status, "rejected", JSON.stringify(result));
        assert.deepEqual(answeredErrorKeys(fieldErrorsOf(result)), errorKeys(expectation.errors));
      }
    });
    assert.equal(target.countRows(), before + accepted);
    await assertHealthy(target);
  });
}
