import assert from "node:assert/strict";
import { type ChildProcess, execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";

/** The built CLI, as `npm install` puts it on a user's PATH. */
export const CLI = fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url));
// A guard against a command that hangs, not a measure of speed: the CLI files run their tests side by side, and
// twenty CLI processes starting at once on two cores take some seconds each.
const CLI_TIMEOUT_MS = 60_000;

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Every CLI process still running, so that an `after` hook can kill what a failed test left behind. */
const running = new Set<ChildProcess>();

/**
 * Runs the built CLI with `env` over this process's environment (logs silent unless `env` says otherwise),
 * in `options.cwd` if given, killed after 60 s; never rejects, so that failures can be asserted on.
 */
export function runCliWith(
  env: Record<string, string>,
  args: string[],
  options: { cwd?: string } = {},
): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [CLI, ...args],
      {
        env: { ...process.env, LOG_LEVEL: "silent", ...env },
        ...options,
        timeout: CLI_TIMEOUT_MS,
        killSignal: "SIGKILL",
      },
      (_error, stdout, stderr) => {
        running.delete(child);
        resolve({ code: child.exitCode, stdout, stderr });
      },
    );
    running.add(child);
  });
}

/**
 * `cli` runs the CLI against the database `databaseUrl()` names (read at each run, so that it may be set in a
 * `before` hook); `cliOk` fails the test, showing stderr, unless it exits 0, and returns its stdout.
 */
export function cliOn(databaseUrl: () => string) {
  const cli = (...args: string[]): Promise<CliResult> => runCliWith({ DATABASE_URL: databaseUrl() }, args);
  const cliOk = async (...args: string[]): Promise<string> => {
    const result = await cli(...args);
    assert.equal(result.code, 0, `${args.join(" ")}: ${result.stderr}`);
    return result.stdout;
  };
  return { cli, cliOk };
}

/** Kills every CLI process still running and waits (bounded) until they are gone; for `after` hooks. */
export async function killCliProcesses(): Promise<void> {
  for (const child of running) child.kill("SIGKILL");
  for (let round = 0; round < 50 && running.size > 0; round++) await sleep(100);
}

/** Rows of a table read straight from the file; none when the command never created the file. */
export function readRows(dbPath: string, table: string): Record<string, unknown>[] {
  if (!existsSync(dbPath)) return [];
  const sqlite = new Database(dbPath, { readonly: true });
  try {
    return sqlite.prepare(`SELECT * FROM ${table}`).all() as Record<string, unknown>[];
  } finally {
    sqlite.close();
  }
}
