/**
 * Load from wrk (Debian's package), a C load generator that takes a fraction of the core autocannon takes:
 * on two cores, a generator in Node competes with the target and compresses every ratio. wrk sends at full
 * speed only, so a measurement at a fixed rate still uses autocannon (see `load.ts`).
 */
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { accessSync, constants, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { LoadOptions, LoadResult } from "./load.js";

const WRK = process.env.BENCH_WRK ?? "/usr/bin/wrk";

/** Whether wrk is installed where the benchmark looks for it. */
export function wrkInstalled(): boolean {
  try {
    accessSync(WRK, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The request, and wrk's summary printed as one JSON line. Answers are not read in Lua (a `response` hook
 * would cost wrk a third of its rate): every 2xx counts as the expected status. With `distinctIds`, each request's body has its `[<id>]` replaced by an id of its own (run, thread, counter).
 */
function script(options: LoadOptions, bodyFile: string): string {
  const quoted = (text: string) => JSON.stringify(text);
  // Each run's ids begin with an id of the run: Lua's random numbers repeat from one wrk process to the next
  // (they are not seeded), so a counter alone, or with them, would send a warm-up's order refs again.
  const runId = randomBytes(6).toString("base64url");
  return `
local threads = {}
local body_file = io.open(${quoted(bodyFile)}, "rb")
local body = body_file:read("*a")
body_file:close()
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = ${quoted(options.authorization)}
wrk.body = body

function setup(thread)
  thread:set("thread_id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  counter = 0
end

${
  options.distinctIds
    ? `function request()
  counter = counter + 1
  local id = ${quoted(runId)} .. "-" .. tostring(thread_id) .. "-" .. tostring(counter)
  return wrk.format(nil, nil, nil, (body:gsub("%[<id>%]", id)))
end
`
    : ""
}
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"duration_us":%d,"p50_us":%d,"p99_us":%d,"not_2xx":%d,"socket_errors":%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), e.status,
    e.connect + e.read + e.write + e.timeout))
end
`;
}

interface WrkSummary {
  requests: number;
  duration_us: number;
  p50_us: number;
  p99_us: number;
  not_2xx: number;
  socket_errors: number;
}

/** Runs wrk for `durationSeconds` with the options' connections, on `BENCH_WRK_THREADS` threads (1: the target keeps a core). */
export async function measureWithWrk(options: LoadOptions): Promise<LoadResult> {
  const dir = mkdtempSync(join(tmpdir(), "order-intake-wrk-"));
  try {
    const bodyFile = join(dir, "body.json");
    const scriptFile = join(dir, "load.lua");
    writeFileSync(bodyFile, options.body);
    writeFileSync(scriptFile, script(options, bodyFile));
    const threads = Math.min(Number(process.env.BENCH_WRK_THREADS ?? 1), options.connections);
    const args = [
      `-t${threads}`,
      `-c${options.connections}`,
      `-d${options.durationSeconds}s`,
      "--timeout",
      "10s",
    ];
    const output = await new Promise<string>((resolve, reject) =>
      execFile(
        WRK,
        [...args, "-s", scriptFile, `${options.url}${options.path}`],
        // Bounded: wrk ends after its duration; this is only a guard against one that does not.
        { timeout: (options.durationSeconds + 30) * 1000, killSignal: "SIGKILL" },
        (error, stdout, stderr) =>
          error ? reject(new Error(`wrk failed: ${stderr || error.message}`)) : resolve(stdout),
      ),
    );
    const line = output.split("\n").find((text) => text.startsWith('{"requests"'));
    if (line === undefined) throw new Error(`wrk printed no summary:\n${output}`);
    const summary = JSON.parse(line) as WrkSummary;
    const seconds = summary.duration_us / 1e6;
    return {
      requestsPerSecond: summary.requests / seconds,
      p50Ms: summary.p50_us / 1000,
      p99Ms: summary.p99_us / 1000,
      failures: summary.not_2xx + summary.socket_errors,
      answered: summary.requests - summary.not_2xx,
      answeredPerSecond: (summary.requests - summary.not_2xx) / seconds,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
