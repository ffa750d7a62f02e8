import assert from "node:assert/strict";
import { userInfo } from "node:os";
import { after, before, describe, it } from "node:test";
import { cliOn, killCliProcesses, readRows } from "../helpers/cli-process.js";
import { basicAuth, createTestApp, type TestApp } from "../helpers/test-app.js";

interface KeyJson {
  key_id: string;
  secret?: string;
  trkrefs: string[];
  label: string | null;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
  previous_secret_valid_until: string | null;
}

const DAY_MS = 24 * 60 * 60 * 1000;

// The CLI against the file of a running app, as an operator's beside a server; each test its own organisation.
describe("order-intake key create, rotate and list", { concurrency: true }, () => {
  let t: TestApp;
  const { cli, cliOk } = cliOn(() => t.config.databaseUrl);
  const cliJson = async <T = KeyJson>(...args: string[]) => JSON.parse(await cliOk(...args, "--json")) as T;
  const auditRows = (subject: string) =>
    readRows(t.config.databaseUrl, "audit_log").filter((row) => row.subject === subject);
  /** The status of a read as the key and secret: 200 when they authenticate. */
  const readAs = async (keyId: string, secret: string, trkref: string) =>
    (
      await t.app.inject({
        method: "GET",
        url: `/v4/organisations/${trkref}/customer_orders`,
        headers: { authorization: basicAuth(keyId, secret) },
      })
    ).statusCode;

  before(async () => {
    // No look-up cache, so that the app sees each rotation at once (the cache is tested on its own).
    t = await createTestApp({ LOOKUP_CACHE_TTL_MS: "0" });
  });
  after(async () => {
    await killCliProcesses();
    await t.close();
  });

  it("creates a key with a label and an expiry, lists them, and logs who created it", async () => {
    await cliOk("org", "create", "LABEL", "--name", "Label Ltd", "--enable");
    const before = Date.now();
    const key = await cliJson(
      "key",
      "create",
      "--org",
      "LABEL",
      "--label",
      " shop backend ",
      "--expires",
      "90d",
      "--actor",
      "alice",
    );
    assert.equal(key.label, "shop backend");
    assert.equal(Date.parse(key.expires_at ?? "") - Date.parse(key.created_at), 90 * DAY_MS);
    assert.ok(Date.parse(key.created_at) >= before - 1000);
    const row = readRows(t.config.databaseUrl, "api_keys").find((stored) => stored.id === key.key_id);
    assert.equal(row?.label, "shop backend");
    assert.equal(row?.expires_at, key.expires_at);

    const listed = await cliJson<KeyJson[]>("key", "list", "--org", "LABEL");
    const { secret: _, ...withoutSecret } = key;
    assert.deepEqual(listed, [withoutSecret]);
    const [header, line, ...rest] = (await cliOk("key", "list", "--org", "LABEL")).trimEnd().split("\n");
    assert.match(
      header ?? "",
      /^KEY ID +STATUS +ORGANISATIONS +CREATED +EXPIRES +LAST USED +REVOKED +OLD SECRET UNTIL +LABEL$/,
    );
    assert.match(
      line ?? "",
      new RegExp(
        `^${key.key_id} +active +LABEL +${key.created_at} +${key.expires_at} +- +- +- +shop backend$`,
      ),
    );
    assert.deepEqual(rest, []);

    const [created] = auditRows(key.key_id);
    assert.equal(created?.actor, "alice");
    assert.equal(created?.action, "key.created");
    assert.deepEqual(JSON.parse(String(created?.details)), {
      trkrefs: ["LABEL"],
      label: "shop backend",
      expires_at: key.expires_at,
    });
    assert.equal(await readAs(key.key_id, key.secret ?? "", "LABEL"), 200);
  });

  it("takes an ISO time for --expires, and refuses a past one, a malformed one or a long label with exit 2", async () => {
    await cliOk("org", "create", "EXPIRY", "--name", "Expiry Ltd", "--enable");
    const key = await cliJson("key", "create", "--org", "EXPIRY", "--expires", "2099-01-31T00:00:00Z");
    assert.equal(key.expires_at, "2099-01-31T00:00:00.000Z");
    for (const [args, message] of [
      [["--expires", "2001-01-01T00:00:00Z"], /expiry must be in the future/],
      [["--expires", "soon"], /--expires takes a duration such as 90d or an ISO time/],
      [["--expires", "90y"], /A duration is a whole number with s, m, h or d/],
      [["--label", "x".repeat(101)], /A key's label may have at most 100 characters \(got 101\)/],
      [["--actor", " "], /The actor must not be blank/],
    ] as const) {
      const result = await cli("key", "create", "--org", "EXPIRY", ...args);
      assert.equal(result.code, 2, `${args.join(" ")}: ${result.stderr}`);
      assert.match(result.stderr, message);
      assert.doesNotMatch(result.stdout, /Secret/);
    }
    assert.equal(
      readRows(t.config.databaseUrl, "api_key_organisations").filter((row) => row.trkref === "EXPIRY").length,
      1,
      "only the first key was created",
    );
  });

  it("rotates a key: the new secret is printed once, and the old one works over HTTP until the grace ends", async () => {
    await cliOk("org", "create", "ROTATE", "--name", "Rotate Ltd", "--enable");
    const old = await cliJson("key", "create", "--org", "ROTATE", "--label", "till");
    const text = await cliOk("key", "rotate", old.key_id, "--grace", "1h", "--actor", "bob");
    const newSecret = /^Secret: (ois_\S+)$/m.exec(text)?.[1] ?? "";
    assert.match(text, new RegExp(`^Key: +${old.key_id}$`, "m"));
    const until = /^The old secret keeps working until (\S+)\.$/m.exec(text)?.[1] ?? "";
    const row = readRows(t.config.databaseUrl, "api_keys").find((stored) => stored.id === old.key_id);
    assert.equal(row?.previous_secret_valid_until, until);
    const inGrace = Date.parse(until) - Date.now();
    assert.ok(inGrace > 59 * 60 * 1000 && inGrace <= 60 * 60 * 1000, until);

    assert.equal(await readAs(old.key_id, newSecret, "ROTATE"), 200, "the new secret works");
    assert.equal(await readAs(old.key_id, old.secret ?? "", "ROTATE"), 200, "the old one, in its grace");
    const [listed] = await cliJson<KeyJson[]>("key", "list", "--org", "ROTATE");
    assert.equal(listed?.previous_secret_valid_until, until);
    assert.equal(listed?.label, "till");
    assert.match(await cliOk("key", "list", "--org", "ROTATE"), new RegExp(` ${until} +till$`, "m"));
    const [, rotated] = auditRows(old.key_id);
    assert.equal(rotated?.action, "key.rotated");
    assert.equal(rotated?.actor, "bob");
    assert.deepEqual(JSON.parse(String(rotated?.details)), {
      trkrefs: ["ROTATE"],
      previous_secret_valid_until: until,
    });

    const again = await cli("key", "rotate", old.key_id);
    assert.equal(again.code, 1);
    assert.match(
      again.stderr,
      new RegExp(`previous secret works until ${until}: rotate it again after that`),
    );
    assert.equal(auditRows(old.key_id).length, 2, "a refused rotation is not logged");
  });

  it("rotates with --grace 0s, after which the old secret is refused, and prints JSON with the new secret", async () => {
    await cliOk("org", "create", "ROTATE-NOW", "--name", "Now Ltd", "--enable");
    const old = await cliJson("key", "create", "--org", "ROTATE-NOW");
    const rotated = await cliJson("key", "rotate", old.key_id, "--grace", "0s");
    assert.equal(rotated.key_id, old.key_id);
    assert.equal(rotated.previous_secret_valid_until, null);
    assert.match(rotated.secret ?? "", /^ois_/);
    assert.notEqual(rotated.secret, old.secret);
    assert.equal(await readAs(old.key_id, rotated.secret ?? "", "ROTATE-NOW"), 200);
    assert.equal(await readAs(old.key_id, old.secret ?? "", "ROTATE-NOW"), 401);
    assert.equal(
      auditRows(old.key_id)[1]?.actor,
      userInfo().username,
      "the operating-system user by default",
    );
  });

  it("refuses to rotate an unknown or revoked key with exit 1, and a bad grace with exit 2", async () => {
    await cliOk("org", "create", "ROTATE-NOT", "--name", "Not Ltd", "--enable");
    const key = await cliJson("key", "create", "--org", "ROTATE-NOT");
    for (const [grace, message] of [
      ["31d", /A grace period is a whole number of seconds from 0 to 2592000 \(30 days\)/],
      ["soon", /A duration is a whole number with s, m, h or d/],
    ] as const) {
      const result = await cli("key", "rotate", key.key_id, "--grace", grace);
      assert.equal(result.code, 2, result.stderr);
      assert.match(result.stderr, message);
    }
    await cliOk("key", "revoke", key.key_id);
    const revoked = await cli("key", "rotate", key.key_id);
    assert.equal(revoked.code, 1);
    assert.match(revoked.stderr, /is revoked: create a new one/);
    const unknown = await cli("key", "rotate", "oik_nope");
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /Unknown key oik_nope/);
    assert.deepEqual(
      auditRows(key.key_id).map((row) => row.action),
      ["key.created", "key.revoked"],
    );
  });

  it("lists only an organisation's keys with --org, and refuses an unknown or malformed one", async () => {
    await cliOk("org", "create", "ONLY", "--name", "Only Ltd", "--enable");
    const mine = await cliJson("key", "create", "--org", "ONLY");
    const listed = await cliJson<KeyJson[]>("key", "list", "--org", "ONLY");
    assert.deepEqual(
      listed.map((key) => key.key_id),
      [mine.key_id],
    );
    const all = await cliJson<KeyJson[]>("key", "list");
    assert.ok(all.some((key) => key.key_id === t.acme.keyId));
    const unknown = await cli("key", "list", "--org", "NOBODY");
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /Unknown organisation NOBODY/);
    assert.equal((await cli("key", "list", "--org", "acme")).code, 2);
  });
});
