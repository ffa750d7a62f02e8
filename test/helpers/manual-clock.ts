/** A clock the test moves by hand. */
export function manualClock(start = Date.parse("2026-03-01T12:00:00Z")) {
  let at = start;
  return { now: () => new Date(at), advance: (ms: number) => (at += ms) };
}
