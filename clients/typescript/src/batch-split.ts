import type { OrderDocument } from "./api-types.js";

/** Consecutive orders of the caller's array, sent as one request. */
export interface OrderBatch {
  /** The position of the batch's first order in the caller's array. */
  start: number;
  orders: OrderDocument[];
}

/**
 * Cuts `orders` into consecutive batches of at most `maxOrders` orders and `maxBytes` bytes of JSON (the
 * array as sent: brackets, commas and UTF-8). An order larger than `maxBytes` by itself goes alone in its
 * batch, for the service to refuse or take: the client does not know the service's real limit.
 */
export function splitIntoBatches(orders: OrderDocument[], maxOrders: number, maxBytes: number): OrderBatch[] {
  const batches: OrderBatch[] = [];
  let current: OrderBatch | undefined;
  let currentBytes = 0;
  orders.forEach((order, index) => {
    const bytes = utf8Length(JSON.stringify(order));
    // One more order costs its bytes and a comma; the first of a batch its bytes and the two brackets.
    const fits =
      current !== undefined && current.orders.length < maxOrders && currentBytes + 1 + bytes <= maxBytes;
    if (current !== undefined && fits) {
      current.orders.push(order);
      currentBytes += 1 + bytes;
      return;
    }
    current = { start: index, orders: [order] };
    currentBytes = 2 + bytes;
    batches.push(current);
  });
  return batches;
}

/** The UTF-8 length of a string, without encoding it. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && isLowSurrogate(text.charCodeAt(i + 1))) {
      // A surrogate pair is one code point of four bytes.
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}
