import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";

/** A server under test, running in its own process. */
export interface RunningTarget {
  url: string;
  authorization: string;
  /** The server's process id, to read what the system tells of it (its peak memory, for one). */
  pid: number;
  stop(): Promise<void>;
}

export interface Target {
  name: "bare" | "no-store" | "limit" | "sqlite" | "postgres";
  /** Whether the target stores durably and processes what it stored (its backlog is measured). */
  durable: boolean;
  /** Whether the target is the service on a real store: the one that also takes batches. */
  service: boolean;
  start(): Promise<RunningTarget>;
}

/** A process's peak resident set in bytes (VmHWM), from /proc; undefined where there is no such file. */
export function peakRss(pid: number): number | undefined {
  const status = `/proc/${pid}/status`;
  if (!existsSync(status)) return undefined;
  const kilobytes = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(status, "utf8"))?.[1];
  return kilobytes === undefined ? undefined : Number(kilobytes) * 1024;
}

const here = new URL(".", import.meta.url).pathname;

/**
 * Stops `child` with `signal`, then SIGKILL if it is still there 10 s later; resolves once it has exited, or
 * 5 s after the SIGKILL should its exit never be reported.
 */
export function stopChild(child: ChildProcess, signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const kill = setTimeout(() => child.kill("SIGKILL"), 10_000);
    const giveUp = setTimeout(done, 15_000);
    child.once("exit", () => {
      clearTimeout(kill);
      clearTimeout(giveUp);
      done();
    });
    child.kill(signal);
  });
}

/**
 * Starts `node --import tsx <script>` and waits (at most 30 s) for its "Server listening at" line. A process
 * that does not get there is stopped (and `cleanup` run) before the promise rejects.
 */
export function startProcess(
  script: string,
  env: Record<string, string>,
  cleanup: () => void,
): Promise<RunningTarget> {
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", join(here, script)], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const stop = () => stopChild(child).then(cleanup);
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.removeAllListeners("exit");
      lines.close();
      void stop().then(() => reject(error));
    };
    const timer = setTimeout(() => fail(new Error(`${script} did not start within 30 s`)), 30_000);
    child.once("error", fail);
    child.once("exit", (code) => fail(new Error(`${script} exited with ${code} before listening`)));
    lines.on("line", (line) => {
      const match = /Server listening at (http:\/\/[^\s"]+)/.exec(line);
      if (!match?.[1]) return;
      clearTimeout(timer);
      child.removeAllListeners("exit");
      const { authorization = "" } = JSON.parse(line) as { authorization?: string };
      resolve({ url: match[1], authorization, pid: child.pid ?? 0, stop });
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
  /** `script` on a SQLite file in a temp dir of its own, removed when the target stops. */
  const onSqliteFile = (script: string, extra: Record<string, string>) => () => {
    const dir = mkdtempSync(join(tmpdir(), "order-intake-bench-"));
    const remove = () => rmSync(dir, { recursive: true, force: true });
    return startProcess(script, { ...extra, DATABASE_URL: join(dir, "bench.db") }, remove);
  };
  const targets: Target[] = [
    {
      name: "bare",
      durable: false,
      service: false,
      start: () => startProcess("bare-server.ts", {}, () => {}),
    },
    {
      name: "no-store",
      durable: false,
      service: false,
      start: () => startProcess("service-server.ts", { BENCH_TARGET: "no-store" }, () => {}),
    },
    { name: "limit", durable: true, service: false, start: onSqliteFile("limit-server.ts", {}) },
    { name: "sqlite", durable: true, service: true, start: onSqliteFile("service-server.ts", env) },
  ];
  if (postgresUrl) {
    targets.push({
      name: "postgres",
      durable: true,
      service: true,
      start: () => startProcess("service-server.ts", { ...env, DATABASE_URL: postgresUrl }, () => {}),
    });
  }
  return targets;
}
