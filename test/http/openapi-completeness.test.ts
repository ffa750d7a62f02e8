import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { fieldErrorCatalogue } from "../../src/domain/field-errors.js";
import { guidePath } from "../../src/http/guides/guides.js";
import { problemCatalogue } from "../../src/http/problem-catalogue.js";
import {
  type MediaTypeObject,
  type OpenApiDocument,
  type OperationObject,
  operationsOf,
  readOpenApi,
  type SchemaObject,
} from "../helpers/openapi.js";
import { createTestApp, type TestApp } from "../helpers/test-app.js";

const SINGLE = "/v4/organisations/{trkref}/customer_order";
const BATCH = "/v4/customer_orders";

/** Every property below `schema`, through arrays and optional (`anyOf` with null) fields, by pointer. */
function fieldsOf(schema: SchemaObject, pointer = ""): [string, SchemaObject][] {
  const nested = (inner: SchemaObject, at: string): [string, SchemaObject][] => [
    ...(inner.items ? fieldsOf(inner.items, `${at}/0`) : []),
    ...(inner.anyOf ?? []).flatMap((member) => nested(member, at)),
    ...Object.entries(inner.properties ?? {}).flatMap(([name, field]) => [
      [`${at}/${name}`, field] as [string, SchemaObject],
      ...nested(field, `${at}/${name}`),
    ]),
  ];
  return nested(schema, pointer);
}

/** An `example`, or `examples` (an array in a schema, a map in a media type) with at least one entry. */
const hasExample = (schema: { example?: unknown; examples?: unknown }) =>
  schema.example !== undefined ||
  (typeof schema.examples === "object" &&
    schema.examples !== null &&
    Object.keys(schema.examples).length > 0);

const operation = (doc: OpenApiDocument, path: string, method: string): OperationObject => {
  const found = doc.paths[path]?.[method];
  assert.ok(found, `${method.toUpperCase()} ${path} is described`);
  return found;
};

describe("the OpenAPI document is complete", () => {
  let t: TestApp;
  let doc: OpenApiDocument;
  before(async () => {
    t = await createTestApp();
    doc = await readOpenApi(t);
  });
  after(() => t.close());

  it("gives every operation an id, a summary, a description and a tag", () => {
    const ids = new Set<string>();
    for (const { method, path, operation } of operationsOf(doc)) {
      const name = `${method.toUpperCase()} ${path}`;
      assert.ok(operation.operationId, `${name} has an operationId`);
      assert.ok(!ids.has(operation.operationId), `${name}: operationId ${operation.operationId} is unique`);
      ids.add(operation.operationId);
      assert.ok(operation.summary, `${name} has a summary`);
      assert.ok(operation.description, `${name} has a description`);
      assert.ok(operation.tags?.length, `${name} has a tag`);
    }
  });

  it("declares HTTP Basic, and requires it on every v4 endpoint with its 401 and 429 answers", () => {
    const scheme = doc.components?.securitySchemes?.basicAuth;
    assert.equal(scheme?.type, "http");
    assert.equal(scheme?.scheme, "basic");
    assert.match(scheme?.description ?? "", /API key id/);
    const v4 = operationsOf(doc).filter(({ path }) => path.startsWith("/v4/"));
    assert.equal(v4.length, 22);
    for (const { method, path, operation } of v4) {
      const name = `${method.toUpperCase()} ${path}`;
      assert.deepEqual(operation.security, [{ basicAuth: [] }], name);
      assert.ok(
        operation.responses["401"]?.headers?.["WWW-Authenticate"],
        `${name} 401 has WWW-Authenticate`,
      );
      const tooMany = operation.responses["429"];
      assert.ok(tooMany?.headers?.["Retry-After"], `${name} 429 has Retry-After`);
      assert.ok(tooMany?.headers?.RateLimit && tooMany.headers["RateLimit-Policy"], `${name} 429 RateLimit`);
      const success = Object.entries(operation.responses).filter(([status]) => status.startsWith("2"));
      for (const [status, response] of success) {
        assert.ok(response.headers?.RateLimit, `${name} ${status} documents RateLimit`);
      }
    }
  });

  it("documents the Idempotency-Key header and its answers on both POST endpoints", () => {
    for (const path of [SINGLE, BATCH]) {
      const post = operation(doc, path, "post");
      const header = post.parameters?.find((parameter) => parameter.name === "idempotency-key");
      assert.equal(header?.in, "header", `${path} takes Idempotency-Key`);
      assert.equal(header?.required, false);
      assert.match(header?.description ?? "", /replays the first answer/);
      assert.ok(
        post.responses["409"]?.content?.["application/problem+json"]?.examples?.idempotency_key_in_flight,
      );
      assert.ok(
        post.responses["422"]?.content?.["application/problem+json"]?.examples?.idempotency_key_reused,
      );
      assert.ok(post.responses["202"]?.headers?.["Idempotent-Replayed"], `${path} 202 Idempotent-Replayed`);
      assert.ok(post.responses["202"]?.headers?.Location, `${path} 202 has Location`);
    }
  });

  it("describes every parameter, with an example for each path parameter", () => {
    for (const { method, path, operation } of operationsOf(doc)) {
      for (const parameter of operation.parameters ?? []) {
        const name = `${method.toUpperCase()} ${path} ${parameter.in} ${parameter.name}`;
        assert.ok(parameter.description, `${name} has a description`);
        if (parameter.in === "path") assert.ok(hasExample(parameter), `${name} has an example`);
      }
    }
  });

  it("gives every field of the order document its rule and an example", () => {
    for (const path of [SINGLE, BATCH]) {
      const media = operation(doc, path, "post").requestBody?.content["application/json"];
      assert.ok(media && hasExample(media), `${path} has an example body`);
      const fields = fieldsOf(media.schema);
      assert.ok(fields.length >= 20, `${path}: the walk reached the nested fields (${fields.length})`);
      for (const [pointer, field] of fields) {
        // A literal (the `unknown_field` code, say) is its own rule and example.
        if (field.enum || field.const !== undefined) continue;
        assert.ok(field.description, `${path} field ${pointer} has a description`);
        assert.ok(hasExample(field), `${path} field ${pointer} has an example`);
      }
    }
  });

  it("gives every answer of every operation a description and an example body", () => {
    for (const { method, path, operation } of operationsOf(doc)) {
      for (const [status, response] of Object.entries(operation.responses)) {
        const name = `${method.toUpperCase()} ${path} ${status}`;
        assert.ok(response.description && response.description !== "Default Response", `${name} described`);
        // 204 No Content has, by definition, no body to show.
        if (status === "204") {
          assert.equal(response.content, undefined, `${name} has no body`);
          continue;
        }
        const contents = Object.entries(response.content ?? {});
        assert.ok(contents.length > 0, `${name} has a body`);
        for (const [type, media] of contents) assert.ok(hasExample(media), `${name} ${type} has an example`);
      }
    }
  });

  it("answers every error with problem+json examples of codes the catalogue gives that status", () => {
    let checked = 0;
    for (const { method, path, operation } of operationsOf(doc)) {
      for (const [status, response] of Object.entries(operation.responses)) {
        if (Number(status) < 400) continue;
        const name = `${method.toUpperCase()} ${path} ${status}`;
        assert.deepEqual(Object.keys(response.content ?? {}), ["application/problem+json"], name);
        const media = response.content?.["application/problem+json"] as MediaTypeObject;
        for (const [code, example] of Object.entries(media.examples ?? {})) {
          const body = example.value as Record<string, unknown>;
          const entry = problemCatalogue[code as keyof typeof problemCatalogue];
          assert.ok(entry, `${name}: ${code} is a catalogue code`);
          assert.equal(entry.status, Number(status), `${name}: ${code} has this status`);
          assert.deepEqual(
            [body.status, body.code, body.type, body.message],
            [Number(status), code, `/problems/${code}`, entry.message],
            `${name}: example body of ${code}`,
          );
          checked++;
        }
      }
    }
    assert.ok(checked >= 50, `every operation's problem examples were checked (${checked})`);
  });

  it("includes the error catalogue: every problem code with its status, and every field error code", () => {
    const overview = doc.info.description ?? "";
    for (const [code, entry] of Object.entries(problemCatalogue)) {
      assert.match(overview, new RegExp(`\\| \`${code}\` \\| ${entry.status} \\|`), `problem code ${code}`);
    }
    for (const code of Object.keys(fieldErrorCatalogue)) {
      assert.match(overview, new RegExp(`\\| \`${code}\` \\|`), `field error code ${code}`);
    }
    assert.ok(overview.includes(`](${guidePath("errors")})`), "the overview links to the errors guide");
  });
});

