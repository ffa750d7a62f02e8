import { join } from "node:path";
import Database from "better-sqlite3";
import type { LightMyRequestResponse } from "fastify";
import { mountSmallFilesystem, type SmallFilesystem } from "../helpers/small-filesystem.js";
import { createTestApp, type TestApp } from "../helpers/test-app.js";

export const orderUrl = (trkref: string) => `/v4/organisations/${trkref}/customer_order`;

/** How a test sends an order; by default as ACME's key, to ACME's path, as `application/json`. */
export interface PostOrderOptions {
  trkref?: string;
  /** `null` sends no Authorization header at all. */
  authorization?: string | null;
  contentType?: string;
}

/** Posts `body` (an object is serialised; a string is sent as it is) to the single-order endpoint. */
export function postOrder(
  t: TestApp,
  body: unknown,
  options: PostOrderOptions = {},
): Promise<LightMyRequestResponse> {
  return postJson(t, orderUrl(options.trkref ?? "ACME"), body, options);
}

/** Posts `body` (serialised unless a string) to the batch endpoint, as ACME's key unless told. */
export function postBatch(
  t: TestApp,
  body: unknown,
  options: Omit<PostOrderOptions, "trkref"> = {},
): Promise<LightMyRequestResponse> {
  return postJson(t, "/v4/customer_orders", body, options);
}

function postJson(t: TestApp, url: string, body: unknown, options: PostOrderOptions) {
  const authorization = options.authorization === undefined ? t.acme.authorization : options.authorization;
  return t.app.inject({
    method: "POST",
    url,
    headers: {
      "content-type": options.contentType ?? "application/json",
      ...(authorization !== null && { authorization }),
    },
    payload: typeof body === "string" ? body : JSON.stringify(body),
  });
}

/** Every row of the submissions table, whatever its status, read straight from the database file. */
export function countSubmissionRows(t: TestApp): number {
  const db = new Database(t.config.databaseUrl, { readonly: true });
  try {
    return (db.prepare("SELECT count(*) AS n FROM submissions").get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/** Where an app opened on a small filesystem has its database file; big enough for a few thousand orders. */
const SMALL_FILESYSTEM_SIZE = "8m";

/** Opens apps for one test file and closes all of them between tests, unmounting the filesystems they used. */
export function createAppPool() {
  const apps: TestApp[] = [];
  const disks: SmallFilesystem[] = [];
  const open = async (env: Record<string, string> = {}, options: { now?: () => Date } = {}) => {
    const t = await createTestApp(env, options);
    apps.push(t);
    return t;
  };
  return {
    open,
    /**
     * Opens an app whose database file is on a small filesystem of its own, which the test fills to play a
     * full disk. Needs the right to mount a tmpfs: see `canMountFilesystem`.
     */
    async openOnSmallFilesystem(env: Record<string, string> = {}, options: { now?: () => Date } = {}) {
      const disk = mountSmallFilesystem(SMALL_FILESYSTEM_SIZE);
      disks.push(disk);
      const t = await open({ ...env, DATABASE_URL: join(disk.dir, "orders.db") }, options);
      return { t, disk };
    },
    async closeAll(): Promise<void> {
      try {
        await Promise.all(apps.splice(0).map((t) => t.close()));
      } finally {
        // After the apps: a filesystem with a database still open on it cannot be unmounted at once.
        for (const disk of disks.splice(0)) disk.dispose();
      }
    },
  };
}

/** A UUID whose version nibble is 7 and whose variant is RFC 9562's. */
export const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
