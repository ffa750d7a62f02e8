import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { exampleOrder } from "../../src/domain/order-example.js";
import { cliOn, killCliProcesses, readRows } from "../helpers/cli-process.js";
import { createTestApp, type TestApp } from "../helpers/test-app.js";

// One app on one SQLite file; the CLI runs against the same file, as an operator's would beside a server.
describe("order-intake output", { concurrency: true }, () => {
  let t: TestApp;
  const { cli, cliOk } = cliOn(() => t.config.databaseUrl);

  before(async () => {
    t = await createTestApp();
  });
  after(async () => {
    await killCliProcesses();
    await t.close();
  });

  it("shows a submission with the fields and names of GET /v4/customer_orders/{id}, as JSON and for people", async () => {
    const accepted = await t.app.inject({
      method: "POST",
      url: "/v4/organisations/ACME/customer_order",
      headers: { authorization: t.acme.authorization, "content-type": "application/json" },
      payload: exampleOrder("ACME"),
    });
    assert.equal(accepted.statusCode, 202, accepted.body);
    const { id } = accepted.json() as { id: string };
    await t.processAll();
    const answer = await t.app.inject({
      method: "GET",
      url: `/v4/customer_orders/${id}`,
      headers: { authorization: t.acme.authorization },
    });
    assert.equal(answer.statusCode, 200, answer.body);

    const json = JSON.parse(await cliOk("submission", "show", id, "--json")) as Record<string, unknown>;
    assert.deepEqual(json, answer.json());
    assert.equal(json.order_ref, exampleOrder("ACME").order_ref);
    assert.equal(json.outcome, "created");

    const text = await cliOk("submission", "show", id.toUpperCase());
    assert.match(text, new RegExp(`^id +${id}$`, "m"));
    assert.match(text, /^status +processed$/m);
    assert.match(text, /^failure_reason +-$/m);
    assert.match(text, new RegExp(`^order_ref +${exampleOrder("ACME").order_ref}$`, "m"));
  });

  it("names the key id key_id in key create --json and key list --json alike, with snake_case fields", async () => {
    const created = JSON.parse(await cliOk("key", "create", "--org", "ACME", "--json")) as Record<
      string,
      unknown
    >;
    assert.deepEqual(Object.keys(created), [
      "key_id",
      "trkrefs",
      "label",
      "created_at",
      "expires_at",
      "last_used_at",
      "revoked_at",
      "previous_secret_valid_until",
      "secret",
    ]);
    const listed = (JSON.parse(await cliOk("key", "list", "--json")) as Record<string, unknown>[]).find(
      (key) => key.key_id === created.key_id,
    );
    const { secret: _, ...withoutSecret } = created;
    assert.deepEqual(listed, withoutSecret);
  });

  it("lists organisations as JSON with snake_case fields, and as a table with headers", async () => {
    const organisations = JSON.parse(await cliOk("org", "list", "--json")) as Record<string, unknown>[];
    const acme = organisations.find((org) => org.trkref === "ACME");
    assert.deepEqual(Object.keys(acme ?? {}), ["trkref", "name", "enabled", "created_at"]);
    const [header, ...rows] = (await cliOk("org", "list")).trimEnd().split("\n");
    assert.match(header ?? "", /^TRKREF +STATUS +NAME +CREATED$/);
    assert.ok(
      rows.some((row) => /^ACME +enabled +ACME Ltd +\d{4}-/.test(row)),
      rows.join("\n"),
    );
  });

  it("says so when a key is revoked again, exits 0, and keeps the first revocation time", async () => {
    const { key_id: keyId } = JSON.parse(await cliOk("key", "create", "--org", "ACME", "--json")) as {
      key_id: string;
    };
    assert.equal(await cliOk("key", "revoke", keyId), `Key ${keyId} revoked\n`);
    const revokedAt = readRows(t.config.databaseUrl, "api_keys").find((row) => row.id === keyId)?.revoked_at;
    assert.equal(typeof revokedAt, "string");

    const again = await cli("key", "revoke", keyId);
    assert.equal(again.code, 0, again.stderr);
    assert.equal(again.stdout, `Key ${keyId} was already revoked at ${revokedAt}: nothing changed\n`);
    assert.equal(
      readRows(t.config.databaseUrl, "api_keys").find((row) => row.id === keyId)?.revoked_at,
      revokedAt,
    );
    assert.match(
      await cliOk("key", "list"),
      new RegExp(`^${keyId} +revoked +ACME +\\S+ +- +- +${revokedAt} +- +-$`, "m"),
    );
  });

  it("never echoes a pasted secret, whatever the command or the mistake", async () => {
    const { key_id: keyId, secret } = JSON.parse(await cliOk("key", "create", "--org", "ACME", "--json")) as {
      key_id: string;
      secret: string;
    };
    const random = secret.slice("ois_".length);
    for (const args of [
      ["key", "revoke", secret],
      ["key", "revoke", `${keyId}:${secret}`],
      ["org", "create", secret, "--name", "Pasted"],
      ["org", "enable", secret.toUpperCase()],
      ["key", "create", "--org", secret],
      ["submission", "show", secret],
      [secret],
      ["key", "list", `--secret=${secret}`],
      ["key", "revoke", keyId, secret],
    ]) {
      const result = await cli(...args);
      const shown = args.map((arg) => arg.replace(random, "<random>")).join(" ");
      assert.notEqual(result.code, 0, shown);
      for (const output of [result.stdout, result.stderr]) {
        assert.ok(!output.toLowerCase().includes(random.slice(0, 12).toLowerCase()), `${shown}: ${output}`);
      }
    }
    const pasted = await cli("key", "revoke", secret);
    assert.equal(pasted.code, 2);
    assert.match(pasted.stderr, /That is a secret \(ois_…\), not a key id/);
    assert.equal(
      readRows(t.config.databaseUrl, "api_keys").find((row) => row.id === keyId)?.revoked_at,
      null,
    );
  });
});
