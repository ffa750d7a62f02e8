import type {
  ClaimedDelivery,
  NewWebhookAttempt,
  NewWebhookEndpoint,
  Store,
  WebhookAttemptRecord,
  WebhookAttemptResult,
  WebhookClaim,
} from "../../../src/storage/store.js";

/** Claims are made at times after every row the tests' processing writes (at the wall clock's time). */
const BASE = Date.parse("2099-01-01T00:00:00.000Z");

/** The time `minutes` after the tests' base time, as the store takes and gives times. */
export const at = (minutes: number) => new Date(BASE + minutes * 60_000).toISOString();

let counter = 0;
/** An endpoint of ACME for every type, with `changes`, an id and a secret no other endpoint has. */
export function newEndpoint(changes: Partial<NewWebhookEndpoint> = {}): NewWebhookEndpoint {
  counter += 1;
  const n = String(counter).padStart(24, "0");
  return {
    id: `we_${n}`,
    trkref: "ACME",
    url: `https://hooks.example.com/${counter}`,
    eventTypes: null,
    description: null,
    secret: `whsec_${Buffer.from(`key-${n}`).toString("base64")}`,
    createdAt: new Date(Date.parse("2026-03-01T12:00:00.000Z") + counter).toISOString(),
    ...changes,
  };
}

/** A claim by `owner` at `minutes`, its lease for ten minutes, of every endpoint's deliveries. */
export const claimAt = (
  owner: string,
  minutes: number,
  changes: Partial<WebhookClaim> = {},
): WebhookClaim => ({
  owner,
  now: at(minutes),
  leaseUntil: at(minutes + 10),
  limit: 100,
  excludeEndpoints: [],
  ...changes,
});

/** An attempt at a claimed delivery, as a deliverer would log it. */
export const attemptAt = (
  claimed: ClaimedDelivery,
  minutes: number,
  result: WebhookAttemptResult = "succeeded",
  statusCode: number | null = 200,
): NewWebhookAttempt & { deliveryId: number } => ({
  endpointId: claimed.endpoint.id,
  deliveryId: claimed.id,
  eventId: claimed.event.id,
  attemptedAt: at(minutes),
  result,
  statusCode,
  latencyMs: 42,
  responseExcerpt: statusCode === null ? null : `answer ${statusCode}`,
  error: statusCode === null ? "connection reset" : null,
});

/** A successful attempt at `minutes` by `owner`, the delivery done and the endpoint's failing run ended. */
export const succeededAt = (
  claimed: ClaimedDelivery,
  minutes: number,
  owner = "a",
): WebhookAttemptRecord => ({
  attempt: attemptAt(claimed, minutes),
  owner,
  delivery: { status: "succeeded", completedAt: at(minutes) },
  failingSince: null,
});

/** Processes every pending submission, a few at a time, within a bounded number of rounds. */
export async function processAll(store: Store): Promise<void> {
  for (let round = 0; round < 20; round += 1) {
    if ((await store.processPendingSubmissions(10)).taken === 0) return;
  }
}

/** What a claim says of each delivery: its order and the event's type. */
export const claimedOrders = (claimed: ClaimedDelivery[]) =>
  claimed.map((c) => `${c.event.orderRef} ${c.event.type}`).sort();
