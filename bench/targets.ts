import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";

/** A server under test, running in its own process. */
export interface RunningTarget {
  url: string;
  authorization: string;
  stop(): Promise<void>;
}

export interface Target {
  name: "bare" | "no-store" | "sqlite" | "postgres";
  /** Whether the target stores durably (its figures are "service" figures). */
  durable: boolean;
  start(): Promise<RunningTarget>;
}

const here = new URL(".", import.meta.url).pathname;

/** Starts `node --import tsx <script>` and waits (at most 30 s) for its "Server listening at" line. */
export function startProcess(
  script: string,
  env: Record<string, string>,
  cleanup: () => void,
): Promise<RunningTarget> {
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", join(here, script)], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not start within 30 s`)), 30_000);
    child.once("exit", (code) => reject(new Error(`${script} exited with ${code} before listening`)));
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.on("line", (line) => {
      const match = /Server listening at (http:\/\/[^\s"]+)/.exec(line);
      if (!match?.[1]) return;
      clearTimeout(timer);
      const { authorization = "" } = JSON.parse(line) as { authorization?: string };
      resolve({
        url: match[1],
        authorization,
        stop: () =>
          new Promise<void>((done) => {
            child.removeAllListeners("exit");
            child.once("exit", () => {
              cleanup();
              done();
            });
            child.kill("SIGTERM");
            setTimeout(() => child.kill("SIGKILL"), 10_000).unref();
          }),
      });
    });
  });
}

/**
 * The targets of one benchmark run; PostgreSQL only when a URL for it is given. `env` adds settings to the
 * durable targets' processes.
 */
export function benchmarkTargets(
  postgresUrl: string | undefined,
  env: Record<string, string> = {},
): Target[] {
  const sqlite: Target = {
    name: "sqlite",
    durable: true,
    start: () => {
      const dir = mkdtempSync(join(tmpdir(), "order-intake-bench-"));
      const remove = () => rmSync(dir, { recursive: true, force: true });
      return startProcess("service-server.ts", { ...env, DATABASE_URL: join(dir, "bench.db") }, remove);
    },
  };
  const targets: Target[] = [
    { name: "bare", durable: false, start: () => startProcess("bare-server.ts", {}, () => {}) },
    {
      name: "no-store",
      durable: false,
      start: () => startProcess("service-server.ts", { BENCH_TARGET: "no-store" }, () => {}),
    },
    sqlite,
  ];
  if (postgresUrl) {
    targets.push({
      name: "postgres",
      durable: true,
      start: () => startProcess("service-server.ts", { ...env, DATABASE_URL: postgresUrl }, () => {}),
    });
  }
  return targets;
}
