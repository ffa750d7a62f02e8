/**
 * Runs `task(0)` … `task(count - 1)`, at most `concurrency` at once, in index order. After a failure no task
 * starts; those running are waited for, and the first failure is thrown.
 */
export async function runWithConcurrency(
  count: number,
  concurrency: number,
  task: (index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const work = async () => {
    while (failure === undefined && next < count) {
      const index = next++;
      try {
        await task(index);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, work));
  if (failure !== undefined) throw failure.error;
}
