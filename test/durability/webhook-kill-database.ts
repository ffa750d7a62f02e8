import Database from "better-sqlite3";
import { newWebhookEndpointId } from "../../src/processing/webhook-endpoint-input.js";
import type { StoredEvent } from "../../src/storage/event-store.js";
import { openStore } from "../../src/storage/open-store.js";
import type { WebhookDelivery } from "../../src/storage/webhook-store.js";
import { createSchemaPool, seedOrganisation } from "../helpers/cluster.js";
import { createTestSchema } from "../helpers/postgres.js";
import { createSeededDatabase } from "../helpers/server-process.js";
import type { CrashStore } from "./crash-database.js";

/** Where delivery stands, counted in the store's tables while the processes run. */
export interface DeliveryProgress {
  /** Submissions not processed yet. */
  accepted: number;
  events: number;
  deliveries: number;
  succeeded: number;
}

/** What the store holds once the processes are stopped, read through its own interface. */
export interface StoredOutcome {
  events: StoredEvent[];
  deliveries: WebhookDelivery[];
}

/** A fresh database with an enabled organisation, a key for it, and (once added) one endpoint. */
export interface WebhookKillDatabase {
  databaseUrl: string;
  trkref: string;
  authorization: string;
  /** Adds an endpoint of the organisation for every event type; says its id. */
  addEndpoint(url: string, secret: string): Promise<string>;
  progress(): Promise<DeliveryProgress>;
  readOutcome(endpointId: string): Promise<StoredOutcome>;
  remove(): Promise<void>;
}

// CAST rather than `::int`: the one text runs on both databases (PostgreSQL counts in bigint, as text).
const PROGRESS = `SELECT
  CAST((SELECT count(*) FROM submissions WHERE status = 'accepted') AS integer) AS accepted,
  CAST((SELECT count(*) FROM events) AS integer) AS events,
  CAST((SELECT count(*) FROM webhook_deliveries) AS integer) AS deliveries,
  CAST((SELECT count(*) FROM webhook_deliveries WHERE status = 'succeeded') AS integer) AS succeeded`;

const PAGE = 100;
const MAX_PAGES = 10_000;

/** SQLite: a file in a temp dir. PostgreSQL: a schema of its own on the test server. */
export async function createWebhookKillDatabase(store: CrashStore): Promise<WebhookKillDatabase> {
  if (store === "sqlite") {
    const seeded = await createSeededDatabase("ACME");
    return {
      ...common(seeded.dbPath, seeded.trkref),
      authorization: seeded.authorization,
      // Read-only, beside the process that writes (WAL): what it has committed, without taking its lock.
      async progress() {
        const sqlite = new Database(seeded.dbPath, { readonly: true });
        try {
          return sqlite.prepare(PROGRESS).get() as DeliveryProgress;
        } finally {
          sqlite.close();
        }
      },
      remove: async () => seeded.remove(),
    };
  }
  const schema = createTestSchema("webhook_kill");
  const pool = createSchemaPool(schema.schema, 2);
  try {
    const seeded = await seedOrganisation(schema.url);
    return {
      ...common(schema.url, seeded.trkref),
      authorization: seeded.authorization,
      async progress() {
        const { rows } = await pool.query<DeliveryProgress>(PROGRESS);
        return rows[0] as DeliveryProgress;
      },
      async remove() {
        await pool.end();
        await schema.drop();
      },
    };
  } catch (error) {
    await pool.end().catch(() => {});
    await schema.drop().catch(() => {});
    throw error;
  }
}

function common(databaseUrl: string, trkref: string) {
  return {
    databaseUrl,
    trkref,
    async addEndpoint(url: string, secret: string): Promise<string> {
      const store = await openStore(databaseUrl, { poolSize: 2 });
      try {
        const endpoint = await store.createWebhookEndpoint({
          id: newWebhookEndpointId(),
          trkref,
          url,
          eventTypes: null,
          description: "kill -9 receiver",
          secret,
          createdAt: new Date().toISOString(),
        });
        return endpoint.id;
      } finally {
        await store.close();
      }
    },
    async readOutcome(endpointId: string): Promise<StoredOutcome> {
      const store = await openStore(databaseUrl, { poolSize: 2 });
      try {
        return {
          events: await readEvents(store, trkref),
          deliveries: await readDeliveries(store, endpointId),
        };
      } finally {
        await store.close();
      }
    },
  };
}

type OpenedStore = Awaited<ReturnType<typeof openStore>>;

async function readEvents(store: OpenedStore, trkref: string): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  for (let page = 0; page < MAX_PAGES; page++) {
    const afterSequence = events.at(-1)?.sequence;
    const next = await store.listEvents({ trkref, limit: PAGE, ...(afterSequence && { afterSequence }) });
    events.push(...next);
    if (next.length < PAGE) break;
  }
  return events;
}

async function readDeliveries(store: OpenedStore, endpointId: string): Promise<WebhookDelivery[]> {
  const deliveries: WebhookDelivery[] = [];
  for (let page = 0; page < MAX_PAGES; page++) {
    const before = deliveries.at(-1)?.id;
    const next = await store.listWebhookDeliveries({ endpointId, limit: PAGE, ...(before && { before }) });
    deliveries.push(...next);
    if (next.length < PAGE) break;
  }
  return deliveries;
}
