import { exampleOrder } from "../../src/domain/order-example.js";
import { postBatch, postOrder } from "../helpers/server-process.js";

/** A share of requests that are batches rather than single orders. */
const BATCH_SHARE = 0.25;
const MAX_BATCH_SIZE = 5;
/** A share of orders sent under one of a few order refs used again and again, across cycles. */
const REPEATED_SHARE = 0.3;
const REPEATED_REFS = 12;
/** Few prices, so that a repeated order ref is sometimes sent unchanged (a duplicate), mostly changed. */
const PRICES = ["1,00", "2,00", "3,00"];

/** Numbers in [0, 1), from a seed: a run prints its seed, so that its choices can be made again. */
export type Random = () => number;

/** mulberry32, a small generator that is good enough to pick sizes, refs and moments. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** An integer from `min` to `max`, both included. */
export const randomInt = (random: Random, min: number, max: number) =>
  min + Math.floor(random() * (max - min + 1));

/** What clients were promised, and every answer they got, over all cycles. */
export interface Ledger {
  /** Each id acknowledged (a 202, or an accepted order of a batch) and the order ref it was sent under. */
  acknowledged: Map<string, string>;
  /** Ids acknowledged a second time: one id for two orders would be a defect. */
  repeatedIds: string[];
  /** Answers by HTTP status, or "connection lost". */
  answers: Map<string, number>;
  /** Answers a valid order may not get: anything but 202, or a 503 refusal that promised nothing. */
  unexpected: string[];
  acknowledgedInBatches: number;
  nextDistinctRef: number;
}

export function createLedger(): Ledger {
  return {
    acknowledged: new Map(),
    repeatedIds: [],
    answers: new Map(),
    unexpected: [],
    acknowledgedInBatches: 0,
    nextDistinctRef: 0,
  };
}

/** Options of `runWorkload`. */
export interface WorkloadOptions {
  url: string;
  authorization: string;
  trkref: string;
  ledger: Ledger;
  random: Random;
  clients: number;
  /** Bounds each client's requests, and `deadline` (a `Date.now()` value) their time, whatever happens. */
  maxRequestsPerClient: number;
  deadline: number;
  /** Clients stop sending once this says so (the server has been killed). */
  stopped: () => boolean;
  /** Called after each acknowledgement with the number of orders it acknowledged. */
  onAcknowledged: (orders: number) => void;
}

/** Sends single orders and small batches from `clients` clients at once until stopped. */
export async function runWorkload(options: WorkloadOptions): Promise<void> {
  const client = async () => {
    for (let n = 0; n < options.maxRequestsPerClient; n++) {
      if (options.stopped() || Date.now() >= options.deadline) return;
      if (options.random() < BATCH_SHARE) await sendBatch(options);
      else await sendSingle(options);
    }
  };
  await Promise.all(Array.from({ length: options.clients }, client));
}

function nextOrder(options: WorkloadOptions) {
  const { random, ledger } = options;
  const orderRef =
    random() < REPEATED_SHARE
      ? `REPEAT-${randomInt(random, 0, REPEATED_REFS - 1)}`
      : `CRASH-${String(ledger.nextDistinctRef++).padStart(6, "0")}`;
  const price = PRICES[randomInt(random, 0, PRICES.length - 1)] as string;
  return {
    ...exampleOrder(options.trkref),
    order_ref: orderRef,
    order_items: [{ sku: "MUG-001", price, currency: "GBP" }],
  };
}

async function sendSingle(options: WorkloadOptions): Promise<void> {
  const order = nextOrder(options);
  const outcome = await postOrder(options.url, options.authorization, order);
  if ("error" in outcome) return countAnswer(options.ledger, "connection lost");
  countAnswer(options.ledger, String(outcome.status));
  if (outcome.status === 202 && outcome.id) {
    acknowledge(options, outcome.id, order.order_ref);
    options.onAcknowledged(1);
  } else if (outcome.status !== 503) {
    options.ledger.unexpected.push(`order answered ${outcome.status} ${outcome.code ?? ""}`);
  }
}

async function sendBatch(options: WorkloadOptions): Promise<void> {
  const orders = Array.from({ length: randomInt(options.random, 2, MAX_BATCH_SIZE) }, () =>
    nextOrder(options),
  );
  const outcome = await postBatch(options.url, options.authorization, orders);
  if ("error" in outcome) return countAnswer(options.ledger, "connection lost");
  countAnswer(options.ledger, String(outcome.status));
  if (outcome.status !== 202 && outcome.status !== 503) {
    options.ledger.unexpected.push(`batch answered ${outcome.status} ${outcome.code ?? ""}`);
  }
  for (const { index, id } of outcome.accepted) {
    acknowledge(options, id, orders[index]?.order_ref ?? "");
    options.ledger.acknowledgedInBatches++;
  }
  if (outcome.accepted.length > 0) options.onAcknowledged(outcome.accepted.length);
}

function acknowledge(options: WorkloadOptions, id: string, orderRef: string): void {
  if (options.ledger.acknowledged.has(id)) options.ledger.repeatedIds.push(id);
  options.ledger.acknowledged.set(id, orderRef);
}

function countAnswer(ledger: Ledger, answer: string): void {
  ledger.answers.set(answer, (ledger.answers.get(answer) ?? 0) + 1);
}
