/**
 * The size of each processing batch. It starts at the configured size and doubles after every batch that
 * came back full, up to `max`; a batch that was not full sets it back. A processor that shares the store with
 * intake (on SQLite, its one writer) gets one batch per turn of the writer, between intake's commits: at a
 * fixed size, a load of large batches (500 orders a request, several requests a commit) was accepted several
 * times faster than it was applied, and the backlog grew until the service refused submissions. Growing
 * while there is a backlog gives processing a share that follows intake's, and sets back to small batches
 * (short transactions, short waits for intake's commits) once it has caught up.
 */
export function createBatchSizer(base: number, max: number) {
  // The configuration refuses a maximum below the base; a caller that passes one gets no growth.
  const ceiling = Math.max(base, max);
  let size = base;
  return {
    /** How many submissions the next batch may take. */
    next: (): number => size,
    /** What the last batch took. */
    record(taken: number): void {
      size = taken >= size ? Math.min(size * 2, ceiling) : base;
    },
    /** The last batch failed: the next is of the configured size again. */
    reset(): void {
      size = base;
    },
  };
}
