import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import Database from "better-sqlite3";
import { customerHasherOfKey } from "../../src/domain/customer-privacy.js";
import { exampleOrder } from "../../src/domain/order-example.js";
import { ERASED_RECORD_KINDS } from "../../src/storage/privacy-store.js";
import { type CliResult, killCliProcesses, readRows, runCliWith } from "../helpers/cli-process.js";
import { createTempDir, createTestApp, type TestApp } from "../helpers/test-app.js";

interface ErasureJson {
  id: string;
  status: string;
  requested_at: string;
  completed_at: string | null;
  subjects: number;
  counts: Record<string, number> | null;
  trkref: string;
  replay_of?: string;
}

interface LedgerLine {
  id: string;
  trkref: string;
  subjects: { kind: string; hash: string }[];
  requested_by: string;
  requested_at: string;
  status: string;
  completed_at: string | null;
  counts: Record<string, number> | null;
}

// Each test names customers of its own: one erased earlier is suppressed, and its later orders are stripped.
const LOCAL_PARTS = [
  "rosalind.pemberton",
  "barnaby.whitlock",
  "cordelia.huxtable",
  "horatio.fenwick",
  "imogen.trelawney",
  "jasper.kingsley",
  "lavinia.ormsby",
  "not.an.address",
  "percy.suppressed",
  "quinn.suppressed",
  "rupert.suppressed",
];
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/;

