import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import { exampleOrder } from "../../src/domain/order-example.js";
import { assertProblem } from "../helpers/problem-assertions.js";
import { countSubmissionRows, createAppPool, postOrder } from "./order-requests.js";

const apps = createAppPool();
afterEach(() => apps.closeAll());

describe("POST /v4/organisations/{trkref}/customer_order: the charset of the body", () => {
  for (const contentType of [
    "application/json; charset=utf-8",
    "application/json; charset=UTF8",
    'application/json; charset="utf-8"',
  ]) {
    it(`accepts UTF-8 however it is spelt (${contentType})`, async () => {
      const t = await apps.open();
      const response = await postOrder(t, exampleOrder("ACME"), { contentType });

      assert.equal(response.statusCode, 202, response.body);
      const { id } = response.json() as { id: string };
      assert.equal((await t.store.findSubmission(id))?.status, "accepted");
    });
  }

  for (const charset of ["iso-8859-1", "latin1"]) {
    it(`refuses charset=${charset} with 415 naming it, and stores nothing`, async () => {
      const t = await apps.open();
      const response = await postOrder(t, exampleOrder("ACME"), {
        contentType: `application/json; charset=${charset}`,
      });

      const body = assertProblem(response, 415, "unsupported_media_type");
      assert.ok(body.detail.includes(charset), `detail names ${charset}: ${body.detail}`);
      assert.equal(countSubmissionRows(t), 0);
    });
  }
});
