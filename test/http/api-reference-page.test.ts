import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import { directivesOf } from "../helpers/content-security-policy.js";
import type { TestApp } from "../helpers/test-app.js";
import { basicAuth } from "../helpers/test-app.js";
import { createAppPool } from "./order-requests.js";

const apps = createAppPool();
afterEach(() => apps.closeAll());

/** The `src` and `href` values of the page's tags. */
const referencesIn = (html: string) =>
  [...html.matchAll(/\s(?:src|href)="([^"]*)"/g)].map((match) => match[1] ?? "");

/** GETs the page and every asset it references, as a browser would, without credentials. */
async function loadPage(t: TestApp, url: string) {
  const page = await t.app.inject({ method: "GET", url });
  const assets = await Promise.all(
    referencesIn(page.body).map(async (reference) => {
      const assetUrl = new URL(reference, `http://127.0.0.1${url}`).pathname;
      return { reference, response: await t.app.inject({ method: "GET", url: assetUrl }) };
    }),
  );
  return { page, assets };
}

describe("GET /docs", () => {
  for (const url of ["/docs", "/docs/"]) {
    it(`serves the API reference at ${url}, without credentials, with every asset from this service`, async () => {
      const t = await apps.open();
      const { page, assets } = await loadPage(t, url);
      assert.equal(page.statusCode, 200);
      assert.match(String(page.headers["content-type"]), /^text\/html/);
      assert.match(page.body, /<title>order-intake API reference<\/title>/);
      assert.ok(assets.length >= 5, "the page has its scripts, styles and icons");
      for (const { reference, response } of assets) {
        assert.match(reference, /^\.?\/[^/]/, `${reference} is a path on this service, not another host`);
        assert.equal(response.statusCode, 200, `${reference} is served`);
      }
      const styles = assets.filter(({ reference }) => reference.endsWith(".css"));
      assert.ok(styles.length > 0);
      for (const { reference, response } of styles) {
        // A stylesheet could still fetch fonts or images from elsewhere.
        assert.doesNotMatch(
          response.body,
          /url\(\s*["']?(https?:)?\/\//i,
          `${reference} loads nothing remote`,
        );
        assert.doesNotMatch(response.body, /@import/i, `${reference} imports nothing`);
      }
    });
  }

  it("lets the browser load and call nothing but this service", async () => {
    const t = await apps.open();
    const policy = String(
      (await t.app.inject({ method: "GET", url: "/docs" })).headers["content-security-policy"],
    );
    const directives = directivesOf(policy);
    assert.deepEqual(directives.get("default-src"), ["'self'"]);
    assert.deepEqual(directives.get("connect-src"), ["'self'"]);
    assert.deepEqual(directives.get("script-src"), ["'self'"]);
    for (const [name, sources] of directives) {
      for (const source of sources ?? []) {
        assert.match(source, /^('self'|'none'|data:)$/, `${name} allows only this service, not ${source}`);
      }
    }
  });

  it("renders the same OpenAPI document the service serves at /openapi.json", async () => {
    const t = await apps.open();
    const page = await t.app.inject({ method: "GET", url: "/docs/json" });
    const served = await t.app.inject({ method: "GET", url: "/openapi.json" });
    assert.equal(page.statusCode, 200);
    assert.deepEqual(page.json(), served.json());
  });

  it("still opens for a client that is throttled for failed authentications", async () => {
    const t = await apps.open({ AUTH_FAILURES_PER_MINUTE: "1" });
    const wrong = { authorization: basicAuth(t.acme.keyId, "ois_wrong") };
    const statuses = [];
    for (let attempt = 0; attempt < 2; attempt++) {
      const answer = await t.app.inject({ method: "GET", url: "/v4/customer_orders/x", headers: wrong });
      statuses.push(answer.statusCode);
    }
    assert.deepEqual(statuses, [401, 429], "the client is throttled");
    const { page, assets } = await loadPage(t, "/docs");
    assert.equal(page.statusCode, 200);
    for (const { reference, response } of assets) assert.equal(response.statusCode, 200, reference);
  });
});

describe("GET /", () => {
  it("sends the visitor of the service's bare URL to the API reference", async () => {
    const t = await apps.open();
    const root = await t.app.inject({ method: "GET", url: "/" });
    assert.equal(root.statusCode, 302);
    assert.equal(root.headers.location, "/docs");
    assert.equal(root.headers["content-type"], "text/html; charset=utf-8");
    assert.match(
      root.body,
      /<a href="\/docs">/,
      "the answer links there too, for a client that does not follow",
    );
    const reference = await t.app.inject({ method: "GET", url: String(root.headers.location) });
    assert.equal(reference.statusCode, 200);
    assert.match(reference.body, /<title>order-intake API reference<\/title>/);
  });

  it("answers HEAD the same without a body, and another method 405 with Allow", async () => {
    const t = await apps.open();
    const head = await t.app.inject({ method: "HEAD", url: "/" });
    assert.equal(head.statusCode, 302);
    assert.equal(head.headers.location, "/docs");
    assert.equal(head.body, "");
    const post = await t.app.inject({ method: "POST", url: "/", payload: {} });
    assert.equal(post.statusCode, 405);
    assert.equal(post.headers.allow, "GET, HEAD, OPTIONS");
  });
});
