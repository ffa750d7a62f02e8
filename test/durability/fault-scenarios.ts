import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { asPostgresAdmin, createTestDatabase, POSTGRES_TEST_URL } from "../helpers/postgres.js";
import { mountSmallFilesystem, type SmallFilesystem } from "../helpers/small-filesystem.js";
import { startTcpProxy, type TcpProxy } from "../helpers/tcp-proxy.js";

/** Where a fault is played: the database, the URL the service is given (through the proxy), and cleanup. */
export interface FaultTarget {
  /** For the test's own set-up, straight to the database. */
  databaseUrl: string;
  /** What the service's processes are given. */
  serviceUrl: string;
  /** Run a `worker` process too (PostgreSQL's scale-out shape). */
  withWorker: boolean;
  dispose(): Promise<void>;
}

/** A fault the database (or the network to it, or its disk) can have, begun and ended on cue. */
export interface DatabaseFault {
  name: string;
  store: "sqlite" | "postgres";
  /** The fault takes the store away long enough that readiness must say so (a reset alone does not). */
  readinessMustDrop: boolean;
  prepare(): Promise<FaultTarget>;
  begin(target: FaultTarget): Promise<{ end(): Promise<void> }>;
}

/** A PostgreSQL database of its own, reached by the service through a proxy the fault controls. */
interface PostgresTarget extends FaultTarget {
  name: string;
  proxy: TcpProxy;
}

async function preparePostgres(): Promise<PostgresTarget> {
  const database = createTestDatabase("fault");
  await database.create();
  const upstream = new URL(POSTGRES_TEST_URL);
  const proxy = await startTcpProxy({ host: upstream.hostname, port: Number(upstream.port || 5432) });
  return {
    name: database.name,
    proxy,
    databaseUrl: database.url,
    serviceUrl: proxy.via(database.url),
    withWorker: true,
    async dispose() {
      await proxy.close();
      await asPostgresAdmin((admin) => admin.query(`ALTER DATABASE ${database.name} ALLOW_CONNECTIONS true`));
      await database.drop();
    },
  };
}

/** Ends the service's connections to the database, busy or idle, as an operator or a failover does. */
const terminateBackends = (name: string) =>
  asPostgresAdmin((admin) =>
    admin.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
      [name],
    ),
  );

/** Does `act` every `everyMs` until ended; bounded in rounds. */
function repeatUntilEnded(act: () => Promise<unknown>, everyMs: number): { end(): Promise<void> } {
  let ended = false;
  const loop = (async () => {
    for (let round = 0; round < 10_000 && !ended; round++) {
      await act();
      await sleep(everyMs);
    }
  })();
  return {
    async end() {
      ended = true;
      await loop;
    },
  };
}

const asPostgres = (target: FaultTarget) => target as PostgresTarget;

export const POSTGRES_FAULTS: DatabaseFault[] = [
  {
    name: "PostgreSQL backends terminated again and again, in and out of transactions",
    store: "postgres",
    readinessMustDrop: false,
    prepare: preparePostgres,
    begin: async (target) => repeatUntilEnded(() => terminateBackends(asPostgres(target).name), 100),
  },
  {
    name: "connections reset by the network again and again",
    store: "postgres",
    readinessMustDrop: false,
    prepare: preparePostgres,
    begin: async (target) =>
      repeatUntilEnded(async () => {
        asPostgres(target).proxy.reset();
      }, 200),
  },
  {
    name: "a partition: packets to and from PostgreSQL dropped, not refused",
    store: "postgres",
    readinessMustDrop: true,
    prepare: preparePostgres,
    begin: async (target) => {
      const { proxy } = asPostgres(target);
      proxy.blackHole();
      return { end: async () => proxy.heal() };
    },
  },
  {
    name: "the database not accepting connections (ALLOW_CONNECTIONS false)",
    store: "postgres",
    readinessMustDrop: true,
    prepare: preparePostgres,
    begin: async (target) => {
      const { name } = asPostgres(target);
      await asPostgresAdmin((admin) => admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`));
      await terminateBackends(name);
      return {
        end: async () => {
          await asPostgresAdmin((admin) => admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`));
        },
      };
    },
  },
];

/** A SQLite database on a small filesystem of its own, which the fault fills. */
interface SqliteTarget extends FaultTarget {
  disk: SmallFilesystem;
}

async function prepareSqlite(): Promise<SqliteTarget> {
  const disk = mountSmallFilesystem("32m");
  const databaseUrl = join(disk.dir, "orders.db");
  return {
    disk,
    databaseUrl,
    serviceUrl: databaseUrl,
    withWorker: false,
    dispose: async () => disk.dispose(),
  };
}

export const SQLITE_FAULTS: DatabaseFault[] = [
  {
    name: "the SQLite disk full",
    store: "sqlite",
    readinessMustDrop: true,
    prepare: prepareSqlite,
    begin: async (target) => {
      const { disk } = target as SqliteTarget;
      disk.fill();
      return { end: async () => disk.free() };
    },
  },
];