// The CLI against the file of an app in this process, as an operator's beside a running server.
describe("order-intake erase, erasure export, suppress and compact", () => {
  let t: TestApp;
  const dir = createTempDir("order-intake-erase-");
  // Every run's output, searched at the end for any of the customers' emails.
  const results: CliResult[] = [];
  const cliAt = async (databaseUrl: string, ...args: string[]) => {
    const result = await runCliWith({ DATABASE_URL: databaseUrl, LOG_LEVEL: "debug" }, args);
    results.push(result);
    return result;
  };
  const cliOkAt = async (databaseUrl: string, ...args: string[]) => {
    const result = await cliAt(databaseUrl, ...args);
    assert.equal(result.code, 0, `${args.join(" ")}: ${result.stderr}`);
    return result.stdout;
  };
  const cliOk = (...args: string[]) => cliOkAt(t.config.databaseUrl, ...args);
  const jsonLines = <T>(stdout: string) =>
    stdout
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as T);

  /** An order of ACME for `email`, applied. */
  async function storeOrder(orderRef: string, email: string, customerRef?: string) {
    const response = await t.app.inject({
      method: "POST",
      url: "/v4/organisations/ACME/customer_order",
      headers: { authorization: t.acme.authorization },
      payload: {
        ...exampleOrder("ACME"),
        order_ref: orderRef,
        customer: { email, ...(customerRef && { customer_ref: customerRef }) },
      },
    });
    assert.equal(response.statusCode, 202, response.body);
    await t.processAll();
  }
  const orderRefs = (databaseUrl: string) =>
    readRows(databaseUrl, "orders")
      .map((row) => row.order_ref)
      .sort();
  const ledger = (databaseUrl: string) => readRows(databaseUrl, "erasure_requests");

  before(async () => {
    t = await createTestApp();
  });
  after(async () => {
    await killCliProcesses();
    await t.close();
    dir.remove();
  });

  it("erases customers by email, printing the request's id, status and counts per kind", async () => {
    await storeOrder("CLI-1", "Rosalind.Pemberton@example.com");
    await storeOrder("CLI-2", "barnaby.whitlock@example.org");
    const printed = await cliOk("erase", "--org", "ACME", "--email", " rosalind.pemberton@EXAMPLE.com");
    const line = printed.trim();
    assert.match(line, new RegExp(`^Erasure request ${UUID.source} \\(ACME, 1 subject\\): completed; `));
    assert.match(
      line,
      /orders 1, order_items 2, submissions 1, pending_submissions 0, events \d+, webhook_attempts 0, idempotency_records 0, suppressions 1, invitations \d+$/,
    );
    assert.deepEqual(orderRefs(t.config.databaseUrl), ["CLI-2"]);
    const [row] = ledger(t.config.databaseUrl);
    assert.equal(row?.requested_by, "operator");
    assert.equal(row?.status, "completed");
  });

  it("prints --json with the API's field names", async () => {
    await storeOrder("CLI-3", "cordelia.huxtable@example.net", "CUST-9");
    const [done, ...rest] = jsonLines<ErasureJson>(
      await cliOk("erase", "--org", "ACME", "--customer-ref", "CUST-9", "--json"),
    );
    assert.equal(rest.length, 0);
    assert.deepEqual(Object.keys(done ?? {}).sort(), [
      "completed_at",
      "counts",
      "id",
      "requested_at",
      "status",
      "subjects",
      "trkref",
    ]);
    assert.equal(done?.status, "completed");
    assert.equal(done?.subjects, 1);
    assert.deepEqual(Object.keys(done?.counts ?? {}), [...ERASED_RECORD_KINDS]);
    assert.equal(done?.counts?.orders, 1);
    assert.equal(done?.counts?.suppressions, 1);
    assert.ok(!orderRefs(t.config.databaseUrl).includes("CLI-3"));
  });

  it("erases the emails of a file, ignoring blank lines, surrounding spaces and repeats", async () => {
    await storeOrder("FILE-1", "barnaby.whitlock@example.org");
    await storeOrder("FILE-2", "horatio.fenwick@example.com");
    const file = join(dir.path, "emails.txt");
    writeFileSync(
      file,
      "\n  barnaby.whitlock@example.org  \r\n\nHoratio.Fenwick@example.com\nbarnaby.whitlock@EXAMPLE.org\n\n",
    );
    const [done] = jsonLines<ErasureJson>(await cliOk("erase", "--org", "ACME", "--file", file, "--json"));
    assert.equal(done?.subjects, 2);
    assert.equal(done?.counts?.orders, 3, "CLI-2 and both of the file's orders");
    assert.deepEqual(orderRefs(t.config.databaseUrl), []);
  });

  it("refuses a file with a wrong line, naming the line but not what it holds, and erases nothing", async () => {
    await storeOrder("FILE-3", "imogen.trelawney@example.org");
    const file = join(dir.path, "wrong.txt");
    writeFileSync(file, "imogen.trelawney@example.org\n\nnot.an.address(at)example.org\n");
    const before = ledger(t.config.databaseUrl).length;
    const result = await cliAt(t.config.databaseUrl, "erase", "--org", "ACME", "--file", file);
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, /wrong\.txt line 3: Must be a valid email address/);
    assert.equal(ledger(t.config.databaseUrl).length, before);
    assert.deepEqual(orderRefs(t.config.databaseUrl), ["FILE-3"]);
  });

  it("refuses wrong command lines with exit 2", async () => {
    const cases: [string[], RegExp][] = [
      [["erase", "--email", "barnaby.whitlock@example.org"], /Give --org/],
      [["erase", "--org", "ACME"], /one of --email, --customer-ref or --file/],
      [
        ["erase", "--org", "ACME", "--email", "barnaby.whitlock@example.org", "--customer-ref", "C-1"],
        /one of/,
      ],
      [
        ["erase", "--org", "ACME", "--email", "barnaby.whitlock@example.org", "--email", "x@"],
        /--email 2: Must be a valid email/,
      ],
      [["erase", "--org", "acme", "--email", "barnaby.whitlock@example.org"], /Malformed TRKREF/],
      [["erase", "--replay-since", "yesterday"], /--replay-since must be an ISO 8601 time/],
      [
        ["erase", "--replay-since", "2026-01-01T00:00:00Z", "--email", "barnaby.whitlock@example.org"],
        /takes no --email/,
      ],
      [
        ["erase", "--org", "ACME", "--email", "barnaby.whitlock@example.org", "--ledger", "l.jsonl"],
        /--ledger goes with --replay-since/,
      ],
      [["suppress", "--org", "ACME", "--customer-ref", "C-1"], /unknown option/],
      [["erasure", "export", "--since", "soon"], /--since must be an ISO 8601 time/],
    ];
    for (const [args, message] of cases) {
      const result = await cliAt(t.config.databaseUrl, ...args);
      assert.equal(result.code, 2, `${args.join(" ")}: ${result.stderr}`);
      assert.match(result.stderr, message, args.join(" "));
    }
    const unknown = await cliAt(
      t.config.databaseUrl,
      "erase",
      "--org",
      "NOBODY",
      "--email",
      "barnaby.whitlock@example.org",
    );
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /No organisation NOBODY/);
  });

  it("exports the ledger, and replays it from the file into a restored backup", async () => {
    await storeOrder("REPLAY-1", "jasper.kingsley@example.net");
    await storeOrder("REPLAY-2", "lavinia.ormsby@example.com");
    // The backup, taken while both orders are stored; an erasure follows it.
    const backup = join(dir.path, "backup.db");
    const source = new Database(t.config.databaseUrl, { readonly: true });
    await source.backup(backup);
    source.close();
    const since = new Date().toISOString();
    const [erased] = jsonLines<ErasureJson>(
      await cliOk("erase", "--org", "ACME", "--email", "jasper.kingsley@example.net", "--json"),
    );
    assert.equal(erased?.counts?.orders, 1);

    const exported = jsonLines<LedgerLine>(await cliOk("erasure", "export", "--since", since));
    assert.equal(exported.length, 1);
    const [entry] = exported;
    const hasher = customerHasherOfKey(await t.store.customerHashKey());
    assert.deepEqual(entry, {
      id: erased?.id,
      trkref: "ACME",
      subjects: [{ kind: "email", hash: hasher.email("ACME", "jasper.kingsley@example.net") }],
      requested_by: "operator",
      requested_at: erased?.requested_at,
      status: "completed",
      completed_at: erased?.completed_at,
      counts: erased?.counts,
    });
    const everything = jsonLines<LedgerLine>(await cliOk("erasure", "export", "--org", "ACME"));
    assert.ok(everything.length > 1, "without --since, the whole ledger");
    assert.deepEqual(everything.at(-1), entry);
    assert.deepEqual(jsonLines(await cliOk("erasure", "export", "--org", "NOBODY")), []);
    const file = join(dir.path, "ledger.jsonl");
    writeFileSync(file, `${JSON.stringify(entry)}\n`);

    // The restored backup has the erased order again, until the replay erases it once more.
    assert.deepEqual(orderRefs(backup), ["FILE-3", "REPLAY-1", "REPLAY-2"]);
    const printed = await cliOkAt(backup, "erase", "--replay-since", since, "--ledger", file);
    const lines = printed.trim().split("\n");
    assert.equal(lines.length, 2, printed);
    assert.match(
      lines[0] ?? "",
      new RegExp(`^Replayed ${erased?.id} as ${UUID.source} \\(ACME, 1 subject\\): completed; orders 1, `),
    );
    assert.equal(lines[1], `Replayed 1 erasure request requested since ${since}`);
    assert.deepEqual(orderRefs(backup), ["FILE-3", "REPLAY-2"]);
    const replays = ledger(backup).filter((row) => row.requested_by === `replay:${erased?.id}`);
    assert.equal(replays.length, 1);
    assert.equal(replays[0]?.status, "completed");
  });

  it("replays the database's own ledger, and refuses a file that is not a ledger", async () => {
    const since = new Date().toISOString();
    await cliOk("erase", "--org", "ACME", "--email", "imogen.trelawney@example.org");
    const [replayed, ...rest] = jsonLines<ErasureJson>(
      await cliOk("erase", "--replay-since", since, "--org", "ACME", "--json"),
    );
    assert.equal(rest.length, 0, "its own replays are not replayed again");
    assert.equal(replayed?.status, "completed");
    const original = ledger(t.config.databaseUrl).find(
      (row) => row.requested_by === `replay:${replayed?.replay_of}`,
    );
    assert.equal(original?.id, replayed?.id);
    assert.equal(
      (await cliOk("erase", "--replay-since", "2999-01-01T00:00:00Z")).trim(),
      "No completed erasure was requested since 2999-01-01T00:00:00.000Z: nothing to replay",
    );
    const file = join(dir.path, "not-a-ledger.jsonl");
    writeFileSync(file, '{"id": "x"}\n');
    const refused = await cliAt(t.config.databaseUrl, "erase", "--replay-since", since, "--ledger", file);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /not-a-ledger\.jsonl line 1 is not a ledger entry/);
  });

  it("suppresses emails, counting those already on the list", async () => {
    const first = await cliOk(
      "suppress",
      "--org",
      "ACME",
      "--email",
      "Percy.Suppressed@example.com",
      "--email",
      "quinn.suppressed@example.com",
    );
    assert.equal(first.trim(), "Added 2 to the suppression list of ACME; 0 already on it");
    const file = join(dir.path, "suppress.txt");
    writeFileSync(file, "percy.suppressed@EXAMPLE.com\nrupert.suppressed@example.com\n");
    assert.deepEqual(JSON.parse(await cliOk("suppress", "--org", "ACME", "--file", file, "--json")), {
      added: 1,
      already_suppressed: 1,
    });
    const rows = readRows(t.config.databaseUrl, "suppressions").filter((row) => row.reason === "requested");
    assert.equal(rows.length, 3);
    for (const row of rows) assert.match(String(row.customer_hash), /^[A-Za-z0-9_-]{43}$/);
  });

  it("compacts the database", async () => {
    assert.match(await cliOk("compact"), /^Compacted: the WAL checkpointed and truncated/);
    assert.match(await cliOk("compact", "--full"), /VACUUM/);
  });

  it("never prints an email, on standard output or standard error", () => {
    assert.ok(results.length > 10);
    for (const { stdout, stderr } of results) {
      for (const local of LOCAL_PARTS) {
        assert.ok(!`${stdout}${stderr}`.toLowerCase().includes(local), `an output holds ${local}`);
      }
    }
  });
});
