/**
 * The `limit` target: the least a durable intake on this stack must do, as a yardstick for the service.
 * Fastify; a Basic credential compared in constant time to a hash held in memory; four field checks; the
 * document as sent handed to a SQLite thread (`limit-store-thread.ts`) that commits the submissions of each
 * turn together (WAL, `synchronous=FULL`) and applies them to an orders table between commits; the `202`
 * only once the commit is done. Same path, body and answer as the service. Prints the key it accepts.
 */
import { createHash, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import { Worker } from "node:worker_threads";
import Fastify from "fastify";
import type { LimitCommitted, LimitGroup, LimitSubmission } from "./limit-store-thread.js";

const databasePath = process.env.DATABASE_URL;
if (!databasePath) throw new Error("DATABASE_URL (a file path) is required");

const keyId = randomBytes(9).toString("base64url");
const secret = randomBytes(24).toString("base64url");
const secretHash = createHash("sha256").update(secret).digest();
const TRKREF = "BENCH";

const progress = new SharedArrayBuffer(4);
const processed = new Int32Array(progress);
// The thread is TypeScript: register the loader in it first (a worker does not inherit this thread's).
const threadUrl = new URL("./limit-store-thread.ts", import.meta.url).href;
const tsx = JSON.stringify(import.meta.resolve("tsx/esm/api"));
const store = new Worker(
  `import(${tsx}).then((tsx) => { tsx.register(); return import(${JSON.stringify(threadUrl)}); });`,
  { eval: true, workerData: { path: databasePath, progress } },
);

/** Set once SIGTERM has been received: the thread's exit is then expected. */
let stopping = false;
/** Callbacks of the groups sent and not yet committed, by group sequence number. */
const waiting = new Map<number, Array<() => void>>();
let nextSeq = 1;
let current: { group: LimitGroup; answers: Array<() => void> } | undefined;
let committedTotal = 0;
let commits = 0;
let commitSizeSum = 0;

store.on("message", (message: LimitCommitted) => {
  commits++;
  commitSizeSum += message.committed;
  committedTotal += message.committed;
  for (const seq of message.seqs) {
    for (const answer of waiting.get(seq) ?? []) answer();
    waiting.delete(seq);
  }
});
// Without its thread nothing more can be committed: stop, rather than leave requests waiting unanswered.
store.on("error", (error) => {
  process.stderr.write(`limit store thread failed: ${error.message}\n`);
  process.exit(1);
});
store.on("exit", (code) => {
  if (stopping) return;
  process.stderr.write(`limit store thread exited with ${code}\n`);
  process.exit(1);
});

function sendGroup(): void {
  if (!current) return;
  waiting.set(current.group.seq, current.answers);
  store.postMessage(current.group);
  current = undefined;
}

/** Resolves once the submission is committed; the submissions of one turn of the event loop go together. */
function commit(submission: LimitSubmission): Promise<void> {
  if (!current) {
    current = { group: { seq: nextSeq++, submissions: [] }, answers: [] };
    setImmediate(sendGroup);
  }
  const { group, answers } = current;
  group.submissions.push(submission);
  return new Promise((resolve) => answers.push(resolve));
}

/** The Basic credential matches the one key, its secret compared by hash in constant time. */
function authorised(header: string | undefined): boolean {
  if (!header?.startsWith("Basic ")) return false;
  const decoded = Buffer.from(header.slice(6), "base64").toString();
  const colon = decoded.indexOf(":");
  if (colon < 0 || decoded.slice(0, colon) !== keyId) return false;
  return timingSafeEqual(
    createHash("sha256")
      .update(decoded.slice(colon + 1))
      .digest(),
    secretHash,
  );
}

interface Parsed {
  raw: string;
  document: {
    order_ref?: unknown;
    order_date?: unknown;
    customer?: { email?: unknown };
    order_items?: unknown;
  };
}

/** The four checks: an order ref, an order date, a customer email, at least one item. */
function checked(document: Parsed["document"]): string | undefined {
  const ref = document.order_ref;
  if (typeof ref !== "string" || ref.length === 0 || ref.length > 255) return undefined;
  if (typeof document.order_date !== "string") return undefined;
  const email = document.customer?.email;
  if (typeof email !== "string" || !email.includes("@")) return undefined;
  if (!Array.isArray(document.order_items) || document.order_items.length === 0) return undefined;
  return ref;
}

const app = Fastify({ logger: false, bodyLimit: 1_048_576 });
app.addContentTypeParser("application/json", { parseAs: "string" }, (_request, body, done) => {
  try {
    done(null, { raw: body as string, document: JSON.parse(body as string) } satisfies Parsed);
  } catch (error) {
    done(error as Error);
  }
});
app.post<{ Params: { trkref: string }; Body: Parsed }>(
  "/v4/organisations/:trkref/customer_order",
  async (request, reply) => {
    if (!authorised(request.headers.authorization)) return reply.code(401).send({ status: 401 });
    if (request.params.trkref !== TRKREF) return reply.code(403).send({ status: 403 });
    const orderRef = checked(request.body.document);
    if (orderRef === undefined) return reply.code(422).send({ status: 422 });
    const id = randomUUID();
    await commit({ id, trkref: TRKREF, orderRef, document: request.body.raw });
    return reply
      .code(202)
      .header("location", `/v4/customer_orders/${id}`)
      .type("application/json")
      .send(`{"status":202,"id":"${id}","message":"Customer order accepted"}`);
  },
);
// What the benchmark reads of a durable target: its backlog and the sizes of its commits.
app.get("/metrics", async (_request, reply) =>
  reply
    .type("text/plain")
    .send(
      [
        `order_intake_submissions_pending ${Math.max(0, committedTotal - Atomics.load(processed, 0))}`,
        `order_intake_commit_batch_size_sum ${commitSizeSum}`,
        `order_intake_commit_batch_size_count ${commits}`,
        "",
      ].join("\n"),
    ),
);

const url = await app.listen({ host: "127.0.0.1", port: 0 });
const authorization = `Basic ${Buffer.from(`${keyId}:${secret}`).toString("base64")}`;
process.stdout.write(`${JSON.stringify({ msg: `Server listening at ${url}`, authorization })}\n`);
process.on("SIGTERM", () => {
  stopping = true;
  return app
    .close()
    .then(() => store.terminate())
    .then(() => process.exit(0));
});
