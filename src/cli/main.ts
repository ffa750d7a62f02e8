#!/usr/bin/env node
import { CommanderError } from "commander";
import { redactSecrets } from "../storage/api-credentials.js";
import { StoreConflictError, StoreInputError, StoreNotFoundError } from "../storage/store-errors.js";
import { CliError } from "./cli-error.js";
import { createProgram } from "./program.js";

/**
 * Exit codes: 0 success (and `--help`, `--version`), 1 the operation failed, 2 bad usage or configuration
 * (input the store refuses, such as a label too long, included). The parser has already printed its own
 * errors; every other error is printed here, without a stack trace when it is the operator's to fix.
 */
async function reportFailure(error: unknown): Promise<number> {
  if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
  const { ConfigError } = await import("../config.js");
  // A system error (EADDRINUSE, EACCES, ENOENT…) is the operator's to fix: its message says enough.
  const systemError = /^E[A-Z]+$/.test(String((error as { code?: unknown })?.code ?? ""));
  const storeRefused = error instanceof StoreNotFoundError || error instanceof StoreConflictError;
  const badInput = error instanceof StoreInputError;
  const known =
    error instanceof CliError || error instanceof ConfigError || systemError || storeRefused || badInput;
  const message = known ? (error as Error).message : String((error as Error)?.stack ?? error);
  process.stderr.write(`error: ${redactSecrets(message)}\n`);
  if (error instanceof CliError) return error.exitCode;
  return error instanceof ConfigError || badInput ? 2 : 1;
}

createProgram()
  .parseAsync(process.argv)
  // A command that succeeds may still choose its exit code (import: 1 when some orders were rejected).
  .then(() => Number(process.exitCode ?? 0), reportFailure)
  .then((code) => {
    process.exitCode = code;
  });
