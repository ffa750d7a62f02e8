import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { InjectOptions } from "fastify";
import { type ProblemCode, problemCatalogue } from "../../src/http/problem-catalogue.js";
import { assertProblem } from "../helpers/problem-assertions.js";
import { createTestApp, type TestApp } from "../helpers/test-app.js";
import { orderUrl } from "./order-requests.js";

/** What a browser sends when it follows a link. */
const BROWSER_ACCEPT =
  "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";

describe("a problem's type, followed", () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  /** Follows `type` as a browser would: the redirect, then the page, which must have the fragment's anchor. */
  async function openInBrowser(type: string) {
    const redirect = await t.app.inject({ method: "GET", url: type, headers: { accept: BROWSER_ACCEPT } });
    assert.equal(redirect.statusCode, 303, `${type} sends a browser on`);
    assert.equal(redirect.headers.vary, "accept");
    const location = new URL(String(redirect.headers.location), "http://127.0.0.1");
    const page = await t.app.inject({ method: "GET", url: location.pathname });
    assert.equal(page.statusCode, 200, `${location} answers`);
    assert.equal(page.headers["content-type"], "text/html; charset=utf-8");
    const anchor = location.hash.slice(1);
    assert.ok(page.body.includes(` id="${anchor}"`), `${location.pathname} has the anchor #${anchor}`);
    return { location: `${location.pathname}${location.hash}`, anchor };
  }

  const requests: [ProblemCode, (t: TestApp) => InjectOptions][] = [
    ["not_found", () => ({ method: "GET", url: "/nope" })],
    ["method_not_allowed", () => ({ method: "DELETE", url: "/v4/customer_orders" })],
    ["unauthorized", () => ({ method: "GET", url: "/v4/organisations" })],
    [
      "unsupported_media_type",
      (t) => ({
        method: "POST",
        url: orderUrl("ACME"),
        headers: { authorization: t.acme.authorization, "content-type": "text/plain" },
        payload: "an order",
      }),
    ],
  ];
  for (const [code, request] of requests) {
    it(`leads a browser from the type of a ${code} answer to the code's entry in the errors guide`, async () => {
      const answer = await t.app.inject(request(t));
      const body = assertProblem(answer, problemCatalogue[code].status, code);
      assert.equal((await openInBrowser(String(body.type))).anchor, code);
    });
  }

  it("gives every code of the catalogue an entry, named in the JSON the same way", async () => {
    for (const code of Object.keys(problemCatalogue)) {
      const { location } = await openInBrowser(`/problems/${code}`);
      assert.equal(location, `/docs/guides/errors#${code}`);
      const json = await t.app.inject({ method: "GET", url: `/problems/${code}` });
      assert.equal(json.statusCode, 200);
      assert.equal(json.headers.vary, "accept");
      assert.equal(json.json().docs, location, `${code}: the JSON's docs is the browser's page`);
    }
  });

  for (const accept of [
    "*/*",
    "application/json",
    "application/problem+json",
    "text/html;q=0.5, application/json",
  ]) {
    it(`answers the catalogue entry as JSON to Accept: ${accept}`, async () => {
      const answer = await t.app.inject({ method: "GET", url: "/problems/not_found", headers: { accept } });
      assert.equal(answer.statusCode, 200);
      assert.match(String(answer.headers["content-type"]), /^application\/json/);
      assert.equal(answer.json().code, "not_found");
    });
  }

  it("answers an unknown code 404 whatever the client prefers", async () => {
    const answer = await t.app.inject({
      method: "GET",
      url: "/problems/nope",
      headers: { accept: BROWSER_ACCEPT },
    });
    assertProblem(answer, 404, "not_found");
  });
});
