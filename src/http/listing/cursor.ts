import { createHash } from "node:crypto";

/**
 * The `next` cursor of a listing's page: base64url of a small JSON document, `{"v":1,"l":…,"p":[…]}`. `p`
 * is the position of the page's last item (its sort key, then what breaks ties); `l` a fingerprint of the
 * listing it belongs to (organisation, filters, sort, order), so that a cursor sent with other parameters
 * is refused rather than answered with a page of another listing. Opaque to clients, and not a secret: a
 * cursor edited by hand can only name another position in listings the key may read anyway.
 */
const CURSOR_VERSION = 1;
// Generous for the longest position (an order_ref of 255 characters outside the BMP), far below a URL's limit.
const MAX_CURSOR_LENGTH = 4096;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** What names one listing: its parameters but the position and the page's size. */
export type ListingIdentity = readonly (string | number | null)[];

const fingerprintOf = (listing: ListingIdentity) =>
  createHash("sha256").update(JSON.stringify(listing)).digest("base64url").slice(0, 16);

/** The cursor of the page that starts after `position` in `listing`. */
export function encodeCursor(listing: ListingIdentity, position: readonly unknown[]): string {
  const document = { v: CURSOR_VERSION, l: fingerprintOf(listing), p: position };
  return Buffer.from(JSON.stringify(document), "utf8").toString("base64url");
}

/** A decoded cursor's position, or why the cursor is refused. */
export type DecodedCursor = { position: unknown[] } | { refusal: string };

const NOT_OURS = "This is not a cursor of this service: send the next of a previous page as it was received";

/** The position `text` holds for `listing`; never throws, whatever was sent. */
export function decodeCursor(text: string, listing: ListingIdentity): DecodedCursor {
  if (text.length > MAX_CURSOR_LENGTH || !BASE64URL.test(text)) return { refusal: NOT_OURS };
  let document: unknown;
  try {
    document = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
  } catch {
    return { refusal: NOT_OURS };
  }
  const { v, l, p } = (typeof document === "object" && document !== null ? document : {}) as {
    v?: unknown;
    l?: unknown;
    p?: unknown;
  };
  if (v !== CURSOR_VERSION || typeof l !== "string" || !Array.isArray(p)) return { refusal: NOT_OURS };
  if (l !== fingerprintOf(listing)) {
    return {
      refusal:
        "This cursor belongs to another listing: send it with the same trkref, filters and order as the request whose answer gave it",
    };
  }
  return { position: p };
}
