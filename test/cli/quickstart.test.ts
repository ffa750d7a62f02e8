import assert from "node:assert/strict";
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { stripVTControlCharacters } from "node:util";
import { DEMO_TRKREF, exampleOrder } from "../../src/domain/order-example.js";
import { CLI, killCliProcesses, readRows, runCliWith } from "../helpers/cli-process.js";
import { holdPort } from "../helpers/hold-port.js";
import { basicAuth, createTempDir } from "../helpers/test-app.js";

const BANNER_TIMEOUT_MS = 15_000;
const EXIT_TIMEOUT_MS = 15_000;
const EXPORT_LINE = /^ {2}export ORDER_INTAKE_KEY=(oik_[\w-]+) ORDER_INTAKE_SECRET=(ois_[\w-]+)$/m;

/** Whether util-linux `script` is here to give the CLI a terminal as its standard output. */
const hasScript = (() => {
  try {
    execFileSync("script", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

/** A quickstart process: what it printed so far, and a way to stop it. */
interface Quickstart {
  output: () => string;
  /** Resolves with the output once `pattern` is in it; rejects on exit or after BANNER_TIMEOUT_MS. */
  waitFor(pattern: RegExp): Promise<string>;
  /** Sends SIGTERM and resolves with the exit code, bounded by EXIT_TIMEOUT_MS. */
  stop(): Promise<number | null>;
}

const started = new Set<ChildProcess>();

/** Spawns `command` in a process group of its own, with stdout and stderr read together. */
function spawnQuickstart(command: string, args: string[], env: Record<string, string>): Quickstart {
  const child = spawn(command, args, {
    env: { ...process.env, HOST: "127.0.0.1", PORT: "0", LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  started.add(child);
  let output = "";
  for (const stream of [child.stdout, child.stderr]) {
    stream?.setEncoding("utf8").on("data", (chunk: string) => {
      output += chunk;
    });
  }
  const exited = new Promise<number | null>((resolve) => {
    child.once("exit", (code) => {
      started.delete(child);
      resolve(code);
    });
  });
  const bounded = <T>(promise: Promise<T>, ms: number, what: string) =>
    Promise.race([
      promise,
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error(`${what}: ${output}`)), ms).unref(),
      ),
    ]);
  return {
    output: () => output,
    waitFor: (pattern) =>
      bounded(
        new Promise<string>((resolve, reject) => {
          const check = () => {
            if (pattern.test(output)) resolve(output);
          };
          for (const stream of [child.stdout, child.stderr]) stream?.on("data", check);
          check();
          void exited.then((code) => reject(new Error(`exited with ${code} before ${pattern}: ${output}`)));
        }),
        BANNER_TIMEOUT_MS,
        `no ${pattern} within ${BANNER_TIMEOUT_MS} ms`,
      ),
    stop: () => {
      if (child.pid !== undefined) process.kill(-child.pid, "SIGTERM");
      return bounded(exited, EXIT_TIMEOUT_MS, `still running ${EXIT_TIMEOUT_MS} ms after SIGTERM`);
    },
  };
}

describe("order-intake quickstart", { concurrency: true }, () => {
  let dir: ReturnType<typeof createTempDir>;
  let databaseCount = 0;
  const freshDatabase = () => join(dir.path, `quickstart-${++databaseCount}.db`);
  before(() => {
    dir = createTempDir("order-intake-quickstart-");
  });
  after(async () => {
    for (const child of started) if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
    await killCliProcesses();
    dir.remove();
  });

  it("on a taken port, says how to pick another and leaves no key or organisation behind", async (t) => {
    const { server, port } = await holdPort();
    t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const db = freshDatabase();
    for (let run = 1; run <= 2; run++) {
      const result = await runCliWith({ DATABASE_URL: db, HOST: "127.0.0.1", PORT: String(port) }, [
        "quickstart",
      ]);
      assert.equal(result.code, 1, `run ${run}: ${result.stderr}`);
      assert.match(result.stderr, /^error: listen EADDRINUSE/m);
      assert.match(result.stderr, /PORT=3100 npm run quickstart/);
      assert.doesNotMatch(result.stdout, /ORDER_INTAKE_SECRET/);
    }
    assert.deepEqual(readRows(db, "api_keys"), []);
    assert.deepEqual(readRows(db, "organisations"), []);
  });

  it("prints export lines and a curl that work, keeps JSON logs off a terminal, and stops on SIGTERM", async () => {
    const db = freshDatabase();
    const quickstart = spawnQuickstart(process.execPath, [CLI, "quickstart"], { DATABASE_URL: db });
    const output = await quickstart.waitFor(/Stop with Ctrl-C/);
    const [, keyId = "", secret = ""] = EXPORT_LINE.exec(output) ?? [];
    assert.ok(keyId && secret, `the banner has the export line: ${output}`);
    assert.match(output, /^ {2}curl -i -u "\$ORDER_INTAKE_KEY:\$ORDER_INTAKE_SECRET" /m);
    const base = /^order-intake is running at (http:\/\/localhost:\d+) /m.exec(output)?.[1];
    assert.ok(base, output);
    assert.match(output, new RegExp(`^ {4}${base}/v4/organisations/${DEMO_TRKREF}/customer_order$`, "m"));

    // Logs stay JSON lines when standard output is not a terminal: collectors and the tests read them.
    const logs = output.split("\n").filter((line) => line.startsWith("{"));
    assert.ok(
      logs.some((line) => /Server listening at/.test(JSON.parse(line).msg)),
      output,
    );

    const answer = await fetch(
      `${base.replace("localhost", "127.0.0.1")}/v4/organisations/${DEMO_TRKREF}/customer_order`,
      {
        method: "POST",
        headers: { authorization: basicAuth(keyId, secret), "content-type": "application/json" },
        body: JSON.stringify(exampleOrder(DEMO_TRKREF)),
      },
    );
    assert.equal(answer.status, 202, await answer.text());
    assert.equal(await quickstart.stop(), 0);

    assert.deepEqual(
      readRows(db, "api_keys").map(({ id, revoked_at }) => ({ id, revoked_at })),
      [{ id: keyId, revoked_at: null }],
    );
    assert.deepEqual(
      readRows(db, "organisations").map(({ trkref, enabled }) => ({ trkref, enabled })),
      [{ trkref: DEMO_TRKREF, enabled: 1 }],
    );
  });

  it("logs in human-readable lines around its banner when standard output is a terminal", {
    skip: !hasScript && "needs util-linux script for a terminal",
  }, async () => {
    const db = freshDatabase();
    // `script` runs the command with a pseudo-terminal as its standard output, as a shell window would.
    const command = `'${process.execPath}' '${CLI}' quickstart`;
    const quickstart = spawnQuickstart("script", ["-qec", command, "/dev/null"], { DATABASE_URL: db });
    // Without the colours and carriage returns of the terminal.
    const output = stripVTControlCharacters(await quickstart.waitFor(/Stop with Ctrl-C/)).replaceAll(
      "\r",
      "",
    );
    assert.match(output, EXPORT_LINE);
    assert.match(output, /^\[[\d:.]+\] INFO: Server listening at http:\/\/127\.0\.0\.1:\d+$/m);
    const jsonLines = output.split("\n").filter((line) => line.trimStart().startsWith("{"));
    assert.deepEqual(jsonLines, [], "no JSON log line on a terminal");
    await quickstart.stop();
  });
});
