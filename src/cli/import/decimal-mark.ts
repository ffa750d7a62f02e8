import type { CheckedOrder } from "./check-order.js";

/** How a file writes a price's decimals: "," as the order document does, or "." as most shop exports do. */
export type DecimalMark = "," | ".";

export const DEFAULT_DECIMAL_MARK: DecimalMark = ",";

/**
 * A price cell written with a decimal dot, in the order document's writing: "." and "," trade places, so
 * "12.50" becomes "12,50". A thousands separator is not taken, only moved: "1,000.50" becomes "1.000,50",
 * which the domain refuses as it refuses any price with a dot.
 */
export const toDecimalComma = (price: string): string =>
  price.replace(/[.,]/g, (mark) => (mark === "." ? "," : "."));

/**
 * Whether the order was refused for a price whose cell, as read, holds a dot: the sign of a file that writes
 * decimals with a dot, read as the document's decimal comma.
 */
export function isRefusedForDecimalDot(order: CheckedOrder, priceIndex: number): boolean {
  if (priceIndex < 0) return false;
  return order.errors.some(
    (error) =>
      error.code === "invalid_price" &&
      error.column === "price" &&
      order.rows.some((row) => row.line === error.line && (row.fields[priceIndex] ?? "").includes(".")),
  );
}
