import assert from "node:assert/strict";
import { createHash, randomUUID } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { pathToFileURL } from "node:url";
import Database from "better-sqlite3";
import { buildApp } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import { exampleOrder } from "../../src/domain/order-example.js";
import { openStore } from "../../src/storage/open-store.js";
import { migrations } from "../../src/storage/sqlite/migrations/index.js";
import { type CliResult, killCliProcesses, readRows, runCliWith } from "../helpers/cli-process.js";
import { basicAuth, createTempDir } from "../helpers/test-app.js";

interface OrganisationJson {
  trkref: string;
  name: string;
  enabled: boolean;
}

interface KeyJson {
  key_id: string;
  trkrefs: string[];
  revoked_at: string | null;
}

let dir: ReturnType<typeof createTempDir>;
let databaseCount = 0;

before(() => {
  dir = createTempDir("order-intake-cli-");
});

after(async () => {
  await killCliProcesses();
  dir.remove();
});

/** A path for a database of its own, so that tests do not see each other's rows. */
const freshDatabase = () => join(dir.path, `cli-${++databaseCount}.db`);

/** Runs the built CLI against `dbPath`; never rejects, so that failures can be asserted on. */
const runCli = (dbPath: string, ...args: string[]): Promise<CliResult> =>
  runCliWith({ DATABASE_URL: dbPath }, args);

/** Runs the CLI and fails the test, showing stderr, unless it exits 0. */
async function runCliOk(dbPath: string, ...args: string[]): Promise<string> {
  const result = await runCli(dbPath, ...args);
  assert.equal(result.code, 0, `${args.join(" ")} failed: ${result.stderr}`);
  return result.stdout;
}

/** Organisations for the key tests, made through the store: the org commands are tested on their own. */
async function seedOrganisations(dbPath: string, ...trkrefs: string[]): Promise<void> {
  const store = await openStore(dbPath);
  try {
    for (const trkref of trkrefs)
      await store.createOrganisation({ trkref, name: `${trkref} Ltd`, enabled: true });
  } finally {
    await store.close();
  }
}

async function listOrganisations(dbPath: string): Promise<OrganisationJson[]> {
  return JSON.parse(await runCliOk(dbPath, "org", "list", "--json")) as OrganisationJson[];
}

async function listKeys(dbPath: string): Promise<KeyJson[]> {
  return JSON.parse(await runCliOk(dbPath, "key", "list", "--json")) as KeyJson[];
}

async function createKey(dbPath: string, ...trkrefs: string[]): Promise<{ key: string; secret: string }> {
  const orgArgs = trkrefs.flatMap((trkref) => ["--org", trkref]);
  const created = JSON.parse(await runCliOk(dbPath, "key", "create", ...orgArgs, "--json")) as {
    key_id: string;
    secret: string;
  };
  return { key: created.key_id, secret: created.secret };
}

