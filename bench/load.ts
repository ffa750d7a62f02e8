import autocannon from "autocannon";

/** One measurement of one target. */
export interface LoadResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Answers that were not the expected status, plus connection errors and timeouts. */
  failures: number;
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
}

/** Runs autocannon against one target on loopback, for a fixed time. */
export async function measure(options: LoadOptions): Promise<LoadResult> {
  const result = await autocannon({
    url: `${options.url}${options.path}`,
    method: "POST",
    connections: options.connections,
    duration: options.durationSeconds,
    headers: { "content-type": "application/json", authorization: options.authorization },
    body: options.body,
    ...(options.overallRate && { overallRate: options.overallRate }),
  });
  const unexpected = Object.entries(result.statusCodeStats ?? {})
    .filter(([status]) => Number(status) !== options.expectedStatus)
    .reduce((sum, [, stats]) => sum + (stats as { count: number }).count, 0);
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    failures: unexpected + result.errors + result.timeouts,
  };
}

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};
