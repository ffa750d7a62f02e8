import type { EventPage } from "./api-types.js";
import { OrderIntakeError } from "./errors.js";
import { waitFor } from "./wait.js";

/** A page as read, with the requests it took. */
export interface ReadPage<Page> {
  page: Page;
  attempts: number;
}

/** Reads the page after `cursor` (the first page when undefined). */
export type PageReader<Page> = (cursor: string | undefined) => Promise<ReadPage<Page>>;

/** Every item of a cursor listing, page after page, until a page's `next` is null. */
export async function* listingItems<Item>(
  readPage: PageReader<{ data: Item[]; next: string | null }>,
): AsyncGenerator<Item, void, undefined> {
  let cursor: string | undefined;
  for (;;) {
    const { page, attempts } = await readPage(cursor);
    yield* page.data;
    if (page.next === null) return;
    refuseStandstill(page.next, cursor, attempts);
    cursor = page.next;
  }
}

/** How to read on through the event feed. */
export interface EventFeedOptions {
  cursor: string | undefined;
  follow: boolean;
  pollIntervalMs: number;
  signal: AbortSignal | undefined;
}

/**
 * The feed's pages from `cursor` on. Without `follow` it ends after the page with has_more false. With
 * `follow` it then polls every `pollIntervalMs`, yielding the pages that hold events, and ends (without an
 * error) when the signal aborts: aborting is how a follower stops.
 */
export async function* eventFeedPages(
  readPage: PageReader<EventPage>,
  options: EventFeedOptions,
): AsyncGenerator<EventPage, void, undefined> {
  let cursor = options.cursor;
  for (;;) {
    const read = await stopOnAbort(readPage(cursor), options);
    if (read === undefined) return;
    const { page, attempts } = read.value;
    if (page.data.length > 0 || !options.follow) yield page;
    // After an empty page `next` is the cursor sent, or null when none was: the feed is read from its start.
    const next = page.next ?? cursor;
    if (page.has_more) {
      refuseStandstill(next, cursor, attempts);
    } else {
      if (!options.follow) return;
      const waited = await stopOnAbort(waitFor(options.pollIntervalMs, options.signal), options);
      if (waited === undefined) return;
    }
    cursor = next;
  }
}

/** The promise's value; undefined when following and the caller's signal aborted it. */
async function stopOnAbort<Value>(
  promise: Promise<Value>,
  options: EventFeedOptions,
): Promise<{ value: Value } | undefined> {
  try {
    return { value: await promise };
  } catch (error) {
    if (options.follow && options.signal?.aborted) return undefined;
    throw error;
  }
}

/** A `next` that names the page just read would read it again forever. */
function refuseStandstill(next: string | undefined, cursor: string | undefined, attempts: number): void {
  if (next === undefined || next === cursor) {
    throw new OrderIntakeError("The service gave the page just read as the next page", attempts);
  }
}
