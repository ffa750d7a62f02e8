import assert from "node:assert/strict";
import { FormatRegistry, type TSchema } from "@sinclair/typebox";
import { Value } from "@sinclair/typebox/value";

// The formats the answer schemas name; TypeBox checks only those it is given.
const formats: Record<string, RegExp> = {
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  "date-time": /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/,
  date: /^\d{4}-\d{2}-\d{2}$/,
};
for (const [name, pattern] of Object.entries(formats)) {
  if (!FormatRegistry.Has(name)) FormatRegistry.Set(name, (value) => pattern.test(value));
}

/** Fails with every place where `value` differs from what `schema` (an answer's documented shape) says. */
export function assertMatches(schema: TSchema, value: unknown, what: string): void {
  const errors = [...Value.Errors(schema, value)].map((error) => `${error.path}: ${error.message}`);
  assert.deepEqual(errors, [], `${what} does not match its schema`);
}

/** Fails unless each schema, named by its key, has at least one example and every example matches it. */
export function assertExamplesMatch(schemas: Record<string, TSchema>): void {
  for (const [name, schema] of Object.entries(schemas)) {
    const examples = (schema as TSchema & { examples?: unknown[] }).examples ?? [];
    assert.ok(examples.length > 0, `${name} has an example`);
    for (const example of examples) assertMatches(schema, example, `the example of ${name}`);
  }
}
