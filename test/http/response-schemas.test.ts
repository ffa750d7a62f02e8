import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import { DEMO_TRKREF, exampleOrder, minimalExampleOrder } from "../../src/domain/order-example.js";
import { OrderListSchema, SubmissionListSchema } from "../../src/http/listing/listing-schemas.js";
import { type ProblemCode, problemCatalogue } from "../../src/http/problem-catalogue.js";
import { exampleProblem } from "../../src/http/problem-examples.js";
import {
  AcceptedSchema,
  BatchAnswerSchema,
  BatchStatusSchema,
  batchAnswerExamples,
  OrganisationListSchema,
  OrganisationSchema,
  ProblemSchema,
  StoredOrderSchema,
  SubmissionSchema,
} from "../../src/http/response-schemas.js";
import { assertExamplesMatch, assertMatches } from "../helpers/schema-match.js";
import { createOrgAndKey } from "../helpers/test-app.js";
import { createAppPool, postOrder } from "./order-requests.js";

const apps = createAppPool();
afterEach(() => apps.closeAll());

describe("the examples of the API description", () => {
  it("match the schemas they illustrate", () => {
    assertExamplesMatch({
      AcceptedSchema,
      SubmissionSchema,
      BatchStatusSchema,
      StoredOrderSchema,
      OrganisationSchema,
      OrganisationListSchema,
      OrderListSchema,
      SubmissionListSchema,
    });
    for (const [name, example] of Object.entries(batchAnswerExamples)) {
      assertMatches(BatchAnswerSchema, example, `the ${name} batch answer example`);
    }
    for (const code of Object.keys(problemCatalogue) as ProblemCode[]) {
      assertMatches(ProblemSchema, exampleProblem(code), `the example problem ${code}`);
    }
  });

  it("are accepted as they are by a service with the quickstart organisation", async () => {
    const t = await apps.open();
    const demo = await createOrgAndKey(t.store, DEMO_TRKREF);
    const single = await postOrder(t, exampleOrder(DEMO_TRKREF), {
      trkref: DEMO_TRKREF,
      authorization: demo.authorization,
    });
    assert.equal(single.statusCode, 202, single.body);
    assert.equal(single.json().warnings, undefined, "the example has no unknown field");
    const batch = await t.app.inject({
      method: "POST",
      url: "/v4/customer_orders",
      headers: { authorization: demo.authorization, "content-type": "application/json" },
      payload: [exampleOrder(DEMO_TRKREF), minimalExampleOrder(DEMO_TRKREF)],
    });
    assert.equal(batch.statusCode, 202, batch.body);
    assert.deepEqual(batch.json().summary, { accepted: 2, rejected: 0 });
  });
});

describe("the answers the service sends", () => {
  it("have the shapes the API description gives them", async () => {
    const t = await apps.open();
    const get = (url: string) =>
      t.app.inject({ method: "GET", url, headers: { authorization: t.acme.authorization } });

    const accepted = await postOrder(t, exampleOrder("ACME"));
    assertMatches(AcceptedSchema, accepted.json(), "a 202 answer");
    const batch = await t.app.inject({
      method: "POST",
      url: "/v4/customer_orders",
      headers: { authorization: t.acme.authorization, "content-type": "application/json" },
      payload: [minimalExampleOrder("ACME"), { ...minimalExampleOrder("ACME"), order_date: "31-02-2021" }],
    });
    assert.equal(batch.statusCode, 206);
    assertMatches(BatchAnswerSchema, batch.json(), "a 206 batch answer");
    await t.processAll();

    assertMatches(SubmissionSchema, (await get(String(accepted.headers.location))).json(), "a submission");
    assertMatches(BatchStatusSchema, (await get(String(batch.headers.location))).json(), "a batch");
    const order = await get("/v4/organisations/ACME/customer_orders/ORD-2021-000123");
    assert.equal(order.statusCode, 200);
    assertMatches(StoredOrderSchema, order.json(), "an order read back");
    assertMatches(OrganisationListSchema, (await get("/v4/organisations")).json(), "the key's organisations");
    assertMatches(OrganisationSchema, (await get("/v4/organisations/ACME")).json(), "an organisation");

    const refused = await postOrder(t, { ...exampleOrder("ACME"), order_date: "2021-09-25" });
    assert.equal(refused.statusCode, 422);
    assertMatches(ProblemSchema, refused.json(), "a 422 problem");
  });
});
