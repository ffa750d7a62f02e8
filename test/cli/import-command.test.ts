import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { parse } from "csv-parse/sync";
import { killCliProcesses, readRows, runCliWith } from "../helpers/cli-process.js";
import {
  createSeededDatabase,
  killAllServers,
  type ServerProcess,
  startServer,
} from "../helpers/server-process.js";
import { createTempDir } from "../helpers/test-app.js";

const HEADER = ["order_ref", "order_date", "email", "sku", "price", "currency"];
/** Nothing listens on port 1 of the loopback: a command that sent anything there would fail. */
const UNREACHABLE_URL = "http://127.0.0.1:1";

/** Three valid orders of five rows, their refs starting with `prefix`; a price with a decimal comma is quoted. */
const threeOrders = (prefix: string) => [
  [`${prefix}-1`, "25-09-2021", "jane@example.com", "MUG-1", "12", "GBP"],
  [`${prefix}-1`, "", "", "MUG-2", "3", "GBP"],
  [`${prefix}-2`, "26-09-2021", "john@example.com", "TEE-1", '"55,99"', "GBP"],
  [`${prefix}-3`, "27-09-2021", "ann@example.com", "CAP-1", '"9,99"', "EUR"],
  [`${prefix}-3`, "27-09-2021", "ann@example.com", "CAP-2", "", ""],
];

const toCsv = (rows: string[][], delimiter = ",") => `${rows.map((row) => row.join(delimiter)).join("\n")}\n`;

