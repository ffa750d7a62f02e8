import type { NewEvent } from "../domain/order-events.js";

/** How many of the events each organisation has: what each one's counter is moved on by. */
export function countByOrganisation(events: readonly NewEvent[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const event of events) counts.set(event.trkref, (counts.get(event.trkref) ?? 0) + 1);
  return counts;
}

/**
 * Each event's place in its organisation's sequence, in the order given: an organisation's counter was
 * moved on by its count (`countByOrganisation`) to `last`, so its events take the numbers that end there.
 */
export function sequenceNumbers(
  events: readonly NewEvent[],
  counts: ReadonlyMap<string, number>,
  last: ReadonlyMap<string, number>,
): number[] {
  const next = new Map<string, number>();
  return events.map((event) => {
    const sequence =
      next.get(event.trkref) ?? (last.get(event.trkref) ?? 0) - (counts.get(event.trkref) ?? 0) + 1;
    next.set(event.trkref, sequence + 1);
    return sequence;
  });
}
