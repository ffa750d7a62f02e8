import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import Database from "better-sqlite3";
import { exampleOrder } from "../../src/domain/order-example.js";
import { assertProblem, assertValidationProblem } from "../helpers/problem-assertions.js";
import type { TestApp } from "../helpers/test-app.js";
import { BATCH_URL, postKeyed } from "./idempotency-requests.js";
import { countSubmissionRows, createAppPool, postOrder } from "./order-requests.js";

const apps = createAppPool();
afterEach(() => apps.closeAll());

const NUMBER = "__number__";

/**
 * JSON text of `document` with the string `"__number__"` replaced by `number`, written as it stands: JSON text
 * a client's own serialiser may produce, which JSON.stringify cannot.
 */
const withNumber = (document: unknown, number: string) =>
  JSON.stringify(document).replace(`"${NUMBER}"`, number);

const order = (orderRef: unknown = "N-1") => ({ ...exampleOrder("ACME"), order_ref: orderRef });

/** The example order with `value` as the metadata of its first item. */
function withMetadata(metadata: Record<string, unknown>, orderRef = "N-1") {
  const { order_items: [first, ...rest] = [], ...document } = order(orderRef);
  return { ...document, order_items: [{ ...first, metadata }, ...rest] };
}

/** The normalised document stored for a submission, read straight from the database file. */
function storedDocument(t: TestApp, id: string): Record<string, unknown> {
  const db = new Database(t.config.databaseUrl, { readonly: true });
  try {
    const row = db.prepare("SELECT document FROM submissions WHERE id = ?").get(id) as { document: string };
    return JSON.parse(row.document);
  } finally {
    db.close();
  }
}

describe("POST a single order with a number a double cannot hold exactly", () => {
  for (const number of ["1.0000000000000001", "1e-400", "9007199254740993"]) {
    it(`answers 422 inexact_number at /order_ref for ${number}, and stores nothing`, async () => {
      const t = await apps.open();
      const response = await postOrder(t, withNumber(order(NUMBER), number));
      const { body, fields } = assertValidationProblem(response);
      assert.deepEqual(fields, [["/order_ref", "inexact_number"]]);
      assert.equal(
        body.invalid_params?.[0]?.message,
        `${number} cannot be held exactly as a number; send it as a string`,
      );
      // The v4 clients' one-line strings name the field, as for every field error.
      assert.deepEqual(body.errors, ["invalid order_ref"]);
      assert.equal(countSubmissionRows(t), 0);
    });
  }

  it("answers 422 at the pointer of a 30-digit number nested in an item's metadata", async () => {
    const t = await apps.open();
    const metadata = { colour: "blue", engraving: { sizes: [12, NUMBER] } };
    const response = await postOrder(t, withNumber(withMetadata(metadata), "123456789012345678901234567890"));
    const { fields } = assertValidationProblem(response);
    assert.deepEqual(fields, [["/order_items/0/metadata/engraving/sizes/1", "inexact_number"]]);
    assert.equal(countSubmissionRows(t), 0);
  });

  it("answers 422 for a price past the double's range", async () => {
    const t = await apps.open();
    const { order_items: [first, ...rest] = [], ...document } = order();
    const text = withNumber({ ...document, order_items: [{ ...first, price: NUMBER }, ...rest] }, "1e400");
    const { fields } = assertValidationProblem(await postOrder(t, text));
    assert.deepEqual(fields, [["/order_items/0/price", "inexact_number"]]);
  });

  it("accepts 1.50 and 0.1 with their values, and a long run of digits inside a string", async () => {
    const t = await apps.open();
    const metadata = { a: NUMBER, b: 0.1, card: "1234567890123456789", list: [1e-7, -0] };
    const response = await postOrder(t, withNumber(withMetadata(metadata), "1.50"));
    assert.equal(response.statusCode, 202, response.body);
    const stored = storedDocument(t, response.json().id) as { order_items: { metadata: unknown }[] };
    assert.deepEqual(stored.order_items[0]?.metadata, {
      a: 1.5,
      b: 0.1,
      card: "1234567890123456789",
      list: [1e-7, 0],
    });
  });

  it("keeps the last value of a duplicate key in a body read with care", async () => {
    const t = await apps.open();
    // The 16-digit string makes the body one that is read a second time.
    const text = JSON.stringify(withMetadata({ id: "1234567890123456" })).replace(
      '"order_ref":"N-1"',
      '"order_ref":"FIRST","order_ref":"LAST"',
    );
    const response = await postOrder(t, text);
    assert.equal(response.statusCode, 202, response.body);
    assert.equal(storedDocument(t, response.json().id).order_ref, "LAST");
  });
});

interface BatchAnswer {
  summary: { accepted: number; rejected: number };
  results: {
    index: number;
    status: string;
    order_ref: string | null;
    invalid_params?: { pointer: string; code: string }[];
  }[];
  errors: { customer_order: Record<string, unknown>; errors: string[] }[];
}

describe("POST a batch with a number a double cannot hold exactly", () => {
  const batchText = () =>
    withNumber([order("B-1"), withMetadata({ total: NUMBER }, "B-2"), order("B-3")], "1e-400");

  it("rejects only the order holding it, and echoes that order with the number as sent", async () => {
    const t = await apps.open();
    const response = await postKeyed(t, batchText(), { url: BATCH_URL });
    assert.equal(response.statusCode, 206, response.body);
    const body = response.json() as BatchAnswer;
    assert.deepEqual(body.summary, { accepted: 2, rejected: 1 });
    assert.deepEqual(
      body.results.map((result) => [result.status, result.order_ref]),
      [
        ["accepted", "B-1"],
        ["rejected", "B-2"],
        ["accepted", "B-3"],
      ],
    );
    assert.deepEqual(
      body.results[1]?.invalid_params?.map((error) => [error.pointer, error.code]),
      [["/order_items/0/metadata/total", "inexact_number"]],
    );
    const echoed = body.errors[0]?.customer_order as { order_items: { metadata: unknown }[] };
    assert.deepEqual(echoed.order_items[0]?.metadata, { total: "1e-400" });
    assert.equal(countSubmissionRows(t), 2);
  });

  it("answers 422 batch_invalid when the number is in every order", async () => {
    const t = await apps.open();
    const text = `[${withNumber(order(NUMBER), "1.0000000000000001")},${withNumber(order(NUMBER), "1e400")}]`;
    const body = assertProblem(await postKeyed(t, text, { url: BATCH_URL }), 422, "batch_invalid");
    const { results } = body as unknown as BatchAnswer;
    assert.deepEqual(
      results.map((result) => [result.order_ref, result.invalid_params?.map((error) => error.code)]),
      [
        [null, ["inexact_number"]],
        [null, ["inexact_number"]],
      ],
    );
    assert.equal(countSubmissionRows(t), 0);
  });

  it("takes a retry that sends the digits as a string as a new request, not a replay", async () => {
    const t = await apps.open();
    const key = "inexact-retry";
    const first = await postKeyed(t, batchText(), { url: BATCH_URL, key });
    assert.equal(first.statusCode, 206, first.body);
    const replay = await postKeyed(t, batchText(), { url: BATCH_URL, key });
    assert.equal(replay.headers["idempotent-replayed"], "true");
    assert.equal(replay.body, first.body);
    const asString = batchText().replace(":1e-400", ':"1e-400"');
    assertProblem(await postKeyed(t, asString, { url: BATCH_URL, key }), 422, "idempotency_key_reused");
    assert.equal(countSubmissionRows(t), 2);
  });
});
