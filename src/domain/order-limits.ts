/** Size limits applied to one order document; every one is configurable (see `src/config.ts`). */
export interface OrderLimits {
  /** Most items in one order's `order_items`. */
  maxItemsPerOrder: number;
  /** Most entries in one item's `metadata` object. */
  maxMetadataEntries: number;
  /** Longest free-text field (`order_ref`, `sku`, names, postcode, customer ref, metadata strings). */
  maxStringLength: number;
}

export const DEFAULT_ORDER_LIMITS: OrderLimits = {
  maxItemsPerOrder: 500,
  maxMetadataEntries: 50,
  maxStringLength: 255,
};