// Every test has a database of its own, so the suites and their tests run side by side.
describe("order-intake CLI", { concurrency: true }, () => {
  describe("order-intake org", { concurrency: true }, () => {
    it("creates an organisation disabled unless told, and lists it", async () => {
      const db = freshDatabase();
      await runCliOk(db, "org", "create", "ACME", "--name", "Acme Ltd");
      const text = await runCliOk(db, "org", "list");
      assert.match(text, /^TRKREF +STATUS +NAME +CREATED\nACME +disabled +Acme Ltd +\d{4}-/);
      assert.deepEqual(
        (await listOrganisations(db)).map(({ trkref, name, enabled }) => ({ trkref, name, enabled })),
        [{ trkref: "ACME", name: "Acme Ltd", enabled: false }],
      );
    });

    it("creates an organisation enabled with --enable", async () => {
      const db = freshDatabase();
      await runCliOk(db, "org", "create", "ACME-UK", "--name", "Acme UK", "--enable");
      assert.match(await runCliOk(db, "org", "list"), /^ACME-UK +enabled +Acme UK +/m);
      assert.deepEqual(
        (await listOrganisations(db)).map(({ trkref, enabled }) => ({ trkref, enabled })),
        [{ trkref: "ACME-UK", enabled: true }],
      );
    });

    it("switches an organisation on and off with enable and disable", async () => {
      const db = freshDatabase();
      await runCliOk(db, "org", "create", "ACME", "--name", "Acme Ltd");
      await runCliOk(db, "org", "enable", "ACME");
      assert.equal((await listOrganisations(db))[0]?.enabled, true);
      await runCliOk(db, "org", "disable", "ACME");
      assert.equal((await listOrganisations(db))[0]?.enabled, false);
    });

    it("refuses a duplicate organisation with exit 1 and says why", async () => {
      const db = freshDatabase();
      await runCliOk(db, "org", "create", "ACME", "--name", "Acme Ltd");
      const result = await runCli(db, "org", "create", "ACME", "--name", "Acme Again");
      assert.equal(result.code, 1);
      assert.match(result.stderr, /ACME already exists/);
      assert.deepEqual(
        readRows(db, "organisations").map(({ name }) => name),
        ["Acme Ltd"],
      );
    });

    it("takes trkrefs of 64 characters and with underscores, but refuses malformed ones with exit 2", async () => {
      const db = freshDatabase();
      const longest = "A".repeat(64);
      await runCliOk(db, "org", "create", longest, "--name", "Longest");
      await runCliOk(db, "org", "create", "ACER_EN_GB", "--name", "Acer UK");
      for (const trkref of ["acme", "A--B", "A__B", "A".repeat(65)]) {
        const result = await runCli(db, "org", "create", trkref, "--name", "Bad");
        assert.equal(result.code, 2, `trkref ${trkref}`);
        assert.match(result.stderr, /Malformed TRKREF/);
      }
      const lowerCase = await runCli(db, "org", "create", "acer_en_gb", "--name", "Bad");
      assert.match(lowerCase.stderr, /must be upper case \(ACER_EN_GB, not acer_en_gb\)/);
      assert.deepEqual(
        readRows(db, "organisations").map(({ trkref }) => trkref),
        [longest, "ACER_EN_GB"],
      );
    });

    it("requires --name with exit 2", async () => {
      const db = freshDatabase();
      const result = await runCli(db, "org", "create", "X");
      assert.equal(result.code, 2);
      assert.match(result.stderr, /--name/);
      assert.deepEqual(readRows(db, "organisations"), []);
    });

    it("answers exit 1 for an unknown organisation", async () => {
      const result = await runCli(freshDatabase(), "org", "enable", "NOPE");
      assert.equal(result.code, 1);
      assert.match(result.stderr, /Unknown organisation NOPE/);
    });
  });

  describe("order-intake usage", { concurrency: true }, () => {
    it("answers exit 2 for an unknown command", async () => {
      const result = await runCli(freshDatabase(), "frobnicate");
      assert.equal(result.code, 2);
      assert.match(result.stderr, /unknown command 'frobnicate'/);
    });

    it("answers exit 2 for an unknown option", async () => {
      const db = freshDatabase();
      for (const args of [
        ["org", "list", "--colour"],
        ["key", "list", "--all"],
      ]) {
        const result = await runCli(db, ...args);
        assert.equal(result.code, 2, args.join(" "));
        assert.match(result.stderr, /unknown option '--/);
      }
    });

    it("lists the commands with --help and exit 0, and each group's commands with its own --help", async () => {
      const db = freshDatabase();
      const commands = {
        "": ["serve", "worker", "quickstart", "migrate", "org", "key", "submission"],
        org: ["create", "enable", "disable", "list"],
        key: ["create", "list", "revoke"],
        submission: ["show"],
      };
      for (const [group, names] of Object.entries(commands)) {
        const result = await runCli(db, ...(group ? [group] : []), "--help");
        assert.equal(result.code, 0, `${group} --help`);
        for (const name of names) {
          assert.match(result.stdout, new RegExp(`^  ${name}\\b`, "m"), `${group} --help lists ${name}`);
        }
      }
    });
  });

  describe("order-intake key", { concurrency: true }, () => {
    it("prints a new key and a secret of at least 256 bits, once", async () => {
      const db = freshDatabase();
      await seedOrganisations(db, "ACME");
      const first = await createKey(db, "ACME");
      const second = await createKey(db, "ACME");
      for (const { key, secret } of [first, second]) {
        assert.match(key, /^\S+$/);
        const random = /^[a-z]+_([A-Za-z0-9_-]+)$/.exec(secret)?.[1] ?? "";
        assert.ok(random.length >= 43, `secret ${secret} has ${random.length} base64url characters`);
      }
      assert.notEqual(first.key, second.key);
      assert.notEqual(first.secret, second.secret);
    });

    it("lists keys with their organisations but never a secret or its hash", async () => {
      const db = freshDatabase();
      await seedOrganisations(db, "ACME");
      const { key, secret } = await createKey(db, "ACME");
      const hash = createHash("sha256").update(secret, "utf8").digest("hex");

      const text = await runCliOk(db, "key", "list");
      const json = await runCliOk(db, "key", "list", "--json");
      assert.match(
        text,
        /^KEY ID +STATUS +ORGANISATIONS +CREATED +EXPIRES +LAST USED +REVOKED +OLD SECRET UNTIL +LABEL\n/,
      );
      assert.match(text, new RegExp(`^${key} +active +ACME +\\d{4}-\\S+ +- +- +- +- +-$`, "m"));
      assert.deepEqual(
        (JSON.parse(json) as KeyJson[]).map(({ key_id, trkrefs }) => ({ key_id, trkrefs })),
        [{ key_id: key, trkrefs: ["ACME"] }],
      );
      for (const output of [text, json]) {
        assert.ok(!output.includes(secret), "the secret is not listed");
        assert.ok(!output.includes(hash), "the hash of the secret is not listed");
        assert.ok(!output.includes(secret.slice(-20)), "no part of the secret is listed");
      }
    });

    it("stores only a hash of the secret", async () => {
      const db = freshDatabase();
      await seedOrganisations(db, "ACME");
      const { key, secret } = await createKey(db, "ACME");
      const sqlite = new Database(db, { readonly: true });
      try {
        const rows = sqlite.prepare("SELECT * FROM api_keys").all() as Record<string, unknown>[];
        assert.equal(rows.length, 1);
        assert.equal(rows[0]?.id, key);
        assert.ok(!JSON.stringify(rows).includes(secret), "the secret is not in api_keys");
        assert.equal(rows[0]?.secret_hash, createHash("sha256").update(secret, "utf8").digest("hex"));
      } finally {
        sqlite.close();
      }
      for (const file of [db, `${db}-wal`].filter(existsSync)) {
        assert.ok(!readFileSync(file).includes(secret), `the secret is nowhere in ${file}`);
      }
    });

    it("creates a key for several organisations", async () => {
      const db = freshDatabase();
      await seedOrganisations(db, "ACME", "OTHER");
      const { key } = await createKey(db, "ACME", "OTHER");
      assert.deepEqual(
        (await listKeys(db)).map(({ key_id, trkrefs }) => ({ key_id, trkrefs })),
        [{ key_id: key, trkrefs: ["ACME", "OTHER"] }],
      );
    });

    it("refuses a key for an unknown organisation with exit 1 and creates nothing", async () => {
      const db = freshDatabase();
      await seedOrganisations(db, "ACME");
      for (const orgs of [["NOPE"], ["ACME", "NOPE"]]) {
        const result = await runCli(db, "key", "create", ...orgs.flatMap((trkref) => ["--org", trkref]));
        assert.equal(result.code, 1, orgs.join(","));
        assert.match(result.stderr, /NOPE/);
        assert.doesNotMatch(result.stdout, /Secret/);
      }
      assert.deepEqual(readRows(db, "api_keys"), []);
      assert.deepEqual(readRows(db, "api_key_organisations"), []);
    });

    it("requires --org with exit 2", async () => {
      const db = freshDatabase();
      const result = await runCli(db, "key", "create");
      assert.equal(result.code, 2);
      assert.match(result.stderr, /--org/);
      assert.deepEqual(readRows(db, "api_keys"), []);
      assert.deepEqual(readRows(db, "api_key_organisations"), []);
    });

    it("answers exit 1 when revoking an unknown key", async () => {
      const result = await runCli(freshDatabase(), "key", "revoke", "NOPE");
      assert.equal(result.code, 1);
      assert.match(result.stderr, /Unknown key NOPE/);
    });
  });

  describe("a key issued by the CLI, used against the app", { concurrency: true }, () => {
    it("submits an order, shows its submission, and stops working once revoked", async () => {
      const db = freshDatabase();
      await seedOrganisations(db, "ACME");
      const { key, secret } = await createKey(db, "ACME");

      // The look-up cache is off, so that the revocation is seen at once (its expiry is tested on its own).
      const config = loadConfig({ DATABASE_URL: db, LOG_LEVEL: "silent", LOOKUP_CACHE_TTL_MS: "0" });
      const store = await openStore(config.databaseUrl);
      const { app } = await buildApp({ config, store });
      try {
        const submit = () =>
          app.inject({
            method: "POST",
            url: "/v4/organisations/ACME/customer_order",
            headers: { authorization: basicAuth(key, secret), "content-type": "application/json" },
            payload: exampleOrder("ACME"),
          });
        const accepted = await submit();
        assert.equal(accepted.statusCode, 202, accepted.body);
        const { id } = accepted.json() as { id: string };

        const shown = JSON.parse(await runCliOk(db, "submission", "show", id, "--json")) as Record<
          string,
          unknown
        >;
        assert.equal(shown.id, id);
        assert.equal(shown.status, "accepted");
        assert.equal(shown.trkref, "ACME");

        assert.match(await runCliOk(db, "key", "revoke", key), /revoked/);
        assert.equal(typeof readRows(db, "api_keys")[0]?.revoked_at, "string");
        const refused = await submit();
        assert.equal(refused.statusCode, 401, refused.body);
      } finally {
        await app.close();
        await store.close();
      }
    });

    it("answers exit 1 for an unknown submission", async () => {
      const id = randomUUID();
      const result = await runCli(freshDatabase(), "submission", "show", id);
      assert.equal(result.code, 1);
      assert.match(result.stderr, new RegExp(`No submission ${id}`));
    });
  });

  describe("order-intake migrate", { concurrency: true }, () => {
    it("opens the file that a file: URL or a sqlite: path names", async () => {
      const viaFileUrl = freshDatabase();
      const viaSqlite = freshDatabase();
      for (const [url, path] of [
        [pathToFileURL(viaFileUrl).href, viaFileUrl],
        [`sqlite:${viaSqlite}`, viaSqlite],
      ] as const) {
        await runCliOk(url, "migrate");
        assert.ok(readRows(path, "schema_migrations").length > 0, `${url} made ${path}`);
      }
    });

    it("creates the schema and can run again", async () => {
      const db = freshDatabase();
      assert.equal(existsSync(db), false);
      await runCliOk(db, "migrate");
      await runCliOk(db, "migrate");
      const sqlite = new Database(db, { readonly: true });
      try {
        const tables = sqlite
          .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
          .all() as { name: string }[];
        for (const table of ["api_keys", "organisations", "schema_migrations", "submissions"]) {
          assert.ok(
            tables.some(({ name }) => name === table),
            `table ${table} exists`,
          );
        }
        const versions = sqlite.prepare("SELECT version FROM schema_migrations ORDER BY version").all();
        assert.deepEqual(
          versions,
          migrations.map(({ version }) => ({ version })),
        );
      } finally {
        sqlite.close();
      }
    });
  });
});
