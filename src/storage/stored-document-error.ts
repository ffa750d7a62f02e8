/**
 * A stored document that no known version describes: a defect (or a newer release's), never the client's.
 * In a module of its own so that a reader of a small document (the erasure ledger's) raises it without
 * loading the compiled schemas of every stored document.
 */
export class StoredDocumentError extends Error {
  override name = "StoredDocumentError";
}
