import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { after, before, describe, it } from "node:test";
import { parse } from "csv-parse/sync";
import { exampleOrder } from "../../src/domain/order-example.js";
import { CLI, cliOn, killCliProcesses } from "../helpers/cli-process.js";
import { createTestApp, type TestApp } from "../helpers/test-app.js";

const ORDERS = 1203; // more than two export pages of 500, and not a multiple of one

// One app on one SQLite file, filled over HTTP; the CLI reads the same file, as an operator's would.
describe("order-intake order, submission list and batch show", () => {
  let t: TestApp;
  let batchId: string;
  const { cli, cliOk } = cliOn(() => t.config.databaseUrl);
  const post = (url: string, payload: unknown) =>
    t.app.inject({
      method: "POST",
      url,
      headers: { authorization: t.acme.authorization, "content-type": "application/json" },
      payload: JSON.stringify(payload),
    });

  before(async () => {
    t = await createTestApp();
    for (let first = 0; first < ORDERS; first += 500) {
      const orders = Array.from({ length: Math.min(500, ORDERS - first) }, (_, n) => ({
        ...exampleOrder("ACME"),
        order_ref: `E-${String(first + n).padStart(5, "0")}`,
      }));
      const answer = await post("/v4/customer_orders", orders);
      assert.equal(answer.statusCode, 202, answer.body);
      batchId = (answer.json() as { id: string }).id;
    }
    await t.processAll();
  });
  after(async () => {
    await killCliProcesses();
    await t.close();
  });

  it("exports every order once as NDJSON, streaming page by page, oldest first", async () => {
    const lines = (await cliOk("order", "export", "--org", "ACME", "--format", "ndjson"))
      .trimEnd()
      .split("\n");
    assert.equal(lines.length, ORDERS);
    const refs = lines.map((line) => (JSON.parse(line) as { order_ref: string }).order_ref);
    assert.equal(new Set(refs).size, ORDERS, "no order twice");
    const first = JSON.parse(lines[0] ?? "{}");
    assert.equal(first.customer.email, "jane.doe@example.com");
    assert.equal(first.order_date, "2021-09-25", "the normalised document");
    assert.ok(first.created_at && first.updated_at);
  });

  it("stops quietly, exit 0, when the reader closes the pipe (order export | head)", async () => {
    const result = await new Promise<{ status: string; stderr: string }>((resolve) => {
      execFile(
        "bash",
        [
          "-c",
          `set -o pipefail; "$0" "$1" order export --org ACME --format ndjson | head -n 1 > /dev/null; echo "\${PIPESTATUS[0]}"`,
          process.execPath,
          CLI,
        ],
        { env: { ...process.env, DATABASE_URL: t.config.databaseUrl, LOG_LEVEL: "silent" }, timeout: 15_000 },
        (_error, stdout, stderr) => resolve({ status: stdout.trim(), stderr }),
      );
    });
    assert.equal(result.status, "0", result.stderr);
    assert.equal(result.stderr, "");
  });

  it("exports one CSV row per item under a header of the document's field names", async () => {
    const rows = parse(await cliOk("order", "export", "--org", "ACME", "--format", "csv"), {
      columns: true,
    }) as Record<string, string>[];
    const items = exampleOrder("ACME").order_items.length;
    assert.equal(rows.length, ORDERS * items);
    assert.equal(rows[0]?.["customer.email"], "jane.doe@example.com");
    assert.equal(rows[0]?.["item.sku"], "TSHIRT-BLUE-M");
    assert.equal(rows[0]?.["item.price"], "55.99");
    assert.deepEqual(JSON.parse(rows[0]?.["item.metadata"] ?? "null"), {
      field_1: "gift wrapped",
      colour: "blue",
    });
  });

  it("exports only what changed since a time, and refuses a wrong format or time with exit 2", async () => {
    const future = await cliOk(
      "order",
      "export",
      "--org",
      "ACME",
      "--format",
      "ndjson",
      "--since",
      "2999-01-01T00:00:00Z",
    );
    assert.equal(future, "");
    for (const args of [
      ["--format", "xml"],
      ["--format", "csv", "--since", "yesterday"],
    ]) {
      const result = await cli("order", "export", "--org", "ACME", ...args);
      assert.equal(result.code, 2, result.stderr);
      assert.equal(result.stdout, "");
    }
    const unknown = await cli("order", "export", "--org", "NOPE", "--format", "csv");
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /No organisation NOPE/);
  });

  it("lists the newest orders with headers for people, and as the API's items with --json", async () => {
    const [header, ...rows] = (await cliOk("order", "list", "--org", "ACME", "--limit", "3"))
      .trimEnd()
      .split("\n");
    assert.match(
      header ?? "",
      /^ORDER_REF\s+ORDER_DATE\s+FULFILMENT_DATE\s+ITEMS\s+CREATED_AT\s+UPDATED_AT$/,
    );
    assert.equal(rows.length, 3);
    const listed = JSON.parse(await cliOk("order", "list", "--org", "ACME", "--limit", "2", "--json"));
    const answer = await t.app.inject({
      url: "/v4/organisations/ACME/customer_orders?limit=2",
      headers: { authorization: t.acme.authorization },
    });
    assert.deepEqual(listed, answer.json().data, "the same items as the API's listing");
    assert.equal((await cli("order", "list", "--org", "ACME", "--limit", "101")).code, 2);
  });

  it("lists submissions by status and shows a batch, as the API answers them", async () => {
    const processed = JSON.parse(
      await cliOk("submission", "list", "--org", "ACME", "--status", "processed", "--limit", "2", "--json"),
    ) as { id: string; status: string; failure_code: null }[];
    assert.equal(processed.length, 2);
    const everyOrganisation = JSON.parse(
      await cliOk("submission", "list", "--status", "processed", "--limit", "2", "--json"),
    );
    assert.deepEqual(everyOrganisation, processed, "without --org: every organisation's, newest first");
    const [oldest] = JSON.parse(
      await cliOk("submission", "list", "--status", "processed", "--oldest", "--limit", "1", "--json"),
    ) as { order_ref: string }[];
    assert.equal(oldest?.order_ref, "E-00000");
    assert.equal(processed[0] && (processed[0] as unknown as { order_ref: string }).order_ref, "E-01202");
    const malformed = await cli("submission", "list", "--status", "failed", "--org", "acme");
    assert.equal(malformed.code, 2, malformed.stderr);
    const one = await t.app.inject({
      url: `/v4/customer_orders/${processed[0]?.id}`,
      headers: { authorization: t.acme.authorization },
    });
    assert.deepEqual(processed[0], one.json());
    assert.equal(
      (await cliOk("submission", "list", "--org", "ACME", "--status", "failed")).trimEnd().split("\n").length,
      1,
      "a header only",
    );
    assert.equal((await cli("submission", "list", "--org", "ACME", "--status", "lost")).code, 2);

    const batch = JSON.parse(await cliOk("batch", "show", batchId, "--json"));
    const status = await t.app.inject({
      url: `/v4/customer_orders/batches/${batchId}`,
      headers: { authorization: t.acme.authorization },
    });
    assert.deepEqual(batch, status.json());
    assert.match(await cliOk("batch", "show", batchId), /203 accepted, 0 rejected/);
    assert.equal((await cli("batch", "show", "01900000-0000-7000-8000-000000000000")).code, 1);
  });
});
