import pg from "pg";
import type { AccessChange } from "../store.js";

/** One channel for every schema of the database; a notification names its schema. */
export const ACCESS_CHANNEL = "order_intake_access";

// After a lost connection, how long to wait before listening again.
const RECONNECT_MS = 1_000;
// A connection that only listens sends nothing: without a query now and then, one that died half-open (a
// NAT entry expired, a failover without a reset) would stay silent, and notices would be lost unnoticed.
const HEARTBEAT_MS = 15_000;

/** The payload a change is announced with, for `pg_notify` in the statement that makes the change. */
export const accessChangePayload = (schema: string, change: { apiKey: string } | { organisation: string }) =>
  JSON.stringify({ schema, ...change });

/** Announces a change to every instance's cache when the caller's transaction commits. */
export async function announce(
  db: Pick<pg.ClientBase, "query">,
  schema: string,
  change: { apiKey: string } | { organisation: string },
): Promise<void> {
  await db.query("SELECT pg_notify($1, $2)", [ACCESS_CHANNEL, accessChangePayload(schema, change)]);
}

/**
 * Listens on a connection of its own (LISTEN cannot share a pooled one) for the changes that keys and
 * organisations announce when they are committed, from any process. While that connection is down changes
 * can be missed, so a reconnection is reported as possibly anything.
 */
export function createAccessChangeListener(connection: pg.ClientConfig, schema: string) {
  const listeners: ((change: AccessChange) => void)[] = [];
  const emit = (change: AccessChange) => {
    for (const listener of listeners) listener(change);
  };
  let client: pg.Client | undefined;
  let retry: NodeJS.Timeout | undefined;
  let started = false;
  let closed = false;

  const onNotification = (message: pg.Notification) => {
    const change = readChange(message.payload, schema);
    if (change) emit(change);
  };
  const scheduleReconnect = () => {
    if (!closed) retry = setTimeout(() => void listen(true), RECONNECT_MS).unref();
  };
  async function listen(reconnecting: boolean): Promise<void> {
    if (closed) return;
    const next = new pg.Client({ ...connection, keepAliveInitialDelayMillis: 10_000, query_timeout: 10_000 });
    next.on("error", () => {});
    next.on("notification", onNotification);
    try {
      await next.connect();
      await next.query(`LISTEN ${ACCESS_CHANNEL}`);
    } catch {
      await next.end().catch(() => {});
      scheduleReconnect();
      return;
    }
    if (closed) return void (await next.end().catch(() => {}));
    client = next;
    // Lost once, whether the connection ended or stopped answering: listen again on a new one.
    const lost = () => {
      clearInterval(heartbeat);
      if (client !== next) return;
      client = undefined;
      emit({ unknown: true });
      scheduleReconnect();
      next.end().catch(() => {});
    };
    const heartbeat = setInterval(() => next.query("SELECT 1").catch(lost), HEARTBEAT_MS).unref();
    next.once("end", lost);
    if (reconnecting) emit({ unknown: true });
  }

  return {
    async watch(listener: (change: AccessChange) => void) {
      listeners.push(listener);
      if (started) return;
      started = true;
      await listen(false);
    },
    async close() {
      closed = true;
      clearTimeout(retry);
      const last = client;
      client = undefined;
      await last?.end().catch(() => {});
    },
  };
}

function readChange(payload: string | undefined, schema: string): AccessChange | undefined {
  try {
    const parsed = JSON.parse(payload ?? "") as {
      schema?: unknown;
      apiKey?: unknown;
      organisation?: unknown;
    };
    if (parsed.schema !== schema) return undefined;
    if (typeof parsed.apiKey === "string") return { apiKey: parsed.apiKey };
    if (typeof parsed.organisation === "string") return { organisation: parsed.organisation };
  } catch {
    // Not ours, or garbled: safer to forget everything than to miss a revocation.
  }
  return { unknown: true };
}
