import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { LightMyRequestResponse } from "fastify";
import { exampleOrder, minimalExampleOrder } from "../../src/domain/order-example.js";
import { assertValidationProblem } from "../helpers/problem-assertions.js";
import {
  answeredErrorKeys,
  assertHealthy,
  assertWellFormedAnswer,
  BATCH_URL,
  errorKeys,
  fieldErrorsOf,
  type HostileTarget,
  openHostileTarget,
  postBytes,
  singleUrl,
  warningPointers,
} from "./hostile-target.js";
import {
  hostileFieldCases,
  prototypeKeyCases,
  type TableCase,
  type TableOutcome,
} from "./hostile-value-table.js";
import { applyEdit } from "./order-mutations.js";
import { type JsonObject, WireBody } from "./wire-body.js";

let target: HostileTarget;
before(async () => {
  target = await openHostileTarget();
});
after(() => target.close());

/** The example order with `email` as its customer's address. */
const withEmail = (email: string) => {
  const order = exampleOrder("ACME");
  return { ...order, customer: { ...order.customer, email } };
};

describe("a lone surrogate in customer.email", () => {
  it("is a field error on the single endpoint, not a 500", async () => {
    const payload = Buffer.from(JSON.stringify(withEmail("jane\ud800@example.com")));
    assert.match(payload.toString(), /\\ud800/, "sent as a JSON escape");
    const response = await postBytes(target, singleUrl("ACME"), payload);
    const { fields } = assertValidationProblem(response);
    assert.deepEqual(fields, [["/customer/email", "invalid_character"]]);
    await assertHealthy(target);
  });

  it("rejects only that order of a batch; the orders around it are accepted", async () => {
    const before = target.countRows();
    const batch = [exampleOrder("ACME"), withEmail("\ud800"), minimalExampleOrder("ACME")];
    const response = await postBytes(target, BATCH_URL, Buffer.from(JSON.stringify(batch)));
    const body = assertWellFormedAnswer(target, response);
    assert.equal(response.statusCode, 206, response.body.slice(0, 500));
    const results = body.results as Record<string, unknown>[];
    assert.deepEqual(
      results.map((result) => result.status),
      ["accepted", "rejected", "accepted"],
    );
    assert.deepEqual(answeredErrorKeys(fieldErrorsOf(results[1] ?? {})), [
      'invalid_character at "/customer/email"',
    ]);
    assert.equal(target.countRows(), before + 2);
    await assertHealthy(target);
  });
});

/** The example order with the case's edit applied; verbatim JSON text goes in as placeholders of `wire`. */
function hostileOrder(testCase: TableCase, wire: WireBody): JsonObject {
  const document: JsonObject = structuredClone(exampleOrder("ACME"));
  applyEdit(document, testCase.edit, wire);
  return document;
}

/** Checks an order's own answer (a single answer's body, or its result in a batch) against the outcome. */
function assertOrderOutcome(outcome: TableOutcome, answer: Record<string, unknown>, context: string) {
  if (outcome.kind === "invalid") {
    assert.deepEqual(answeredErrorKeys(fieldErrorsOf(answer)), errorKeys(outcome.errors), context);
  } else if (outcome.kind === "invalid inside") {
    const pointers = (fieldErrorsOf(answer) as { pointer: string }[]).map((error) => error.pointer);
    assert.ok(pointers.length > 0, context);
    for (const pointer of pointers) {
      assert.ok(pointer === outcome.pointer || pointer.startsWith(`${outcome.pointer}/`), context);
    }
  } else if (outcome.kind === "accepted") {
    if (outcome.warning !== undefined)
      assert.ok(warningPointers(answer.warnings).includes(outcome.warning), context);
    if (outcome.entry !== undefined) {
      const stored = target.storedDocument(String(answer.id)) as {
        order_items: { metadata: Record<string, unknown> }[];
      };
      const entries = stored.order_items[0]?.metadata ?? {};
      assert.ok(Object.hasOwn(entries, outcome.entry.name), context);
      assert.deepEqual(entries[outcome.entry.name], outcome.entry.value, context);
    }
  }
}

const contextOf = (response: LightMyRequestResponse) =>
  `${response.statusCode} ${response.body.slice(0, 400)}`;

async function assertSingleEndpoint(testCase: TableCase, idempotent: boolean) {
  const { outcome } = testCase;
  const wire = new WireBody();
  const payload = wire.encode(hostileOrder(testCase, wire));
  const before = target.countRows();
  const response = await postBytes(target, singleUrl("ACME"), payload, idempotent);
  const body = assertWellFormedAnswer(target, response);
  const context = contextOf(response);
  if (outcome.kind === "refused") assert.equal(body.code, outcome.code, context);
  else if (outcome.kind === "accepted") assert.equal(response.statusCode, 202, context);
  else assert.equal(body.code, "validation_failed", context);
  assertOrderOutcome(outcome, body, context);
  assert.equal(target.countRows(), before + (outcome.kind === "accepted" ? 1 : 0));
}

/** The hostile order between two valid ones: only it may be rejected, unless the whole body is refused. */
async function assertBatchEndpoint(testCase: TableCase, idempotent: boolean) {
  const { outcome } = testCase;
  const wire = new WireBody();
  const documents = [exampleOrder("ACME"), hostileOrder(testCase, wire), minimalExampleOrder("ACME")];
  const before = target.countRows();
  const response = await postBytes(target, BATCH_URL, wire.encode(documents), idempotent);
  const body = assertWellFormedAnswer(target, response);
  const context = contextOf(response);
  if (outcome.kind === "refused") {
    assert.equal(body.code, outcome.code, context);
    assert.equal(target.countRows(), before);
    return;
  }
  const accepted = outcome.kind === "accepted";
  assert.equal(response.statusCode, accepted ? 202 : 206, context);
  const results = body.results as Record<string, unknown>[];
  const statuses = results.map((result) => result.status);
  assert.deepEqual(statuses, ["accepted", accepted ? "accepted" : "rejected", "accepted"], context);
  assertOrderOutcome(outcome, results[1] ?? {}, context);
  assert.equal(target.countRows(), before + (accepted ? 3 : 2));
}

/** Every case on both endpoints; every other one under an Idempotency-Key, which fingerprints the body. */
function describeTable(title: string, cases: TableCase[]) {
  describe(title, () => {
    cases.forEach((testCase, index) => {
      it(testCase.name, async () => {
        await assertSingleEndpoint(testCase, index % 2 === 1);
        await assertBatchEndpoint(testCase, index % 2 === 0);
        assert.equal(({} as Record<string, unknown>).polluted, undefined, "Object.prototype polluted");
        await assertHealthy(target);
      });
    });
  });
}

describeTable("every hostile value in every string field, on both endpoints", hostileFieldCases());
describeTable("prototype keys at every level, on both endpoints", prototypeKeyCases());
