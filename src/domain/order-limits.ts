/** Size limits applied to one order document; every one is configurable (see `src/config.ts`). */
export interface OrderLimits {
  /** Most items in one order's `order_items`. */
  maxItemsPerOrder: number;
  /** Most entries in one item's `metadata` object. */
  maxMetadataEntries: number;
  /** Longest free-text field (names, postcode, customer ref). */
  maxStringLength: number;
  /** Longest string anywhere inside a metadata value, the keys of nested objects included. */
  maxMetadataStringLength: number;
}

export const DEFAULT_ORDER_LIMITS: OrderLimits = {
  maxItemsPerOrder: 500,
  // The v4 description promised "no limit to the number of metadata items"; this bounds the work per item.
  maxMetadataEntries: 1000,
  maxStringLength: 255,
  maxMetadataStringLength: 4096,
};

/** Length of `order_ref` and `sku`: fixed by the wire contract (1 to 255), so not configurable. */
export const MAX_REF_LENGTH = 255;

/**
 * Deepest nesting of arrays and objects in one order document, the document itself being level 1. Fields
 * need four (the document, `order_items`, an item, its `metadata`); the rest is room for metadata values.
 */
export const MAX_DOCUMENT_DEPTH = 64;
