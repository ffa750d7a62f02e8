import type {
  BatchStatus,
  CancellationAnswer,
  CancellationRequest,
  ErasureRequest,
  EventPage,
  FieldWarning,
  Order,
  OrderDocument,
  OrderEvent,
  OrderListItem,
  OrderPage,
  Organisation,
  Submission,
  SubmissionPage,
} from "./api-types.js";
import { submitBatches } from "./batches.js";
import type {
  BatchOrderResult,
  CallOptions,
  ClientOptions,
  ErasureSubjects,
  EventsOptions,
  ListOrdersOptions,
  ListSubmissionsOptions,
  SubmitBatchOptions,
  SubmitOptions,
  SubmitOrderResult,
} from "./client-options.js";
import { eventFeedPages, listingItems, type ReadPage } from "./pages.js";
import { resolveRetryOptions } from "./retry.js";
import { type ApiRequest, createTransport, type Transport } from "./transport.js";

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_POLL_INTERVAL_MS = 5000;

/**
 * Refuses a base URL that fetch would refuse on every attempt (retried as if the network had failed), and one
 * carrying a user name or password, which error messages would then repeat: credentials go in `keyId` and
 * `secret`.
 */
function checkBaseUrl(baseUrl: string): void {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new TypeError(
      "options.baseUrl must be an absolute http or https URL, such as http://localhost:3000",
    );
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new TypeError(`options.baseUrl must be an http or https URL, not ${url.protocol}`);
  }
  if (url.username !== "" || url.password !== "") {
    throw new TypeError("options.baseUrl must not hold a user name or password: give keyId and secret");
  }
}

/** The order-intake API: every call retried safely, every error typed, every listing an async iterable. */
export class OrderIntakeClient {
  readonly #send: Transport;

