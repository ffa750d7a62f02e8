/** Which end of a listing comes first: its lowest sort key (oldest first) or its highest (newest first). */
export type ListDirection = "ascending" | "descending";

/**
 * The SQL of a keyset listing in one direction, the same in both dialects: how a row compares to the
 * position the page starts after, and the direction of every ORDER BY term.
 */
export function keysetSql(direction: ListDirection): { after: ">" | "<"; order: "ASC" | "DESC" } {
  return direction === "ascending" ? { after: ">", order: "ASC" } : { after: "<", order: "DESC" };
}
