import type { ListDirection } from "../../storage/list-direction.js";
import { decodeCursor, encodeCursor, type ListingIdentity } from "./cursor.js";
import type { QueryReader } from "./query-reader.js";

/**
 * Items per page unless `limit` says otherwise, and the most it may say. A larger limit is refused with
 * 400, as Stripe refuses it, rather than quietly capped: a client that asked for 500 and got 100 might
 * take the page for the whole listing.
 */
export const DEFAULT_PAGE_LIMIT = 20;
export const MAX_PAGE_LIMIT = 100;

/** The query parameters every listing takes. */
export const PAGE_PARAMETERS = ["order", "limit", "cursor"] as const;

const ORDERS = { newest: "descending", oldest: "ascending" } as const satisfies Record<string, ListDirection>;

/** How much of a listing to read, which way, from where: the page parameters as sent. */
export interface PageRequest {
  order: keyof typeof ORDERS;
  direction: ListDirection;
  limit: number;
  cursor: string | undefined;
}

/** Reads `limit` (DEFAULT_PAGE_LIMIT unless given, at most MAX_PAGE_LIMIT), reporting a wrong one to `reader`. */
export function readPageLimit(reader: QueryReader): number {
  const limitText = reader.text("limit", "invalid_limit");
  const limit = limitText === undefined ? DEFAULT_PAGE_LIMIT : Number(limitText);
  if (!/^\d{1,3}$/.test(limitText ?? "1") || limit < 1 || limit > MAX_PAGE_LIMIT) {
    reader.refuse("limit", "invalid_limit", `Must be a whole number from 1 to ${MAX_PAGE_LIMIT}`);
  }
  return limit;
}

/** Reads `order` (newest first unless told), `limit` and `cursor`, reporting what is wrong to `reader`. */
export function readPageRequest(reader: QueryReader): PageRequest {
  const orderText = reader.text("order", "invalid_choice") ?? "newest";
  const isOrder = (text: string): text is PageRequest["order"] => Object.hasOwn(ORDERS, text);
  if (!isOrder(orderText)) reader.refuse("order", "invalid_choice", "Must be newest or oldest");
  const limit = readPageLimit(reader);
  // A wrong order is reported; the rest of the request is still read, so that every error is listed.
  const order = isOrder(orderText) ? orderText : "newest";
  return { order, direction: ORDERS[order], limit, cursor: reader.text("cursor", "invalid_cursor") };
}

/**
 * The position the request's cursor holds in `listing`, read by `parse` (undefined for a position that is
 * not one of this listing's shape); undefined without a cursor, or with a wrong one, then reported.
 */
export function readCursorPosition<P>(
  reader: QueryReader,
  cursor: string | undefined,
  listing: ListingIdentity,
  parse: (position: unknown[]) => P | undefined,
): P | undefined {
  if (cursor === undefined) return undefined;
  const decoded = decodeCursor(cursor, listing);
  const position = "position" in decoded ? parse(decoded.position) : undefined;
  if (position === undefined) {
    const refusal = "refusal" in decoded ? decoded.refusal : "This cursor names no position of this listing";
    reader.refuse("cursor", "invalid_cursor", refusal);
  }
  return position;
}

/** A page as a listing answers it: its items, and the cursor of the next page, null after the last. */
export interface Page<T> {
  data: T[];
  next: string | null;
}

/**
 * Reads one page of a listing. The store is asked for one row more than the page holds, so that `next` is
 * given only when another page has rows: the last page says so itself, and no client is sent to an empty
 * one. `next` holds the position of the page's last row, where the next page starts (excluded).
 */
export async function readPage<Row>(options: {
  limit: number;
  listing: ListingIdentity;
  read: (limit: number) => Promise<Row[]>;
  positionOf: (row: Row) => readonly unknown[];
}): Promise<{ rows: Row[]; next: string | null }> {
  const rows = await options.read(options.limit + 1);
  const page = rows.slice(0, options.limit);
  const last = page.at(-1);
  if (rows.length <= options.limit || last === undefined) return { rows: page, next: null };
  return { rows: page, next: encodeCursor(options.listing, options.positionOf(last)) };
}
