import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Validator } from "@seriousme/openapi-schema-validator";
import { API_REFERENCE_PATH } from "../../src/http/api-reference-page.js";
import { GUIDES_PATH } from "../../src/http/guides/guides.js";
import { type OpenApiDocument, readOpenApi, toOpenApiPath } from "../helpers/openapi.js";
import { createTestApp, type TestApp } from "../helpers/test-app.js";

/** A route as Fastify registered it. */
interface RegisteredRoute {
  method: string;
  url: string;
}

/** Pages for people, not API endpoints: the reference page, the guides and their assets, and `/`. */
const isPage = (url: string) => url === "/" || url.startsWith(API_REFERENCE_PATH);

/** A copy for the validator, which may annotate what it is given. */
const copyOf = (doc: OpenApiDocument): Record<string, unknown> => structuredClone({ ...doc });

/** The `$ref`s anywhere in `value`. */
function refsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refsIn);
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, member]) =>
    key === "$ref" && typeof member === "string" ? [member] : refsIn(member),
  );
}

describe("GET /openapi.json", () => {
  let t: TestApp;
  let doc: OpenApiDocument;
  const routes: RegisteredRoute[] = [];

  before(async () => {
    t = await createTestApp(
      {},
      {
        onRoute: (route) => {
          for (const method of [route.method].flat()) routes.push({ method, url: route.url });
        },
      },
    );
    doc = await readOpenApi(t);
  });
  after(() => t.close());

  it("is valid against the OpenAPI 3.1 schema", async () => {
    const result = await new Validator().validate(copyOf(doc));
    assert.deepEqual(result.errors, undefined, JSON.stringify(result.errors, null, 2));
    assert.equal(result.valid, true);
    assert.equal(doc.openapi, "3.1.0");
  });

  it("would be found invalid by the same validator if it were broken", async () => {
    // Guards the test above: a validator that accepts anything would make it pass whatever the document.
    const { info: _info, ...withoutInfo } = copyOf(doc);
    assert.equal((await new Validator().validate(withoutInfo)).valid, false);
  });

  it("resolves every $ref within the document", () => {
    const refs = refsIn(doc.paths);
    assert.ok(refs.length > 0, "problem answers share one schema by reference");
    for (const ref of refs) {
      const name = ref.replace("#/components/schemas/", "");
      assert.ok(doc.components?.schemas?.[name], `${ref} names no component schema`);
    }
  });

  it("describes every route the server registered, and no route it did not", () => {
    const apiRoutes = routes.filter(({ method, url }) => method !== "HEAD" && !isPage(url));
    assert.ok(apiRoutes.length >= 10, `the hook saw the service's routes: ${JSON.stringify(apiRoutes)}`);
    const registered = new Set(apiRoutes.map(({ method, url }) => `${method} ${toOpenApiPath(url)}`));
    const described = new Set(
      Object.entries(doc.paths).flatMap(([path, item]) =>
        Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
      ),
    );
    assert.deepEqual(
      [...registered].filter((route) => !described.has(route)),
      [],
      "routes not described",
    );
    assert.deepEqual(
      [...described].filter((route) => !registered.has(route)),
      [],
      "described, not routes",
    );
  });

  it("leaves the reference page, the guides and the root's redirect out of the API's paths", () => {
    const pageRoutes = routes.filter(({ url }) => isPage(url));
    assert.ok(pageRoutes.length > 0, "the reference page registers routes");
    assert.ok(
      pageRoutes.some(({ url }) => url === "/"),
      "the root redirects to the reference page",
    );
    assert.ok(
      pageRoutes.some(({ url }) => url.startsWith(GUIDES_PATH)),
      "the guides are served",
    );
    for (const path of Object.keys(doc.paths)) {
      assert.ok(!isPage(path), `${path} is a page, not an API endpoint`);
    }
  });
});
