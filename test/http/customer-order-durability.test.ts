import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import { exampleOrder } from "../../src/domain/order-example.js";
import { assertProblem } from "../helpers/problem-assertions.js";
import { canMountFilesystem } from "../helpers/small-filesystem.js";
import { countSubmissionRows, createAppPool, postOrder } from "./order-requests.js";

const apps = createAppPool();
afterEach(() => apps.closeAll());

describe("POST /v4/organisations/{trkref}/customer_order: a 202 means stored", () => {
  it("answers 503 with Retry-After, never 202, when the commit fails; 202 once it works again", {
    skip: !canMountFilesystem() && "needs to mount a tmpfs",
  }, async () => {
    const { t, disk } = await apps.openOnSmallFilesystem();
    disk.fill();

    const refused = await postOrder(t, exampleOrder("ACME"));
    const body = assertProblem(refused, 503, "store_unavailable");
    assert.ok(Number(refused.headers["retry-after"]) > 0, "Retry-After must be a positive number of seconds");
    assert.equal(refused.headers.location, undefined);
    assert.doesNotMatch(refused.body, /database or disk is full/, "a 5xx must not show the driver's message");
    assert.doesNotMatch(body.detail, /SQLITE|disk/i);
    assert.equal(countSubmissionRows(t), 0);

    disk.free();
    const accepted = await postOrder(t, exampleOrder("ACME"));
    assert.equal(accepted.statusCode, 202, accepted.body);
    assert.equal((await t.store.findSubmission(accepted.json().id))?.status, "accepted");
    assert.equal(countSubmissionRows(t), 1);
  });

  it("refuses every request of a group whose commit fails", {
    skip: !canMountFilesystem() && "needs to mount a tmpfs",
  }, async () => {
    const { t, disk } = await apps.openOnSmallFilesystem();
    disk.fill();
    const responses = await Promise.all(
      Array.from({ length: 5 }, (_, i) => postOrder(t, { ...exampleOrder("ACME"), order_ref: `G-${i}` })),
    );
    for (const response of responses) assertProblem(response, 503, "store_unavailable");
    assert.equal(countSubmissionRows(t), 0);
  });

  it("answers 503, not 500, when the store is closed", async () => {
    const t = await apps.open();
    await t.store.close();
    const response = await postOrder(t, exampleOrder("ACME"));
    assertProblem(response, 503, "store_unavailable");
    assert.ok(response.headers["retry-after"], "Retry-After must be sent");
  });
});

describe("POST /v4/organisations/{trkref}/customer_order: concurrency and repeats", () => {
  it("accepts 50 concurrent submissions with distinct ids, all stored, sharing commits", async () => {
    const t = await apps.open({ LOG_LEVEL: "debug" });
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) => postOrder(t, { ...exampleOrder("ACME"), order_ref: `C-${i}` })),
    );

    for (const response of responses) assert.equal(response.statusCode, 202, response.body);
    const ids = responses.map((response) => response.json().id as string);
    assert.equal(new Set(ids).size, 50);
    for (const [i, id] of ids.entries()) {
      const stored = await t.store.findSubmission(id);
      assert.equal(stored?.orderRef, `C-${i}`, `submission ${id} must be stored for the order it answered`);
    }
    assert.equal(countSubmissionRows(t), 50);

    // Group commit: the committer logs each commit with its size; 50 requests must not cost 50 commits.
    const commits = t
      .logLines()
      .map((line) => JSON.parse(line) as { msg?: string; size?: number })
      .filter((entry) => entry.msg === "submissions committed");
    assert.equal(
      commits.reduce((sum, entry) => sum + (entry.size ?? 0), 0),
      50,
    );
    assert.ok(commits.length < 50, `expected shared commits, got ${commits.length} for 50 requests`);
  });

  it("gives the same order submitted twice two different submission ids, both stored", async () => {
    const t = await apps.open();
    const first = await postOrder(t, exampleOrder("ACME"));
    const second = await postOrder(t, exampleOrder("ACME"));

    assert.equal(first.statusCode, 202);
    assert.equal(second.statusCode, 202);
    assert.notEqual(first.json().id, second.json().id);
    assert.equal((await t.store.findSubmission(first.json().id))?.status, "accepted");
    assert.equal((await t.store.findSubmission(second.json().id))?.status, "accepted");
    assert.equal(countSubmissionRows(t), 2);
  });
});
