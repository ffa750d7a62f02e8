import assert from "node:assert/strict";
import type { LightMyRequestResponse } from "fastify";
import { exampleOrder } from "../../src/domain/order-example.js";
import { createTestApp, type TestApp } from "../helpers/test-app.js";

/** An invitation as the API answers it. */
export interface InvitationBody {
  id: string;
  order_ref: string;
  status: string;
  reason: string | null;
  trigger_date: string | null;
  due_at: string | null;
  products: { sku: string; price?: string; currency?: string }[];
  created_at: string;
  updated_at: string;
  released_at: string | null;
  delivery: { status: string; reported_at: string } | null;
}

const DAY_MS = 86_400_000;

/** Today (UTC) plus `days`, as the order document writes a date and as the API answers one. */
export function dayFromToday(days = 0) {
  const iso = new Date(Date.now() + days * DAY_MS).toISOString().slice(0, 10);
  const [year, month, day] = iso.split("-");
  return { document: `${day}-${month}-${year}`, iso };
}

/**
 * The app, with a send window of the whole day: an invitation of an order placed today is then due at
 * midnight UTC seven days on (the default delay), whatever the hour the test runs at.
 */
export const createInvitationApp = () => createTestApp({ INVITATION_SEND_WINDOW: "00:00-24:00" });

/** When an invitation of an order placed today is due. */
export const dueAtOfToday = () => `${dayFromToday(7).iso}T00:00:00.000Z`;

/** An order placed today (no fulfilment date: the order date triggers the invitation) for `email`. */
export function todaysOrder(trkref: string, orderRef: string, email: string) {
  const { fulfilment_date: _fulfilment, ...order } = exampleOrder(trkref);
  return { ...order, order_ref: orderRef, order_date: dayFromToday().document, customer: { email } };
}

export function postJson(
  t: TestApp,
  url: string,
  body: unknown,
  authorization: string | null = t.acme.authorization,
): Promise<LightMyRequestResponse> {
  return t.app.inject({
    method: "POST",
    url,
    headers: {
      ...(body !== undefined && { "content-type": "application/json" }),
      ...(authorization !== null && { authorization }),
    },
    ...(body !== undefined && { payload: typeof body === "string" ? body : JSON.stringify(body) }),
  });
}

export const get = (t: TestApp, url: string, authorization: string | null = t.acme.authorization) =>
  t.app.inject({ method: "GET", url, headers: authorization === null ? {} : { authorization } });

/** Submits the order; it waits to be processed. */
export async function submit(t: TestApp, order: { trkref: string }, authorization = t.acme.authorization) {
  const response = await postJson(
    t,
    `/v4/organisations/${order.trkref}/customer_order`,
    order,
    authorization,
  );
  assert.equal(response.statusCode, 202, response.body);
}

/** Processes every waiting submission, scheduling invitations as `serve` does. */
export async function processWithInvitations(t: TestApp): Promise<void> {
  for (let round = 0; round < 100; round++) {
    const report = await t.store.processPendingSubmissions(100, { invitations: t.config.invitations });
    if (report.taken === 0) return;
  }
  assert.fail("submissions were still waiting after 100 rounds");
}

/** Submits the orders and processes them. */
export async function storeOrders(
  t: TestApp,
  orders: { trkref: string }[],
  authorization = t.acme.authorization,
): Promise<void> {
  for (const order of orders) await submit(t, order, authorization);
  await processWithInvitations(t);
}

/** Makes every invitation due by `now` due (or skipped), as the due-time check of `serve` does. */
export async function releaseDueInvitations(t: TestApp, now: string) {
  return t.store.releaseDueInvitations({ limit: 100, now, settings: t.config.invitations });
}

/** The one invitation of the order, read from the listing. */
export async function invitationOf(
  t: TestApp,
  trkref: string,
  orderRef: string,
  authorization = t.acme.authorization,
): Promise<InvitationBody> {
  const response = await get(
    t,
    `/v4/organisations/${trkref}/invitations?order_ref=${encodeURIComponent(orderRef)}`,
    authorization,
  );
  assert.equal(response.statusCode, 200, response.body);
  const { data } = response.json() as { data: InvitationBody[] };
  assert.equal(data.length, 1, `one invitation of ${orderRef}`);
  return data[0] as InvitationBody;
}

/** The order as read back, with its invitation and cancellation. */
export async function readBack(
  t: TestApp,
  trkref: string,
  orderRef: string,
  authorization = t.acme.authorization,
) {
  const response = await get(t, `/v4/organisations/${trkref}/customer_orders/${orderRef}`, authorization);
  assert.equal(response.statusCode, 200, response.body);
  return response.json() as { invitation: InvitationBody | null; cancellation: unknown };
}

/** The organisation's events of one type, oldest first. */
export async function eventsOf(
  t: TestApp,
  trkref: string,
  type: string,
  authorization = t.acme.authorization,
) {
  const response = await get(t, `/v4/organisations/${trkref}/events?type=${type}&limit=100`, authorization);
  assert.equal(response.statusCode, 200, response.body);
  return (response.json() as { data: { order_ref: string; data: Record<string, unknown> }[] }).data;
}
