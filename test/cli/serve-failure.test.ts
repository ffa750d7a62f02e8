import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { holdPort } from "../helpers/hold-port.js";
import { createTempDir } from "../helpers/test-app.js";

const CLI = fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url));
const EXIT_TIMEOUT_MS = 10_000;

/** Runs `serve` and waits, at most EXIT_TIMEOUT_MS, for it to exit by itself; kills it if it does not. */
function runServe(env: Record<string, string>) {
  return new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string; exited: boolean }>(
    (resolve) => {
      const child: ChildProcess = spawn(process.execPath, [CLI, "serve"], {
        env: { ...process.env, HOST: "127.0.0.1", LOG_LEVEL: "info", ...env },
        stdio: ["ignore", "ignore", "pipe"],
      });
      let stderr = "";
      child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
        stderr += chunk;
      });
      let exited = true;
      const timer = setTimeout(() => {
        exited = false;
        child.kill("SIGKILL");
      }, EXIT_TIMEOUT_MS);
      child.once("exit", (code, signal) => {
        clearTimeout(timer);
        resolve({ code, signal, stderr, exited });
      });
    },
  );
}

describe("serve on a port that is taken", () => {
  const dir = createTempDir("order-intake-serve-");
  after(() => dir.remove());

  it("exits by itself with a non-zero code and a one-line error, without a stack trace", async (t) => {
    const { server, port } = await holdPort();
    t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));

    const result = await runServe({ PORT: String(port), DATABASE_URL: join(dir.path, "orders.db") });

    assert.ok(result.exited, `serve was still running after ${EXIT_TIMEOUT_MS} ms: ${result.stderr}`);
    assert.equal(result.signal, null);
    assert.notEqual(result.code, 0);
    assert.match(result.stderr, /^error: listen EADDRINUSE/m);
    assert.doesNotMatch(result.stderr, /^\s+at /m, `stderr has a stack trace: ${result.stderr}`);
  });
});
