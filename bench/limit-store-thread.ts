/**
 * The `limit` target's store thread: submissions from the event loop are committed in groups (WAL,
 * `synchronous=FULL`), each group's sequence numbers answered once its transaction has committed; between
 * groups the same thread applies committed submissions to an orders table, oldest first.
 */
import { parentPort, workerData } from "node:worker_threads";
import Database from "better-sqlite3";

/** One request's document, as the event loop sends it. */
export interface LimitSubmission {
  id: string;
  trkref: string;
  orderRef: string;
  document: string;
}

/** One message to this thread: the submissions of one turn of the event loop, under one sequence number. */
export interface LimitGroup {
  seq: number;
  submissions: LimitSubmission[];
}

/** What this thread answers after each commit. */
export interface LimitCommitted {
  /** The groups the commit made durable. */
  seqs: number[];
  /** Submissions in those groups. */
  committed: number;
}

const PROCESS_BATCH = 500;

const { path, progress } = workerData as { path: string; progress: SharedArrayBuffer };
/** Submissions applied to orders since the start, for the event loop to read when asked (its backlog). */
const processed = new Int32Array(progress);
const db = new Database(path);
db.pragma("journal_mode = WAL");
db.pragma("synchronous = FULL");
db.exec(`
  CREATE TABLE IF NOT EXISTS submissions (
    seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, trkref TEXT NOT NULL, order_ref TEXT NOT NULL,
    document TEXT NOT NULL, accepted_at TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS orders (
    trkref TEXT NOT NULL, order_ref TEXT NOT NULL, document TEXT NOT NULL, customer_email TEXT,
    order_date TEXT, item_count INTEGER NOT NULL, last_submission TEXT NOT NULL, PRIMARY KEY (trkref, order_ref));
  CREATE TABLE IF NOT EXISTS cursor (one INTEGER PRIMARY KEY CHECK (one = 1), processed_seq INTEGER NOT NULL);
  INSERT OR IGNORE INTO cursor VALUES (1, 0);
`);

const insert = db.prepare(
  "INSERT INTO submissions (id, trkref, order_ref, document, accepted_at) VALUES (?, ?, ?, ?, ?)",
);
const pending = db.prepare(
  "SELECT seq, id, trkref, order_ref, document FROM submissions WHERE seq > (SELECT processed_seq FROM cursor) ORDER BY seq LIMIT ?",
);
const upsert = db.prepare(`
  INSERT INTO orders (trkref, order_ref, document, customer_email, order_date, item_count, last_submission)
  VALUES (?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (trkref, order_ref) DO UPDATE SET document = excluded.document,
    customer_email = excluded.customer_email, order_date = excluded.order_date,
    item_count = excluded.item_count, last_submission = excluded.last_submission`);
const advance = db.prepare("UPDATE cursor SET processed_seq = ?");

const commitGroups = db.transaction((groups: LimitGroup[]) => {
  const at = new Date().toISOString();
  for (const group of groups) {
    for (const s of group.submissions) insert.run(s.id, s.trkref, s.orderRef, s.document, at);
  }
});

interface PendingRow {
  seq: number;
  id: string;
  trkref: string;
  order_ref: string;
  document: string;
}

/** Applies up to a batch of committed submissions, oldest first; returns how many. */
const processBatch = db.transaction((): number => {
  const rows = pending.all(PROCESS_BATCH) as PendingRow[];
  for (const row of rows) {
    const order = JSON.parse(row.document) as {
      customer?: { email?: string };
      order_date?: string;
      order_items?: [];
    };
    upsert.run(
      row.trkref,
      row.order_ref,
      row.document,
      order.customer?.email ?? null,
      order.order_date ?? null,
      order.order_items?.length ?? 0,
      row.id,
    );
  }
  const last = rows.at(-1);
  if (last) advance.run(last.seq);
  return rows.length;
});

let queued: LimitGroup[] = [];
let scheduled = false;
const port = parentPort;
if (!port) throw new Error("limit-store-thread runs as a worker thread");

/** One turn: commit what arrived, answer it, then apply one batch; again while anything is left. */
function turn(): void {
  scheduled = false;
  if (queued.length > 0) {
    const groups = queued;
    queued = [];
    commitGroups(groups);
    const committed = groups.reduce((sum, g) => sum + g.submissions.length, 0);
    const answer: LimitCommitted = { seqs: groups.map((g) => g.seq), committed };
    port?.postMessage(answer);
  }
  const applied = processBatch();
  Atomics.add(processed, 0, applied);
  if (applied > 0 || queued.length > 0) schedule();
}

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  // After the messages already delivered to this thread: they join the next group.
  setImmediate(turn);
}

port.on("message", (group: LimitGroup) => {
  queued.push(group);
  schedule();
});
