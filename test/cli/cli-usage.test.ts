import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { Command } from "commander";
import { createProgram } from "../../src/cli/program.js";
import { killCliProcesses, runCliWith } from "../helpers/cli-process.js";
import { createTempDir } from "../helpers/test-app.js";

const { version } = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
  version: string;
};

/** Every command and subcommand the CLI defines, as the words that name it (`["org", "create"]`). */
function commandPaths(command: Command, path: string[] = []): string[][] {
  return command.commands.flatMap((sub) => [
    [...path, sub.name()],
    ...commandPaths(sub, [...path, sub.name()]),
  ]);
}

/** The arguments and mandatory options a command needs, with plausible values, so that only `extra` is wrong. */
function completeArguments(path: string[]): string[] {
  let command = createProgram();
  for (const name of path) command = command.commands.find((sub) => sub.name() === name) ?? command;
  const args = command.registeredArguments.filter((arg) => arg.required).map(() => "ACME");
  const options = command.options
    .filter((option) => option.mandatory)
    .flatMap((option) => [option.long ?? "", "X"]);
  return [...args, ...options];
}

const paths = commandPaths(createProgram());
const leaves = paths.filter(
  (path) => !paths.some((other) => other.length > path.length && path.every((word, i) => other[i] === word)),
);

describe("order-intake usage", { concurrency: true }, () => {
  let dir: ReturnType<typeof createTempDir>;
  let env: Record<string, string>;
  before(() => {
    dir = createTempDir("order-intake-usage-");
    // Were a command to run instead of printing its help, it would make this file, and serve on a free port.
    env = { DATABASE_URL: join(dir.path, "never-made.db"), PORT: "0", LOG_LEVEL: "info" };
  });
  after(async () => {
    await killCliProcesses();
    dir.remove();
  });

  it("defines the commands the docs promise", () => {
    for (const expected of [
      "serve",
      "worker",
      "quickstart",
      "migrate",
      "org create",
      "key revoke",
      "submission show",
    ]) {
      assert.ok(
        paths.some((path) => path.join(" ") === expected),
        `order-intake ${expected} exists`,
      );
    }
  });

  it("prints the help of every command and subcommand with --help, exit 0, and runs nothing", async () => {
    for (const path of [[], ...paths]) {
      for (const flag of ["--help", "-h"]) {
        const result = await runCliWith(env, [...path, flag]);
        const line = ["order-intake", ...path, flag].join(" ");
        assert.equal(result.code, 0, `${line}: ${result.stderr}`);
        assert.match(result.stdout, new RegExp(`^Usage: ${["order-intake", ...path].join(" ")} `), line);
        assert.equal(result.stderr, "", line);
      }
    }
    assert.equal(existsSync(env.DATABASE_URL ?? ""), false, "no command opened the database");
  });

  it("prints the package version with --version and -V", async () => {
    for (const flag of ["--version", "-V"]) {
      const result = await runCliWith(env, [flag]);
      assert.equal(result.code, 0);
      assert.equal(result.stdout, `${version}\n`);
    }
  });

  it("answers exit 2 with the usage on stderr when no command is given, for the CLI and each group", async () => {
    for (const path of [[], ...paths.filter((path) => !leaves.includes(path))]) {
      const result = await runCliWith(env, path);
      assert.equal(result.code, 2, path.join(" "));
      assert.equal(result.stdout, "");
      assert.match(result.stderr, /^Usage: order-intake/);
    }
  });

  it("answers exit 2 for an unknown option to any command, and runs nothing", async () => {
    for (const path of leaves) {
      const result = await runCliWith(env, [...path, ...completeArguments(path), "--frobnicate"]);
      assert.equal(result.code, 2, `${path.join(" ")}: ${result.stderr}`);
      assert.match(result.stderr, /^error: unknown option '--frobnicate'/);
    }
    assert.equal(existsSync(env.DATABASE_URL ?? ""), false, "no command opened the database");
  });

  it("answers exit 2 for an extra argument to any command, and runs nothing", async () => {
    for (const path of leaves) {
      const result = await runCliWith(env, [...path, ...completeArguments(path), "extra"]);
      assert.equal(result.code, 2, `${path.join(" ")}: ${result.stderr}`);
      assert.match(result.stderr, /^error: too many arguments/);
    }
    assert.equal(existsSync(env.DATABASE_URL ?? ""), false, "no command opened the database");
  });

  it("answers exit 2 for a missing argument or a required option", async () => {
    for (const [args, message] of [
      [["org", "enable"], /missing required argument 'TRKREF'/],
      [["org", "create", "ACME"], /required option '--name <NAME>' not specified/],
      [["key", "create"], /required option '--org <TRKREF>' not specified/],
      [["key", "rotate"], /missing required argument 'KEY_ID'/],
      [["org", "set", "ACME"], /Give at least one of --rate-limit/],
      [["org", "rename", "ACME"], /required option '--name <NAME>' not specified/],
      [["submission", "show"], /missing required argument 'ID'/],
    ] as const) {
      const result = await runCliWith(env, [...args]);
      assert.equal(result.code, 2, args.join(" "));
      assert.match(result.stderr, message);
    }
  });

  it("reports a wrong setting with exit 2, before opening anything", async () => {
    const result = await runCliWith({ ...env, DATABASE_URL: "mysql://u:hunter2@db/orders" }, ["migrate"], {
      cwd: dir.path,
    });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /^error: Invalid configuration: DATABASE_URL: unsupported scheme "mysql:"/);
    assert.doesNotMatch(result.stderr, /hunter2/);
    // It used to be read as a SQLite file, `mysql:/u:hunter2@db/orders`, made in the working directory.
    assert.equal(existsSync(join(dir.path, "mysql:")), false);
  });
});
