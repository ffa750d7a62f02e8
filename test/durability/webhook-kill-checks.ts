import type { StoredEvent } from "../../src/storage/event-store.js";
import type { WebhookArrival } from "../helpers/verifying-webhook-receiver.js";
import type { StoredOutcome } from "./webhook-kill-database.js";

/** A kill made while the receiver held a request, before it answered. */
export interface WebhookKill {
  /** The arrival the receiver held: the process was killed before it was answered. */
  arrivalIndex: number;
  eventId: string;
  role: string;
  pid: number;
}

/** What a run gives to check: every arrival, the kills, what was submitted, what the store holds. */
export interface DeliveryEvidence {
  arrivals: readonly WebhookArrival[];
  kills: readonly WebhookKill[];
  /** The changes submitted per order ref: its first creates it, each later one changes it. */
  changesByOrder: ReadonlyMap<string, number>;
  stored: StoredOutcome;
}

/**
 * Everything that is wrong with the run's deliveries, by kind; none when every event arrived at least
 * once, signed, with its own id as `webhook-id`, each order's events in order, and every kill's event
 * sent again.
 */
export function checkDeliveries(evidence: DeliveryEvidence): Map<string, string[]> {
  const { arrivals, stored } = evidence;
  const eventsById = new Map(stored.events.map((event) => [event.id, event]));
  const verified = arrivals.filter((arrival) => arrival.event !== undefined);
  return new Map([
    [
      "arrivals the Standard Webhooks library refused",
      arrivals.flatMap((a) => (a.refusal ? [`#${a.index} ${a.webhookId}: ${a.refusal}`] : [])),
    ],
    ["arrivals that are not their event as stored", verified.flatMap((a) => mismatch(a, eventsById))],
    [
      "events never delivered",
      missingEvents(stored.events, verified).map((e) => `${e.id} (${e.orderRef} #${e.sequence})`),
    ],
    ["orders whose arrivals went back in sequence", ordersOutOfOrder(verified)],
    ["orders whose events are not their changes", ordersWithWrongEvents(evidence)],
    ["kills whose event was not sent again", killsNotResent(evidence)],
    ["deliveries not succeeded", deliveriesNotSucceeded(stored)],
  ]);
}

function mismatch(arrival: WebhookArrival, eventsById: Map<string, StoredEvent>): string[] {
  const event = arrival.event;
  if (!event) return [];
  const stored = eventsById.get(event.id);
  const same =
    arrival.webhookId === event.id &&
    stored?.type === event.type &&
    stored.orderRef === event.order_ref &&
    stored.sequence === event.sequence;
  if (same) return [];
  return [`#${arrival.index}: webhook-id ${arrival.webhookId}, body ${JSON.stringify(event)}`];
}

function missingEvents(events: readonly StoredEvent[], verified: readonly WebhookArrival[]): StoredEvent[] {
  const arrived = new Set(verified.map((arrival) => arrival.webhookId));
  return events.filter((event) => !arrived.has(event.id));
}

/** Per order, the sequence numbers as they arrived may repeat (an event sent again) but never go down. */
function ordersOutOfOrder(verified: readonly WebhookArrival[]): string[] {
  const byOrder = new Map<string, number[]>();
  for (const { event } of verified) {
    if (!event) continue;
    const sequences = byOrder.get(event.order_ref) ?? [];
    sequences.push(event.sequence);
    byOrder.set(event.order_ref, sequences);
  }
  return [...byOrder].flatMap(([ref, sequences]) =>
    sequences.some((sequence, i) => i > 0 && sequence < (sequences[i - 1] ?? 0))
      ? [`${ref}: ${sequences.join(", ")}`]
      : [],
  );
}

/** Each order has one event per change submitted: order.created, then order.updated for each later one. */
function ordersWithWrongEvents({ changesByOrder, stored }: DeliveryEvidence): string[] {
  const typesByOrder = new Map<string, string[]>();
  for (const event of [...stored.events].sort((a, b) => a.sequence - b.sequence)) {
    typesByOrder.set(event.orderRef, [...(typesByOrder.get(event.orderRef) ?? []), event.type]);
  }
  const refs = new Set([...changesByOrder.keys(), ...typesByOrder.keys()]);
  return [...refs].flatMap((ref) => {
    const changes = changesByOrder.get(ref) ?? 0;
    const expected = Array.from({ length: changes }, (_, i) => (i === 0 ? "order.created" : "order.updated"));
    const types = typesByOrder.get(ref) ?? [];
    return types.join() === expected.join() ? [] : [`${ref}: ${types.join(", ") || "no event"}`];
  });
}

/** The event the receiver held when its sender was killed arrives again later, with the same webhook-id. */
function killsNotResent({ kills, arrivals }: DeliveryEvidence): string[] {
  return kills.flatMap((kill) => {
    const resent = arrivals.some(
      (arrival) =>
        arrival.index > kill.arrivalIndex &&
        arrival.webhookId === kill.eventId &&
        arrival.event !== undefined,
    );
    return resent ? [] : [`${kill.role} ${kill.pid} killed holding ${kill.eventId} (#${kill.arrivalIndex})`];
  });
}

/** One delivery per event (one endpoint, every type), each succeeded. */
function deliveriesNotSucceeded({ events, deliveries }: StoredOutcome): string[] {
  const problems = deliveries
    .filter((delivery) => delivery.status !== "succeeded")
    .map((d) => `${d.eventId} (${d.orderRef}): ${d.status} after ${d.attempts} attempts`);
  const delivered = new Set(deliveries.map((delivery) => delivery.eventId));
  if (deliveries.length !== events.length || events.some((event) => !delivered.has(event.id))) {
    problems.push(`${events.length} events stored, ${deliveries.length} deliveries queued`);
  }
  return problems;
}
