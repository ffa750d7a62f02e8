import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { exampleOrder } from "../../src/domain/order-example.js";
import { nextMillisecond } from "../helpers/next-millisecond.js";
import { asPostgresAdmin, createTestSchema, withPostgres } from "../helpers/postgres.js";
import { assertProblem } from "../helpers/problem-assertions.js";
import { createTestApp } from "../helpers/test-app.js";
import { getListing, type ListingPage, readAllPages, submitOrder, withCursor } from "./list-requests.js";

interface Listed {
  id?: string;
  order_ref: string;
  updated_at?: string;
}

const refsOf = (pages: ListingPage<Listed>[]) =>
  pages.flatMap((page) => page.data.map((item) => item.order_ref));

/** Both listings through HTTP on PostgreSQL, as on SQLite. */
await withPostgres(() =>
  describe("the listings on PostgreSQL", () => {
    const schema = createTestSchema("listing");
    after(() => schema.drop());

    it("pages through orders and failed submissions, filters, and refuses a wrong cursor", async () => {
      const t = await createTestApp({}, { databasePath: schema.url });
      after(() => t.close());
      assert.equal(t.store.kind, "postgres");
      await asPostgresAdmin(async (admin) => {
        await admin.query(`SET search_path TO ${schema.schema}`);
        await admin.query(`CREATE FUNCTION refuse_bad() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN IF NEW.order_ref = 'BAD-1' THEN RAISE EXCEPTION 'refused by the test' USING ERRCODE = '23514';
          END IF; RETURN NEW; END $$`);
        await admin.query(
          "CREATE TRIGGER refuse_bad BEFORE INSERT ON orders FOR EACH ROW EXECUTE FUNCTION refuse_bad()",
        );
      });
      const refs = ["L-1", "L-2", "BAD-1", "L-3", "L-4", "L-5"];
      for (const ref of refs) await submitOrder(t, { ...exampleOrder("ACME"), order_ref: ref });
      await t.processAll();

      const orders = "/v4/organisations/ACME/customer_orders";
      const newest = await readAllPages<Listed>(t, `${orders}?limit=2`);
      assert.deepEqual(refsOf(newest), ["L-5", "L-4", "L-3", "L-2", "L-1"]);
      assert.deepEqual(
        newest.map((page) => page.data.length),
        [2, 2, 1],
      );
      assert.deepEqual(refsOf(await readAllPages<Listed>(t, `${orders}?limit=3&order=oldest`)), [
        "L-1",
        "L-2",
        "L-3",
        "L-4",
        "L-5",
      ]);
      const readBack = await getListing(t, `${orders}/L-5`);
      // The read-back adds the order's invitation and cancellation, which the listing leaves out.
      const { invitation: _i, cancellation: _c, ...order } = readBack.json();
      assert.deepEqual(newest[0]?.data[0], order);

      await nextMillisecond();
      await submitOrder(t, { ...exampleOrder("ACME"), order_ref: "L-2", fulfilment_date: "30-09-2021" });
      await t.processAll();
      const since = newest[0]?.data[0]?.updated_at ?? assert.fail("L-5 has an updated_at");
      assert.deepEqual(refsOf(await readAllPages<Listed>(t, `${orders}?updated_after=${since}`)), ["L-2"]);

      const failed = await readAllPages<Listed>(t, "/v4/customer_orders?status=failed&trkref=ACME");
      assert.deepEqual(refsOf(failed), ["BAD-1"]);
      const status = await getListing(t, `/v4/customer_orders/${failed[0]?.data[0]?.id}`);
      assert.deepEqual(failed[0]?.data[0], status.json());
      const processed = await readAllPages<Listed>(
        t,
        "/v4/customer_orders?status=processed&trkref=ACME&limit=2&order=oldest",
      );
      assert.deepEqual(refsOf(processed), ["L-1", "L-2", "L-3", "L-4", "L-5", "L-2"]);

      const cursor = newest[0]?.next ?? assert.fail("a second page");
      assertProblem(await getListing(t, withCursor(`${orders}?order=oldest`, cursor)), 400, "invalid_query");
      // A position no text column can hold is refused before the database is asked: 400, never 500.
      const { l, p } = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
      const nul = Buffer.from(JSON.stringify({ v: 1, l, p: [p[0], "L\u0000"] })).toString("base64url");
      const refused = assertProblem(await getListing(t, withCursor(orders, nul)), 400, "invalid_query");
      assert.equal(refused.invalid_params?.[0]?.code, "invalid_cursor");
    });
  }),
);
