import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { DEMO_TRKREF } from "../../src/domain/order-example.js";
import { type OpenApiDocument, readOpenApi } from "../helpers/openapi.js";
import { createOrgAndKey, createTestApp, type TestApp } from "../helpers/test-app.js";

const readDoc = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), "utf8");
const guide = readDoc("docs/getting-started.md");

/** The files the guide writes with `cat > name <<'EOF'`, by name. */
const guideFiles = new Map(
  [...guide.matchAll(/cat > (\S+) <<'EOF'\n([\s\S]*?)\nEOF\n/g)].map((match) => [match[1], match[2] ?? ""]),
);

describe("docs/getting-started.md", () => {
  let t: TestApp;
  let authorization: string;
  let doc: OpenApiDocument;
  before(async () => {
    t = await createTestApp();
    authorization = (await createOrgAndKey(t.store, DEMO_TRKREF)).authorization;
    doc = await readOpenApi(t);
  });
  after(() => t.close());

  const post = (url: string, payload: string) =>
    t.app.inject({
      method: "POST",
      url,
      headers: { authorization, "content-type": "application/json" },
      payload,
    });

  it("has a first order that the quickstart service accepts", async () => {
    const order = guideFiles.get("order.json");
    assert.ok(order, "the guide writes order.json");
    const answer = await post(`/v4/organisations/${DEMO_TRKREF}/customer_order`, order);
    assert.equal(answer.statusCode, 202, answer.body);
  });

  it("has a batch that is answered 206 with one order accepted and one rejected, as it says", async () => {
    const batch = guideFiles.get("batch.json");
    assert.ok(batch, "the guide writes batch.json");
    const answer = await post("/v4/customer_orders", batch);
    assert.equal(answer.statusCode, 206, answer.body);
    assert.deepEqual(answer.json().summary, { accepted: 1, rejected: 1 });
  });

  it("shows the errors the service really gives for its wrong order", async () => {
    const wrong = /--data-binary '(\{"trkref":"DEMO","order_ref":"ORD-1002".*?)'/.exec(guide)?.[1];
    assert.ok(wrong, "the guide sends a wrong order");
    const answer = await post(`/v4/organisations/${DEMO_TRKREF}/customer_order`, wrong);
    assert.equal(answer.statusCode, 422);
    const { detail, errors, invalid_params, warnings } = answer.json();
    assert.ok(guide.includes(`"detail": "${detail}"`), `the guide shows the detail ${detail}`);
    assert.ok(
      guide.includes(`"errors": ${JSON.stringify(errors).replaceAll('","', '", "')}`),
      "the guide shows errors",
    );
    for (const shown of [...invalid_params, ...warnings]) {
      const entry = `{ "pointer": "${shown.pointer}", "code": "${shown.code}", "message": ${JSON.stringify(shown.message)}`;
      assert.ok(guide.includes(entry), `the guide shows ${entry}`);
    }
  });

  it("shows the answer the service gives to its credentials check", async () => {
    const shown = /\/v4\/organisations\n```\n\n```json\n(.+)\n```/.exec(guide)?.[1];
    assert.ok(shown, "the guide checks the credentials and shows the answer");
    const answer = await t.app.inject({
      method: "GET",
      url: "/v4/organisations",
      headers: { authorization },
    });
    assert.equal(answer.statusCode, 200, answer.body);
    // The quickstart names the organisation "Demo shop"; this test's is named by createOrgAndKey.
    const [demo] = answer.json().data;
    assert.deepEqual(JSON.parse(shown), { data: [{ ...demo, name: "Demo shop" }] });
  });

  it("uses only paths the API describes", () => {
    const templates = Object.keys(doc.paths).map(
      (path) => new RegExp(`^${path.replace(/\{\w+\}/g, "[^/]+")}$`),
    );
    const urls = [...guide.matchAll(/http:\/\/127\.0\.0\.1:3000(\/[^\s"`)]*)/g)].map(
      (match) => match[1] ?? "",
    );
    assert.ok(urls.length >= 8, "the guide has its commands");
    for (const url of urls.filter((path) => path !== "/docs")) {
      assert.ok(
        templates.some((template) => template.test(url)),
        `${url} is an endpoint of the API`,
      );
    }
  });

  it("is linked from the README's documentation list and from docs/api.md", () => {
    const readme = readDoc("README.md");
    const list = readme.slice(
      readme.indexOf("## Documentation"),
      readme.indexOf("\n## ", readme.indexOf("## Documentation") + 1),
    );
    assert.match(list, /\]\(docs\/getting-started\.md\)/);
    assert.match(readDoc("docs/api.md"), /\]\(getting-started\.md\)/);
  });
});
