import { setTimeout as sleep } from "node:timers/promises";
import type { Ledger } from "./crash-workload.js";

const REQUEST_TIMEOUT_MS = 15_000;
/** Reads in flight at once while checking: enough to be quick, few enough to leave the server alone. */
const READERS = 16;
const PENDING_POLL_MS = 200;

/** What the restarted server says about the ledger. */
export interface LedgerCheck {
  found: number;
  processed: number;
  /** Acknowledged ids the server does not know, or knows under another order ref. */
  missing: string[];
  /** Acknowledged ids found but not processed, with the status they have. */
  unprocessed: string[];
  /** What an order read back shows that one application per submission cannot explain. */
  orderProblems: string[];
  /** Submissions stored that no client heard of: committed, but their answer was lost in a kill. */
  storedUnacknowledged: number;
}

/**
 * Reads `order_intake_submissions_pending` from /metrics until it is 0, for at most `timeoutMs`; returns
 * the last count seen (0 when everything was processed in time).
 */
export async function waitForNoPending(url: string, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let pending = Number.NaN;
  for (let round = 0; round < 10_000 && Date.now() < deadline; round++) {
    const text = await (
      await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) })
    ).text();
    const line = text.split("\n").find((l) => l.startsWith("order_intake_submissions_pending "));
    pending = Number(line?.split(" ")[1]);
    if (pending === 0) return 0;
    await sleep(PENDING_POLL_MS);
  }
  return pending;
}

/** Asks the server for every acknowledged id and for every order they were sent under. */
export async function checkLedger(
  url: string,
  authorization: string,
  trkref: string,
  ledger: Ledger,
): Promise<LedgerCheck> {
  const check: LedgerCheck = {
    found: 0,
    processed: 0,
    missing: [],
    unprocessed: [],
    orderProblems: [],
    storedUnacknowledged: 0,
  };
  const read = async (path: string) => {
    const response = await fetch(`${url}${path}`, {
      headers: { authorization },
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  await forEachAtMost(READERS, [...ledger.acknowledged], async ([id, orderRef]) => {
    const { status, body } = await read(`/v4/customer_orders/${id}`);
    if (status !== 200 || body.id !== id || body.order_ref !== orderRef) {
      check.missing.push(id);
      return;
    }
    check.found++;
    if (body.status === "processed" && body.outcome) check.processed++;
    else check.unprocessed.push(`${id} ${String(body.status)}`);
  });

  const idsByRef = new Map<string, string[]>();
  for (const [id, orderRef] of ledger.acknowledged) {
    const ids = idsByRef.get(orderRef) ?? [];
    ids.push(id);
    idsByRef.set(orderRef, ids);
  }
  await forEachAtMost(READERS, [...idsByRef], async ([orderRef, ids]) => {
    const { status, body } = await read(
      `/v4/organisations/${trkref}/customer_orders/${encodeURIComponent(orderRef)}`,
    );
    if (status !== 200) {
      check.orderProblems.push(`${orderRef}: read back answered ${status}`);
      return;
    }
    const listed = (body.submissions ?? []) as { id: string; status: string; outcome: string | null }[];
    check.orderProblems.push(...orderProblemsOf(orderRef, ids, listed));
    const acknowledged = new Set(ids);
    check.storedUnacknowledged += listed.filter((submission) => !acknowledged.has(submission.id)).length;
  });
  return check;
}

/**
 * An order's submissions, as listed in acceptance order, must each be there once; the first created the
 * order and no later one did (a creation applied twice, or an order applied afresh, would show); every one
 * is processed.
 */
function orderProblemsOf(
  orderRef: string,
  acknowledged: string[],
  listed: { id: string; status: string; outcome: string | null }[],
): string[] {
  const problems: string[] = [];
  const times = new Map<string, number>();
  for (const { id } of listed) times.set(id, (times.get(id) ?? 0) + 1);
  for (const [id, count] of times) if (count > 1) problems.push(`${orderRef}: ${id} listed ${count} times`);
  for (const id of acknowledged) if (!times.has(id)) problems.push(`${orderRef}: ${id} not listed`);
  const outcomes = listed.map((submission) => submission.outcome);
  if (outcomes[0] !== "created" || outcomes.lastIndexOf("created") !== 0) {
    problems.push(`${orderRef}: outcomes ${outcomes.join(", ")}`);
  }
  for (const submission of listed.filter((s) => s.status !== "processed")) {
    problems.push(`${orderRef}: ${submission.id} is ${submission.status}`);
  }
  return problems;
}

/** Runs `task` on every item, at most `limit` at a time. */
async function forEachAtMost<T>(limit: number, items: T[], task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < items.length; index = next++) await task(items[index] as T);
  };
  await Promise.all(Array.from({ length: limit }, worker));
}
