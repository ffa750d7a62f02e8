/**
 * The idle pause of a polling loop: `pause(ms, wakeable)` sleeps `ms`, and `wake()` cuts it short when it
 * is wakeable (a pause after an error is not, so that a store that fails is not retried in a hot loop).
 * `end()` cuts any pause short, for stopping. A wake that comes while the loop is not pausing is kept in
 * `woken`, so that the loop can skip the pause it was about to take.
 */
export function createWakeablePause() {
  let sleeping: { end: () => void; wakeable: boolean } | undefined;
  const state = {
    woken: false,
    pause(ms: number, wakeable: boolean): Promise<void> {
      return new Promise<void>((resolve) => {
        const timer = setTimeout(end, ms);
        function end() {
          clearTimeout(timer);
          sleeping = undefined;
          resolve();
        }
        sleeping = { end, wakeable };
      });
    },
    wake(): void {
      if (sleeping?.wakeable) sleeping.end();
      else state.woken = true;
    },
    end(): void {
      sleeping?.end();
    },
  };
  return state;
}
