import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { after, it } from "node:test";
import { killCliProcesses, runCliWith } from "../helpers/cli-process.js";
import { createTempDir, createTestApp } from "../helpers/test-app.js";

const dir = createTempDir("order-intake-cli-openapi-");

after(async () => {
  await killCliProcesses();
  dir.remove();
});

it("prints the document the service serves at /openapi.json, with the configured limits", async () => {
  const settings = { RATE_LIMIT_PER_SECOND: "0", MAX_ORDERS_PER_BATCH: "250" };
  const database = join(dir.path, "cli.db");
  const printed = await runCliWith({ ...settings, DATABASE_URL: database }, ["openapi"]);
  assert.equal(printed.code, 0, printed.stderr);
  assert.equal(existsSync(database), false, "the installation's database is left alone");
  const served = await createTestApp(settings);
  try {
    const answer = await served.app.inject({ method: "GET", url: "/openapi.json" });
    assert.deepEqual(JSON.parse(printed.stdout), JSON.parse(answer.body));
    assert.match(printed.stdout, /A JSON array of 1 to 250 order documents/);
  } finally {
    await served.close();
  }
});
