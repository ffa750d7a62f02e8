/**
 * A bound on attempts in flight: `acquire` resolves when one of the `size` slots is free, first come first
 * served, and `release` frees it for the next.
 */
export function createSlots(size: number) {
  let used = 0;
  const waiting: (() => void)[] = [];
  return {
    acquire(): Promise<void> {
      if (used < size) {
        used += 1;
        return Promise.resolve();
      }
      return new Promise((resolve) => waiting.push(resolve));
    },
    release(): void {
      const next = waiting.shift();
      // A waiter takes the slot over as it is: the count stays.
      if (next) next();
      else used -= 1;
    },
    /** Whether nothing holds a slot or waits for one. */
    idle: () => used === 0 && waiting.length === 0,
  };
}

export type Slots = ReturnType<typeof createSlots>;
