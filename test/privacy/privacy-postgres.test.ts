import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { exampleOrder } from "../../src/domain/order-example.js";
import { cliOn, killCliProcesses } from "../helpers/cli-process.js";
import { createTestSchema, withPostgres } from "../helpers/postgres.js";
import { storedDocuments } from "../helpers/stored-submission.js";
import { createTestApp, type TestApp } from "../helpers/test-app.js";
import { postOrder } from "../http/order-requests.js";

/**
 * Suppression at intake, the suppressions endpoint and the operator's commands on PostgreSQL, as the
 * SQLite tests (test/http/suppressed-intake, suppressions, test/cli/erase-command) try them on the file:
 * the store contract covers each store operation on both, these the paths a merchant and an operator take.
 */
await withPostgres(() =>
  describe("privacy on PostgreSQL: suppression at intake, the suppressions endpoint, erase and suppress", () => {
    const schema = createTestSchema("privacy");
    let t: TestApp;
    const { cli, cliOk } = cliOn(() => schema.url);
    before(async () => {
      t = await createTestApp({ DATABASE_URL: schema.url });
    });
    after(async () => {
      await killCliProcesses();
      await t.close();
      await schema.drop();
    });

    const orderOf = (orderRef: string, email: string) => {
      const order = exampleOrder("ACME");
      return { ...order, order_ref: orderRef, customer: { ...order.customer, email } };
    };
    const suppressByApi = (emails: string[]) =>
      t.app.inject({
        method: "POST",
        url: "/v4/organisations/ACME/suppressions",
        headers: { authorization: t.acme.authorization, "content-type": "application/json" },
        payload: { emails },
      });

    it("keeps a suppressed customer's later order without their data, with the warning", async () => {
      const added = await suppressByApi(["Quentin.Marsh@example.com"]);
      assert.equal(added.statusCode, 200, added.body);
      assert.deepEqual(added.json(), { added: 1, already_suppressed: 0 });
      assert.deepEqual((await suppressByApi(["quentin.marsh@example.com"])).json(), {
        added: 0,
        already_suppressed: 1,
      });

      const response = await postOrder(t, orderOf("PG-SUP-1", "quentin.marsh@example.com"));
      assert.equal(response.statusCode, 202, response.body);
      assert.deepEqual(
        response.json().warnings.map((w: { code: string }) => w.code),
        ["customer_suppressed"],
      );
      const stored = await storedDocuments(
        { database: schema.url, schema: schema.schema },
        response.json().id,
      );
      assert.equal(stored?.raw, "");
      assert.doesNotMatch(stored?.document ?? "", /quentin|Jane|Doe|SW1A|gift wrapped/i);
      await t.processAll();
      const read = await t.store.findOrder("ACME", "PG-SUP-1");
      assert.equal(read?.suppressed, true);
      assert.deepEqual(read?.order.customer, { email: "", country: "GB" });
    });

    it("erases from the command line, suppresses, and exports the ledger", async () => {
      assert.equal((await postOrder(t, orderOf("PG-ERA-1", "Olive.Brandt@example.com"))).statusCode, 202);
      assert.equal((await postOrder(t, orderOf("PG-KEEP-1", "someone.else@example.com"))).statusCode, 202);
      await t.processAll();

      const erased = JSON.parse(
        await cliOk("erase", "--org", "ACME", "--email", "olive.brandt@EXAMPLE.com", "--json"),
      );
      assert.equal(erased.status, "completed");
      assert.equal(erased.counts.orders, 1);
      assert.equal(erased.counts.suppressions, 1);
      assert.equal(await t.store.findOrder("ACME", "PG-ERA-1"), undefined);
      assert.ok(await t.store.findOrder("ACME", "PG-KEEP-1"));

      const suppressed = await cli(
        "suppress",
        "--org",
        "ACME",
        "--email",
        "olive.brandt@example.com",
        "--json",
      );
      assert.equal(suppressed.code, 0, suppressed.stderr);
      assert.deepEqual(JSON.parse(suppressed.stdout), { added: 0, already_suppressed: 1 });

      const ledger = (await cliOk("erasure", "export", "--org", "ACME"))
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line));
      assert.deepEqual(
        ledger.map((entry) => [entry.id, entry.requested_by, entry.status]),
        [[erased.id, "operator", "completed"]],
      );
      for (const output of [
        JSON.stringify(erased),
        suppressed.stdout,
        suppressed.stderr,
        JSON.stringify(ledger),
      ]) {
        assert.doesNotMatch(output, /olive/i, "no output names the customer");
      }
      assert.match(await cliOk("compact"), /^Compacted: VACUUM of the tables/);
    });
  }),
);
