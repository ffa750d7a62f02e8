/** Size limits applied to one order document; every one is configurable (see `src/config.ts`). */
export interface OrderLimits {
  /** Most items in one order's `order_items`. */
  maxItemsPerOrder: number;
  /** Most entries in one item's `metadata` object. */
  maxMetadataEntries: number;
  /** Longest free-text field (names, postcode, customer ref, metadata strings). */
  maxStringLength: number;
}

export const DEFAULT_ORDER_LIMITS: OrderLimits = {
  maxItemsPerOrder: 500,
  maxMetadataEntries: 50,
  maxStringLength: 255,
};

/** Length of `order_ref` and `sku`: fixed by the wire contract (1 to 255), so not configurable. */
export const MAX_REF_LENGTH = 255;
