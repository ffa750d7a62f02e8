/**
 * The built `order-intake import` run by the import benchmark as a merchant runs it: a process of its own,
 * its key in the environment, its `--json` summary read from its stdout.
 */
import { spawn } from "node:child_process";
import { closeSync, existsSync, openSync, readSync } from "node:fs";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import type { ImportSummaryJson } from "../src/cli/import/import-summary.js";
import type { ImportRun } from "./import-report.js";
import { type RunningTarget, stopChild } from "./targets.js";

const MAIN = fileURLToPath(new URL("../dist/cli/main.js", import.meta.url));

/**
 * Runs `order-intake import <file> --org BENCH --json` with the service's key in the environment, its
 * progress lines passed on to stderr; interrupted (SIGINT, as Ctrl-C) when it outlives `timeoutSeconds`.
 * Settles only once the command has gone.
 */
export async function runImportCommand(
  file: string,
  service: RunningTarget,
  options: string[],
  timeoutSeconds: number,
): Promise<ImportRun> {
  const [keyId = "", secret = ""] = Buffer.from(service.authorization.replace(/^Basic /, ""), "base64")
    .toString()
    .split(":");
  const started = performance.now();
  const child = spawn(process.execPath, [MAIN, "import", file, "--org", "BENCH", "--json", ...options], {
    env: {
      ...process.env,
      ORDER_INTAKE_URL: service.url,
      ORDER_INTAKE_KEY: keyId,
      ORDER_INTAKE_SECRET: secret,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  const stderr: string[] = [];
  child.stdout?.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  createInterface({ input: child.stderr as NodeJS.ReadableStream }).on("line", (line) => {
    stderr.push(line);
    if (stderr.length > 20) stderr.shift();
    process.stderr.write(`import: ${line}\n`);
  });
  let timedOut = false;
  const code = await new Promise<number | null>((resolve, reject) => {
    const deadline = setTimeout(() => {
      timedOut = true;
      // Resolved once the command has exited, even should its pipes never close.
      void stopChild(child, "SIGINT").then(() => resolve(null));
    }, timeoutSeconds * 1000);
    child.once("error", (error) => {
      clearTimeout(deadline);
      void stopChild(child).then(() => reject(error));
    });
    child.once("close", (exit) => {
      clearTimeout(deadline);
      resolve(exit);
    });
  });
  const wallSeconds = (performance.now() - started) / 1000;
  const line = stdout.trim().split("\n").at(-1) ?? "";
  if (timedOut) throw new Error(`the import did not finish within ${timeoutSeconds} s: ${line}`);
  if (code !== 0 && code !== 1) throw new Error(`the import exited with ${code}: ${stderr.join("\n")}`);
  return { summary: JSON.parse(line) as ImportSummaryJson, wallSeconds };
}

/** Rejected orders spoil the measurement (the file is generated to be valid): show the first few reasons. */
export function showRejects(file: string): void {
  const head = Buffer.alloc(16_384);
  let length = 0;
  if (existsSync(file)) {
    const descriptor = openSync(file, "r");
    length = readSync(descriptor, head);
    closeSync(descriptor);
  }
  const lines = head.subarray(0, length).toString().split("\n").slice(0, 6);
  process.stderr.write(`import: some orders were rejected; the rejects file begins:\n${lines.join("\n")}\n`);
}
