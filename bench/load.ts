import autocannon from "autocannon";
import { measureWithWrk, wrkInstalled } from "./wrk.js";

/** One measurement of one target. */
export interface LoadResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Answers that were not the expected status, plus connection errors and timeouts. */
  failures: number;
  /** Answers with the expected status: for the intake endpoints, requests whose orders were accepted. */
  answered: number;
  /** Answers with the expected status per second (`requestsPerSecond` counts every answer). */
  answeredPerSecond: number;
}

export interface LoadOptions {
  url: string;
  path: string;
  authorization: string;
  body: string;
  connections: number;
  durationSeconds: number;
  expectedStatus: number;
  /** Requests per second over all connections; unset means as fast as the target answers. */
  overallRate?: number;
  /** Replaces each `[<id>]` in the body with an id of its own per request (distinct order refs). */
  distinctIds?: boolean;
}

/** The generator of every full-speed measurement of this run: wrk when installed (`BENCH_LOAD=autocannon` forces the fallback). */
export const loadGenerator: "wrk" | "autocannon" =
  process.env.BENCH_LOAD !== "autocannon" && wrkInstalled() ? "wrk" : "autocannon";

/**
 * Loads one target on loopback for a fixed time: with `loadGenerator` at full speed, with autocannon at a
 * fixed rate (wrk has no rate limiting).
 */
export async function measure(options: LoadOptions): Promise<LoadResult> {
  if (loadGenerator === "wrk" && options.overallRate === undefined) return measureWithWrk(options);
  return measureWithAutocannon(options);
}

/** Runs autocannon in this process against one target on loopback, for a fixed time. */
async function measureWithAutocannon(options: LoadOptions): Promise<LoadResult> {
  const result = await autocannon({
    url: `${options.url}${options.path}`,
    method: "POST",
    connections: options.connections,
    duration: options.durationSeconds,
    headers: { "content-type": "application/json", authorization: options.authorization },
    body: options.body,
    ...(options.overallRate && { overallRate: options.overallRate }),
    ...(options.distinctIds && { idReplacement: true }),
  });
  const counts = Object.entries(result.statusCodeStats ?? {}).map(
    ([status, stats]) => [Number(status), (stats as { count: number }).count] as const,
  );
  const countWhere = (keep: (status: number) => boolean) =>
    counts.filter(([status]) => keep(status)).reduce((sum, [, count]) => sum + count, 0);
  const unexpected = countWhere((status) => status !== options.expectedStatus);
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    failures: unexpected + result.errors + result.timeouts,
    answered: countWhere((status) => status === options.expectedStatus),
    answeredPerSecond: countWhere((status) => status === options.expectedStatus) / result.duration,
  };
}

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};
