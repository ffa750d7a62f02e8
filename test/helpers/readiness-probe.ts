import http from "node:http";
import { setTimeout as sleep } from "node:timers/promises";

const PROBE_TIMEOUT_MS = 5_000;
const PROBE_INTERVAL_MS = 10;
const WATCH_TIMEOUT_MS = 20_000;
const MAX_PROBES = 2_000;

/** One answer to `GET /readyz`: a status and problem code, a refused connection, or another error. */
export type Readiness = { status: number; code?: string } | { refused: true } | { error: string };

/**
 * Asks `/readyz` once on a connection of its own, as a load balancer's health check does: a check on a fresh
 * connection is what finds out whether the listener still takes connections.
 */
export function probeReadiness(url: string): Promise<Readiness> {
  return new Promise((resolve) => {
    const request = http.get(`${url}/readyz`, { agent: false, timeout: PROBE_TIMEOUT_MS }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => {
        body += chunk;
      });
      response.on("end", () => resolve({ status: response.statusCode ?? 0, ...problemCode(body) }));
      response.on("error", (error) => resolve({ error: String(error) }));
    });
    request.on("timeout", () => request.destroy(new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`)));
    request.on("error", (error: NodeJS.ErrnoException) => {
      resolve(error.code === "ECONNREFUSED" ? { refused: true } : { error: String(error) });
    });
  });
}

/**
 * Probes readiness again and again until a connection is refused (the listener has closed), for at most
 * WATCH_TIMEOUT_MS; returns every answer in the order seen.
 */
export async function watchReadiness(url: string): Promise<Readiness[]> {
  const seen: Readiness[] = [];
  const deadline = Date.now() + WATCH_TIMEOUT_MS;
  for (let round = 0; round < MAX_PROBES && Date.now() < deadline; round++) {
    const answer = await probeReadiness(url);
    seen.push(answer);
    if ("refused" in answer) break;
    await sleep(PROBE_INTERVAL_MS);
  }
  return seen;
}

function problemCode(body: string): { code?: string } {
  try {
    const { code } = JSON.parse(body) as { code?: unknown };
    return typeof code === "string" ? { code } : {};
  } catch {
    return {};
  }
}
