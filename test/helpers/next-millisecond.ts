/**
 * Waits until the clock shows another millisecond, so that what is processed next is stamped later than
 * what was processed before (times are stored to the millisecond).
 */
export async function nextMillisecond(): Promise<void> {
  const now = Date.now();
  for (let attempt = 0; attempt < 100 && Date.now() === now; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}
