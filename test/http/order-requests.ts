import Database from "better-sqlite3";
import type { LightMyRequestResponse } from "fastify";
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

/** Runs SQL on the app's database file through a connection of its own, as another process would. */
export function execOnDatabaseFile(t: TestApp, sql: string): void {
  const db = new Database(t.config.databaseUrl);
  try {
    db.exec(sql);
  } finally {
    db.close();
  }
}

/** Opens apps for one test file and closes all of them between tests. */
export function createAppPool() {
  const open: TestApp[] = [];
  return {
    async open(env: Record<string, string> = {}, options: { now?: () => Date } = {}): Promise<TestApp> {
      const t = await createTestApp(env, options);
      open.push(t);
      return t;
    },
    async closeAll(): Promise<void> {
      await Promise.all(open.splice(0).map((t) => t.close()));
    },
  };
}

/** A UUID whose version nibble is 7 and whose variant is RFC 9562's. */
export const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
