import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { parse } from "csv-parse/sync";
import { parseImportOptions } from "../../src/cli/import/import-options.js";
import { type RunImportOptions, runImport } from "../../src/cli/import/run-import.js";
import { openStore } from "../../src/storage/open-store.js";
import { killCliProcesses, readRows, runCliWith } from "../helpers/cli-process.js";
import { killAllServers, type ServerProcess, startServer } from "../helpers/server-process.js";
import { createKey, createTempDir } from "../helpers/test-app.js";

const HEADER = "order_ref,order_date,email,first_name,surname,sku";
const csv = (rows: string[]) => `${[HEADER, ...rows].join("\n")}\n`;
const order = (ref: string, names = "Ann,Lee") =>
  `${ref},25-09-2021,${ref.toLowerCase()}@example.com,${names},SKU-1`;
/** The service's MAX_STRING_LENGTH here: names longer pass the import's own checks (255) but not the service's. */
const SERVICE_MAX_STRING_LENGTH = 8;

/**
 * What the service alone can refuse: a key's organisations, an organisation switched off, limits stricter than
 * the defaults. The service runs as a process on its own database, which the tests change under it.
 */
describe("import: what the service answers", () => {
  let dir: ReturnType<typeof createTempDir>;
  let dbPath: string;
  let server: ServerProcess;
  /** A key for ACME, OFF (submission switched off) and SWITCH; OTHER exists but is not the key's. */
  let env: Record<string, string>;
  /** A second key, for SWITCH only. */
  let otherKeyEnv: Record<string, string>;

  before(async () => {
    dir = createTempDir("order-intake-import-answers-");
    dbPath = join(dir.path, "orders.db");
    const store = await openStore(dbPath);
    try {
      for (const [trkref, enabled] of [
        ["ACME", true],
        ["OFF", false],
        ["SWITCH", true],
        ["OTHER", true],
      ] as const) {
        await store.createOrganisation({ trkref, name: `${trkref} Ltd`, enabled });
      }
      const key = await createKey(store, ["ACME", "OFF", "SWITCH"]);
      const otherKey = await createKey(store, ["SWITCH"]);
      env = { ORDER_INTAKE_KEY: key.keyId, ORDER_INTAKE_SECRET: key.secret };
      otherKeyEnv = { ORDER_INTAKE_KEY: otherKey.keyId, ORDER_INTAKE_SECRET: otherKey.secret };
    } finally {
      await store.close();
    }
    // No look-up cache: an organisation switched off in a test is refused by the next request.
    server = await startServer(dbPath, {
      LOOKUP_CACHE_TTL_MS: "0",
      MAX_STRING_LENGTH: String(SERVICE_MAX_STRING_LENGTH),
    });
    env.ORDER_INTAKE_URL = server.url;
    otherKeyEnv.ORDER_INTAKE_URL = server.url;
  });
  after(async () => {
    await killCliProcesses();
    await killAllServers();
    dir.remove();
  });

  const writeCsv = (name: string, rows: string[]) => {
    const path = join(dir.path, name);
    writeFileSync(path, csv(rows));
    return path;
  };
  const storedRefs = (prefix: string) =>
    readRows(dbPath, "submissions")
      .map((row) => String(row.order_ref))
      .filter((ref) => ref.startsWith(`${prefix}-`))
      .sort();
  const stateLines = (path: string) =>
    readFileSync(path, "utf8")
      .split("\n")
      .filter((line) => line !== "");
  const readRejects = (path: string) =>
    parse(readFileSync(path, "utf8"), { columns: true }) as Record<string, string>[];

  it("stops before sending anything when the key may not act for --org, exit 2", async () => {
    const file = writeCsv("other.csv", [order("O-1"), order("O-2")]);
    const result = await runCliWith(env, ["import", file, "--org", "OTHER"]);
    assert.equal(result.code, 2);
    assert.match(
      result.stderr,
      /^error: The key may not act for OTHER: check --org and the key \(ORDER_INTAKE_KEY or --key\); nothing was sent\n$/m,
    );
    assert.match(result.stdout, /^0 orders accepted, 0 rejected, 0 duplicates /);
    assert.deepEqual(storedRefs("O"), []);
    assert.deepEqual(stateLines(`${file}.import-state`), []);
  });

  it("stops before sending anything when --org has order submission switched off, exit 2", async () => {
    const file = writeCsv("off.csv", [order("F-1")]);
    const result = await runCliWith(env, ["import", file, "--org", "OFF"]);
    assert.equal(result.code, 2);
    assert.match(
      result.stderr,
      /^error: Order submission is switched off for OFF: ask the operator to enable it; nothing was sent\n$/m,
    );
    assert.deepEqual(storedRefs("F"), []);
    assert.deepEqual(stateLines(`${file}.import-state`), []);
  });

  it("writes every error of an order the service rejects, and writes it again on --resume", async () => {
    const file = writeCsv("limits.csv", [order("L-1"), order("L-2", "Alexandrina,Montgomery")]);
    const rejects = join(dir.path, "limits.rejects.csv");
    const args = ["import", file, "--org", "ACME", "--batch-size", "2", "--rejects", rejects];
    const first = await runCliWith(env, args);
    assert.equal(first.code, 1, first.stderr);
    assert.match(first.stdout, /^1 orders accepted, 1 rejected, 0 duplicates /);
    const expectRejected = () => {
      const written = readRejects(rejects);
      assert.deepEqual(
        written.map((row) => [row.order_ref, row.reject_line, row.reject_column, row.reject_code]),
        [["L-2", "3", "; ", "too_long; too_long"]],
      );
      assert.equal(written[0]?.reject_message?.split("; ").length, 2, written[0]?.reject_message);
    };
    expectRejected();
    assert.deepEqual(storedRefs("L"), ["L-1"]);

    // The batch had a rejected order: --resume sends it again, and the replay brings its rows back.
    const resumed = await runCliWith(env, [...args, "--resume"]);
    assert.equal(resumed.code, 1, resumed.stderr);
    assert.match(resumed.stdout, /^1 orders accepted, 1 rejected, 2 duplicates /);
    expectRejected();
    assert.deepEqual(storedRefs("L"), ["L-1"], "the replay stored nothing");
    assert.equal(stateLines(`${file}.import-state`).length, 2);
  });

  /** Runs an import of `file` in this process, so that a test can act between two batches. */
  async function importWith(
    file: string,
    environment: Record<string, string>,
    extra: Partial<RunImportOptions> = {},
  ) {
    const settings = parseImportOptions(
      file,
      { org: "SWITCH", batchSize: "1", concurrency: "1", resume: true },
      environment,
    );
    return runImport({
      settings,
      out: () => {},
      note: () => {},
      progress: { stream: { write: () => true }, isTTY: false },
      ...extra,
    });
  }
  async function setSwitchEnabled(enabled: boolean) {
    const store = await openStore(dbPath);
    try {
      await store.setOrganisationEnabled("SWITCH", enabled);
    } finally {
      await store.close();
    }
  }

  it("stops at a batch refused for its organisation without recording it; another key of it goes on", async () => {
    const file = writeCsv("switch.csv", [order("S-0"), order("S-1"), order("S-2")]);
    const state = `${file}.import-state`;
    writeFileSync(state, "");
    let finished = 0;
    const switchedOff = await importWith(file, env, {
      onBatchFinished: async () => {
        finished++;
        if (finished === 1) await setSwitchEnabled(false);
      },
    });
    assert.equal(switchedOff.exitCode, 2);
    assert.match(
      switchedOff.error?.message ?? "",
      /^The service refused every order of the batch of lines 3-3 \(feature_disabled\): order submission is switched off for SWITCH, a change since the import checked it\. The batch is not recorded as done/,
    );
    assert.deepEqual(
      [switchedOff.counts.accepted, switchedOff.counts.rejected, switchedOff.counts.batches],
      [1, 0, 2],
      "the refused batch's orders are not counted as rejected",
    );
    assert.deepEqual(storedRefs("S"), ["S-0"]);
    assert.equal(stateLines(state).length, 1, "only the accepted batch is recorded");

    // Switched on again, the same key is refused the same batch: the service replays its refusal.
    await setSwitchEnabled(true);
    const replayed = await importWith(file, env);
    assert.equal(replayed.exitCode, 2);
    assert.match(
      replayed.error?.message ?? "",
      /^The service answered the batch of lines 3-3 with the refusal an earlier run got \(feature_disabled: /,
    );
    assert.match(replayed.error?.message ?? "", /or with another API key of SWITCH$/);
    assert.deepEqual(storedRefs("S"), ["S-0"]);

    const otherKey = await importWith(file, otherKeyEnv);
    assert.equal(otherKey.exitCode, 0, otherKey.error?.message);
    assert.deepEqual(
      { ...otherKey.counts },
      { rows: 3, orders: 3, accepted: 3, rejected: 0, duplicates: 1, batches: 3 },
    );
    assert.deepEqual(storedRefs("S"), ["S-0", "S-1", "S-2"]);
    assert.equal(stateLines(state).length, 3);
  });
});
