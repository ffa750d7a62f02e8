import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { EnvSchema } from "../../src/config.js";

const doc = readFileSync(new URL("../../docs/configuration.md", import.meta.url), "utf8");

/** The variables the table documents: the first cell of each row, one variable each. */
const documented = new Set([...doc.matchAll(/^\| `([A-Z0-9_]+)` \|/gm)].map((match) => match[1]));

describe("docs/configuration.md", () => {
  it("has a row for every setting the service reads, and none for a setting it does not", () => {
    const read = Object.keys(EnvSchema.properties);
    assert.deepEqual(
      read.filter((name) => !documented.has(name)),
      [],
      "settings without a row",
    );
    assert.deepEqual(
      [...documented].filter((name) => !read.includes(name as string)),
      [],
      "rows for settings the service does not read",
    );
  });
});
