import { it } from "node:test";

/** Whether a server the tests need answers, and if not, why. */
export type Probe = { available: true } | { available: false; reason: string };

/**
 * Runs `define` (the tests of a file that need a server) when `probe` finds it. When it does not, the file
 * reports one skipped test saying why, unless `${requireVariable}=1` (as CI sets it): then that test fails.
 */
export async function withRequiredService(
  name: string,
  requireVariable: string,
  probe: () => Promise<Probe>,
  define: () => void,
): Promise<void> {
  const found = await probe();
  if (found.available) return define();
  if (process.env[requireVariable] === "1") {
    it(`${name} is required (${requireVariable}=1)`, () => {
      throw new Error(found.reason);
    });
    return;
  }
  it(`${name} tests`, { skip: `skipped: ${found.reason}` }, () => {});
}
