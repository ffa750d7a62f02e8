import assert from "node:assert/strict";
import { userInfo } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { BUILT_IN_INVITATION_POLICY } from "../../src/domain/invitation-policy.js";
import { cliOn, killCliProcesses, readRows } from "../helpers/cli-process.js";
import { createTempDir } from "../helpers/test-app.js";

interface AuditJson {
  id: number;
  at: string;
  actor: string;
  action: string;
  subject: string;
  details: Record<string, unknown>;
}

describe("order-intake org set, show, rename and audit list", { concurrency: true }, () => {
  let dir: ReturnType<typeof createTempDir>;
  let databases = 0;
  before(() => {
    dir = createTempDir("order-intake-org-audit-");
  });
  after(async () => {
    await killCliProcesses();
    dir.remove();
  });

  /** A database of its own, so that each test reads only its own audit entries. */
  function freshCli() {
    const db = join(dir.path, `audit-${++databases}.db`);
    return { db, ...cliOn(() => db), audit: () => readRows(db, "audit_log") };
  }

  it("sets an organisation's rate limit and shows it, and clears it back to the default", async () => {
    const { cli, cliOk, audit } = freshCli();
    await cliOk("org", "create", "ACME", "--name", "Acme", "--enable");
    assert.equal(
      await cliOk("org", "set", "ACME", "--rate-limit", "500/s", "--actor", "carol"),
      "Organisation ACME: each key may make 500/s, burst 1000\n",
    );
    await cliOk("org", "set", "ACME", "--rate-limit", "500/s", "--burst", "2000");
    const shown = JSON.parse(await cliOk("org", "show", "ACME", "--json")) as Record<string, unknown>;
    assert.deepEqual(shown.rate_limit, { rate_per_second: 500, burst: 2000 });
    assert.match(await cliOk("org", "show", "ACME"), /^rate_limit +500\/s, burst 2000$/m);

    await cliOk("org", "set", "ACME", "--rate-limit", "default");
    assert.match(await cliOk("org", "show", "ACME"), /^rate_limit +the default: 100\/s, burst 200$/m);
    const changes = audit().filter((row) => row.action === "organisation.rate_limit_changed");
    assert.deepEqual(
      changes.map((row) => [row.actor, JSON.parse(String(row.details))]),
      [
        ["carol", { from: null, to: { rate_per_second: 500, burst: 1000 } }],
        [
          userInfo().username,
          { from: { rate_per_second: 500, burst: 1000 }, to: { rate_per_second: 500, burst: 2000 } },
        ],
        [userInfo().username, { from: { rate_per_second: 500, burst: 2000 }, to: null }],
      ],
    );

    for (const args of [
      ["--rate-limit", "fast"],
      ["--rate-limit", "0/s"],
      ["--rate-limit", "500/s", "--burst", "10"],
      ["--rate-limit", "default", "--burst", "10"],
    ]) {
      const result = await cli("org", "set", "ACME", ...args);
      assert.equal(result.code, 2, `${args.join(" ")}: ${result.stderr}`);
    }
    const unknown = await cli("org", "set", "NOPE", "--rate-limit", "5/s");
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /Unknown organisation NOPE/);
    assert.equal(audit().filter((row) => row.action === "organisation.rate_limit_changed").length, 3);
  });

  it("shows an organisation with its keys counted, as JSON and for people", async () => {
    const { cli, cliOk } = freshCli();
    await cliOk("org", "create", "SHOWN", "--name", "Shown Ltd");
    const { key_id: revoked } = JSON.parse(await cliOk("key", "create", "--org", "SHOWN", "--json")) as {
      key_id: string;
    };
    await cliOk("key", "create", "--org", "SHOWN");
    await cliOk("key", "revoke", revoked);
    const json = JSON.parse(await cliOk("org", "show", "SHOWN", "--json")) as Record<string, unknown>;
    const { created_at: createdAt, ...rest } = json;
    assert.match(String(createdAt), /^\d{4}-\d\d-\d\dT/);
    assert.deepEqual(rest, {
      trkref: "SHOWN",
      name: "Shown Ltd",
      enabled: false,
      rate_limit: null,
      key_count: 2,
      active_key_count: 1,
      last_key_use_at: null,
      invitation_policy: BUILT_IN_INVITATION_POLICY,
      invitation_policy_overrides: {},
    });
    const text = await cliOk("org", "show", "SHOWN");
    assert.match(text, /^name +Shown Ltd$/m);
    assert.match(text, /^enabled +false$/m);
    assert.match(text, /^key_count +2$/m);
    assert.match(text, /^active_key_count +1$/m);
    assert.match(text, /^last_key_use_at +-$/m);
    const unknown = await cli("org", "show", "NOPE");
    assert.equal(unknown.code, 1);
    assert.equal((await cli("org", "show", "shown")).code, 2);
  });

  it("renames an organisation, logs the names before and after, and refuses a blank name with exit 2", async () => {
    const { cli, cliOk, db, audit } = freshCli();
    await cliOk("org", "create", "NAMED", "--name", "Acme");
    assert.equal(
      await cliOk("org", "rename", "NAMED", "--name", "Acme Ltd", "--actor", "dave"),
      'Organisation NAMED is now named "Acme Ltd"\n',
    );
    assert.equal(readRows(db, "organisations")[0]?.name, "Acme Ltd");
    const renamed = audit().find((row) => row.action === "organisation.renamed");
    assert.equal(renamed?.actor, "dave");
    assert.deepEqual(JSON.parse(String(renamed?.details)), { from: "Acme", to: "Acme Ltd" });
    const blank = await cli("org", "rename", "NAMED", "--name", " ");
    assert.equal(blank.code, 2);
    assert.match(blank.stderr, /An organisation's name must not be blank/);
    assert.equal((await cli("org", "rename", "NOPE", "--name", "X")).code, 1);
  });

  it("logs each action with its actor, the operating-system user unless --actor names one", async () => {
    const { cliOk, audit } = freshCli();
    await cliOk("org", "create", "ACTED", "--name", "Acted", "--actor", "erin");
    await cliOk("org", "enable", "ACTED");
    await cliOk("org", "enable", "ACTED");
    await cliOk("org", "disable", "ACTED", "--actor", "frank");
    const { key_id: keyId } = JSON.parse(await cliOk("key", "create", "--org", "ACTED", "--json")) as {
      key_id: string;
    };
    await cliOk("key", "revoke", keyId, "--actor", "grace");
    await cliOk("key", "revoke", keyId);
    const me = userInfo().username;
    assert.deepEqual(
      audit().map((row) => [row.actor, row.action, row.subject]),
      [
        ["erin", "organisation.created", "ACTED"],
        [me, "organisation.enabled", "ACTED"],
        ["frank", "organisation.disabled", "ACTED"],
        [me, "key.created", keyId],
        ["grace", "key.revoked", keyId],
      ],
      "an action that changes nothing is not logged",
    );
  });

  it("lists the audit log newest first, a page at a time with --limit and --before", async () => {
    const { cli, cliOk } = freshCli();
    for (const trkref of ["A1", "A2", "A3"]) await cliOk("org", "create", trkref, "--name", trkref);
    const all = JSON.parse(await cliOk("audit", "list", "--json")) as AuditJson[];
    assert.deepEqual(
      all.map((entry) => entry.subject),
      ["A3", "A2", "A1"],
    );
    assert.deepEqual(Object.keys(all[0] ?? {}), ["id", "at", "actor", "action", "subject", "details"]);
    assert.deepEqual(all[0]?.details, { name: "A3", enabled: false });

    const firstPage = await cliOk("audit", "list", "--limit", "2");
    const [header, ...lines] = firstPage.trimEnd().split("\n");
    assert.match(header ?? "", /^ID +AT +ACTOR +ACTION +SUBJECT +DETAILS$/);
    assert.match(
      lines[0] ?? "",
      new RegExp(
        `^${all[0]?.id} +\\S+ +\\S+ +organisation\\.created +A3 +\\{"name":"A3","enabled":false\\}$`,
      ),
    );
    assert.equal(lines.at(-1), `Older entries: audit list --before ${all[1]?.id}`);
    const next = JSON.parse(
      await cliOk("audit", "list", "--before", String(all[1]?.id), "--json"),
    ) as AuditJson[];
    assert.deepEqual(next, all.slice(2));
    for (const args of [
      ["--limit", "0"],
      ["--limit", "1001"],
      ["--before", "x"],
    ]) {
      const result = await cli("audit", "list", ...args);
      assert.equal(result.code, 2, args.join(" "));
    }
    assert.equal(
      await cliOk("audit", "list", "--before", String(all[2]?.id)),
      "No operator actions logged yet\n",
    );
  });

  it("never echoes a secret pasted into a label, a name, an actor or a key id", async () => {
    const { cli, cliOk, audit } = freshCli();
    await cliOk("org", "create", "PASTE", "--name", "Paste");
    const secret = `ois_${"A1b2C3d4".repeat(5)}xyz`;
    for (const args of [
      ["key", "create", "--org", "PASTE", "--label", `backend ${secret}`],
      ["key", "create", "--org", "PASTE", "--actor", secret],
      ["key", "rotate", secret],
      ["org", "rename", "PASTE", "--name", secret],
      ["org", "set", "PASTE", "--rate-limit", secret],
      ["org", "show", secret],
    ]) {
      const result = await cli(...args);
      assert.equal(result.code, 2, `${args[0]} ${args[1]}: ${result.stderr}`);
      for (const output of [result.stdout, result.stderr]) assert.ok(!output.includes("A1b2C3d4"), output);
    }
    assert.equal(audit().length, 1, "only the organisation's creation");
  });
});
