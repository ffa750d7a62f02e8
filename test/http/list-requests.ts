import assert from "node:assert/strict";
import type { LightMyRequestResponse } from "fastify";
import type { TestApp } from "../helpers/test-app.js";
import { postOrder } from "./order-requests.js";

/** GETs `url`, as ACME's key unless told; `null` sends no Authorization header. */
export function getListing(
  t: TestApp,
  url: string,
  authorization: string | null = t.acme.authorization,
): Promise<LightMyRequestResponse> {
  return t.app.inject({ method: "GET", url, headers: authorization === null ? {} : { authorization } });
}

/** A page of a listing as a client reads it. */
export interface ListingPage<T> {
  data: T[];
  next: string | null;
}

/** `url` with `cursor` added to its query. */
export const withCursor = (url: string, cursor: string) =>
  `${url}${url.includes("?") ? "&" : "?"}cursor=${encodeURIComponent(cursor)}`;

/** Reads every page of the listing at `url`, following `next` until it is null (at most `maxPages`). */
export async function readAllPages<T>(t: TestApp, url: string, maxPages = 50): Promise<ListingPage<T>[]> {
  const pages: ListingPage<T>[] = [];
  let next: string | null = null;
  for (let count = 0; count < maxPages; count++) {
    const response = await getListing(t, next === null ? url : withCursor(url, next));
    assert.equal(response.statusCode, 200, response.body);
    const page = response.json() as ListingPage<T>;
    pages.push(page);
    next = page.next;
    if (next === null) return pages;
  }
  assert.fail(`${url} has more than ${maxPages} pages`);
}

/** Submits `body` to ACME's single-order endpoint as ACME's key; returns the submission id. */
export async function submitOrder(t: TestApp, body: Record<string, unknown>): Promise<string> {
  const response = await postOrder(t, body);
  assert.equal(response.statusCode, 202, response.body);
  return response.json().id;
}