  constructor(options: ClientOptions) {
    for (const name of ["baseUrl", "keyId", "secret"] as const) {
      if (typeof options[name] !== "string" || options[name] === "") {
        throw new TypeError(`OrderIntakeClient needs options.${name}`);
      }
    }
    checkBaseUrl(options.baseUrl);
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
      throw new RangeError(`timeoutMs must be a positive number of milliseconds, not ${timeoutMs}`);
    }
    const fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.#send = createTransport({
      baseUrl: options.baseUrl,
      keyId: options.keyId,
      secret: options.secret,
      retry: resolveRetryOptions(options.retry),
      timeoutMs,
      fetch,
    });
  }

  async listOrganisations(options?: CallOptions): Promise<Organisation[]> {
    const body = await this.#get<{ data: Organisation[] }>("/v4/organisations", options);
    return body.data;
  }

  /** `trkref` of the document may be omitted: the client sets it from the argument. */
  async submitOrder(
    trkref: string,
    order: Omit<OrderDocument, "trkref"> & { trkref?: string },
    options: SubmitOptions = {},
  ): Promise<SubmitOrderResult> {
    const idempotencyKey = options.idempotencyKey ?? globalThis.crypto.randomUUID();
    const answer = await this.#send({
      method: "POST",
      path: `/v4/organisations/${segment(trkref)}/customer_order`,
      body: { ...order, trkref: order.trkref ?? trkref },
      idempotencyKey,
      signal: options.signal,
    });
    const body = answer.body as { id: string; warnings?: FieldWarning[] };
    return {
      id: body.id,
      location: answer.headers.get("location") ?? `/v4/customer_orders/${body.id}`,
      warnings: body.warnings ?? [],
      replayed: answer.headers.get("idempotent-replayed") === "true",
      idempotencyKey,
    };
  }

  /** Any number of orders (each with its trkref), split into batches within the limits; one result per
   *  order, in the caller's order. A batch refused whole (422 batch_invalid) gives rejected results, not an
   *  error. Any other failure throws; batches before it were committed, and calling again with the same
   *  string idempotencyKey replays them. */
  submitBatch(orders: OrderDocument[], options?: SubmitBatchOptions): Promise<BatchOrderResult[]> {
    return submitBatches(this.#send, orders, options);
  }

  getSubmission(id: string, options?: CallOptions): Promise<Submission> {
    return this.#get(`/v4/customer_orders/${segment(id)}`, options);
  }

  getBatch(id: string, options?: CallOptions): Promise<BatchStatus> {
    return this.#get(`/v4/customer_orders/batches/${segment(id)}`, options);
  }

  getOrder(trkref: string, orderRef: string | number, options?: CallOptions): Promise<Order> {
    return this.#get(`/v4/organisations/${segment(trkref)}/customer_orders/${segment(orderRef)}`, options);
  }

  listOrders(trkref: string, options: ListOrdersOptions = {}): AsyncIterable<OrderListItem> {
    const query = {
      created_after: instant(options.createdAfter),
      updated_after: instant(options.updatedAfter),
      order: options.order,
      limit: options.pageSize,
    };
    const path = `/v4/organisations/${segment(trkref)}/customer_orders`;
    return listingItems((cursor) => this.#readPage<OrderPage>(path, { ...query, cursor }, options.signal));
  }

  listSubmissions(
    trkref: string,
    status: "accepted" | "processed" | "failed",
    options: ListSubmissionsOptions = {},
  ): AsyncIterable<Submission> {
    const query = { status, trkref, order: options.order, limit: options.pageSize };
    return listingItems((cursor) =>
      this.#readPage<SubmissionPage>("/v4/customer_orders", { ...query, cursor }, options.signal),
    );
  }

  /** Every event after `cursor`, oldest first, page after page. */
  async *events(trkref: string, options: EventsOptions = {}): AsyncIterable<OrderEvent> {
    for await (const page of this.eventPages(trkref, options)) yield* page.data;
  }

  /** The same as pages, with `next` to store as the cursor once a page is handled. */
  eventPages(trkref: string, options: EventsOptions = {}): AsyncIterable<EventPage> {
    const pollIntervalMs = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
    if (!Number.isFinite(pollIntervalMs) || pollIntervalMs < 0) {
      throw new RangeError(
        `pollIntervalMs must be a number of milliseconds, 0 or more, not ${pollIntervalMs}`,
      );
    }
    const path = `/v4/organisations/${segment(trkref)}/events`;
    const query = { type: options.types?.join(","), limit: options.pageSize };
    return eventFeedPages((cursor) => this.#readPage<EventPage>(path, { ...query, cursor }, options.signal), {
      cursor: options.cursor,
      follow: options.follow ?? false,
      pollIntervalMs,
      signal: options.signal,
    });
  }

  async cancelOrder(
    trkref: string,
    orderRef: string | number,
    cancellation?: CancellationRequest,
    options?: CallOptions,
  ): Promise<CancellationAnswer> {
    const path = `/v4/organisations/${segment(trkref)}/customer_orders/${segment(orderRef)}/cancellation`;
    return this.#post(path, cancellation ?? {}, options);
  }

  requestErasure(trkref: string, subjects: ErasureSubjects, options?: CallOptions): Promise<ErasureRequest> {
    return this.#post(
      `/v4/organisations/${segment(trkref)}/erasure_requests`,
      erasureBody(subjects),
      options,
    );
  }

  getErasureRequest(trkref: string, id: string, options?: CallOptions): Promise<ErasureRequest> {
    return this.#get(`/v4/organisations/${segment(trkref)}/erasure_requests/${segment(id)}`, options);
  }

  async #get<Body>(path: string, options: CallOptions | undefined): Promise<Body> {
    return (await this.#send({ method: "GET", path, signal: options?.signal })).body as Body;
  }

  async #post<Body>(path: string, body: unknown, options: CallOptions | undefined): Promise<Body> {
    return (await this.#send({ method: "POST", path, body, signal: options?.signal })).body as Body;
  }

  async #readPage<Page>(
    path: string,
    query: ApiRequest["query"],
    signal: AbortSignal | undefined,
  ): Promise<ReadPage<Page>> {
    const answer = await this.#send({ method: "GET", path, query, signal });
    return { page: answer.body as Page, attempts: answer.attempts };
  }
}

/** A path segment: trkrefs are safe as they are, but an order_ref may hold `/`, `?` or spaces. */
function segment(value: string | number): string {
  return encodeURIComponent(String(value));
}

function instant(value: string | Date | undefined): string | undefined {
  return value instanceof Date ? value.toISOString() : value;
}

function erasureBody(subjects: ErasureSubjects): object {
  if ("email" in subjects) return { email: subjects.email };
  if ("emails" in subjects) return { emails: subjects.emails };
  return { customer_refs: subjects.customerRefs };
}
