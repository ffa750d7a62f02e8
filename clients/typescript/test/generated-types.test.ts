import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { GENERATED_TYPES, renderTypes, serviceOpenApiDocument } from "../scripts/generate-types.js";

/** The 1-based number of the first line where the two texts differ. */
function firstDifferentLine(actual: string, expected: string): number {
  const actualLines = actual.split("\n");
  const expectedLines = expected.split("\n");
  const index = actualLines.findIndex((line, n) => line !== expectedLines[n]);
  return (index === -1 ? actualLines.length : index) + 1;
}

describe("the generated API types", () => {
  it("are those of the service's current OpenAPI document", async () => {
    const expected = await renderTypes(serviceOpenApiDocument());
    const committed = readFileSync(GENERATED_TYPES, "utf8");
    assert.ok(
      committed === expected,
      `src/generated/openapi.ts is stale (it differs from line ${firstDifferentLine(committed, expected)}): ` +
        "run `npm run generate` in clients/typescript",
    );
  });
});