/** The service as a process on its own database; the built CLI imports into it as an operator's would. */
describe("order-intake import", () => {
  let seeded: Awaited<ReturnType<typeof createSeededDatabase>>;
  let server: ServerProcess;
  let dir: ReturnType<typeof createTempDir>;
  let credentials: Record<string, string>;

  before(async () => {
    seeded = await createSeededDatabase("ACME");
    server = await startServer(seeded.dbPath);
    dir = createTempDir("order-intake-import-");
    const [keyId, secret] = Buffer.from(seeded.authorization.replace(/^Basic /, ""), "base64")
      .toString("utf8")
      .split(":");
    credentials = {
      ORDER_INTAKE_URL: server.url,
      ORDER_INTAKE_KEY: keyId ?? "",
      ORDER_INTAKE_SECRET: secret ?? "",
    };
  });
  after(async () => {
    await killCliProcesses();
    await killAllServers();
    dir.remove();
    seeded.remove();
  });

  const writeCsv = (name: string, text: string) => {
    const path = join(dir.path, name);
    writeFileSync(path, text);
    return path;
  };
  const importFile = (args: string[], env: Record<string, string> = {}) =>
    runCliWith({ ...credentials, ...env }, ["import", ...args]);
  /** Submissions stored for orders whose ref starts with `prefix`. */
  const storedSubmissions = (prefix: string) =>
    readRows(seeded.dbPath, "submissions").filter((row) => String(row.order_ref).startsWith(`${prefix}-`));

  async function readOrderWhenProcessed(orderRef: string) {
    const deadline = Date.now() + 15_000;
    for (let attempt = 0; attempt < 300; attempt++) {
      const response = await fetch(`${server.url}/v4/organisations/ACME/customer_orders/${orderRef}`, {
        headers: { authorization: seeded.authorization },
      });
      if (response.status === 200)
        return (await response.json()) as { order_items: { sku: string; price?: string }[] };
      assert.equal(response.status, 404, await response.text());
      if (Date.now() > deadline) break;
      await sleep(100);
    }
    assert.fail(`order ${orderRef} was not processed in time`);
  }

  it("imports a file of three orders in five rows, exit 0, and the orders read back through the API", async () => {
    const file = writeCsv("three.csv", toCsv([HEADER, ...threeOrders("A")]));
    const result = await importFile([file, "--org", "ACME"]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(
      result.stdout,
      /^3 orders accepted, 0 rejected, 0 duplicates \(5 rows in [\d.]+ s, \d+ rows\/s\)\n$/,
    );
    assert.equal(storedSubmissions("A").length, 3);
    const first = await readOrderWhenProcessed("A-1");
    assert.deepEqual(
      first.order_items.map((item) => item.sku),
      ["MUG-1", "MUG-2"],
    );
    const third = await readOrderWhenProcessed("A-3");
    assert.equal(third.order_items.length, 2);
  });

  it("sends the valid orders, exit 1, and writes every row of the rejected ones with line, column and code", async () => {
    const file = writeCsv(
      "two-bad.csv",
      toCsv([
        HEADER,
        ["B-1", "25-09-2021", "a@example.com", "SKU-1", "10", "GBP"],
        ["B-2", "25-09-2021", "not-an-email", "SKU-2", "5", "GBP"],
        ["B-3", "25-09-2021", "c@example.com", "SKU-3", "1", "GBP"],
        ["B-3", "", "", "SKU-4", "abc", "GBP"],
        ["B-4", "25-09-2021", "d@example.com", "SKU-5", "2", "GBP"],
      ]),
    );
    const rejects = join(dir.path, "two-bad.rejects.csv");
    const result = await importFile([file, "--org", "ACME", "--rejects", rejects]);
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stdout, /^2 orders accepted, 2 rejected, 0 duplicates /);
    assert.match(
      result.stderr,
      /2 orders were rejected: their rows and reasons are in .*two-bad\.rejects\.csv/,
    );
    const written = parse(readFileSync(rejects, "utf8"), { columns: true }) as Record<string, string>[];
    assert.deepEqual(
      written.map((row) => [row.order_ref, row.sku, row.reject_line, row.reject_column, row.reject_code]),
      [
        ["B-2", "SKU-2", "3", "email", "invalid_email"],
        ["B-3", "SKU-3", "4", "", ""],
        ["B-3", "SKU-4", "5", "price", "invalid_price"],
      ],
    );
    assert.deepEqual(
      storedSubmissions("B")
        .map((row) => row.order_ref)
        .sort(),
      ["B-1", "B-4"],
    );
  });

  it("replays a file imported again: every order a duplicate, nothing new stored", async () => {
    const file = writeCsv("again.csv", toCsv([HEADER, ...threeOrders("C")]));
    const first = await importFile([file, "--org", "ACME", "--batch-size", "2"]);
    assert.equal(first.code, 0, first.stderr);
    const stored = storedSubmissions("C").map((row) => row.id);
    assert.equal(stored.length, 3);
    const again = await importFile([file, "--org", "ACME", "--batch-size", "2"]);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /^3 orders accepted, 0 rejected, 3 duplicates /);
    assert.deepEqual(
      storedSubmissions("C").map((row) => row.id),
      stored,
    );
  });

  it("sends nothing with --resume after a full run: even an unreachable service does", async () => {
    const file = writeCsv("resume.csv", toCsv([HEADER, ...threeOrders("D")]));
    const state = join(dir.path, "resume.state");
    const full = await importFile([file, "--org", "ACME", "--batch-size", "1", "--state", state]);
    assert.equal(full.code, 0, full.stderr);
    const lines = readFileSync(state, "utf8").trimEnd().split("\n");
    assert.equal(lines.length, 3, "one state line per batch");
    const firstLine = JSON.parse(lines[0] ?? "{}");
    assert.match(firstLine.key, /^import-[A-Za-z0-9_-]{43}$/);
    assert.deepEqual(
      { ...firstLine, key: undefined },
      {
        key: undefined,
        trkref: "ACME",
        batch_size: 1,
        orders: 1,
        accepted: 1,
        rejected: 0,
        first_line: 2,
        last_line: 3,
      },
    );
    const resumed = await importFile(
      [file, "--org", "ACME", "--batch-size", "1", "--state", state, "--resume", "--json"],
      { ORDER_INTAKE_URL: UNREACHABLE_URL },
    );
    assert.equal(resumed.code, 0, resumed.stderr);
    const summary = JSON.parse(resumed.stdout);
    assert.equal(summary.duplicates, 3);
    assert.equal(summary.orders, 3);
    assert.equal(summary.accepted, 3);
    assert.equal(storedSubmissions("D").length, 3);
  });

  it("refuses --resume with another --batch-size or --org than the state file's, exit 2, sending nothing", async () => {
    const file = writeCsv("resume-other.csv", toCsv([HEADER, ...threeOrders("R")]));
    const state = join(dir.path, "resume-other.state");
    const full = await importFile([file, "--org", "ACME", "--batch-size", "2", "--state", state]);
    assert.equal(full.code, 0, full.stderr);
    const resume = ["--state", state, "--resume"];
    const otherSize = await importFile([file, "--org", "ACME", "--batch-size", "1", ...resume]);
    assert.equal(otherSize.code, 2);
    assert.match(
      otherSize.stderr,
      /^error: Cannot resume: the state file .*resume-other\.state is of a run with --batch-size 2 \(this run: 1\);/,
    );
    assert.equal(otherSize.stdout, "");
    const otherOrg = await importFile([file, "--org", "ACME-UK", "--batch-size", "2", ...resume]);
    assert.equal(otherOrg.code, 2);
    assert.match(otherOrg.stderr, /is of a run with --org ACME \(this run: ACME-UK\);/);
    assert.doesNotMatch(otherOrg.stderr, /--batch-size 2/);
    assert.equal(readFileSync(state, "utf8").trimEnd().split("\n").length, 2, "nothing appended");
    assert.equal(storedSubmissions("R").length, 3);
  });

  it("checks a file with --dry-run without credentials: exit 1, the counts, no state file", async () => {
    const rows = [...threeOrders("E"), ["E-4", "31-02-2021", "x@example.com", "SKU-9", "1", "GBP"]];
    const file = writeCsv("dry.csv", toCsv([HEADER, ...rows]));
    const result = await runCliWith({ ORDER_INTAKE_KEY: "", ORDER_INTAKE_SECRET: "", ORDER_INTAKE_URL: "" }, [
      "import",
      file,
      "--org",
      "ACME",
      "--dry-run",
    ]);
    assert.equal(result.code, 1, result.stderr);
    assert.equal(result.stdout, "3 orders valid, 1 rejected (6 rows)\n");
    assert.equal(existsSync(`${file}.import-state`), false);
    assert.equal(storedSubmissions("E").length, 0);
  });

  it("sends nothing when more orders than --max-reject-rate are rejected, exit 1", async () => {
    const bad = (n: number) => [`F-${n}`, "25-09-2021", "nobody", "SKU", "1", "GBP"];
    const rows = [["F-1", "25-09-2021", "f@example.com", "SKU", "1", "GBP"], bad(2), bad(3), bad(4), bad(5)];
    const file = writeCsv("mostly-wrong.csv", toCsv([HEADER, ...rows]));
    const rejects = join(dir.path, "mostly-wrong.rejects.csv");
    const result = await importFile([
      file,
      "--org",
      "ACME",
      "--max-reject-rate",
      "10%",
      "--rejects",
      rejects,
    ]);
    assert.equal(result.code, 1, result.stderr);
    assert.match(
      result.stderr,
      /4 of 5 orders \(80%\) are rejected, more than --max-reject-rate allows: nothing was sent/,
    );
    assert.equal(storedSubmissions("F").length, 0);
    const written = parse(readFileSync(rejects, "utf8"), { columns: true }) as Record<string, string>[];
    assert.deepEqual(
      written.map((row) => row.order_ref),
      ["F-2", "F-3", "F-4", "F-5"],
    );
  });

  it("prints the summary as one JSON line with --json", async () => {
    const rows = [...threeOrders("G"), ["G-4", "", "g@example.com", "SKU", "1", "GBP"]];
    const file = writeCsv("json.csv", toCsv([HEADER, ...rows]));
    const rejects = join(dir.path, "json.rejects.csv");
    const result = await importFile([file, "--org", "ACME", "--json", "--rejects", rejects]);
    assert.equal(result.code, 1, result.stderr);
    const lines = result.stdout.trimEnd().split("\n");
    assert.equal(lines.length, 1);
    const summary = JSON.parse(lines[0] ?? "");
    assert.deepEqual(Object.keys(summary), [
      "rows",
      "orders",
      "accepted",
      "rejected",
      "duplicates",
      "batches",
      "seconds",
      "rows_per_second",
      "peak_rss_bytes",
      "dry_run",
      "rejects",
    ]);
    assert.deepEqual(
      { ...summary, seconds: undefined, rows_per_second: undefined, peak_rss_bytes: undefined },
      {
        rows: 6,
        orders: 4,
        accepted: 3,
        rejected: 1,
        duplicates: 0,
        batches: 1,
        seconds: undefined,
        rows_per_second: undefined,
        peak_rss_bytes: undefined,
        dry_run: false,
        rejects,
      },
    );
    assert.ok(summary.seconds >= 0 && summary.rows_per_second >= 0);
    assert.ok(summary.peak_rss_bytes > 1024 * 1024, "bytes, not kibibytes");
  });

  it("hints at --decimal-mark . for prices written 12.50, and imports them with it", async () => {
    const rows = [
      ["N-1", "25-09-2021", "jane@example.com", "MUG-1", "12.50", "GBP"],
      ["N-1", "", "", "MUG-2", "3", "GBP"],
      ["N-2", "26-09-2021", "john@example.com", "TEE-1", "55.99", "GBP"],
    ];
    const file = writeCsv("dot-prices.csv", toCsv([HEADER, ...rows]));
    const hint =
      'hint: prices such as "12.50" are written with a decimal dot: run again with --decimal-mark .\n';
    const refused = await importFile([file, "--org", "ACME", "--json"]);
    assert.equal(refused.code, 1, refused.stderr);
    assert.equal(JSON.parse(refused.stdout).rejected, 2, "stdout is the summary alone");
    assert.ok(
      refused.stderr.endsWith(
        `2 orders were rejected: add --rejects FILE to get their rows and reasons\n${hint}`,
      ),
      refused.stderr,
    );
    assert.equal(storedSubmissions("N").length, 0);

    const wrongMark = await importFile([file, "--org", "ACME", "--decimal-mark", ";"]);
    assert.equal(wrongMark.code, 2);
    assert.match(wrongMark.stderr, /^error: --decimal-mark must be/);

    const imported = await importFile([file, "--org", "ACME", "--decimal-mark", "."]);
    assert.equal(imported.code, 0, imported.stderr);
    assert.match(imported.stdout, /^2 orders accepted, 0 rejected, 0 duplicates /);
    assert.doesNotMatch(imported.stderr, /hint:/);
    assert.equal(storedSubmissions("N").length, 2);
    const first = await readOrderWhenProcessed("N-1");
    assert.deepEqual(
      first.order_items.map((item) => item.price),
      ["12.50", "3"],
    );
  });

  it("reads semicolon and tab files that start with a byte order mark", async () => {
    const bom = "\uFEFF";
    const semicolons = writeCsv("semicolons.csv", bom + toCsv([HEADER, ...threeOrders("H")], ";"));
    const tabs = writeCsv("tabs.tsv", bom + toCsv([HEADER, ...threeOrders("I")], "\t"));
    for (const [file, prefix] of [
      [semicolons, "H"],
      [tabs, "I"],
    ] as const) {
      const result = await importFile([file, "--org", "ACME"]);
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, /^3 orders accepted, 0 rejected, 0 duplicates /);
      assert.equal(storedSubmissions(prefix).length, 3);
    }
    const explicit = await importFile([tabs, "--org", "ACME", "--delimiter", "tab", "--dry-run"]);
    assert.equal(explicit.stdout, "3 orders valid, 0 rejected (5 rows)\n");
  });

  it("refuses a file with an unknown column, exit 2, naming it", async () => {
    const file = writeCsv(
      "unknown.csv",
      toCsv([
        [...HEADER, "colour"],
        [...(threeOrders("J")[0] ?? []), "red"],
      ]),
    );
    const result = await importFile([file, "--org", "ACME"]);
    assert.equal(result.code, 2);
    assert.match(
      result.stderr,
      /^error: Unknown column in the header: "colour"\. The known columns are order_ref, /,
    );
    assert.equal(result.stdout, "");
    assert.equal(storedSubmissions("J").length, 0);
  });

  it("refuses a missing file, exit 2", async () => {
    const missing = join(dir.path, "no-such.csv");
    const result = await importFile([missing, "--org", "ACME"]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /^error: .*no-such\.csv/);
    assert.equal(result.stdout, "");
  });

  it("stops at a wrong secret, exit 2, saying to check the credentials", async () => {
    const file = writeCsv("wrong-secret.csv", toCsv([HEADER, ...threeOrders("K")]));
    const result = await importFile([file, "--org", "ACME"], { ORDER_INTAKE_SECRET: "not-the-secret" });
    assert.equal(result.code, 2);
    assert.match(
      result.stderr,
      /error: The service refused the credentials \(401 unauthorized\): check ORDER_INTAKE_KEY/,
    );
    assert.match(result.stdout, /^0 orders accepted, 0 rejected, 0 duplicates /);
    assert.equal(storedSubmissions("K").length, 0);
  });

  it("says which variables to set when credentials are missing, exit 2", async () => {
    const file = writeCsv("no-credentials.csv", toCsv([HEADER, ...threeOrders("L")]));
    const result = await importFile([file, "--org", "ACME"], {
      ORDER_INTAKE_KEY: "",
      ORDER_INTAKE_SECRET: "",
    });
    assert.equal(result.code, 2);
    assert.match(
      result.stderr,
      /^error: No credentials to send orders with: set ORDER_INTAKE_KEY .* and ORDER_INTAKE_SECRET/,
    );
    const secretOnly = await importFile([file, "--org", "ACME"], { ORDER_INTAKE_SECRET: "" });
    assert.equal(secretOnly.code, 2);
    assert.match(secretOnly.stderr, /set ORDER_INTAKE_SECRET \(or give --secret-file\)/);
    assert.doesNotMatch(secretOnly.stderr, /ORDER_INTAKE_KEY/);
  });

  it("reads the secret from --secret-file, and refuses a secret given as --key", async () => {
    const file = writeCsv("secret-file.csv", toCsv([HEADER, ...threeOrders("M")]));
    const secretFile = join(dir.path, "secret.txt");
    writeFileSync(secretFile, `${credentials.ORDER_INTAKE_SECRET}\n`);
    const fromFile = await importFile([file, "--org", "ACME", "--secret-file", secretFile], {
      ORDER_INTAKE_SECRET: "",
    });
    assert.equal(fromFile.code, 0, fromFile.stderr);
    assert.equal(storedSubmissions("M").length, 3);
    const pasted = await importFile([file, "--org", "ACME", "--key", credentials.ORDER_INTAKE_SECRET ?? ""]);
    assert.equal(pasted.code, 2);
    assert.match(pasted.stderr, /^error: That is a secret \(ois_…\), not a key id/);
    assert.doesNotMatch(pasted.stderr, new RegExp(credentials.ORDER_INTAKE_SECRET ?? "-"));
  });
});
