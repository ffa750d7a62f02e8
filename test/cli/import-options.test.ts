import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { batchIdempotencyKey } from "../../src/cli/import/batch-key.js";
import { type ImportCommandOptions, parseImportOptions } from "../../src/cli/import/import-options.js";
import { createTempDir } from "../helpers/test-app.js";

const defaults: ImportCommandOptions = { org: "ACME", batchSize: "500", concurrency: "2" };
const env = { ORDER_INTAKE_KEY: "oik_abc", ORDER_INTAKE_SECRET: "ois_not-a-real-one" };
const parse = (options: Partial<ImportCommandOptions>, environment: NodeJS.ProcessEnv = env) =>
  parseImportOptions("orders.csv", { ...defaults, ...options }, environment);

describe("import options", () => {
  let dir: ReturnType<typeof createTempDir>;
  before(() => {
    dir = createTempDir("order-intake-import-options-");
  });
  after(() => dir.remove());

  it("takes the defaults of the design and the credentials from the environment", () => {
    const settings = parse({});
    assert.equal(settings.url, "http://localhost:3000");
    assert.deepEqual(settings.credentials, { keyId: "oik_abc", secret: "ois_not-a-real-one" });
    assert.equal(settings.statePath, "orders.csv.import-state");
    assert.equal(settings.batchSize, 500);
    assert.equal(settings.concurrency, 2);
    assert.equal(settings.delimiter, undefined);
    assert.equal(
      parse({}, { ...env, ORDER_INTAKE_URL: "http://127.0.0.1:4000" }).url,
      "http://127.0.0.1:4000",
    );
    assert.equal(
      parse({ url: "https://orders.example" }, { ...env, ORDER_INTAKE_URL: "http://x" }).url,
      "https://orders.example",
    );
  });

  it("reads --max-reject-rate as a fraction or a percentage, and refuses anything past 1", () => {
    assert.equal(parse({ maxRejectRate: "0.25" }).maxRejectRate, 0.25);
    assert.equal(parse({ maxRejectRate: "10%" }).maxRejectRate, 0.1);
    assert.equal(parse({ maxRejectRate: "0" }).maxRejectRate, 0);
    for (const wrong of ["1.5", "150%", "-1", "ten", ""]) {
      assert.throws(
        () => parse({ maxRejectRate: wrong }),
        { exitCode: 2, message: /--max-reject-rate/ },
        wrong,
      );
    }
  });

  it("takes the three delimiters, tab by name too", () => {
    assert.equal(parse({ delimiter: ";" }).delimiter, ";");
    assert.equal(parse({ delimiter: "tab" }).delimiter, "\t");
    assert.equal(parse({ delimiter: "\\t" }).delimiter, "\t");
    assert.equal(parse({ delimiter: "\t" }).delimiter, "\t");
    assert.throws(() => parse({ delimiter: "|" }), {
      exitCode: 2,
      message: '--delimiter must be "," ";" or "tab" (also written \\t), not "|"',
    });
  });

  it('takes the decimal mark "," by default, "." when asked, and nothing else', () => {
    assert.equal(parse({}).decimalMark, ",");
    assert.equal(parse({ decimalMark: "." }).decimalMark, ".");
    assert.equal(parse({ decimalMark: "," }).decimalMark, ",");
    for (const wrong of [";", "dot", "", " ."]) {
      assert.throws(() => parse({ decimalMark: wrong }), { exitCode: 2, message: /--decimal-mark/ }, wrong);
    }
  });

  it("refuses batch sizes and concurrencies out of bounds", () => {
    assert.throws(() => parse({ batchSize: "1001" }), { exitCode: 2, message: /--batch-size .* 1 to 1000/ });
    assert.throws(() => parse({ concurrency: "0" }), { exitCode: 2, message: /--concurrency .* 1 to 16/ });
  });

  it("needs no credentials for a dry run, and refuses --resume with it", () => {
    assert.equal(parse({ dryRun: true }, {}).credentials, undefined);
    assert.throws(() => parse({ dryRun: true, resume: true }, {}), { exitCode: 2 });
  });

  it("reads the secret from --secret-file, without its final newline", () => {
    const path = join(dir.path, "secret");
    writeFileSync(path, "ois_from-a-file\n");
    const settings = parse({ secretFile: path }, { ORDER_INTAKE_KEY: "oik_abc" });
    assert.equal(settings.credentials?.secret, "ois_from-a-file");
    assert.throws(() => parse({ secretFile: join(dir.path, "none") }), {
      exitCode: 2,
      message: /secret file/,
    });
  });

  it("refuses a state or rejects file that is the file being imported, and rejects that are the state", () => {
    assert.throws(() => parse({ state: "./orders.csv" }), {
      exitCode: 2,
      message: "--state names the file being imported",
    });
    assert.throws(() => parse({ rejects: "orders.csv" }), {
      exitCode: 2,
      message: "--rejects names the file being imported",
    });
    assert.throws(() => parse({ rejects: "orders.csv.import-state" }), {
      exitCode: 2,
      message: "--rejects names the state file (see --state)",
    });
    assert.throws(() => parse({ state: "run.state", rejects: "./run.state" }), {
      exitCode: 2,
      message: "--rejects names the state file (see --state)",
    });
  });

  it("refuses a service URL with a user name or password without repeating it, and any but http(s)", () => {
    for (const url of [
      "http://ops:hunter2@127.0.0.1:3000",
      "https://hunter2@orders.example",
      "http://:hunter2@x",
    ]) {
      for (const [options, environment] of [
        [{ url }, env],
        [{}, { ...env, ORDER_INTAKE_URL: url }],
      ] as const) {
        assert.throws(
          () => parse(options, environment),
          (error: Error & { exitCode?: number }) => {
            assert.equal(error.exitCode, 2);
            assert.match(error.message, /^The service URL must not hold a user name or password/);
            assert.doesNotMatch(error.message, /hunter2/);
            return true;
          },
          url,
        );
      }
    }
    assert.throws(
      () => parse({ url: "http//hunter2@x" }),
      (error: Error) => !/hunter2/.test(error.message),
    );
    assert.throws(() => parse({ url: "ftp://orders.example" }), {
      exitCode: 2,
      message: /http:\/\/ or https:\/\//,
    });
    assert.throws(() => parse({ url: "file:///etc/orders" }), {
      exitCode: 2,
      message: /http:\/\/ or https:\/\//,
    });
  });

  it("refuses --max-reject-rate with --dry-run, which sends nothing to hold back", () => {
    assert.throws(() => parse({ dryRun: true, maxRejectRate: "5%" }, {}), {
      exitCode: 2,
      message: /^--dry-run sends nothing, so --max-reject-rate has nothing to hold back/,
    });
  });

  it("keys a batch by its organisation and documents, the same on every run", () => {
    const documents = [{ trkref: "ACME", order_ref: "A-1" }];
    const key = batchIdempotencyKey("ACME", documents);
    assert.match(key, /^import-[A-Za-z0-9_-]{43}$/);
    assert.equal(batchIdempotencyKey("ACME", [{ trkref: "ACME", order_ref: "A-1" }]), key);
    assert.notEqual(batchIdempotencyKey("ACME-UK", documents), key);
    assert.notEqual(batchIdempotencyKey("ACME", [{ trkref: "ACME", order_ref: "A-2" }]), key);
  });
});