describe("the OpenAPI document states the instance's limits", () => {
  it("as configured: body bytes, orders per batch, items, metadata entries, string lengths", async () => {
    const t = await createTestApp({
      MAX_BODY_BYTES: "2048",
      MAX_BATCH_BODY_BYTES: "65536",
      MAX_ORDERS_PER_BATCH: "7",
      MAX_ITEMS_PER_ORDER: "9",
      MAX_METADATA_ENTRIES: "4",
      MAX_STRING_LENGTH: "40",
      MAX_METADATA_STRING_LENGTH: "300",
      RATE_LIMIT_PER_SECOND: "5",
      RATE_LIMIT_BURST: "10",
      MAX_BACKLOG: "1234",
    });
    try {
      const doc = await readOpenApi(t);
      const batchBody = operation(doc, BATCH, "post").requestBody?.content["application/json"]?.schema;
      assert.equal(batchBody?.maxItems, 7);
      const single = operation(doc, SINGLE, "post");
      assert.equal(
        single.requestBody?.content["application/json"]?.schema.properties?.order_items?.maxItems,
        9,
      );
      assert.match(single.description ?? "", /at most 2048 bytes/);
      assert.match(single.description ?? "", /9 items per order, 4 metadata entries per item/);
      assert.match(operation(doc, BATCH, "post").description ?? "", /at most 7 orders .* and 65536 bytes/);
      const overview = doc.info.description ?? "";
      for (const row of [
        "| Body of a single-order request | 2048 bytes |",
        "| Body of a batch request | 65536 bytes |",
        "| Orders per batch | 7 |",
        "| Items per order | 9 |",
        "| Metadata entries per item | 4 |",
        "| Free-text fields | 40 characters |",
        "| Strings inside metadata values | 300 characters |",
        "| Requests per API key | 5 per second on average, bursts of 10 |",
        "| Orders waiting to be processed, over the whole service | 1234 |",
      ]) {
        assert.ok(overview.includes(row), `the overview states ${row}`);
      }
    } finally {
      await t.close();
    }
  });
});
