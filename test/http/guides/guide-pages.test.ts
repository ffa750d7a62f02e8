import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { guidePath, guides } from "../../../src/http/guides/guides.js";
import { problemCatalogue } from "../../../src/http/problem-catalogue.js";
import { directivesOf } from "../../helpers/content-security-policy.js";
import { readOpenApi } from "../../helpers/openapi.js";
import { createTestApp, type TestApp } from "../../helpers/test-app.js";

/** The values of one attribute on every tag of a page. */
const attributeValues = (html: string, name: string) =>
  [...html.matchAll(new RegExp(`\\s${name}="([^"]*)"`, "g"))].map((match) => match[1] ?? "");

/** The first heading of a guide's file: the page's title. */
const headingOf = (file: string) =>
  /^# (.+)$/m.exec(readFileSync(new URL(`../../../docs/${file}`, import.meta.url), "utf8"))?.[1] ?? "";

describe("the guides served at /docs/guides", () => {
  let t: TestApp;
  const pages = new Map<string, string>();
  before(async () => {
    t = await createTestApp();
    for (const { slug } of guides) {
      pages.set(guidePath(slug), (await t.app.inject({ method: "GET", url: guidePath(slug) })).body);
    }
  });
  after(() => t.close());

  for (const { slug, file } of guides) {
    it(`serves docs/${file} at ${guidePath(slug)} as an HTML page, without credentials`, async () => {
      const page = await t.app.inject({ method: "GET", url: guidePath(slug) });
      assert.equal(page.statusCode, 200);
      assert.equal(page.headers["content-type"], "text/html; charset=utf-8");
      assert.equal(page.headers["x-content-type-options"], "nosniff");
      const heading = headingOf(file);
      assert.ok(heading, `docs/${file} has a heading`);
      assert.ok(
        page.body.includes(`<title>${heading} · order-intake</title>`),
        `the page is titled ${heading}`,
      );
      assert.match(page.body, /<h1 id="[^"]+">/);
    });
  }

  it("lets a page load its stylesheet from this service and nothing else, and run no script", async () => {
    for (const [path, body] of pages) {
      const answer = await t.app.inject({ method: "GET", url: path });
      const directives = directivesOf(String(answer.headers["content-security-policy"]));
      assert.deepEqual(directives.get("default-src"), ["'none'"], `${path}: nothing is allowed by default`);
      assert.equal(directives.get("script-src"), undefined, `${path}: scripts fall under default-src`);
      for (const [name, sources] of directives) {
        for (const source of sources ?? []) assert.match(source, /^('self'|'none')$/, `${path} ${name}`);
      }
      assert.doesNotMatch(
        body,
        /<script|<style|<[^>]+\s(style|on\w+)=/i,
        `${path}: no script, no inline style`,
      );
      const stylesheets = [...body.matchAll(/<link rel="stylesheet" href="([^"]+)">/g)].map(
        (m) => m[1] ?? "",
      );
      assert.equal(stylesheets.length, 1, `${path} has its stylesheet`);
      for (const href of stylesheets) {
        const css = await t.app.inject({ method: "GET", url: href });
        assert.equal(css.statusCode, 200, href);
        assert.equal(css.headers["content-type"], "text/css; charset=utf-8");
        assert.doesNotMatch(css.body, /url\(|@import/i, `${href} loads nothing more`);
      }
    }
  });

  it("answers HEAD like GET, and another method 405 with Allow", async () => {
    const path = guidePath("errors");
    const head = await t.app.inject({ method: "HEAD", url: path });
    assert.equal(head.statusCode, 200);
    assert.equal(head.headers["content-type"], "text/html; charset=utf-8");
    assert.equal(head.body, "");
    const post = await t.app.inject({ method: "POST", url: path });
    assert.equal(post.statusCode, 405);
    assert.equal(post.headers.allow, "GET, HEAD, OPTIONS");
    assert.equal((await t.app.inject({ method: "GET", url: `${path}-nope` })).statusCode, 404);
  });

  it("anchors every problem code of the catalogue on its row of the errors guide's table", () => {
    const errors = pages.get(guidePath("errors")) ?? "";
    for (const [code, entry] of Object.entries(problemCatalogue)) {
      const row = new RegExp(
        `<tr id="${code}">\\s*<td><code>${code}</code></td>\\s*<td>${entry.status}</td>`,
      );
      assert.ok(row.test(errors), `the errors guide has the row of ${code}, with its status, as #${code}`);
    }
  });

  it("gives each anchor of a page once", () => {
    for (const [path, body] of pages) {
      const ids = attributeValues(body, "id");
      assert.ok(ids.length > 5, `${path} has anchors`);
      assert.deepEqual(
        ids.filter((id, index) => ids.indexOf(id) !== index),
        [],
        `${path}: ids given twice`,
      );
    }
  });

  it("links only to pages of this service that answer, at anchors they have, or to https pages elsewhere", async () => {
    let checked = 0;
    for (const [path, body] of pages) {
      for (const href of attributeValues(body, "href")) {
        if (/^https:\/\//.test(href)) continue;
        assert.match(href, /^(\/|#)/, `${path}: ${href} is a path on this service or an anchor`);
        const target = new URL(href, `http://127.0.0.1${path}`);
        const answer = await t.app.inject({ method: "GET", url: target.pathname });
        assert.equal(answer.statusCode, 200, `${path}: ${href} answers`);
        const fragment = decodeURIComponent(target.hash.slice(1));
        if (fragment) {
          assert.ok(attributeValues(answer.body, "id").includes(fragment), `${path}: ${href} has its anchor`);
        }
        checked++;
      }
    }
    assert.ok(checked > guides.length * guides.length, `every page's links were followed (${checked})`);
  });

  it("is linked from the API reference, whose overview names every guide", async () => {
    const overview = (await readOpenApi(t)).info.description ?? "";
    for (const { slug } of guides) {
      assert.ok(overview.includes(`](${guidePath(slug)})`), `the overview links to ${guidePath(slug)}`);
    }
  });
});
