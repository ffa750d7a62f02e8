/**
 * The order refs seen so far in a file, kept as 64-bit hashes rather than strings so that a file of millions
 * of orders needs a few bytes per order. Two refs with the same hash would be taken for one: with n orders
 * the chance of any such pair is about n² / 2^65, far below one in a million for a hundred million orders.
 */
export interface OrderRefSet {
  /** Adds the ref; false when it (or a ref with the same hash) was added before. */
  add(orderRef: string): boolean;
  readonly size: number;
}

/** Slots are at most half full, so that a probe for a missing ref ends after a slot or two on average. */
const MAX_LOAD = 0.5;
const INITIAL_CAPACITY = 1024;

/**
 * Open addressing with linear probing over two arrays holding the high and low halves of each hash; a slot
 * whose halves are both zero is empty, so the one hash that is zero is stored as 1.
 */
export function createOrderRefSet(): OrderRefSet {
  let high = new Uint32Array(INITIAL_CAPACITY);
  let low = new Uint32Array(INITIAL_CAPACITY);
  let size = 0;

  const insert = (hashHigh: number, hashLow: number): boolean => {
    const mask = high.length - 1;
    for (let slot = hashLow & mask; ; slot = (slot + 1) & mask) {
      if (high[slot] === 0 && low[slot] === 0) {
        high[slot] = hashHigh;
        low[slot] = hashLow;
        return true;
      }
      if (high[slot] === hashHigh && low[slot] === hashLow) return false;
    }
  };
  const grow = () => {
    const oldHigh = high;
    const oldLow = low;
    high = new Uint32Array(oldHigh.length * 2);
    low = new Uint32Array(oldLow.length * 2);
    for (let slot = 0; slot < oldHigh.length; slot++) {
      const hashHigh = oldHigh[slot] ?? 0;
      const hashLow = oldLow[slot] ?? 0;
      if (hashHigh !== 0 || hashLow !== 0) insert(hashHigh, hashLow);
    }
  };

  return {
    add(orderRef) {
      if ((size + 1) / high.length > MAX_LOAD) grow();
      const [hashHigh, hashLow] = fnv1a64(orderRef);
      const added = hashHigh === 0 && hashLow === 0 ? insert(0, 1) : insert(hashHigh, hashLow);
      if (added) size++;
      return added;
    },
    get size() {
      return size;
    },
  };
}

/**
 * FNV-1a, 64 bits, over the string's UTF-16LE bytes, as [high, low] 32-bit halves. JavaScript has no 64-bit
 * integer arithmetic short of BigInt, so the hash is held in four 16-bit limbs and multiplied by the FNV
 * prime 2^40 + 0x1b3 limb by limb; no partial product exceeds 2^26.
 */
export function fnv1a64(text: string): [number, number] {
  let h0 = 0x2325;
  let h1 = 0x8422;
  let h2 = 0x9ce4;
  let h3 = 0xcbf2;
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    for (let shift = 0; shift <= 8; shift += 8) {
      h0 ^= (unit >>> shift) & 0xff;
      const r0 = h0 * 0x1b3;
      const r1 = h1 * 0x1b3 + (r0 >>> 16);
      const r2 = h2 * 0x1b3 + h0 * 0x100 + (r1 >>> 16);
      const r3 = h3 * 0x1b3 + h1 * 0x100 + (r2 >>> 16);
      h0 = r0 & 0xffff;
      h1 = r1 & 0xffff;
      h2 = r2 & 0xffff;
      h3 = r3 & 0xffff;
    }
  }
  return [((h3 << 16) | h2) >>> 0, ((h1 << 16) | h0) >>> 0];
}
