import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { exampleOrder } from "../../src/domain/order-example.js";
import { createOrgAndKey, createTestApp, type TestApp } from "../helpers/test-app.js";

const apiDoc = readFileSync(new URL("../../docs/api.md", import.meta.url), "utf8");

/** The rows of the table under "Members kept for v4 clients": [answer, members, value]. */
function memberRows(): string[][] {
  const start = apiDoc.indexOf("\n## Members kept for v4 clients\n");
  assert.ok(start >= 0, "docs/api.md has the section");
  const section = apiDoc.slice(start, apiDoc.indexOf("\n## ", start + 10));
  return section
    .split("\n")
    .filter((line) => line.startsWith("| ") && !line.startsWith("| answer") && !line.startsWith("| ---"))
    .map((line) =>
      line
        .split(" | ")
        .map((cell) => cell.replace(/^\| |\s\|$/g, "").trim())
        .slice(0, 3),
    );
}

/** The member names a cell lists in backticks; `results[].x` names x in a batch's rejected result. */
const membersOf = (cell: string) => [...cell.matchAll(/`([a-z_[\].]+)`/g)].map((match) => match[1] ?? "");

describe("docs/api.md: the members kept for v4 clients are in the answers", () => {
  let t: TestApp;
  const answers = new Map<string, Record<string, unknown>>();
  before(async () => {
    t = await createTestApp({ LOG_LEVEL: "silent" });
    const post = (url: string, payload: unknown, authorization: string | null = t.acme.authorization) =>
      t.app.inject({
        method: "POST",
        url,
        headers: { "content-type": "application/json", ...(authorization !== null && { authorization }) },
        payload: JSON.stringify(payload),
      });
    const { order_ref: _ref, ...wrong } = exampleOrder("ACME");
    answers.set("error", (await post("/v4/organisations/ACME/customer_order", {}, null)).json());
    answers.set("422", (await post("/v4/organisations/ACME/customer_order", wrong)).json());
    const batch = (await post("/v4/customer_orders", [exampleOrder("ACME"), wrong])).json();
    answers.set("batch", batch);
    answers.set("results", (batch.results as Record<string, unknown>[])[1] ?? {});
    const other = await createOrgAndKey(t.store, "OTHER");
    answers.set(
      "403",
      (await post("/v4/organisations/ACME/customer_order", wrong, other.authorization)).json(),
    );
    answers.set("batch 401", (await post("/v4/customer_orders", [wrong], null)).json());
  });
  after(() => t.close());

  /** Which answer a row's first cell names. */
  function answerOf(cell: string): Record<string, unknown> {
    const key = cell.startsWith("every error")
      ? "error"
      : cell.includes("403")
        ? "403"
        : cell.includes("401")
          ? "batch 401"
          : cell.startsWith("batch results")
            ? "results"
            : cell.startsWith("batch")
              ? "batch"
              : "422";
    const answer = answers.get(key);
    assert.ok(answer, `an answer for ${cell}`);
    return answer;
  }

  it("has a row for each kept member, and each is in the answer it names, with the value it gives", () => {
    const rows = memberRows();
    assert.ok(rows.length >= 7, `the table lists the members (${rows.length} rows)`);
    for (const [answerCell = "", membersCell = "", valueCell = ""] of rows) {
      const answer = answerOf(answerCell);
      for (const member of membersOf(membersCell)) {
        const name = member.replace(/^results\[\]\./, "");
        assert.ok(Object.hasOwn(answer, name), `${answerCell}: ${name} in ${JSON.stringify(answer)}`);
      }
      // A value given as one JSON string literal is the member's value exactly.
      const literal = /^`("[^"]+")`/.exec(valueCell)?.[1];
      if (literal) assert.equal(answer[membersOf(membersCell)[0] ?? ""], JSON.parse(literal), answerCell);
    }
  });
});
