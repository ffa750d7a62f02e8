import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { parseImportOptions } from "../../src/cli/import/import-options.js";
import { type RunImportOptions, runImport } from "../../src/cli/import/run-import.js";
import { readRows } from "../helpers/cli-process.js";
import {
  createSeededDatabase,
  killAllServers,
  type ServerProcess,
  startServer,
} from "../helpers/server-process.js";
import { createTempDir } from "../helpers/test-app.js";

const HEADER = "order_ref,order_date,email,sku";
const ordersCsv = (prefix: string, count: number) =>
  [
    HEADER,
    ...Array.from({ length: count }, (_, n) => `${prefix}-${n},25-09-2021,o${n}@example.com,SKU-${n}`),
  ].join("\n");

// The import run in this process against the service as a process, so that Ctrl-C can be stood for by an abort
// at a known point (once the first batch is answered) rather than by a signal sent at a guessed moment.
describe("import interrupted and resumed", () => {
  let seeded: Awaited<ReturnType<typeof createSeededDatabase>>;
  let server: ServerProcess;
  let dir: ReturnType<typeof createTempDir>;
  let env: NodeJS.ProcessEnv;

  before(async () => {
    seeded = await createSeededDatabase("ACME");
    server = await startServer(seeded.dbPath);
    dir = createTempDir("order-intake-import-run-");
    const [keyId, secret] = Buffer.from(seeded.authorization.replace(/^Basic /, ""), "base64")
      .toString("utf8")
      .split(":");
    env = { ORDER_INTAKE_URL: server.url, ORDER_INTAKE_KEY: keyId, ORDER_INTAKE_SECRET: secret };
  });
  after(async () => {
    await killAllServers();
    dir.remove();
    seeded.remove();
  });

  /** Runs an import of `file` with `args`, collecting what it prints. */
  async function importWith(
    file: string,
    args: Record<string, string | boolean>,
    extra: Partial<RunImportOptions> = {},
  ) {
    const out: string[] = [];
    const notes: string[] = [];
    const settings = parseImportOptions(
      file,
      { org: "ACME", batchSize: "1", concurrency: "1", ...args },
      env,
    );
    const outcome = await runImport({
      settings,
      out: (line) => out.push(line),
      note: (line) => notes.push(line),
      progress: { stream: { write: () => true }, isTTY: false },
      ...extra,
    });
    return { outcome, out, notes };
  }
  const storedRefs = (prefix: string) =>
    readRows(seeded.dbPath, "submissions")
      .map((row) => String(row.order_ref))
      .filter((ref) => ref.startsWith(`${prefix}-`))
      .sort();
  const stateLines = (path: string) => readFileSync(path, "utf8").trimEnd().split("\n");

  it("stops reading when interrupted, finishes the batch in flight, exits 130; --resume sends only the rest", async () => {
    const file = join(dir.path, "interrupted.csv");
    writeFileSync(file, ordersCsv("N", 5));
    const interrupt = new AbortController();
    const stopped = await importWith(
      file,
      {},
      { signal: interrupt.signal, onBatchFinished: () => interrupt.abort() },
    );
    assert.equal(stopped.outcome.exitCode, 130);
    assert.equal(stopped.outcome.counts.accepted, 1);
    assert.match(stopped.out[0] ?? "", /^1 orders accepted, 0 rejected, 0 duplicates /);
    assert.match(stopped.notes.join("\n"), /--resume/);
    assert.deepEqual(storedRefs("N"), ["N-0"]);
    assert.equal(stateLines(`${file}.import-state`).length, 1);

    const resumed = await importWith(file, { resume: true });
    assert.equal(resumed.outcome.exitCode, 0);
    assert.deepEqual(
      { ...resumed.outcome.counts },
      { rows: 5, orders: 5, accepted: 5, rejected: 0, duplicates: 1, batches: 5 },
    );
    assert.deepEqual(storedRefs("N"), ["N-0", "N-1", "N-2", "N-3", "N-4"], "each order sent once");
    assert.equal(stateLines(`${file}.import-state`).length, 5);
  });

  it("says nothing was sent when interrupted while checking the file for --max-reject-rate", async () => {
    const file = join(dir.path, "interrupted-check.csv");
    writeFileSync(file, ordersCsv("R", 3));
    const interrupt = new AbortController();
    interrupt.abort();
    const { outcome, notes } = await importWith(file, { maxRejectRate: "50%" }, { signal: interrupt.signal });
    assert.equal(outcome.exitCode, 130);
    assert.deepEqual(notes, [
      "Interrupted while checking the file for --max-reject-rate: nothing was sent; the counts are of the " +
        "orders read so far",
    ]);
    assert.deepEqual(storedRefs("R"), []);
  });

  it("sends batches side by side up to --concurrency and records each", async () => {
    const file = join(dir.path, "side-by-side.csv");
    writeFileSync(file, ordersCsv("P", 7));
    const { outcome } = await importWith(file, { batchSize: "2", concurrency: "3" });
    assert.equal(outcome.exitCode, 0);
    assert.equal(outcome.counts.batches, 4);
    assert.equal(storedRefs("P").length, 7);
    const lines = stateLines(`${file}.import-state`).map((line) => JSON.parse(line) as { orders: number });
    assert.deepEqual(lines.map((line) => line.orders).sort(), [1, 2, 2, 2]);
  });

  it("stops with exit 2 and says to check the URL when the service cannot be reached", async () => {
    const file = join(dir.path, "unreachable.csv");
    writeFileSync(file, ordersCsv("Q", 2));
    const { outcome, out } = await importWith(file, { url: "http://127.0.0.1:1" });
    assert.equal(outcome.exitCode, 2);
    assert.match(outcome.error?.message ?? "", /^Could not reach the service at http:\/\/127\.0\.0\.1:1 /);
    assert.match(outcome.error?.message ?? "", /check --url or ORDER_INTAKE_URL/);
    assert.equal(outcome.error?.message.match(/attempts/g)?.length, 1, "the attempts said once");
    assert.match(out[0] ?? "", /^0 orders accepted, 0 rejected, 0 duplicates /);
  });
});
