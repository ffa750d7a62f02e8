import { setTimeout as sleep } from "node:timers/promises";

/** Waits, looking every `everyMs`, until `done()` holds or `ms` have passed; says whether it held. */
export async function eventually(done: () => boolean, ms: number, everyMs = 20): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!done() && Date.now() < deadline) await sleep(everyMs);
  return done();
}
