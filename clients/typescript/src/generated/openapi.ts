// Generated from the service's OpenAPI document by `npm run generate` in clients/typescript: do not edit.
// A test fails when this file is stale against the service's current document.

export interface paths {
    "/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * This API description
         * @description The OpenAPI 3.1 document, generated from the routes. Needs no credentials.
         */
        get: operations["getOpenApiDocument"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The process is alive
         * @description For a liveness probe: answers while the process runs. Needs no credentials.
         */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The service can take orders
         * @description For a load balancer's readiness probe: 503 when the store does not commit a write within a second (it is unreachable, or refuses writes: a full disk, a standby) or the service is shutting down (it still serves every other request meanwhile). Needs no credentials.
         */
        get: operations["getReadiness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Prometheus metrics
         * @description Requests by route and status, group commits, the commit queue, submissions waiting, the backlog ceiling and its refusals, the processing lag, events recorded and deleted, and webhook attempts by result, delivery lag and endpoints disabled, in the Prometheus text format. Needs no credentials: keep it off the public network.
         */
        get: operations["getMetrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/problems/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Describe one problem type
         * @description The `type` member of every problem answer points here. Needs no credentials. Answers the catalogue entry as JSON, or, to a client that prefers `text/html` (a browser), `303` to the code's entry in the errors guide. The error catalogue in the description of this API lists every code.
         */
        get: operations["getProblemType"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v4/organisations/{trkref}/customer_order": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Submit one customer order
         * @description Checks the order document, reporting every wrong field at once (422), commits it durably, and only then answers 202 with the submission id and a Location to poll. Processing into the organisation's order records follows asynchronously.
         *
         *     Limits: a body of at most 1048576 bytes (413), 500 items per order, 1000 metadata entries per item, free-text fields of 255 characters, metadata strings of 4096, order_ref and sku of 255 (422 too_many or too_long), 64 levels of nesting in an order (422 too_deep). A number a 64-bit float cannot hold exactly (1.0000000000000001, 1e-400, 30 digits) is refused (422 inexact_number) rather than stored rounded: send it as a string.
         *
         *     Send Content-Type: application/json in UTF-8 (a body without Content-Type is read as JSON too, as the original API did, unless a browser sent it from another site). Unknown fields are ignored and listed as warnings. The same document sent twice is two submissions; send an Idempotency-Key to make a retry safe.
         */
        post: operations["submitCustomerOrder"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v4/customer_orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An organisation's submissions in one status, a page at a time
         * @description The submissions of one organisation in one status (status=failed: what processing refused), each as its status answers it, in the order they were accepted, newest first unless order=oldest. Follow next (send it as cursor, with the same other parameters) until it is null. 403 when the key may not act for the trkref.
         */
        get: operations["listSubmissions"];
        put?: never;
        /**
         * Submit a batch of customer orders, each naming its own trkref
         * @description Each order is validated and authorised on its own (an order for an organisation the key may not act for is rejected alone); every accepted order is committed, with a record of the batch, before the answer: 202 when all were accepted, 206 when some were, a 422 problem when none was. Each accepted order gets its own submission id and is processed like a single submission.
         *
         *     Limits: at most 1000 orders (413 too_many_orders) and 16777216 bytes (413 payload_too_large) per batch; each order within the limits of a single order. Refused as a whole, with nothing stored: a body that is not an array, an empty array, and the usual 400, 401, 415.
         */
        post: operations["submitCustomerOrderBatch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v4/customer_orders/batches/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A batch and the current status of each of its orders
         * @description Only the API key that sent the batch sees it; any other key gets 404.
         */
        get: operations["getCustomerOrderBatch"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v4/customer_orders/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * What became of a submission
         * @description Poll this after a 202 (the Location header names it): status is accepted until the processor has applied the submission, then processed with an outcome, or failed with a reason. Only keys allowed for the submission's organisation see it; any other key gets 404, as for an unknown id.
         */
        get: operations["getSubmission"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v4/organisations/{trkref}/customer_orders/{order_ref}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The order as it stands after every processed submission for it
         * @description The order in normalised form (ISO dates, prices with a decimal dot, codes in canonical case), with the submissions that built it, its review invitation and its cancellation (each null when it has none). 404 until a submission for it has been processed: poll the submission's status first.
         */
        get: operations["getCustomerOrder"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v4/organisations/{trkref}/customer_orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The organisation's orders, a page at a time
         * @description Every processed order of the organisation, each as its read-back answers it, sorted by when it was created (with updated_after, by when it was last updated), then by order_ref; newest first unless order=oldest. Follow next (send it as cursor, with the same other parameters) until it is null. 404 when the key may not act for the organisation, as for the read-back.
         */
        get: operations["listCustomerOrders"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v4/organisations/{trkref}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The organisation's events, oldest first, after a cursor
         * @description Every change processing made to the organisation's orders (order.created, order.updated) and every submission it failed (submission.failed), in the order they were committed. Keep the page's next and send it as cursor to read the events after it: a consumer that stores it reads each event once, in order, across restarts on either side. Events are kept for EVENT_RETENTION_DAYS (30 unless the operator set more). 404 when the key may not act for the organisation, as for the read-back.
         */
        get: operations["listEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v4/organisations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The organisations this API key may act for
         * @description Every organisation the key may submit orders for, in trkref order, each with whether order submission is switched on for it. A quick way to check credentials: 200 means the key works. The list is the data member of an object, so that members can be added beside it later.
         */
        get: operations["listOrganisations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v4/organisations/{trkref}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One organisation this API key may act for
         * @description The organisation, with whether order submission is switched on for it, and its review invitation policy: the one in force, and the members it sets for itself over the installation's defaults. 404 when the key may not act for it, exactly as for a trkref that names no organisation.
         */
        get: operations["getOrganisation"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v4/organisations/{trkref}/webhook_endpoints": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The organisation's webhook endpoints
         * @description Every endpoint of the organisation, oldest first, with its status: a disabled one (its receiver answered 410 Gone, or failed every attempt for days) is sent nothing until the operator recovers it; its events are kept meanwhile. Never a secret.
         */
        get: operations["listWebhookEndpoints"];
        put?: never;
        /**
         * Add a webhook endpoint: the organisation's events are sent to it, signed
         * @description Creates an endpoint to which the organisation's events (of the types given, or of every type) are sent as signed Standard Webhooks requests, and answers it with its signing secret, which is shown in this answer only. The URL must be https, without a user name, password or fragment, and an IP address in it must be public; a host name must resolve to public addresses when each request is sent. An organisation may have 16 endpoints. Every wrong member is reported at once (422).
         */
        post: operations["createWebhookEndpoint"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v4/organisations/{trkref}/webhook_endpoints/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One webhook endpoint of the organisation
         * @description The endpoint, with its status; never its secret. 404 for an id that is not one of the organisation's endpoints, whosever it is.
         */
        get: operations["getWebhookEndpoint"];
        put?: never;
        post?: never;
        /**
         * Remove a webhook endpoint
         * @description Removes the endpoint with its queued deliveries and its attempt log: nothing more is sent to it, not even a delivery that was due. 404 for an id that is not one of the organisation's endpoints (one already removed included).
         */
        delete: operations["deleteWebhookEndpoint"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v4/organisations/{trkref}/erasure_requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Erase customers: their orders, submissions and what events and webhooks held of them
         * @description Records a request to erase what the organisation holds of customers, named by email or by the merchant's customer_ref (1 to 1000 in one request), and answers 202 at once: the service carries it out shortly. Their orders are deleted; their submissions keep only the order_ref; their orders' events keep their place in the feed with their data redacted to {"erased": true}, and an order.erased event tells of each order deleted; their emails go on the organisation's suppression list, so that later orders of theirs are kept without their personal data. Follow it at the Location. The answer names how many customers the request has, never which. Every wrong member is reported at once (422).
         */
        post: operations["createErasureRequest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v4/organisations/{trkref}/erasure_requests/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An erasure request: pending, or completed with what it erased
         * @description The request's status: pending until the service has carried it out, then completed, with when and how many records of each kind it erased. 404 for an id that is not one of the organisation's requests, whosever it is.
         */
        get: operations["getErasureRequest"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v4/organisations/{trkref}/suppressions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Suppress customers: keep their later orders without their personal data
         * @description Puts 1 to 1000 emails on the organisation's suppression list. An order of a suppressed customer is still accepted, and kept without the customer's data (only the country stays) and the items' metadata; its 202 carries the warning customer_suppressed. What is already stored is left as it is: to remove it, ask for an erasure. An email already on the list is left there and counted apart. Every wrong member is reported at once (422).
         */
        post: operations["addSuppressions"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v4/organisations/{trkref}/customer_orders/{order_ref}/cancellation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Report an order cancelled, refunded or returned: its invitation is cancelled or trimmed
         * @description Records the order's cancellation: of the whole order (no skus), whose scheduled invitation is then cancelled and whose later submissions schedule none; or of some SKUs (1 to 500), added to those cancelled before and left out of its invitation. Reporting the same again changes nothing; a later submission of the order keeps it. 404 for an order the service does not have; 409 order_not_processed, with Retry-After, while its first submission waits to be processed. Every wrong member is reported at once (422).
         */
        post: operations["cancelCustomerOrder"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v4/organisations/{trkref}/invitations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The organisation's review invitations, a page at a time
         * @description Every invitation processing scheduled for the organisation's orders, oldest first, filtered by status, order_ref and due_before. Follow next (send it as cursor, with the same filters) until it is null. 404 when the key may not act for the organisation.
         */
        get: operations["listInvitations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v4/organisations/{trkref}/invitations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One review invitation of the organisation
         * @description The invitation: its status, due time, products and what the mailer reported of it. 404 for an id that is not one of the organisation's invitations, whosever it is.
         */
        get: operations["getInvitation"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v4/organisations/{trkref}/invitations/{id}/cancellation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel a review invitation: it will not be sent
         * @description Cancels a scheduled invitation (reason requested), leaving its order as it is. Cancelling one that is cancelled already answers it as it is. One that is due (handed to the mailer) or skipped can no longer be cancelled (409). Takes no body, or {}.
         */
        post: operations["cancelInvitation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v4/invitations/{id}/delivery": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Report what became of a due invitation's email: sent, bounced or complained
         * @description Records the mailer's report on a due invitation. A bounce or a complaint also puts the customer on the organisation's suppression list, so that nothing contacts them again and their later orders are kept without their personal data. 409 for an invitation that is not due (nothing was sent); 404 for one the key may not act for, exactly as for an id that names none.
         */
        post: operations["reportInvitationDelivery"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description RFC 9457 problem details (application/problem+json) with the v4 members */
        Problem: {
            /**
             * @description URI reference of the problem type; GET it for its description
             * @example /problems/validation_failed
             */
            type: string;
            /**
             * @description Short summary of the problem type
             * @example Validation failed
             */
            title: string;
            /**
             * @description The HTTP status, repeated for v4 clients
             * @example 422
             */
            status: number;
            /**
             * @description What went wrong in this request
             * @example The order has 1 invalid field
             */
            detail: string;
            /**
             * @description Stable machine code of the problem: branch on this
             * @example validation_failed
             */
            code: string;
            /**
             * @description Fixed per code; kept for v4 clients
             * @example Validation failed
             */
            message: string;
            /** @description Kept for v4 clients; branch on `invalid_params` and `code` instead */
            errors?: string[] | {
                /** @description The rejected order exactly as it was sent */
                customer_order: unknown;
                /**
                 * @description The same errors as one sentence each, in the original's style (`invalid order_date`)
                 * @example [
                 *       "invalid order_date",
                 *       "order_items[1].sku cannot be blank"
                 *     ]
                 */
                errors: string[];
            }[] | "Unauthorized";
            /** @description Every wrong field, all at once, with pointer and code */
            invalid_params?: {
                /**
                 * @description JSON Pointer (RFC 6901) to the field; "" is the whole document
                 * @example /order_items/1/sku
                 */
                pointer: string;
                /**
                 * @description Stable machine code of the field error (see the error catalogue above)
                 * @example required
                 */
                code: string;
                /**
                 * @description Human-readable; may change
                 * @example This field is required
                 */
                message: string;
            }[];
            /**
             * @description On every 403, as the original said
             * @enum {string}
             */
            error?: "Access denied";
            /** @description Fields that were ignored, or accepted but doubtful */
            warnings?: {
                /**
                 * @description JSON Pointer to the ignored or doubtful field
                 * @example /fulfillment_date
                 */
                pointer: string;
                /**
                 * @description unknown_field: ignored; implausible_date: accepted, but far from today; customer_suppressed: accepted, kept without the customer's personal data
                 * @example unknown_field
                 */
                code: "unknown_field" | "implausible_date" | "customer_suppressed";
                /** @example Unknown field "fulfillment_date" was ignored */
                message: string;
                /**
                 * @description The field probably meant (unknown_field only)
                 * @example fulfilment_date
                 */
                hint?: string;
            }[];
        } & {
            [key: string]: unknown;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getOpenApiDocument: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The OpenAPI document */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "openapi": "3.1.0",
                     *       "info": {
                     *         "title": "order-intake",
                     *         "version": "0.1.0"
                     *       },
                     *       "paths": {}
                     *     }
                     */
                    "application/json": {
                        /** @enum {string} */
                        openapi: "3.1.0";
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The process runs */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "ok"
                     *     }
                     */
                    "application/json": {
                        /** @enum {string} */
                        status: "ok";
                    };
                };
            };
        };
    };
    getReadiness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The store takes writes */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "ready"
                     *     }
                     */
                    "application/json": {
                        /** @enum {string} */
                        status: "ready";
                    };
                };
            };
            /** @description `not_ready`: The service is not ready to take orders. */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying the same request. */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getMetrics: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The metrics in the Prometheus text exposition format */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example # HELP order_intake_submissions_pending Accepted submissions not processed yet (all processes)
                     *     # TYPE order_intake_submissions_pending gauge
                     *     order_intake_submissions_pending 0
                     */
                    "text/plain": string;
                };
            };
        };
    };
    getProblemType: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A problem code
                 * @example validation_failed
                 */
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One entry of the error catalogue */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "code": "validation_failed",
                     *       "status": 422,
                     *       "title": "Validation failed",
                     *       "message": "Validation failed",
                     *       "docs": "/docs/guides/errors#validation_failed"
                     *     }
                     */
                    "application/json": {
                        /** @description The problem's stable machine code */
                        code: string;
                        /** @description The HTTP status answers with this code have */
                        status: number;
                        /** @description Short summary */
                        title: string;
                        /** @description The message member of answers with this code */
                        message: string;
                        /** @description The page of this service's errors guide that explains the code's cause and fix */
                        docs: string;
                    };
                };
            };
            /** @description A client that prefers HTML (a browser) is sent to the code's entry in the errors guide, a page of this service. */
            303: {
                headers: {
                    /** @description The code's entry in the errors guide. */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example <!doctype html>
                     *     <html lang="en"><title>See /docs/guides/errors#validation_failed</title><p>See <a href="/docs/guides/errors#validation_failed">/docs/guides/errors#validation_failed</a>.</p></html>
                     */
                    "text/html": string;
                };
            };
            /** @description `not_found`: Not found. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    submitCustomerOrder: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe. Send a new unique value (a UUID) with each new request and the same value when you retry it: the same key with the same body replays the first answer (with Idempotent-Replayed: true) instead of submitting again; with another body it is refused (422 idempotency_key_reused); while the first request is still in flight, 409 idempotency_key_in_flight. 1 to 255 visible ASCII characters, bare or quoted ("…"). Keys are remembered per API key for IDEMPOTENCY_TTL_HOURS (24 by default). Example: 8e03978e-40d5-43e8-bc93-6894a57f9324. */
                "idempotency-key"?: string;
            };
            path: {
                /**
                 * @description The organisation: upper-case letters and digits in groups joined by single hyphens or underscores, at most 64 characters (400 invalid_trkref otherwise)
                 * @example DEMO
                 */
                trkref: string;
            };
            cookie?: never;
        };
        /** @description One customer order. Unknown fields are not errors: they are ignored and listed as warnings */
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "trkref": "DEMO",
                 *       "order_ref": "ORD-2021-000123",
                 *       "order_date": "25-09-2021",
                 *       "fulfilment_date": "27-09-2021",
                 *       "language": "en",
                 *       "locale": "en-GB",
                 *       "customer": {
                 *         "email": "jane.doe@example.com",
                 *         "customer_ref": "CUST-0042",
                 *         "title": "Ms",
                 *         "first_name": "Jane",
                 *         "surname": "Doe",
                 *         "postcode": "SW1A 1AA",
                 *         "country": "GB"
                 *       },
                 *       "order_items": [
                 *         {
                 *           "sku": "TSHIRT-BLUE-M",
                 *           "price": "55,99",
                 *           "currency": "GBP",
                 *           "metadata": {
                 *             "field_1": "gift wrapped",
                 *             "colour": "blue"
                 *           }
                 *         },
                 *         {
                 *           "sku": "MUG-001",
                 *           "price": 12.5,
                 *           "currency": "GBP"
                 *         }
                 *       ]
                 *     }
                 */
                "application/json": {
                    /**
                     * @description Required. The organisation: upper-case letters and digits in groups joined by single hyphens or underscores, at most 64 characters; equal to the trkref of the path when there is one
                     * @example DEMO
                     * @example ABC-XYZ
                     */
                    trkref: string;
                    /**
                     * @description Required. The merchant's unique order id: 1 to 255 characters, not blank, or a whole number kept as its decimal string
                     * @example ORD-2021-000123
                     * @example 100234
                     */
                    order_ref: string | number;
                    /**
                     * @description The date the order was placed, written dd-mm-yyyy, a real calendar date; at least one of order_date and fulfilment_date is required
                     * @example 25-09-2021
                     */
                    order_date?: string | null;
                    /**
                     * @description The date the order was fulfilled, written dd-mm-yyyy, a real calendar date; at least one of order_date and fulfilment_date is required; not before order_date
                     * @example 27-09-2021
                     */
                    fulfilment_date?: string | null;
                    /**
                     * @description Optional. An ISO 639-1 two-letter language code, any case, stored lower case
                     * @example en
                     * @example de
                     */
                    language?: string | null;
                    /**
                     * @description Optional. An ISO 639-1 language and an ISO 3166-1 alpha-2 country joined by a hyphen, any case, stored as en-GB; UK is taken as GB
                     * @example en-GB
                     * @example de-DE
                     */
                    locale?: string | null;
                    /**
                     * @description Required. The customer who placed the order; unknown fields are ignored with a warning
                     * @example {
                     *       "email": "jane.doe@example.com",
                     *       "customer_ref": "CUST-0042",
                     *       "title": "Ms",
                     *       "first_name": "Jane",
                     *       "surname": "Doe",
                     *       "postcode": "SW1A 1AA",
                     *       "country": "GB"
                     *     }
                     */
                    customer: {
                        /**
                         * Format: email
                         * @description Required. The customer's email address: syntactically valid, at most 254 characters
                         * @example jane.doe@example.com
                         */
                        email: string;
                        /**
                         * @description Optional. The merchant's id for the customer: a string of at most 255 characters, or a whole number kept as its decimal string
                         * @example CUST-0042
                         * @example 1042
                         */
                        customer_ref?: string | number | null;
                        /**
                         * @deprecated
                         * @description Optional. Accepted as `customer_ref` (the spelling of the v4 API's published example); `customer_ref` wins when both are sent
                         * @example CUST-0042
                         * @example 1042
                         */
                        cutomer_ref?: string | number | null;
                        /**
                         * @description Optional. The customer's title; at most 255 characters
                         * @example Ms
                         */
                        title?: string | null;
                        /**
                         * @description Optional. The customer's first name; at most 255 characters
                         * @example Jane
                         */
                        first_name?: string | null;
                        /**
                         * @description Optional. The customer's surname; at most 255 characters
                         * @example Doe
                         */
                        surname?: string | null;
                        /**
                         * @description Optional. The customer's postcode; at most 255 characters
                         * @example SW1A 1AA
                         */
                        postcode?: string | null;
                        /**
                         * @description Optional. An assigned ISO 3166-1 alpha-2 country code, any case, stored upper case; UK is taken as GB
                         * @example GB
                         * @example de
                         */
                        country?: string | null;
                    };
                    /**
                     * @description Required. The items bought: 1 to 500 objects
                     * @example [
                     *       {
                     *         "sku": "TSHIRT-BLUE-M",
                     *         "price": "55,99",
                     *         "currency": "GBP",
                     *         "metadata": {
                     *           "field_1": "gift wrapped",
                     *           "colour": "blue"
                     *         }
                     *       },
                     *       {
                     *         "sku": "MUG-001",
                     *         "price": 12.5,
                     *         "currency": "GBP"
                     *       }
                     *     ]
                     */
                    order_items: {
                        /**
                         * @description Required. The product id: 1 to 255 characters, not blank, or a whole number kept as its decimal string
                         * @example TSHIRT-BLUE-M
                         * @example 40123
                         */
                        sku: string | number;
                        /**
                         * @description Optional. Digits with an optional decimal comma ("55,99"; a dot is refused as ambiguous), or a non-negative number; stored as a decimal with a dot. With a currency, at most its ISO 4217 decimal digits (GBP 2, JPY 0, BHD 3; any for codes without a minor unit, such as XAU): "1,999" in GBP is refused
                         * @example 55,99
                         * @example 10
                         * @example 12.5
                         */
                        price?: (string | number) | null;
                        /**
                         * @description Optional. An ISO 4217 alpha-3 currency code, any case, stored upper case
                         * @example GBP
                         * @example eur
                         */
                        currency?: string | null;
                        /**
                         * @description Optional. At most 1000 extra fields for the item: names of 1 to 64 lower-case letters, digits and underscores; each value any JSON value (string, number, boolean, null, array or object, within the document's 64 levels of nesting), stored as sent; every string inside it, keys of nested objects included, at most 4096 characters
                         * @example {
                         *       "field_1": "gift wrapped",
                         *       "colour": "blue"
                         *     }
                         * @example {
                         *       "engraving": {
                         *         "lines": [
                         *           "For Ana",
                         *           "25 years"
                         *         ],
                         *         "font": "serif"
                         *       },
                         *       "gift": true
                         *     }
                         */
                        metadata?: {
                            [key: string]: string | number | boolean | null | unknown[] | {
                                [key: string]: unknown;
                            };
                        } | null;
                    }[];
                };
            };
        };
        responses: {
            /** @description Accepted: the order is durably stored and will be processed */
            202: {
                headers: {
                    /** @description The submission's status resource: GET it to follow the order */
                    Location?: string;
                    /** @description What is left in the API key's bucket for this request, named `reads` (GET) or `submissions` (POST), and the seconds until it is full again (IETF httpapi RateLimit header fields draft). Sent on every authenticated answer while the key is limited; not with `429 authentication_throttled`, which is answered before the key is known. */
                    RateLimit?: string;
                    /** @description The bucket's limit, named as in `RateLimit`: the burst size as the quota and the seconds it takes to refill as the window. Reads and submissions are limited apart, so polling never uses up submissions. */
                    "RateLimit-Policy"?: string;
                    /** @description `true` when this is the stored answer to an earlier request with the same Idempotency-Key; absent otherwise. */
                    "Idempotent-Replayed"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": 202,
                     *       "id": "01a22080-a27e-7679-b758-8002e3896ee9",
                     *       "message": "Customer order accepted"
                     *     }
                     */
                    "application/json": {
                        /** @enum {number} */
                        status: 202;
                        /**
                         * Format: uuid
                         * @description The submission id (UUID version 7)
                         */
                        id: string;
                        /** @enum {string} */
                        message: "Customer order accepted";
                        /** @description Unknown fields that were ignored and implausible dates; absent when none */
                        warnings?: {
                            /**
                             * @description JSON Pointer to the ignored or doubtful field
                             * @example /fulfillment_date
                             */
                            pointer: string;
                            /**
                             * @description unknown_field: ignored; implausible_date: accepted, but far from today; customer_suppressed: accepted, kept without the customer's personal data
                             * @example unknown_field
                             */
                            code: "unknown_field" | "implausible_date" | "customer_suppressed";
                            /** @example Unknown field "fulfillment_date" was ignored */
                            message: string;
                            /**
                             * @description The field probably meant (unknown_field only)
                             * @example fulfilment_date
                             */
                            hint?: string;
                        }[];
                    };
                };
            };
            /** @description `invalid_json`: Request body is not valid JSON. `invalid_trkref`: Invalid TRKREF supplied. `invalid_idempotency_key`: The Idempotency-Key header must be 1 to 255 visible ASCII characters. `bad_request`: The request is malformed. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthorized`: Unauthorized. */
            401: {
                headers: {
                    /** @description The authentication scheme to use: HTTP Basic with the API key id and its secret. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `key_not_allowed`: This API key may not submit orders for this organisation. `feature_disabled`: Customer order submission is not enabled for this organisation. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `request_timeout`: The request did not arrive in time. */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `idempotency_key_in_flight`: A request with this Idempotency-Key is still being processed. */
            409: {
                headers: {
                    /** @description Seconds to wait before retrying the same request. */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `payload_too_large`: Request body is larger than the endpoint's limit in bytes. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unsupported_media_type`: Send JSON with Content-Type: application/json. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `no_data`: No data provided. `validation_failed`: Validation failed. `idempotency_key_reused`: This Idempotency-Key was used with a different request. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limited`: This API key has made too many requests; slow down and retry after the time given. `authentication_throttled`: Too many failed authentications from this client; retry after the time given. */
            429: {
                headers: {
                    /** @description What is left in the API key's bucket for this request, named `reads` (GET) or `submissions` (POST), and the seconds until it is full again (IETF httpapi RateLimit header fields draft). Sent on every authenticated answer while the key is limited; not with `429 authentication_throttled`, which is answered before the key is known. */
                    RateLimit?: string;
                    /** @description The bucket's limit, named as in `RateLimit`: the burst size as the quota and the seconds it takes to refill as the window. Reads and submissions are limited apart, so polling never uses up submissions. */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds to wait before retrying the same request. */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal_error`: Internal server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `store_unavailable`: The order could not be stored now; retry later. `overloaded`: Too many orders are waiting to be stored; retry later. */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying the same request. */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listSubmissions: {
        parameters: {
            query: {
                /**
                 * @description The status of the submissions to list (required)
                 * @example failed
                 */
                status: "accepted" | "processed" | "failed";
                /**
                 * @description The organisation whose submissions to list (required); the key must act for it
                 * @example DEMO
                 */
                trkref: string;
                /**
                 * @description newest first (the default) or oldest first
                 * @example newest
                 */
                order?: "newest" | "oldest";
                /**
                 * @description Items per page, 1 to 100 (20 unless given); more is refused with 400
                 * @example 20
                 */
                limit?: number;
                /** @description The next of the previous page, as received, to read the page after it; send the same other parameters as that request (limit may change), or the cursor is refused with 400 */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of the organisation's submissions in one status */
            200: {
                headers: {
                    /** @description What is left in the API key's bucket for this request, named `reads` (GET) or `submissions` (POST), and the seconds until it is full again (IETF httpapi RateLimit header fields draft). Sent on every authenticated answer while the key is limited; not with `429 authentication_throttled`, which is answered before the key is known. */
                    RateLimit?: string;
                    /** @description The bucket's limit, named as in `RateLimit`: the burst size as the quota and the seconds it takes to refill as the window. Reads and submissions are limited apart, so polling never uses up submissions. */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": [
                     *         {
                     *           "id": "01a22080-a27e-7679-b758-8002e3896ee9",
                     *           "status": "failed",
                     *           "outcome": null,
                     *           "failure_reason": "numeric field overflow",
                     *           "failure_code": "not_storable",
                     *           "trkref": "DEMO",
                     *           "order_ref": "ORD-2021-000123",
                     *           "accepted_at": "2026-11-28T04:53:50.846Z",
                     *           "processed_at": "2026-11-28T04:53:50.848Z"
                     *         }
                     *       ],
                     *       "next": null
                     *     }
                     */
                    "application/json": {
                        /** @description The page's submissions, each as its status answers it */
                        data: {
                            /**
                             * Format: uuid
                             * @description The submission id
                             */
                            id: string;
                            /** @description accepted until the processor has applied it; then processed, or failed with a reason */
                            status: "accepted" | "processed" | "failed";
                            /** @description What processing did to the order; null until processed, and when failed */
                            outcome: "created" | "updated" | "duplicate" | null;
                            /** @description Why processing failed, in words; null otherwise */
                            failure_reason: string | null;
                            /** @description Why processing failed, as a stable code (docs/errors.md, Failure codes); null otherwise, and for a submission failed before codes were recorded */
                            failure_code: "not_storable" | "unreadable_document" | "internal_error" | "erased" | null;
                            /**
                             * @description The organisation
                             * @example DEMO
                             */
                            trkref: string;
                            /**
                             * @description The order's reference as sent
                             * @example ORD-2021-000123
                             */
                            order_ref: string;
                            /**
                             * Format: date-time
                             * @description When the 202 was sent
                             */
                            accepted_at: string;
                            /** @description When it was processed or failed; null while accepted */
                            processed_at: string | null;
                        }[];
                        /** @description The cursor of the next page (send it as cursor); null on the last page */
                        next: string | null;
                    };
                };
            };
            /** @description `invalid_query`: One or more query parameters are wrong; invalid_params names each. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthorized`: Unauthorized. */
            401: {
                headers: {
                    /** @description The authentication scheme to use: HTTP Basic with the API key id and its secret. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `key_not_allowed`: This API key may not submit orders for this organisation. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limited`: This API key has made too many requests; slow down and retry after the time given. `authentication_throttled`: Too many failed authentications from this client; retry after the time given. */
            429: {
                headers: {
                    /** @description What is left in the API key's bucket for this request, named `reads` (GET) or `submissions` (POST), and the seconds until it is full again (IETF httpapi RateLimit header fields draft). Sent on every authenticated answer while the key is limited; not with `429 authentication_throttled`, which is answered before the key is known. */
                    RateLimit?: string;
                    /** @description The bucket's limit, named as in `RateLimit`: the burst size as the quota and the seconds it takes to refill as the window. Reads and submissions are limited apart, so polling never uses up submissions. */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds to wait before retrying the same request. */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal_error`: Internal server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    submitCustomerOrderBatch: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe. Send a new unique value (a UUID) with each new request and the same value when you retry it: the same key with the same body replays the first answer (with Idempotent-Replayed: true) instead of submitting again; with another body it is refused (422 idempotency_key_reused); while the first request is still in flight, 409 idempotency_key_in_flight. 1 to 255 visible ASCII characters, bare or quoted ("…"). Keys are remembered per API key for IDEMPOTENCY_TTL_HOURS (24 by default). Example: 8e03978e-40d5-43e8-bc93-6894a57f9324. */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        /** @description A JSON array of 1 to 1000 order documents */
        requestBody: {
            content: {
                /**
                 * @example [
                 *       {
                 *         "trkref": "DEMO",
                 *         "order_ref": "ORD-2021-000123",
                 *         "order_date": "25-09-2021",
                 *         "fulfilment_date": "27-09-2021",
                 *         "language": "en",
                 *         "locale": "en-GB",
                 *         "customer": {
                 *           "email": "jane.doe@example.com",
                 *           "customer_ref": "CUST-0042",
                 *           "title": "Ms",
                 *           "first_name": "Jane",
                 *           "surname": "Doe",
                 *           "postcode": "SW1A 1AA",
                 *           "country": "GB"
                 *         },
                 *         "order_items": [
                 *           {
                 *             "sku": "TSHIRT-BLUE-M",
                 *             "price": "55,99",
                 *             "currency": "GBP",
                 *             "metadata": {
                 *               "field_1": "gift wrapped",
                 *               "colour": "blue"
                 *             }
                 *           },
                 *           {
                 *             "sku": "MUG-001",
                 *             "price": 12.5,
                 *             "currency": "GBP"
                 *           }
                 *         ]
                 *       },
                 *       {
                 *         "trkref": "DEMO",
                 *         "order_ref": "ORD-2021-000124",
                 *         "order_date": "26-09-2021",
                 *         "customer": {
                 *           "email": "john.smith@example.com"
                 *         },
                 *         "order_items": [
                 *           {
                 *             "sku": "MUG-001"
                 *           }
                 *         ]
                 *       }
                 *     ]
                 */
                "application/json": {
                    /**
                     * @description Required. The organisation: upper-case letters and digits in groups joined by single hyphens or underscores, at most 64 characters; equal to the trkref of the path when there is one
                     * @example DEMO
                     * @example ABC-XYZ
                     */
                    trkref: string;
                    /**
                     * @description Required. The merchant's unique order id: 1 to 255 characters, not blank, or a whole number kept as its decimal string
                     * @example ORD-2021-000123
                     * @example 100234
                     */
                    order_ref: string | number;
                    /**
                     * @description The date the order was placed, written dd-mm-yyyy, a real calendar date; at least one of order_date and fulfilment_date is required
                     * @example 25-09-2021
                     */
                    order_date?: string | null;
                    /**
                     * @description The date the order was fulfilled, written dd-mm-yyyy, a real calendar date; at least one of order_date and fulfilment_date is required; not before order_date
                     * @example 27-09-2021
                     */
                    fulfilment_date?: string | null;
                    /**
                     * @description Optional. An ISO 639-1 two-letter language code, any case, stored lower case
                     * @example en
                     * @example de
                     */
                    language?: string | null;
                    /**
                     * @description Optional. An ISO 639-1 language and an ISO 3166-1 alpha-2 country joined by a hyphen, any case, stored as en-GB; UK is taken as GB
                     * @example en-GB
                     * @example de-DE
                     */
                    locale?: string | null;
                    /**
                     * @description Required. The customer who placed the order; unknown fields are ignored with a warning
                     * @example {
                     *       "email": "jane.doe@example.com",
                     *       "customer_ref": "CUST-0042",
                     *       "title": "Ms",
                     *       "first_name": "Jane",
                     *       "surname": "Doe",
                     *       "postcode": "SW1A 1AA",
                     *       "country": "GB"
                     *     }
                     */
                    customer: {
                        /**
                         * Format: email
                         * @description Required. The customer's email address: syntactically valid, at most 254 characters
                         * @example jane.doe@example.com
                         */
                        email: string;
                        /**
                         * @description Optional. The merchant's id for the customer: a string of at most 255 characters, or a whole number kept as its decimal string
                         * @example CUST-0042
                         * @example 1042
                         */
                        customer_ref?: string | number | null;
                        /**
                         * @deprecated
                         * @description Optional. Accepted as `customer_ref` (the spelling of the v4 API's published example); `customer_ref` wins when both are sent
                         * @example CUST-0042
                         * @example 1042
                         */
                        cutomer_ref?: string | number | null;
                        /**
                         * @description Optional. The customer's title; at most 255 characters
                         * @example Ms
                         */
                        title?: string | null;
                        /**
                         * @description Optional. The customer's first name; at most 255 characters
                         * @example Jane
                         */
                        first_name?: string | null;
                        /**
                         * @description Optional. The customer's surname; at most 255 characters
                         * @example Doe
                         */
                        surname?: string | null;
                        /**
                         * @description Optional. The customer's postcode; at most 255 characters
                         * @example SW1A 1AA
                         */
                        postcode?: string | null;
                        /**
                         * @description Optional. An assigned ISO 3166-1 alpha-2 country code, any case, stored upper case; UK is taken as GB
                         * @example GB
                         * @example de
                         */
                        country?: string | null;
                    };
                    /**
                     * @description Required. The items bought: 1 to 500 objects
                     * @example [
                     *       {
                     *         "sku": "TSHIRT-BLUE-M",
                     *         "price": "55,99",
                     *         "currency": "GBP",
                     *         "metadata": {
                     *           "field_1": "gift wrapped",
                     *           "colour": "blue"
                     *         }
                     *       },
                     *       {
                     *         "sku": "MUG-001",
                     *         "price": 12.5,
                     *         "currency": "GBP"
                     *       }
                     *     ]
                     */
                    order_items: {
                        /**
                         * @description Required. The product id: 1 to 255 characters, not blank, or a whole number kept as its decimal string
                         * @example TSHIRT-BLUE-M
                         * @example 40123
                         */
                        sku: string | number;
                        /**
                         * @description Optional. Digits with an optional decimal comma ("55,99"; a dot is refused as ambiguous), or a non-negative number; stored as a decimal with a dot. With a currency, at most its ISO 4217 decimal digits (GBP 2, JPY 0, BHD 3; any for codes without a minor unit, such as XAU): "1,999" in GBP is refused
                         * @example 55,99
                         * @example 10
                         * @example 12.5
                         */
                        price?: (string | number) | null;
                        /**
                         * @description Optional. An ISO 4217 alpha-3 currency code, any case, stored upper case
                         * @example GBP
                         * @example eur
                         */
                        currency?: string | null;
                        /**
                         * @description Optional. At most 1000 extra fields for the item: names of 1 to 64 lower-case letters, digits and underscores; each value any JSON value (string, number, boolean, null, array or object, within the document's 64 levels of nesting), stored as sent; every string inside it, keys of nested objects included, at most 4096 characters
                         * @example {
                         *       "field_1": "gift wrapped",
                         *       "colour": "blue"
                         *     }
                         * @example {
                         *       "engraving": {
                         *         "lines": [
                         *           "For Ana",
                         *           "25 years"
                         *         ],
                         *         "font": "serif"
                         *       },
                         *       "gift": true
                         *     }
                         */
                        metadata?: {
                            [key: string]: string | number | boolean | null | unknown[] | {
                                [key: string]: unknown;
                            };
                        } | null;
                    }[];
                }[];
            };
        };
        responses: {
            /** @description Every order was accepted and durably stored */
            202: {
                headers: {
                    /** @description The batch's status resource */
                    Location?: string;
                    /** @description What is left in the API key's bucket for this request, named `reads` (GET) or `submissions` (POST), and the seconds until it is full again (IETF httpapi RateLimit header fields draft). Sent on every authenticated answer while the key is limited; not with `429 authentication_throttled`, which is answered before the key is known. */
                    RateLimit?: string;
                    /** @description The bucket's limit, named as in `RateLimit`: the burst size as the quota and the seconds it takes to refill as the window. Reads and submissions are limited apart, so polling never uses up submissions. */
                    "RateLimit-Policy"?: string;
                    /** @description `true` when this is the stored answer to an earlier request with the same Idempotency-Key; absent otherwise. */
                    "Idempotent-Replayed"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": 202,
                     *       "id": "01a2208e-6ce4-7489-9071-f2e5e6462e30",
                     *       "message": "Batch Accepted",
                     *       "summary": {
                     *         "accepted": 1,
                     *         "rejected": 0
                     *       },
                     *       "results": [
                     *         {
                     *           "index": 0,
                     *           "order_ref": "ORD-2021-000123",
                     *           "status": "accepted",
                     *           "id": "01a2208e-6ce3-75aa-8c86-4f4d144c1c38"
                     *         }
                     *       ],
                     *       "errors": []
                     *     }
                     */
                    "application/json": {
                        status: 202 | 206;
                        /**
                         * Format: uuid
                         * @description The batch id
                         */
                        id: string;
                        message: "Batch Accepted" | "Batch partially accepted";
                        summary: {
                            /**
                             * @description Orders accepted and stored
                             * @example 1
                             */
                            accepted: number;
                            /**
                             * @description Orders rejected
                             * @example 1
                             */
                            rejected: number;
                        };
                        /** @description One entry per order, in request order */
                        results: {
                            /** @description Position of the order in the request array */
                            index: number;
                            /** @description The order_ref it sent; null if none */
                            order_ref: string | null;
                            status: "accepted" | "rejected";
                            /**
                             * Format: uuid
                             * @description The submission id, when accepted
                             */
                            id?: string;
                            /**
                             * @description The same errors as one sentence each, in the original's style (`invalid order_date`)
                             * @example [
                             *       "invalid order_date",
                             *       "order_items[1].sku cannot be blank"
                             *     ]
                             */
                            errors?: string[];
                            /** @description Why it was rejected; pointers are relative to the order */
                            invalid_params?: {
                                /**
                                 * @description JSON Pointer (RFC 6901) to the field; "" is the whole document
                                 * @example /order_items/1/sku
                                 */
                                pointer: string;
                                /**
                                 * @description Stable machine code of the field error (see the error catalogue above)
                                 * @example required
                                 */
                                code: string;
                                /**
                                 * @description Human-readable; may change
                                 * @example This field is required
                                 */
                                message: string;
                            }[];
                            warnings?: {
                                /**
                                 * @description JSON Pointer to the ignored or doubtful field
                                 * @example /fulfillment_date
                                 */
                                pointer: string;
                                /**
                                 * @description unknown_field: ignored; implausible_date: accepted, but far from today; customer_suppressed: accepted, kept without the customer's personal data
                                 * @example unknown_field
                                 */
                                code: "unknown_field" | "implausible_date" | "customer_suppressed";
                                /** @example Unknown field "fulfillment_date" was ignored */
                                message: string;
                                /**
                                 * @description The field probably meant (unknown_field only)
                                 * @example fulfilment_date
                                 */
                                hint?: string;
                            }[];
                        }[];
                        /** @description The original's list of rejected orders, each as sent with its errors; [] when none */
                        errors: {
                            /** @description The rejected order exactly as it was sent */
                            customer_order: unknown;
                            /**
                             * @description The same errors as one sentence each, in the original's style (`invalid order_date`)
                             * @example [
                             *       "invalid order_date",
                             *       "order_items[1].sku cannot be blank"
                             *     ]
                             */
                            errors: string[];
                        }[];
                    };
                };
            };
            /** @description Some orders were accepted and durably stored; the rest are listed with their errors */
            206: {
                headers: {
                    /** @description The batch's status resource */
                    Location?: string;
                    /** @description What is left in the API key's bucket for this request, named `reads` (GET) or `submissions` (POST), and the seconds until it is full again (IETF httpapi RateLimit header fields draft). Sent on every authenticated answer while the key is limited; not with `429 authentication_throttled`, which is answered before the key is known. */
                    RateLimit?: string;
                    /** @description The bucket's limit, named as in `RateLimit`: the burst size as the quota and the seconds it takes to refill as the window. Reads and submissions are limited apart, so polling never uses up submissions. */
                    "RateLimit-Policy"?: string;
                    /** @description `true` when this is the stored answer to an earlier request with the same Idempotency-Key; absent otherwise. */
                    "Idempotent-Replayed"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": 206,
                     *       "id": "01a2208e-6ce4-7489-9071-f2e5e6462e30",
                     *       "message": "Batch partially accepted",
                     *       "summary": {
                     *         "accepted": 1,
                     *         "rejected": 1
                     *       },
                     *       "results": [
                     *         {
                     *           "index": 0,
                     *           "order_ref": "ORD-2021-000123",
                     *           "status": "accepted",
                     *           "id": "01a2208e-6ce3-75aa-8c86-4f4d144c1c38"
                     *         },
                     *         {
                     *           "index": 1,
                     *           "order_ref": "ORD-2021-000124",
                     *           "status": "rejected",
                     *           "errors": [
                     *             "invalid order_date"
                     *           ],
                     *           "invalid_params": [
                     *             {
                     *               "pointer": "/order_date",
                     *               "code": "invalid_date",
                     *               "message": "Must be a real calendar date written dd-mm-yyyy"
                     *             }
                     *           ]
                     *         }
                     *       ],
                     *       "errors": [
                     *         {
                     *           "customer_order": {
                     *             "trkref": "DEMO",
                     *             "order_ref": "ORD-2021-000124",
                     *             "order_date": "31-02-2021",
                     *             "customer": {
                     *               "email": "sam@example.com"
                     *             },
                     *             "order_items": [
                     *               {
                     *                 "sku": "SKU-2"
                     *               }
                     *             ]
                     *           },
                     *           "errors": [
                     *             "invalid order_date"
                     *           ]
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": {
                        status: 202 | 206;
                        /**
                         * Format: uuid
                         * @description The batch id
                         */
                        id: string;
                        message: "Batch Accepted" | "Batch partially accepted";
                        summary: {
                            /**
                             * @description Orders accepted and stored
                             * @example 1
                             */
                            accepted: number;
                            /**
                             * @description Orders rejected
                             * @example 1
                             */
                            rejected: number;
                        };
                        /** @description One entry per order, in request order */
                        results: {
                            /** @description Position of the order in the request array */
                            index: number;
                            /** @description The order_ref it sent; null if none */
                            order_ref: string | null;
                            status: "accepted" | "rejected";
                            /**
                             * Format: uuid
                             * @description The submission id, when accepted
                             */
                            id?: string;
                            /**
                             * @description The same errors as one sentence each, in the original's style (`invalid order_date`)
                             * @example [
                             *       "invalid order_date",
                             *       "order_items[1].sku cannot be blank"
                             *     ]
                             */
                            errors?: string[];
                            /** @description Why it was rejected; pointers are relative to the order */
                            invalid_params?: {
                                /**
                                 * @description JSON Pointer (RFC 6901) to the field; "" is the whole document
                                 * @example /order_items/1/sku
                                 */
                                pointer: string;
                                /**
                                 * @description Stable machine code of the field error (see the error catalogue above)
                                 * @example required
                                 */
                                code: string;
                                /**
                                 * @description Human-readable; may change
                                 * @example This field is required
                                 */
                                message: string;
                            }[];
                            warnings?: {
                                /**
                                 * @description JSON Pointer to the ignored or doubtful field
                                 * @example /fulfillment_date
                                 */
                                pointer: string;
                                /**
                                 * @description unknown_field: ignored; implausible_date: accepted, but far from today; customer_suppressed: accepted, kept without the customer's personal data
                                 * @example unknown_field
                                 */
                                code: "unknown_field" | "implausible_date" | "customer_suppressed";
                                /** @example Unknown field "fulfillment_date" was ignored */
                                message: string;
                                /**
                                 * @description The field probably meant (unknown_field only)
                                 * @example fulfilment_date
                                 */
                                hint?: string;
                            }[];
                        }[];
                        /** @description The original's list of rejected orders, each as sent with its errors; [] when none */
                        errors: {
                            /** @description The rejected order exactly as it was sent */
                            customer_order: unknown;
                            /**
                             * @description The same errors as one sentence each, in the original's style (`invalid order_date`)
                             * @example [
                             *       "invalid order_date",
                             *       "order_items[1].sku cannot be blank"
                             *     ]
                             */
                            errors: string[];
                        }[];
                    };
                };
            };
            /** @description `invalid_json`: Request body is not valid JSON. `invalid_idempotency_key`: The Idempotency-Key header must be 1 to 255 visible ASCII characters. `bad_request`: The request is malformed. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthorized`: Unauthorized. */
            401: {
                headers: {
                    /** @description The authentication scheme to use: HTTP Basic with the API key id and its secret. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `request_timeout`: The request did not arrive in time. */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `idempotency_key_in_flight`: A request with this Idempotency-Key is still being processed. */
            409: {
                headers: {
                    /** @description Seconds to wait before retrying the same request. */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `payload_too_large`: Request body is larger than the endpoint's limit in bytes. `too_many_orders`: The batch has too many orders. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unsupported_media_type`: Send JSON with Content-Type: application/json. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `no_data`: No data provided. `validation_failed`: Validation failed. `batch_invalid`: Batch is invalid. `idempotency_key_reused`: This Idempotency-Key was used with a different request. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limited`: This API key has made too many requests; slow down and retry after the time given. `authentication_throttled`: Too many failed authentications from this client; retry after the time given. */
            429: {
                headers: {
                    /** @description What is left in the API key's bucket for this request, named `reads` (GET) or `submissions` (POST), and the seconds until it is full again (IETF httpapi RateLimit header fields draft). Sent on every authenticated answer while the key is limited; not with `429 authentication_throttled`, which is answered before the key is known. */
                    RateLimit?: string;
                    /** @description The bucket's limit, named as in `RateLimit`: the burst size as the quota and the seconds it takes to refill as the window. Reads and submissions are limited apart, so polling never uses up submissions. */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds to wait before retrying the same request. */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal_error`: Internal server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `store_unavailable`: The order could not be stored now; retry later. `overloaded`: Too many orders are waiting to be stored; retry later. */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying the same request. */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getCustomerOrderBatch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The batch id from a batch answer (its Location header)
                 * @example 01a2208e-6ce4-7489-9071-f2e5e6462e30
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The batch, with the current status of each accepted order */
            200: {
                headers: {
                    /** @description What is left in the API key's bucket for this request, named `reads` (GET) or `submissions` (POST), and the seconds until it is full again (IETF httpapi RateLimit header fields draft). Sent on every authenticated answer while the key is limited; not with `429 authentication_throttled`, which is answered before the key is known. */
                    RateLimit?: string;
                    /** @description The bucket's limit, named as in `RateLimit`: the burst size as the quota and the seconds it takes to refill as the window. Reads and submissions are limited apart, so polling never uses up submissions. */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "01a2208e-6ce4-7489-9071-f2e5e6462e30",
                     *       "created_at": "2026-11-28T04:53:50.846Z",
                     *       "summary": {
                     *         "accepted": 1,
                     *         "rejected": 1
                     *       },
                     *       "results": [
                     *         {
                     *           "index": 0,
                     *           "order_ref": "ORD-2021-000123",
                     *           "status": "accepted",
                     *           "id": "01a2208e-6ce3-75aa-8c86-4f4d144c1c38",
                     *           "submission_status": "processed",
                     *           "outcome": "created",
                     *           "failure_reason": null,
                     *           "failure_code": null,
                     *           "processed_at": "2026-11-28T04:53:50.848Z"
                     *         },
                     *         {
                     *           "index": 1,
                     *           "order_ref": "ORD-2021-000124",
                     *           "status": "rejected",
                     *           "errors": [
                     *             "invalid order_date"
                     *           ],
                     *           "invalid_params": [
                     *             {
                     *               "pointer": "/order_date",
                     *               "code": "invalid_date",
                     *               "message": "Must be a real calendar date written dd-mm-yyyy"
                     *             }
                     *           ]
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": {
                        /**
                         * Format: uuid
                         * @description The batch id
                         */
                        id: string;
                        /**
                         * Format: date-time
                         * @description When the batch was accepted
                         */
                        created_at: string;
                        summary: {
                            /**
                             * @description Orders accepted and stored
                             * @example 1
                             */
                            accepted: number;
                            /**
                             * @description Orders rejected
                             * @example 1
                             */
                            rejected: number;
                        };
                        /** @description One entry per order; accepted ones with their submission's current state */
                        results: {
                            /** @description Position of the order in the request array */
                            index: number;
                            /** @description The order_ref it sent; null if none */
                            order_ref: string | null;
                            status: "accepted" | "rejected";
                            /**
                             * Format: uuid
                             * @description The submission id, when accepted
                             */
                            id?: string;
                            /**
                             * @description The same errors as one sentence each, in the original's style (`invalid order_date`)
                             * @example [
                             *       "invalid order_date",
                             *       "order_items[1].sku cannot be blank"
                             *     ]
                             */
                            errors?: string[];
                            /** @description Why it was rejected; pointers are relative to the order */
                            invalid_params?: {
                                /**
                                 * @description JSON Pointer (RFC 6901) to the field; "" is the whole document
                                 * @example /order_items/1/sku
                                 */
                                pointer: string;
                                /**
                                 * @description Stable machine code of the field error (see the error catalogue above)
                                 * @example required
                                 */
                                code: string;
                                /**
                                 * @description Human-readable; may change
                                 * @example This field is required
                                 */
                                message: string;
                            }[];
                            warnings?: {
                                /**
                                 * @description JSON Pointer to the ignored or doubtful field
                                 * @example /fulfillment_date
                                 */
                                pointer: string;
                                /**
                                 * @description unknown_field: ignored; implausible_date: accepted, but far from today; customer_suppressed: accepted, kept without the customer's personal data
                                 * @example unknown_field
                                 */
                                code: "unknown_field" | "implausible_date" | "customer_suppressed";
                                /** @example Unknown field "fulfillment_date" was ignored */
                                message: string;
                                /**
                                 * @description The field probably meant (unknown_field only)
                                 * @example fulfilment_date
                                 */
                                hint?: string;
                            }[];
                            /** @description accepted until the processor has applied it; then processed, or failed with a reason */
                            submission_status?: "accepted" | "processed" | "failed";
                            /** @description What processing did to the order; null until processed, and when failed */
                            outcome?: "created" | "updated" | "duplicate" | null;
                            /** @description Why processing failed, in words; null otherwise */
                            failure_reason?: string | null;
                            /** @description Why processing failed, as a stable code (docs/errors.md, Failure codes); null otherwise, and for a submission failed before codes were recorded */
                            failure_code?: "not_storable" | "unreadable_document" | "internal_error" | "erased" | null;
                            /** @description When it was processed or failed; null while accepted */
                            processed_at?: string | null;
                        }[];
                    };
                };
            };
            /** @description `unauthorized`: Unauthorized. */
            401: {
                headers: {
                    /** @description The authentication scheme to use: HTTP Basic with the API key id and its secret. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `not_found`: Not found. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limited`: This API key has made too many requests; slow down and retry after the time given. `authentication_throttled`: Too many failed authentications from this client; retry after the time given. */
            429: {
                headers: {
                    /** @description What is left in the API key's bucket for this request, named `reads` (GET) or `submissions` (POST), and the seconds until it is full again (IETF httpapi RateLimit header fields draft). Sent on every authenticated answer while the key is limited; not with `429 authentication_throttled`, which is answered before the key is known. */
                    RateLimit?: string;
                    /** @description The bucket's limit, named as in `RateLimit`: the burst size as the quota and the seconds it takes to refill as the window. Reads and submissions are limited apart, so polling never uses up submissions. */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds to wait before retrying the same request. */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal_error`: Internal server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getSubmission: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The submission id from a 202 answer (its Location header)
                 * @example 01a22080-a27e-7679-b758-8002e3896ee9
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The submission and what became of it */
            200: {
                headers: {
                    /** @description What is left in the API key's bucket for this request, named `reads` (GET) or `submissions` (POST), and the seconds until it is full again (IETF httpapi RateLimit header fields draft). Sent on every authenticated answer while the key is limited; not with `429 authentication_throttled`, which is answered before the key is known. */
                    RateLimit?: string;
                    /** @description The bucket's limit, named as in `RateLimit`: the burst size as the quota and the seconds it takes to refill as the window. Reads and submissions are limited apart, so polling never uses up submissions. */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "01a22080-a27e-7679-b758-8002e3896ee9",
                     *       "status": "processed",
                     *       "outcome": "created",
                     *       "failure_reason": null,
                     *       "failure_code": null,
                     *       "trkref": "DEMO",
                     *       "order_ref": "ORD-2021-000123",
                     *       "accepted_at": "2026-11-28T04:53:50.846Z",
                     *       "processed_at": "2026-11-28T04:53:50.848Z"
                     *     }
                     */
                    "application/json": {
                        /**
                         * Format: uuid
                         * @description The submission id
                         */
                        id: string;
                        /** @description accepted until the processor has applied it; then processed, or failed with a reason */
                        status: "accepted" | "processed" | "failed";
                        /** @description What processing did to the order; null until processed, and when failed */
                        outcome: "created" | "updated" | "duplicate" | null;
                        /** @description Why processing failed, in words; null otherwise */
                        failure_reason: string | null;
                        /** @description Why processing failed, as a stable code (docs/errors.md, Failure codes); null otherwise, and for a submission failed before codes were recorded */
                        failure_code: "not_storable" | "unreadable_document" | "internal_error" | "erased" | null;
                        /**
                         * @description The organisation
                         * @example DEMO
                         */
                        trkref: string;
                        /**
                         * @description The order's reference as sent
                         * @example ORD-2021-000123
                         */
                        order_ref: string;
                        /**
                         * Format: date-time
                         * @description When the 202 was sent
                         */
                        accepted_at: string;
                        /** @description When it was processed or failed; null while accepted */
                        processed_at: string | null;
                    };
                };
            };
            /** @description `unauthorized`: Unauthorized. */
            401: {
                headers: {
                    /** @description The authentication scheme to use: HTTP Basic with the API key id and its secret. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `not_found`: Not found. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limited`: This API key has made too many requests; slow down and retry after the time given. `authentication_throttled`: Too many failed authentications from this client; retry after the time given. */
            429: {
                headers: {
                    /** @description What is left in the API key's bucket for this request, named `reads` (GET) or `submissions` (POST), and the seconds until it is full again (IETF httpapi RateLimit header fields draft). Sent on every authenticated answer while the key is limited; not with `429 authentication_throttled`, which is answered before the key is known. */
                    RateLimit?: string;
                    /** @description The bucket's limit, named as in `RateLimit`: the burst size as the quota and the seconds it takes to refill as the window. Reads and submissions are limited apart, so polling never uses up submissions. */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds to wait before retrying the same request. */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal_error`: Internal server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getCustomerOrder: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The organisation: upper-case letters and digits in groups joined by single hyphens or underscores, at most 64 characters (400 invalid_trkref otherwise)
                 * @example DEMO
                 */
                trkref: string;
                /**
                 * @description The order_ref as sent, URL-encoded
                 * @example ORD-2021-000123
                 */
                order_ref: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The order as it stands after every processed submission, in normalised form */
            200: {
                headers: {
                    /** @description What is left in the API key's bucket for this request, named `reads` (GET) or `submissions` (POST), and the seconds until it is full again (IETF httpapi RateLimit header fields draft). Sent on every authenticated answer while the key is limited; not with `429 authentication_throttled`, which is answered before the key is known. */
                    RateLimit?: string;
                    /** @description The bucket's limit, named as in `RateLimit`: the burst size as the quota and the seconds it takes to refill as the window. Reads and submissions are limited apart, so polling never uses up submissions. */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "trkref": "DEMO",
                     *       "order_ref": "ORD-2021-000123",
                     *       "order_date": "2021-09-25",
                     *       "fulfilment_date": "2021-09-27",
                     *       "language": "en",
                     *       "locale": "en-GB",
                     *       "customer": {
                     *         "email": "jane.doe@example.com",
                     *         "customer_ref": "CUST-0042",
                     *         "country": "GB"
                     *       },
                     *       "order_items": [
                     *         {
                     *           "sku": "TSHIRT-BLUE-M",
                     *           "price": "55.99",
                     *           "currency": "GBP",
                     *           "metadata": {
                     *             "field_1": "gift wrapped"
                     *           }
                     *         },
                     *         {
                     *           "sku": "MUG-001",
                     *           "price": "12.5",
                     *           "currency": "GBP"
                     *         }
                     *       ],
                     *       "created_at": "2026-11-28T04:53:50.848Z",
                     *       "updated_at": "2026-11-28T04:53:50.848Z",
                     *       "submissions": [
                     *         {
                     *           "id": "01a22080-a27e-7679-b758-8002e3896ee9",
                     *           "status": "processed",
                     *           "outcome": "created",
                     *           "failure_reason": null,
                     *           "failure_code": null,
                     *           "accepted_at": "2026-11-28T04:53:50.846Z",
                     *           "processed_at": "2026-11-28T04:53:50.848Z"
                     *         }
                     *       ],
                     *       "invitation": {
                     *         "id": "01a2209f-3c4d-7e5f-8a6b-7c8d9e0f1a2b",
                     *         "order_ref": "ORD-2021-000123",
                     *         "status": "scheduled",
                     *         "reason": null,
                     *         "trigger_date": "2026-11-27",
                     *         "due_at": "2026-12-04T09:00:00.000Z",
                     *         "products": [
                     *           {
                     *             "sku": "TSHIRT-BLUE-M",
                     *             "price": "55.99",
                     *             "currency": "GBP"
                     *           },
                     *           {
                     *             "sku": "MUG-001",
                     *             "price": "12.5",
                     *             "currency": "GBP"
                     *           }
                     *         ],
                     *         "created_at": "2026-11-28T04:53:50.848Z",
                     *         "updated_at": "2026-11-28T04:53:50.848Z",
                     *         "released_at": null,
                     *         "delivery": null
                     *       },
                     *       "cancellation": null
                     *     }
                     */
                    "application/json": {
                        /** @description The organisation */
                        trkref: string;
                        /** @description The order's reference, as a string */
                        order_ref: string;
                        /**
                         * Format: date
                         * @description ISO 8601 yyyy-mm-dd
                         */
                        order_date?: string;
                        /**
                         * Format: date
                         * @description ISO 8601 yyyy-mm-dd
                         */
                        fulfilment_date?: string;
                        /** @description Lower case (en) */
                        language?: string;
                        /** @description ll-CC (en-GB) */
                        locale?: string;
                        /** @description The customer's fields as sent; country upper case */
                        customer: {
                            /** @description As sent */
                            email: string;
                        } & {
                            [key: string]: unknown;
                        };
                        order_items: ({
                            /** @description As a string */
                            sku: string;
                            /** @description Decimal with a dot (55.99) */
                            price?: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        /**
                         * Format: date-time
                         * @description When the first submission was processed
                         */
                        created_at: string;
                        /**
                         * Format: date-time
                         * @description When a submission last changed it
                         */
                        updated_at: string;
                        /**
                         * @description Present when the customer is on the organisation's suppression list: the order is kept without their data (the email empty, only the customer's country, no item metadata)
                         * @enum {boolean}
                         */
                        suppressed?: true;
                        /** @description Every submission for this order, oldest first */
                        submissions: {
                            /**
                             * Format: uuid
                             * @description The submission id
                             */
                            id: string;
                            /** @description accepted until the processor has applied it; then processed, or failed with a reason */
                            status: "accepted" | "processed" | "failed";
                            /** @description What processing did to the order; null until processed, and when failed */
                            outcome: "created" | "updated" | "duplicate" | null;
                            /** @description Why processing failed, in words; null otherwise */
                            failure_reason: string | null;
                            /** @description Why processing failed, as a stable code (docs/errors.md, Failure codes); null otherwise, and for a submission failed before codes were recorded */
                            failure_code: "not_storable" | "unreadable_document" | "internal_error" | "erased" | null;
                            /**
                             * Format: date-time
                             * @description When the 202 was sent
                             */
                            accepted_at: string;
                            /** @description When it was processed or failed; null while accepted */
                            processed_at: string | null;
                        }[];
                        /** @description The order's review invitation; null when processing scheduled none */
                        invitation: {
                            /**
                             * Format: uuid
                             * @description The invitation's id (UUID v7: creation order)
                             */
                            id: string;
                            /** @description The order it invites the customer to review */
                            order_ref: string;
                            /** @description scheduled (waiting for due_at), due (handed to the mailer), skipped (not sent: see reason) or cancelled */
                            status: "scheduled" | "due" | "skipped" | "cancelled";
                            /** @description Why it was skipped (too_old, suppressed, cancelled, capped, erased, no_products) or cancelled (its order's reason: cancelled, refunded, returned; requested: the invitation alone); null otherwise */
                            reason: "too_old" | "suppressed" | "cancelled" | "capped" | "erased" | "no_products" | "refunded" | "returned" | "requested" | null;
                            /**
                             * @description The date its delay counts from: the fulfilment date, else the order date
                             * @example 2026-11-27
                             */
                            trigger_date: string | null;
                            /**
                             * @description When it is (or was) due; null for one skipped before it had a time
                             * @example 2026-12-04T09:00:00.000Z
                             */
                            due_at: string | null;
                            /** @description What the customer is asked to review, highest price first, at most 5 */
                            products: {
                                /** @description As the order has it */
                                sku: string;
                                /** @description The order's price for it, decimal with a dot */
                                price?: string;
                                /** @description ISO 4217 */
                                currency?: string;
                            }[];
                            /** Format: date-time */
                            created_at: string;
                            /** Format: date-time */
                            updated_at: string;
                            /**
                             * @description When it became due, or was skipped at its due time
                             * @example 2026-12-04T09:00:01.250Z
                             */
                            released_at: string | null;
                            /** @description What the mailer last reported of it; null until it reports */
                            delivery: {
                                status: "sent" | "bounced" | "complained";
                                /** Format: date-time */
                                reported_at: string;
                            } | null;
                        } | null;
                        /** @description The order's cancellation, whole or of some SKUs; null when it was never cancelled */
                        cancellation: {
                            /** @description As the merchant reported it */
                            reason: "cancelled" | "refunded" | "returned";
                            /** @description The whole order is cancelled: its invitation will not be sent */
                            whole: boolean;
                            /** @description The SKUs cancelled so far, left out of its invitation; empty when whole */
                            skus: string[];
                            /**
                             * Format: date-time
                             * @description When it was last reported
                             */
                            cancelled_at: string;
                        } | null;
                    };
                };
            };
            /** @description `invalid_trkref`: Invalid TRKREF supplied. `bad_request`: The request is malformed. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthorized`: Unauthorized. */
            401: {
                headers: {
                    /** @description The authentication scheme to use: HTTP Basic with the API key id and its secret. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `not_found`: Not found. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limited`: This API key has made too many requests; slow down and retry after the time given. `authentication_throttled`: Too many failed authentications from this client; retry after the time given. */
            429: {
                headers: {
                    /** @description What is left in the API key's bucket for this request, named `reads` (GET) or `submissions` (POST), and the seconds until it is full again (IETF httpapi RateLimit header fields draft). Sent on every authenticated answer while the key is limited; not with `429 authentication_throttled`, which is answered before the key is known. */
                    RateLimit?: string;
                    /** @description The bucket's limit, named as in `RateLimit`: the burst size as the quota and the seconds it takes to refill as the window. Reads and submissions are limited apart, so polling never uses up submissions. */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds to wait before retrying the same request. */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal_error`: Internal server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listCustomerOrders: {
        parameters: {
            query?: {
                /** @description Only orders created strictly after this instant: ISO 8601 with a UTC offset (2026-11-28T04:00:00Z; in a URL, write + as %2B) */
                created_after?: string;
                /** @description Only orders last updated; the listing is then sorted by that time strictly after this instant: ISO 8601 with a UTC offset (2026-11-28T04:00:00Z; in a URL, write + as %2B) */
                updated_after?: string;
                /**
                 * @description newest first (the default) or oldest first
                 * @example newest
                 */
                order?: "newest" | "oldest";
                /**
                 * @description Items per page, 1 to 100 (20 unless given); more is refused with 400
                 * @example 20
                 */
                limit?: number;
                /** @description The next of the previous page, as received, to read the page after it; send the same other parameters as that request (limit may change), or the cursor is refused with 400 */
                cursor?: string;
            };
            header?: never;
            path: {
                /**
                 * @description The organisation: upper-case letters and digits in groups joined by single hyphens or underscores, at most 64 characters (400 invalid_trkref otherwise)
                 * @example DEMO
                 */
                trkref: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of the organisation's orders */
            200: {
                headers: {
                    /** @description What is left in the API key's bucket for this request, named `reads` (GET) or `submissions` (POST), and the seconds until it is full again (IETF httpapi RateLimit header fields draft). Sent on every authenticated answer while the key is limited; not with `429 authentication_throttled`, which is answered before the key is known. */
                    RateLimit?: string;
                    /** @description The bucket's limit, named as in `RateLimit`: the burst size as the quota and the seconds it takes to refill as the window. Reads and submissions are limited apart, so polling never uses up submissions. */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": [
                     *         {
                     *           "trkref": "DEMO",
                     *           "order_ref": "ORD-2021-000123",
                     *           "order_date": "2021-09-25",
                     *           "fulfilment_date": "2021-09-27",
                     *           "language": "en",
                     *           "locale": "en-GB",
                     *           "customer": {
                     *             "email": "jane.doe@example.com",
                     *             "customer_ref": "CUST-0042",
                     *             "country": "GB"
                     *           },
                     *           "order_items": [
                     *             {
                     *               "sku": "TSHIRT-BLUE-M",
                     *               "price": "55.99",
                     *               "currency": "GBP",
                     *               "metadata": {
                     *                 "field_1": "gift wrapped"
                     *               }
                     *             },
                     *             {
                     *               "sku": "MUG-001",
                     *               "price": "12.5",
                     *               "currency": "GBP"
                     *             }
                     *           ],
                     *           "created_at": "2026-11-28T04:53:50.848Z",
                     *           "updated_at": "2026-11-28T04:53:50.848Z",
                     *           "submissions": [
                     *             {
                     *               "id": "01a22080-a27e-7679-b758-8002e3896ee9",
                     *               "status": "processed",
                     *               "outcome": "created",
                     *               "failure_reason": null,
                     *               "failure_code": null,
                     *               "accepted_at": "2026-11-28T04:53:50.846Z",
                     *               "processed_at": "2026-11-28T04:53:50.848Z"
                     *             }
                     *           ]
                     *         }
                     *       ],
                     *       "next": "eyJ2IjoxLCJsIjoiZXhhbXBsZSIsInAiOlsxMjNdfQ"
                     *     }
                     */
                    "application/json": {
                        /** @description The page's orders, each as its read-back answers it */
                        data: {
                            /** @description The organisation */
                            trkref: string;
                            /** @description The order's reference, as a string */
                            order_ref: string;
                            /**
                             * Format: date
                             * @description ISO 8601 yyyy-mm-dd
                             */
                            order_date?: string;
                            /**
                             * Format: date
                             * @description ISO 8601 yyyy-mm-dd
                             */
                            fulfilment_date?: string;
                            /** @description Lower case (en) */
                            language?: string;
                            /** @description ll-CC (en-GB) */
                            locale?: string;
                            /** @description The customer's fields as sent; country upper case */
                            customer: {
                                /** @description As sent */
                                email: string;
                            } & {
                                [key: string]: unknown;
                            };
                            order_items: ({
                                /** @description As a string */
                                sku: string;
                                /** @description Decimal with a dot (55.99) */
                                price?: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            /**
                             * Format: date-time
                             * @description When the first submission was processed
                             */
                            created_at: string;
                            /**
                             * Format: date-time
                             * @description When a submission last changed it
                             */
                            updated_at: string;
                            /**
                             * @description Present when the customer is on the organisation's suppression list: the order is kept without their data (the email empty, only the customer's country, no item metadata)
                             * @enum {boolean}
                             */
                            suppressed?: true;
                            /** @description Every submission for this order, oldest first */
                            submissions: {
                                /**
                                 * Format: uuid
                                 * @description The submission id
                                 */
                                id: string;
                                /** @description accepted until the processor has applied it; then processed, or failed with a reason */
                                status: "accepted" | "processed" | "failed";
                                /** @description What processing did to the order; null until processed, and when failed */
                                outcome: "created" | "updated" | "duplicate" | null;
                                /** @description Why processing failed, in words; null otherwise */
                                failure_reason: string | null;
                                /** @description Why processing failed, as a stable code (docs/errors.md, Failure codes); null otherwise, and for a submission failed before codes were recorded */
                                failure_code: "not_storable" | "unreadable_document" | "internal_error" | "erased" | null;
                                /**
                                 * Format: date-time
                                 * @description When the 202 was sent
                                 */
                                accepted_at: string;
                                /** @description When it was processed or failed; null while accepted */
                                processed_at: string | null;
                            }[];
                        }[];
                        /** @description The cursor of the next page (send it as cursor); null on the last page */
                        next: string | null;
                    };
                };
            };
            /** @description `invalid_trkref`: Invalid TRKREF supplied. `bad_request`: The request is malformed. `invalid_query`: One or more query parameters are wrong; invalid_params names each. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthorized`: Unauthorized. */
            401: {
                headers: {
                    /** @description The authentication scheme to use: HTTP Basic with the API key id and its secret. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `not_found`: Not found. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limited`: This API key has made too many requests; slow down and retry after the time given. `authentication_throttled`: Too many failed authentications from this client; retry after the time given. */
            429: {
                headers: {
                    /** @description What is left in the API key's bucket for this request, named `reads` (GET) or `submissions` (POST), and the seconds until it is full again (IETF httpapi RateLimit header fields draft). Sent on every authenticated answer while the key is limited; not with `429 authentication_throttled`, which is answered before the key is known. */
                    RateLimit?: string;
                    /** @description The bucket's limit, named as in `RateLimit`: the burst size as the quota and the seconds it takes to refill as the window. Reads and submissions are limited apart, so polling never uses up submissions. */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds to wait before retrying the same request. */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal_error`: Internal server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listEvents: {
        parameters: {
            query?: {
                /** @description Only events of these types, comma-separated (order.created, order.updated, submission.failed, order.erased, order.cancelled, invitation.scheduled, invitation.rescheduled, invitation.updated, invitation.cancelled, invitation.skipped, invitation.due); every type when absent */
                type?: string;
                /**
                 * @description Events per page, 1 to 100 (20 unless given); more is refused with 400
                 * @example 20
                 */
                limit?: number;
                /** @description The next of a previous page, as received: the page starts after the last event that page held; send the same type filter (limit may change) */
                cursor?: string;
            };
            header?: never;
            path: {
                /**
                 * @description The organisation: upper-case letters and digits in groups joined by single hyphens or underscores, at most 64 characters (400 invalid_trkref otherwise)
                 * @example DEMO
                 */
                trkref: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of the organisation's events, oldest first */
            200: {
                headers: {
                    /** @description What is left in the API key's bucket for this request, named `reads` (GET) or `submissions` (POST), and the seconds until it is full again (IETF httpapi RateLimit header fields draft). Sent on every authenticated answer while the key is limited; not with `429 authentication_throttled`, which is answered before the key is known. */
                    RateLimit?: string;
                    /** @description The bucket's limit, named as in `RateLimit`: the burst size as the quota and the seconds it takes to refill as the window. Reads and submissions are limited apart, so polling never uses up submissions. */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": [
                     *         {
                     *           "id": "0193a4b2-6c1e-7d3f-9a4b-5c6d7e8f9a0b",
                     *           "type": "order.updated",
                     *           "created_at": "2026-11-28T04:00:01.250Z",
                     *           "trkref": "DEMO",
                     *           "order_ref": "ORD-2021-000123",
                     *           "sequence": 42,
                     *           "data": {
                     *             "order": {
                     *               "trkref": "DEMO",
                     *               "order_ref": "ORD-2021-000123",
                     *               "order_date": "2021-09-25",
                     *               "fulfilment_date": "2021-09-27",
                     *               "customer": {
                     *                 "email": "jane.doe@example.com",
                     *                 "country": "GB"
                     *               },
                     *               "order_items": [
                     *                 {
                     *                   "sku": "TSHIRT-BLUE-M",
                     *                   "price": "55.99",
                     *                   "currency": "GBP"
                     *                 }
                     *               ]
                     *             },
                     *             "previous_attributes": {
                     *               "fulfilment_date": null
                     *             },
                     *             "submission_id": "0193a4b2-0000-7000-8000-000000000123"
                     *           }
                     *         }
                     *       ],
                     *       "next": "eyJ2IjoxLCJsIjoiZXhhbXBsZSIsInAiOls0Ml19",
                     *       "has_more": false
                     *     }
                     */
                    "application/json": {
                        /** @description The page's events, oldest first */
                        data: {
                            /**
                             * Format: uuid
                             * @description UUID v7; the webhook-id of every delivery of the event: deduplicate on it
                             */
                            id: string;
                            /** @description The event's type: order.created (A submission created the order: `data.order` is the order as it now stands); order.updated (A submission changed the order: `data.order` as it now stands, `data.previous_attributes` what the changed fields held before); submission.failed (Processing failed a submission: `data.submission` with its `failure_code` and reason); order.erased (The order's personal data was erased (an erasure request, or retention): `data.reason`; erase your copies. Earlier events of the order now carry `data.erased` only); order.cancelled (The merchant reported the order cancelled, refunded or returned, whole or some of its SKUs: `data.cancellation`); invitation.scheduled (The order's review invitation was scheduled: `data.invitation`, due at `due_at`); invitation.rescheduled (A new trigger date moved the invitation: `data.invitation`, `data.previous_due_at`); invitation.updated (The invitation's products changed (new items, a partial cancellation): `data.invitation`, `data.previous_products`); invitation.cancelled (The invitation was cancelled, with its order or on its own: `data.invitation`); invitation.skipped (The invitation will not be sent: `data.invitation` with its `reason` (when it was made, or at its due time)); invitation.due (The invitation is due: what a mailer needs to send it (`data.invitation`, `data.customer`, `data.products`, `data.merchant`, `data.review_link`)). Ignore a type you do not know */
                            type: string;
                            /**
                             * Format: date-time
                             * @description When the change was committed
                             */
                            created_at: string;
                            /** @description The organisation */
                            trkref: string;
                            /** @description The order the event is about */
                            order_ref: string;
                            /** @description The event's place among the organisation's events: 1, 2, 3 … in commit order, no gaps */
                            sequence: number;
                            /** @description order.*: order (the order as it now stands, normalised), submission_id, and for order.updated previous_attributes (each changed field's previous value, null when it was absent); submission.failed: submission (id, status, failure_code, failure_reason) */
                            data: {
                                [key: string]: unknown;
                            };
                        }[];
                        /** @description The cursor after this page's last event, given after every page with events, the last one included: keep it and send it as cursor to read what happens next. After an empty page, the cursor sent (null when none was) */
                        next: string | null;
                        /** @description Whether more events follow now: read the next page at once */
                        has_more: boolean;
                    };
                };
            };
            /** @description `invalid_trkref`: Invalid TRKREF supplied. `bad_request`: The request is malformed. `invalid_query`: One or more query parameters are wrong; invalid_params names each. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthorized`: Unauthorized. */
            401: {
                headers: {
                    /** @description The authentication scheme to use: HTTP Basic with the API key id and its secret. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `not_found`: Not found. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limited`: This API key has made too many requests; slow down and retry after the time given. `authentication_throttled`: Too many failed authentications from this client; retry after the time given. */
            429: {
                headers: {
                    /** @description What is left in the API key's bucket for this request, named `reads` (GET) or `submissions` (POST), and the seconds until it is full again (IETF httpapi RateLimit header fields draft). Sent on every authenticated answer while the key is limited; not with `429 authentication_throttled`, which is answered before the key is known. */
                    RateLimit?: string;
                    /** @description The bucket's limit, named as in `RateLimit`: the burst size as the quota and the seconds it takes to refill as the window. Reads and submissions are limited apart, so polling never uses up submissions. */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds to wait before retrying the same request. */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal_error`: Internal server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listOrganisations: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The organisations this API key may act for */
            200: {
                headers: {
                    /** @description What is left in the API key's bucket for this request, named `reads` (GET) or `submissions` (POST), and the seconds until it is full again (IETF httpapi RateLimit header fields draft). Sent on every authenticated answer while the key is limited; not with `429 authentication_throttled`, which is answered before the key is known. */
                    RateLimit?: string;
                    /** @description The bucket's limit, named as in `RateLimit`: the burst size as the quota and the seconds it takes to refill as the window. Reads and submissions are limited apart, so polling never uses up submissions. */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": [
                     *         {
                     *           "trkref": "DEMO",
                     *           "name": "Demo shop",
                     *           "enabled": true
                     *         },
                     *         {
                     *           "trkref": "DEMO-UK",
                     *           "name": "Demo shop UK",
                     *           "enabled": false
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": {
                        /** @description Every organisation the key may act for, enabled or not, in trkref order */
                        data: {
                            /**
                             * @description The organisation's trkref, as in the paths
                             * @example DEMO
                             */
                            trkref: string;
                            /**
                             * @description Its name, as the operator gave it
                             * @example Demo shop
                             */
                            name: string;
                            /**
                             * @description Whether order submission is switched on for it; while false, its orders are refused with 403 feature_disabled
                             * @example true
                             */
                            enabled: boolean;
                        }[];
                    };
                };
            };
            /** @description `unauthorized`: Unauthorized. */
            401: {
                headers: {
                    /** @description The authentication scheme to use: HTTP Basic with the API key id and its secret. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limited`: This API key has made too many requests; slow down and retry after the time given. `authentication_throttled`: Too many failed authentications from this client; retry after the time given. */
            429: {
                headers: {
                    /** @description What is left in the API key's bucket for this request, named `reads` (GET) or `submissions` (POST), and the seconds until it is full again (IETF httpapi RateLimit header fields draft). Sent on every authenticated answer while the key is limited; not with `429 authentication_throttled`, which is answered before the key is known. */
                    RateLimit?: string;
                    /** @description The bucket's limit, named as in `RateLimit`: the burst size as the quota and the seconds it takes to refill as the window. Reads and submissions are limited apart, so polling never uses up submissions. */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds to wait before retrying the same request. */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal_error`: Internal server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getOrganisation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The organisation: upper-case letters and digits in groups joined by single hyphens or underscores, at most 64 characters (400 invalid_trkref otherwise)
                 * @example DEMO
                 */
                trkref: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description An organisation this API key may act for, with its invitation policy */
            200: {
                headers: {
                    /** @description What is left in the API key's bucket for this request, named `reads` (GET) or `submissions` (POST), and the seconds until it is full again (IETF httpapi RateLimit header fields draft). Sent on every authenticated answer while the key is limited; not with `429 authentication_throttled`, which is answered before the key is known. */
                    RateLimit?: string;
                    /** @description The bucket's limit, named as in `RateLimit`: the burst size as the quota and the seconds it takes to refill as the window. Reads and submissions are limited apart, so polling never uses up submissions. */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "trkref": "DEMO",
                     *       "name": "Demo shop",
                     *       "enabled": true,
                     *       "invitation_policy": {
                     *         "enabled": true,
                     *         "trigger": "fulfilment_or_order",
                     *         "delay_days": 5,
                     *         "country_delay_days": {
                     *           "US": 10
                     *         },
                     *         "send_window": "09:00-18:00",
                     *         "timezone": "UTC",
                     *         "max_order_age_days": 180,
                     *         "frequency_cap_days": 30
                     *       },
                     *       "invitation_policy_overrides": {
                     *         "delay_days": 5,
                     *         "country_delay_days": {
                     *           "US": 10
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /**
                         * @description The organisation's trkref, as in the paths
                         * @example DEMO
                         */
                        trkref: string;
                        /**
                         * @description Its name, as the operator gave it
                         * @example Demo shop
                         */
                        name: string;
                        /**
                         * @description Whether order submission is switched on for it; while false, its orders are refused with 403 feature_disabled
                         * @example true
                         */
                        enabled: boolean;
                        /**
                         * @description The invitation policy in force: the organisation's own members over the installation's defaults
                         * @example {
                         *       "enabled": true,
                         *       "trigger": "fulfilment_or_order",
                         *       "delay_days": 5,
                         *       "country_delay_days": {
                         *         "US": 10
                         *       },
                         *       "send_window": "09:00-18:00",
                         *       "timezone": "UTC",
                         *       "max_order_age_days": 180,
                         *       "frequency_cap_days": 30
                         *     }
                         */
                        invitation_policy: {
                            /** @description Off: no invitation is scheduled for the organisation's orders */
                            enabled: boolean;
                            /** @description What the delay counts from: the fulfilment date, else the order date (fulfilment_or_order); or only the fulfilment date (fulfilment: an order without one waits for it) */
                            trigger: "fulfilment_or_order" | "fulfilment";
                            /** @description Days after the trigger date */
                            delay_days: number;
                            /** @description Per customer country (ISO 3166-1 alpha-2, at most 250), in place of delay_days */
                            country_delay_days: {
                                [key: string]: number;
                            };
                            /** @description The local hours invitations are due in, HH:MM-HH:MM, in timezone */
                            send_window: string;
                            /** @description An IANA time zone name (Europe/London) */
                            timezone: string;
                            /** @description An order whose trigger date is older than this is not invited (too_old) */
                            max_order_age_days: number;
                            /** @description At most one invitation to one customer in this many days (capped); 0: no cap */
                            frequency_cap_days: number;
                        };
                        /**
                         * @description The members the organisation sets for itself; {} when it has the installation's defaults
                         * @example {
                         *       "delay_days": 5,
                         *       "country_delay_days": {
                         *         "US": 10
                         *       }
                         *     }
                         */
                        invitation_policy_overrides: {
                            /** @description Off: no invitation is scheduled for the organisation's orders */
                            enabled?: boolean;
                            /** @description What the delay counts from: the fulfilment date, else the order date (fulfilment_or_order); or only the fulfilment date (fulfilment: an order without one waits for it) */
                            trigger?: "fulfilment_or_order" | "fulfilment";
                            /** @description Days after the trigger date */
                            delay_days?: number;
                            /** @description Per customer country (ISO 3166-1 alpha-2, at most 250), in place of delay_days */
                            country_delay_days?: {
                                [key: string]: number;
                            };
                            /** @description The local hours invitations are due in, HH:MM-HH:MM, in timezone */
                            send_window?: string;
                            /** @description An IANA time zone name (Europe/London) */
                            timezone?: string;
                            /** @description An order whose trigger date is older than this is not invited (too_old) */
                            max_order_age_days?: number;
                            /** @description At most one invitation to one customer in this many days (capped); 0: no cap */
                            frequency_cap_days?: number;
                        };
                    };
                };
            };
            /** @description `invalid_trkref`: Invalid TRKREF supplied. `bad_request`: The request is malformed. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthorized`: Unauthorized. */
            401: {
                headers: {
                    /** @description The authentication scheme to use: HTTP Basic with the API key id and its secret. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `not_found`: Not found. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limited`: This API key has made too many requests; slow down and retry after the time given. `authentication_throttled`: Too many failed authentications from this client; retry after the time given. */
            429: {
                headers: {
                    /** @description What is left in the API key's bucket for this request, named `reads` (GET) or `submissions` (POST), and the seconds until it is full again (IETF httpapi RateLimit header fields draft). Sent on every authenticated answer while the key is limited; not with `429 authentication_throttled`, which is answered before the key is known. */
                    RateLimit?: string;
                    /** @description The bucket's limit, named as in `RateLimit`: the burst size as the quota and the seconds it takes to refill as the window. Reads and submissions are limited apart, so polling never uses up submissions. */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds to wait before retrying the same request. */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal_error`: Internal server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listWebhookEndpoints: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The organisation: upper-case letters and digits in groups joined by single hyphens or underscores, at most 64 characters (400 invalid_trkref otherwise)
                 * @example DEMO
                 */
                trkref: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The organisation's webhook endpoints */
            200: {
                headers: {
                    /** @description What is left in the API key's bucket for this request, named `reads` (GET) or `submissions` (POST), and the seconds until it is full again (IETF httpapi RateLimit header fields draft). Sent on every authenticated answer while the key is limited; not with `429 authentication_throttled`, which is answered before the key is known. */
                    RateLimit?: string;
                    /** @description The bucket's limit, named as in `RateLimit`: the burst size as the quota and the seconds it takes to refill as the window. Reads and submissions are limited apart, so polling never uses up submissions. */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": [
                     *         {
                     *           "id": "we_k5q2nd7xw3m4ra6tpz2hbjcy",
                     *           "url": "https://shop.example.com/webhooks/order-intake",
                     *           "event_types": [
                     *             "order.created",
                     *             "order.updated"
                     *           ],
                     *           "description": "Warehouse sync",
                     *           "status": "enabled",
                     *           "disabled_reason": null,
                     *           "disabled_at": null,
                     *           "failing_since": null,
                     *           "created_at": "2026-11-28T04:53:50.846Z"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": {
                        /** @description The organisation's endpoints, oldest first (at most 16) */
                        data: {
                            /**
                             * @description The endpoint's id: we_ and 24 characters
                             * @example we_k5q2nd7xw3m4ra6tpz2hbjcy
                             */
                            id: string;
                            /**
                             * Format: uri
                             * @description Where events are sent, as the service normalised it (host in lower case)
                             * @example https://shop.example.com/webhooks/order-intake
                             */
                            url: string;
                            /**
                             * @description The event types sent to it; null: every type, including types added later
                             * @example [
                             *       "order.created",
                             *       "order.updated"
                             *     ]
                             */
                            event_types: ("order.created" | "order.updated" | "submission.failed" | "order.erased" | "order.cancelled" | "invitation.scheduled" | "invitation.rescheduled" | "invitation.updated" | "invitation.cancelled" | "invitation.skipped" | "invitation.due")[] | null;
                            /**
                             * @description What the endpoint is for, as given; null: none
                             * @example Warehouse sync
                             */
                            description: string | null;
                            /**
                             * @description enabled: events are sent to it; disabled: its events are kept but not sent until the operator recovers it
                             * @example enabled
                             */
                            status: "enabled" | "disabled";
                            /**
                             * @description gone: it answered 410 Gone; failing: every attempt failed for days; null while enabled
                             * @example null
                             */
                            disabled_reason: "gone" | "failing" | null;
                            /**
                             * @description When it was disabled; null while enabled
                             * @example null
                             */
                            disabled_at: string | null;
                            /**
                             * @description When the first attempt that has failed since its last success was made; null when the last one succeeded
                             * @example null
                             */
                            failing_since: string | null;
                            /**
                             * Format: date-time
                             * @example 2026-11-28T04:53:50.846Z
                             */
                            created_at: string;
                        }[];
                    };
                };
            };
            /** @description `invalid_trkref`: Invalid TRKREF supplied. `bad_request`: The request is malformed. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthorized`: Unauthorized. */
            401: {
                headers: {
                    /** @description The authentication scheme to use: HTTP Basic with the API key id and its secret. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `not_found`: Not found. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limited`: This API key has made too many requests; slow down and retry after the time given. `authentication_throttled`: Too many failed authentications from this client; retry after the time given. */
            429: {
                headers: {
                    /** @description What is left in the API key's bucket for this request, named `reads` (GET) or `submissions` (POST), and the seconds until it is full again (IETF httpapi RateLimit header fields draft). Sent on every authenticated answer while the key is limited; not with `429 authentication_throttled`, which is answered before the key is known. */
                    RateLimit?: string;
                    /** @description The bucket's limit, named as in `RateLimit`: the burst size as the quota and the seconds it takes to refill as the window. Reads and submissions are limited apart, so polling never uses up submissions. */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds to wait before retrying the same request. */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal_error`: Internal server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The organisation: upper-case letters and digits in groups joined by single hyphens or underscores, at most 64 characters (400 invalid_trkref otherwise)
                 * @example DEMO
                 */
                trkref: string;
            };
            cookie?: never;
        };
        /** @description A new webhook endpoint */
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "url": "https://shop.example.com/webhooks/order-intake",
                 *       "event_types": [
                 *         "order.created",
                 *         "order.updated"
                 *       ],
                 *       "description": "Warehouse sync"
                 *     }
                 */
                "application/json": {
                    /**
                     * Format: uri
                     * @description An absolute https URL, without a user name, password or fragment; an IP address in it must be public. A host name must resolve to public addresses when each request is sent
                     * @example https://shop.example.com/webhooks/order-intake
                     */
                    url: string;
                    /**
                     * @description The types to send (order.created, order.updated, submission.failed, order.erased, order.cancelled, invitation.scheduled, invitation.rescheduled, invitation.updated, invitation.cancelled, invitation.skipped, invitation.due); absent, null or empty: every type
                     * @example [
                     *       "order.created",
                     *       "order.updated"
                     *     ]
                     */
                    event_types?: ("order.created" | "order.updated" | "submission.failed" | "order.erased" | "order.cancelled" | "invitation.scheduled" | "invitation.rescheduled" | "invitation.updated" | "invitation.cancelled" | "invitation.skipped" | "invitation.due")[] | null;
                    /**
                     * @description What the endpoint is for, at most 200 characters
                     * @example Warehouse sync
                     */
                    description?: string | null;
                };
            };
        };
        responses: {
            /** @description The endpoint created, with its signing secret */
            201: {
                headers: {
                    /** @description The endpoint's own resource */
                    Location?: string;
                    /** @description What is left in the API key's bucket for this request, named `reads` (GET) or `submissions` (POST), and the seconds until it is full again (IETF httpapi RateLimit header fields draft). Sent on every authenticated answer while the key is limited; not with `429 authentication_throttled`, which is answered before the key is known. */
                    RateLimit?: string;
                    /** @description The bucket's limit, named as in `RateLimit`: the burst size as the quota and the seconds it takes to refill as the window. Reads and submissions are limited apart, so polling never uses up submissions. */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "we_k5q2nd7xw3m4ra6tpz2hbjcy",
                     *       "url": "https://shop.example.com/webhooks/order-intake",
                     *       "event_types": [
                     *         "order.created",
                     *         "order.updated"
                     *       ],
                     *       "description": "Warehouse sync",
                     *       "status": "enabled",
                     *       "disabled_reason": null,
                     *       "disabled_at": null,
                     *       "failing_since": null,
                     *       "created_at": "2026-11-28T04:53:50.846Z",
                     *       "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw3R0v1P6ktF0="
                     *     }
                     */
                    "application/json": {
                        /**
                         * @description The endpoint's id: we_ and 24 characters
                         * @example we_k5q2nd7xw3m4ra6tpz2hbjcy
                         */
                        id: string;
                        /**
                         * Format: uri
                         * @description Where events are sent, as the service normalised it (host in lower case)
                         * @example https://shop.example.com/webhooks/order-intake
                         */
                        url: string;
                        /**
                         * @description The event types sent to it; null: every type, including types added later
                         * @example [
                         *       "order.created",
                         *       "order.updated"
                         *     ]
                         */
                        event_types: ("order.created" | "order.updated" | "submission.failed" | "order.erased" | "order.cancelled" | "invitation.scheduled" | "invitation.rescheduled" | "invitation.updated" | "invitation.cancelled" | "invitation.skipped" | "invitation.due")[] | null;
                        /**
                         * @description What the endpoint is for, as given; null: none
                         * @example Warehouse sync
                         */
                        description: string | null;
                        /**
                         * @description enabled: events are sent to it; disabled: its events are kept but not sent until the operator recovers it
                         * @example enabled
                         */
                        status: "enabled" | "disabled";
                        /**
                         * @description gone: it answered 410 Gone; failing: every attempt failed for days; null while enabled
                         * @example null
                         */
                        disabled_reason: "gone" | "failing" | null;
                        /**
                         * @description When it was disabled; null while enabled
                         * @example null
                         */
                        disabled_at: string | null;
                        /**
                         * @description When the first attempt that has failed since its last success was made; null when the last one succeeded
                         * @example null
                         */
                        failing_since: string | null;
                        /**
                         * Format: date-time
                         * @example 2026-11-28T04:53:50.846Z
                         */
                        created_at: string;
                        /**
                         * @description The signing secret (whsec_ and base64), shown in this answer only: store it now. Pass it to a Standard Webhooks library to verify the webhook-signature of each request
                         * @example whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw3R0v1P6ktF0=
                         */
                        secret: string;
                    };
                };
            };
            /** @description `invalid_trkref`: Invalid TRKREF supplied. `bad_request`: The request is malformed. `invalid_json`: Request body is not valid JSON. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthorized`: Unauthorized. */
            401: {
                headers: {
                    /** @description The authentication scheme to use: HTTP Basic with the API key id and its secret. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `not_found`: Not found. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `request_timeout`: The request did not arrive in time. */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `too_many_webhook_endpoints`: The organisation has as many webhook endpoints as it may have. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `payload_too_large`: Request body is larger than the endpoint's limit in bytes. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unsupported_media_type`: Send JSON with Content-Type: application/json. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `invalid_webhook_endpoint`: The webhook endpoint is invalid; invalid_params names each wrong member. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limited`: This API key has made too many requests; slow down and retry after the time given. `authentication_throttled`: Too many failed authentications from this client; retry after the time given. */
            429: {
                headers: {
                    /** @description What is left in the API key's bucket for this request, named `reads` (GET) or `submissions` (POST), and the seconds until it is full again (IETF httpapi RateLimit header fields draft). Sent on every authenticated answer while the key is limited; not with `429 authentication_throttled`, which is answered before the key is known. */
                    RateLimit?: string;
                    /** @description The bucket's limit, named as in `RateLimit`: the burst size as the quota and the seconds it takes to refill as the window. Reads and submissions are limited apart, so polling never uses up submissions. */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds to wait before retrying the same request. */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal_error`: Internal server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `store_unavailable`: The order could not be stored now; retry later. */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying the same request. */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The organisation: upper-case letters and digits in groups joined by single hyphens or underscores, at most 64 characters (400 invalid_trkref otherwise)
                 * @example DEMO
                 */
                trkref: string;
                /**
                 * @description The endpoint's id (we_…), as its creation or the listing answered it
                 * @example we_k5q2nd7xw3m4ra6tpz2hbjcy
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A webhook endpoint of the organisation */
            200: {
                headers: {
                    /** @description What is left in the API key's bucket for this request, named `reads` (GET) or `submissions` (POST), and the seconds until it is full again (IETF httpapi RateLimit header fields draft). Sent on every authenticated answer while the key is limited; not with `429 authentication_throttled`, which is answered before the key is known. */
                    RateLimit?: string;
                    /** @description The bucket's limit, named as in `RateLimit`: the burst size as the quota and the seconds it takes to refill as the window. Reads and submissions are limited apart, so polling never uses up submissions. */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "we_k5q2nd7xw3m4ra6tpz2hbjcy",
                     *       "url": "https://shop.example.com/webhooks/order-intake",
                     *       "event_types": [
                     *         "order.created",
                     *         "order.updated"
                     *       ],
                     *       "description": "Warehouse sync",
                     *       "status": "enabled",
                     *       "disabled_reason": null,
                     *       "disabled_at": null,
                     *       "failing_since": null,
                     *       "created_at": "2026-11-28T04:53:50.846Z"
                     *     }
                     */
                    "application/json": {
                        /**
                         * @description The endpoint's id: we_ and 24 characters
                         * @example we_k5q2nd7xw3m4ra6tpz2hbjcy
                         */
                        id: string;
                        /**
                         * Format: uri
                         * @description Where events are sent, as the service normalised it (host in lower case)
                         * @example https://shop.example.com/webhooks/order-intake
                         */
                        url: string;
                        /**
                         * @description The event types sent to it; null: every type, including types added later
                         * @example [
                         *       "order.created",
                         *       "order.updated"
                         *     ]
                         */
                        event_types: ("order.created" | "order.updated" | "submission.failed" | "order.erased" | "order.cancelled" | "invitation.scheduled" | "invitation.rescheduled" | "invitation.updated" | "invitation.cancelled" | "invitation.skipped" | "invitation.due")[] | null;
                        /**
                         * @description What the endpoint is for, as given; null: none
                         * @example Warehouse sync
                         */
                        description: string | null;
                        /**
                         * @description enabled: events are sent to it; disabled: its events are kept but not sent until the operator recovers it
                         * @example enabled
                         */
                        status: "enabled" | "disabled";
                        /**
                         * @description gone: it answered 410 Gone; failing: every attempt failed for days; null while enabled
                         * @example null
                         */
                        disabled_reason: "gone" | "failing" | null;
                        /**
                         * @description When it was disabled; null while enabled
                         * @example null
                         */
                        disabled_at: string | null;
                        /**
                         * @description When the first attempt that has failed since its last success was made; null when the last one succeeded
                         * @example null
                         */
                        failing_since: string | null;
                        /**
                         * Format: date-time
                         * @example 2026-11-28T04:53:50.846Z
                         */
                        created_at: string;
                    };
                };
            };
            /** @description `invalid_trkref`: Invalid TRKREF supplied. `bad_request`: The request is malformed. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthorized`: Unauthorized. */
            401: {
                headers: {
                    /** @description The authentication scheme to use: HTTP Basic with the API key id and its secret. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `not_found`: Not found. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limited`: This API key has made too many requests; slow down and retry after the time given. `authentication_throttled`: Too many failed authentications from this client; retry after the time given. */
            429: {
                headers: {
                    /** @description What is left in the API key's bucket for this request, named `reads` (GET) or `submissions` (POST), and the seconds until it is full again (IETF httpapi RateLimit header fields draft). Sent on every authenticated answer while the key is limited; not with `429 authentication_throttled`, which is answered before the key is known. */
                    RateLimit?: string;
                    /** @description The bucket's limit, named as in `RateLimit`: the burst size as the quota and the seconds it takes to refill as the window. Reads and submissions are limited apart, so polling never uses up submissions. */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds to wait before retrying the same request. */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal_error`: Internal server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The organisation: upper-case letters and digits in groups joined by single hyphens or underscores, at most 64 characters (400 invalid_trkref otherwise)
                 * @example DEMO
                 */
                trkref: string;
                /**
                 * @description The endpoint's id (we_…), as its creation or the listing answered it
                 * @example we_k5q2nd7xw3m4ra6tpz2hbjcy
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Removed: nothing more is sent to it */
            204: {
                headers: {
                    /** @description What is left in the API key's bucket for this request, named `reads` (GET) or `submissions` (POST), and the seconds until it is full again (IETF httpapi RateLimit header fields draft). Sent on every authenticated answer while the key is limited; not with `429 authentication_throttled`, which is answered before the key is known. */
                    RateLimit?: string;
                    /** @description The bucket's limit, named as in `RateLimit`: the burst size as the quota and the seconds it takes to refill as the window. Reads and submissions are limited apart, so polling never uses up submissions. */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `invalid_trkref`: Invalid TRKREF supplied. `bad_request`: The request is malformed. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthorized`: Unauthorized. */
            401: {
                headers: {
                    /** @description The authentication scheme to use: HTTP Basic with the API key id and its secret. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `not_found`: Not found. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limited`: This API key has made too many requests; slow down and retry after the time given. `authentication_throttled`: Too many failed authentications from this client; retry after the time given. */
            429: {
                headers: {
                    /** @description What is left in the API key's bucket for this request, named `reads` (GET) or `submissions` (POST), and the seconds until it is full again (IETF httpapi RateLimit header fields draft). Sent on every authenticated answer while the key is limited; not with `429 authentication_throttled`, which is answered before the key is known. */
                    RateLimit?: string;
                    /** @description The bucket's limit, named as in `RateLimit`: the burst size as the quota and the seconds it takes to refill as the window. Reads and submissions are limited apart, so polling never uses up submissions. */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds to wait before retrying the same request. */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal_error`: Internal server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `store_unavailable`: The order could not be stored now; retry later. */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying the same request. */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createErasureRequest: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The organisation: upper-case letters and digits in groups joined by single hyphens or underscores, at most 64 characters (400 invalid_trkref otherwise)
                 * @example DEMO
                 */
                trkref: string;
            };
            cookie?: never;
        };
        /** @description Exactly one of email, emails and customer_refs */
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * Format: email
                     * @description A customer's email, as the order document takes it; compared without regard to case or surrounding space
                     * @example jane.doe@example.com
                     */
                    email: string;
                } | {
                    /**
                     * @description Customers' emails, 1 to 1000; one named twice counts once
                     * @example [
                     *       "jane.doe@example.com",
                     *       "j.smith@example.org"
                     *     ]
                     */
                    emails: string[];
                } | {
                    /**
                     * @description Customers by customer_ref, 1 to 1000: every email their orders carried is erased too
                     * @example [
                     *       "CUST-000123"
                     *     ]
                     */
                    customer_refs: (string | number)[];
                };
            };
        };
        responses: {
            /** @description The request, recorded: it is carried out shortly, and its status tells when it has been */
            202: {
                headers: {
                    /** @description The request's own resource, to follow it */
                    Location?: string;
                    /** @description What is left in the API key's bucket for this request, named `reads` (GET) or `submissions` (POST), and the seconds until it is full again (IETF httpapi RateLimit header fields draft). Sent on every authenticated answer while the key is limited; not with `429 authentication_throttled`, which is answered before the key is known. */
                    RateLimit?: string;
                    /** @description The bucket's limit, named as in `RateLimit`: the burst size as the quota and the seconds it takes to refill as the window. Reads and submissions are limited apart, so polling never uses up submissions. */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "01a2209c-5b1e-7c3d-9a4f-2e6b8d0c1f37",
                     *       "status": "pending",
                     *       "requested_at": "2026-11-28T04:53:50.846Z",
                     *       "completed_at": null,
                     *       "subjects": 1,
                     *       "counts": null
                     *     }
                     */
                    "application/json": {
                        /**
                         * Format: uuid
                         * @description The request's id, for GET …/erasure_requests/{id}
                         * @example 01a2209c-5b1e-7c3d-9a4f-2e6b8d0c1f37
                         */
                        id: string;
                        /**
                         * @description pending: recorded, not yet carried out; completed: carried out, with its counts
                         * @example completed
                         */
                        status: "pending" | "completed";
                        /**
                         * Format: date-time
                         * @example 2026-11-28T04:53:50.846Z
                         */
                        requested_at: string;
                        /**
                         * @description When it was carried out; null while pending
                         * @example 2026-11-28T04:53:51.102Z
                         */
                        completed_at: string | null;
                        /**
                         * @description How many customers it names, each counted once (the same email in two spellings is one)
                         * @example 1
                         */
                        subjects: number;
                        /**
                         * @description What it erased, per kind of record; null while pending
                         * @example {
                         *       "orders": 2,
                         *       "order_items": 5,
                         *       "submissions": 3,
                         *       "pending_submissions": 0,
                         *       "events": 4,
                         *       "webhook_attempts": 2,
                         *       "idempotency_records": 0,
                         *       "suppressions": 1,
                         *       "invitations": 2
                         *     }
                         */
                        counts: {
                            /**
                             * @description Orders deleted, with their items
                             * @example 2
                             */
                            orders: number;
                            /**
                             * @description Items of those orders deleted
                             * @example 5
                             */
                            order_items: number;
                            /**
                             * @description Processed or failed submissions whose documents were replaced by the bare order_ref
                             * @example 3
                             */
                            submissions: number;
                            /**
                             * @description Submissions still waiting to be processed, emptied and failed as erased, so that none re-creates an order
                             * @example 0
                             */
                            pending_submissions: number;
                            /**
                             * @description Events whose data was redacted to {"erased": true}; they keep their place in the feed
                             * @example 4
                             */
                            events: number;
                            /**
                             * @description Webhook attempts of those events whose recorded answer or error was removed
                             * @example 2
                             */
                            webhook_attempts: number;
                            /**
                             * @description Idempotency records deleted because their answer held the customer's data (a batch's answer echoes each rejected order as sent)
                             * @example 0
                             */
                            idempotency_records: number;
                            /**
                             * @description Emails put on the organisation's suppression list
                             * @example 1
                             */
                            suppressions: number;
                            /**
                             * @description Review invitations of those orders that lost their customer and products (a scheduled one is skipped as erased)
                             * @example 2
                             */
                            invitations: number;
                        } | null;
                    };
                };
            };
            /** @description `invalid_trkref`: Invalid TRKREF supplied. `bad_request`: The request is malformed. `invalid_json`: Request body is not valid JSON. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthorized`: Unauthorized. */
            401: {
                headers: {
                    /** @description The authentication scheme to use: HTTP Basic with the API key id and its secret. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `not_found`: Not found. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `request_timeout`: The request did not arrive in time. */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `payload_too_large`: Request body is larger than the endpoint's limit in bytes. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unsupported_media_type`: Send JSON with Content-Type: application/json. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `invalid_erasure_request`: The erasure request is invalid; invalid_params names each wrong member or entry. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limited`: This API key has made too many requests; slow down and retry after the time given. `authentication_throttled`: Too many failed authentications from this client; retry after the time given. */
            429: {
                headers: {
                    /** @description What is left in the API key's bucket for this request, named `reads` (GET) or `submissions` (POST), and the seconds until it is full again (IETF httpapi RateLimit header fields draft). Sent on every authenticated answer while the key is limited; not with `429 authentication_throttled`, which is answered before the key is known. */
                    RateLimit?: string;
                    /** @description The bucket's limit, named as in `RateLimit`: the burst size as the quota and the seconds it takes to refill as the window. Reads and submissions are limited apart, so polling never uses up submissions. */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds to wait before retrying the same request. */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal_error`: Internal server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `store_unavailable`: The order could not be stored now; retry later. */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying the same request. */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getErasureRequest: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The organisation: upper-case letters and digits in groups joined by single hyphens or underscores, at most 64 characters (400 invalid_trkref otherwise)
                 * @example DEMO
                 */
                trkref: string;
                /**
                 * @description The request's id, from the 202 that recorded it (its Location header)
                 * @example 01a2209c-5b1e-7c3d-9a4f-2e6b8d0c1f37
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description An erasure request of the organisation */
            200: {
                headers: {
                    /** @description What is left in the API key's bucket for this request, named `reads` (GET) or `submissions` (POST), and the seconds until it is full again (IETF httpapi RateLimit header fields draft). Sent on every authenticated answer while the key is limited; not with `429 authentication_throttled`, which is answered before the key is known. */
                    RateLimit?: string;
                    /** @description The bucket's limit, named as in `RateLimit`: the burst size as the quota and the seconds it takes to refill as the window. Reads and submissions are limited apart, so polling never uses up submissions. */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "01a2209c-5b1e-7c3d-9a4f-2e6b8d0c1f37",
                     *       "status": "completed",
                     *       "requested_at": "2026-11-28T04:53:50.846Z",
                     *       "completed_at": "2026-11-28T04:53:51.102Z",
                     *       "subjects": 1,
                     *       "counts": {
                     *         "orders": 2,
                     *         "order_items": 5,
                     *         "submissions": 3,
                     *         "pending_submissions": 0,
                     *         "events": 4,
                     *         "webhook_attempts": 2,
                     *         "idempotency_records": 0,
                     *         "suppressions": 1,
                     *         "invitations": 2
                     *       }
                     *     }
                     */
                    "application/json": {
                        /**
                         * Format: uuid
                         * @description The request's id, for GET …/erasure_requests/{id}
                         * @example 01a2209c-5b1e-7c3d-9a4f-2e6b8d0c1f37
                         */
                        id: string;
                        /**
                         * @description pending: recorded, not yet carried out; completed: carried out, with its counts
                         * @example completed
                         */
                        status: "pending" | "completed";
                        /**
                         * Format: date-time
                         * @example 2026-11-28T04:53:50.846Z
                         */
                        requested_at: string;
                        /**
                         * @description When it was carried out; null while pending
                         * @example 2026-11-28T04:53:51.102Z
                         */
                        completed_at: string | null;
                        /**
                         * @description How many customers it names, each counted once (the same email in two spellings is one)
                         * @example 1
                         */
                        subjects: number;
                        /**
                         * @description What it erased, per kind of record; null while pending
                         * @example {
                         *       "orders": 2,
                         *       "order_items": 5,
                         *       "submissions": 3,
                         *       "pending_submissions": 0,
                         *       "events": 4,
                         *       "webhook_attempts": 2,
                         *       "idempotency_records": 0,
                         *       "suppressions": 1,
                         *       "invitations": 2
                         *     }
                         */
                        counts: {
                            /**
                             * @description Orders deleted, with their items
                             * @example 2
                             */
                            orders: number;
                            /**
                             * @description Items of those orders deleted
                             * @example 5
                             */
                            order_items: number;
                            /**
                             * @description Processed or failed submissions whose documents were replaced by the bare order_ref
                             * @example 3
                             */
                            submissions: number;
                            /**
                             * @description Submissions still waiting to be processed, emptied and failed as erased, so that none re-creates an order
                             * @example 0
                             */
                            pending_submissions: number;
                            /**
                             * @description Events whose data was redacted to {"erased": true}; they keep their place in the feed
                             * @example 4
                             */
                            events: number;
                            /**
                             * @description Webhook attempts of those events whose recorded answer or error was removed
                             * @example 2
                             */
                            webhook_attempts: number;
                            /**
                             * @description Idempotency records deleted because their answer held the customer's data (a batch's answer echoes each rejected order as sent)
                             * @example 0
                             */
                            idempotency_records: number;
                            /**
                             * @description Emails put on the organisation's suppression list
                             * @example 1
                             */
                            suppressions: number;
                            /**
                             * @description Review invitations of those orders that lost their customer and products (a scheduled one is skipped as erased)
                             * @example 2
                             */
                            invitations: number;
                        } | null;
                    };
                };
            };
            /** @description `invalid_trkref`: Invalid TRKREF supplied. `bad_request`: The request is malformed. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthorized`: Unauthorized. */
            401: {
                headers: {
                    /** @description The authentication scheme to use: HTTP Basic with the API key id and its secret. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `not_found`: Not found. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limited`: This API key has made too many requests; slow down and retry after the time given. `authentication_throttled`: Too many failed authentications from this client; retry after the time given. */
            429: {
                headers: {
                    /** @description What is left in the API key's bucket for this request, named `reads` (GET) or `submissions` (POST), and the seconds until it is full again (IETF httpapi RateLimit header fields draft). Sent on every authenticated answer while the key is limited; not with `429 authentication_throttled`, which is answered before the key is known. */
                    RateLimit?: string;
                    /** @description The bucket's limit, named as in `RateLimit`: the burst size as the quota and the seconds it takes to refill as the window. Reads and submissions are limited apart, so polling never uses up submissions. */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds to wait before retrying the same request. */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal_error`: Internal server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `store_unavailable`: The order could not be stored now; retry later. */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying the same request. */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    addSuppressions: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The organisation: upper-case letters and digits in groups joined by single hyphens or underscores, at most 64 characters (400 invalid_trkref otherwise)
                 * @example DEMO
                 */
                trkref: string;
            };
            cookie?: never;
        };
        /** @description Exactly one of email and emails */
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "emails": [
                 *         "jane.doe@example.com",
                 *         "j.smith@example.org"
                 *       ]
                 *     }
                 */
                "application/json": {
                    /**
                     * Format: email
                     * @description A customer's email, as the order document takes it; compared without regard to case or surrounding space
                     * @example jane.doe@example.com
                     */
                    email: string;
                } | {
                    /**
                     * @description Customers' emails, 1 to 1000; one named twice counts once
                     * @example [
                     *       "jane.doe@example.com",
                     *       "j.smith@example.org"
                     *     ]
                     */
                    emails: string[];
                };
            };
        };
        responses: {
            /** @description What the request added to the list */
            200: {
                headers: {
                    /** @description What is left in the API key's bucket for this request, named `reads` (GET) or `submissions` (POST), and the seconds until it is full again (IETF httpapi RateLimit header fields draft). Sent on every authenticated answer while the key is limited; not with `429 authentication_throttled`, which is answered before the key is known. */
                    RateLimit?: string;
                    /** @description The bucket's limit, named as in `RateLimit`: the burst size as the quota and the seconds it takes to refill as the window. Reads and submissions are limited apart, so polling never uses up submissions. */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "added": 1,
                     *       "already_suppressed": 1
                     *     }
                     */
                    "application/json": {
                        /**
                         * @description Emails put on the list by this request
                         * @example 1
                         */
                        added: number;
                        /**
                         * @description Emails that were on the list already (for whatever reason), left as they were
                         * @example 1
                         */
                        already_suppressed: number;
                    };
                };
            };
            /** @description `invalid_trkref`: Invalid TRKREF supplied. `bad_request`: The request is malformed. `invalid_json`: Request body is not valid JSON. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthorized`: Unauthorized. */
            401: {
                headers: {
                    /** @description The authentication scheme to use: HTTP Basic with the API key id and its secret. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `not_found`: Not found. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `request_timeout`: The request did not arrive in time. */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `payload_too_large`: Request body is larger than the endpoint's limit in bytes. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unsupported_media_type`: Send JSON with Content-Type: application/json. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `invalid_suppression_request`: The suppression request is invalid; invalid_params names each wrong member or entry. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limited`: This API key has made too many requests; slow down and retry after the time given. `authentication_throttled`: Too many failed authentications from this client; retry after the time given. */
            429: {
                headers: {
                    /** @description What is left in the API key's bucket for this request, named `reads` (GET) or `submissions` (POST), and the seconds until it is full again (IETF httpapi RateLimit header fields draft). Sent on every authenticated answer while the key is limited; not with `429 authentication_throttled`, which is answered before the key is known. */
                    RateLimit?: string;
                    /** @description The bucket's limit, named as in `RateLimit`: the burst size as the quota and the seconds it takes to refill as the window. Reads and submissions are limited apart, so polling never uses up submissions. */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds to wait before retrying the same request. */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal_error`: Internal server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `store_unavailable`: The order could not be stored now; retry later. */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying the same request. */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    cancelCustomerOrder: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The organisation: upper-case letters and digits in groups joined by single hyphens or underscores, at most 64 characters (400 invalid_trkref otherwise)
                 * @example DEMO
                 */
                trkref: string;
                /**
                 * @description The order_ref as sent, URL-encoded
                 * @example ORD-2021-000123
                 */
                order_ref: string;
            };
            cookie?: never;
        };
        /** @description The whole order, or some of its SKUs; an empty body cancels the whole order */
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description What happened to the order: cancelled (the default), refunded or returned
                     * @example refunded
                     */
                    reason?: "cancelled" | "refunded" | "returned";
                    /**
                     * @description Only these SKUs (1 to 500); leave it out to cancel the whole order
                     * @example [
                     *       "MUG-001"
                     *     ]
                     */
                    skus?: (string | number)[];
                };
            };
        };
        responses: {
            /** @description The order's cancellation, and its invitation */
            200: {
                headers: {
                    /** @description What is left in the API key's bucket for this request, named `reads` (GET) or `submissions` (POST), and the seconds until it is full again (IETF httpapi RateLimit header fields draft). Sent on every authenticated answer while the key is limited; not with `429 authentication_throttled`, which is answered before the key is known. */
                    RateLimit?: string;
                    /** @description The bucket's limit, named as in `RateLimit`: the burst size as the quota and the seconds it takes to refill as the window. Reads and submissions are limited apart, so polling never uses up submissions. */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "order_ref": "ORD-2021-000123",
                     *       "cancellation": {
                     *         "reason": "returned",
                     *         "whole": false,
                     *         "skus": [
                     *           "MUG-001"
                     *         ],
                     *         "cancelled_at": "2026-11-29T10:12:00.000Z"
                     *       },
                     *       "invitation": {
                     *         "id": "01a2209f-3c4d-7e5f-8a6b-7c8d9e0f1a2b",
                     *         "order_ref": "ORD-2021-000123",
                     *         "status": "scheduled",
                     *         "reason": null,
                     *         "trigger_date": "2026-11-27",
                     *         "due_at": "2026-12-04T09:00:00.000Z",
                     *         "products": [
                     *           {
                     *             "sku": "TSHIRT-BLUE-M",
                     *             "price": "55.99",
                     *             "currency": "GBP"
                     *           }
                     *         ],
                     *         "created_at": "2026-11-28T04:53:50.848Z",
                     *         "updated_at": "2026-11-28T04:53:50.848Z",
                     *         "released_at": null,
                     *         "delivery": null
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @description The order */
                        order_ref: string;
                        /** @description The order's cancellation as it now stands; null when nothing is cancelled (only SKUs the order does not have were named) */
                        cancellation: {
                            /** @description As the merchant reported it */
                            reason: "cancelled" | "refunded" | "returned";
                            /** @description The whole order is cancelled: its invitation will not be sent */
                            whole: boolean;
                            /** @description The SKUs cancelled so far, left out of its invitation; empty when whole */
                            skus: string[];
                            /**
                             * Format: date-time
                             * @description When it was last reported
                             */
                            cancelled_at: string;
                        } | null;
                        /** @description The order's invitation as the cancellation left it; null when it has none */
                        invitation: {
                            /**
                             * Format: uuid
                             * @description The invitation's id (UUID v7: creation order)
                             */
                            id: string;
                            /** @description The order it invites the customer to review */
                            order_ref: string;
                            /** @description scheduled (waiting for due_at), due (handed to the mailer), skipped (not sent: see reason) or cancelled */
                            status: "scheduled" | "due" | "skipped" | "cancelled";
                            /** @description Why it was skipped (too_old, suppressed, cancelled, capped, erased, no_products) or cancelled (its order's reason: cancelled, refunded, returned; requested: the invitation alone); null otherwise */
                            reason: "too_old" | "suppressed" | "cancelled" | "capped" | "erased" | "no_products" | "refunded" | "returned" | "requested" | null;
                            /**
                             * @description The date its delay counts from: the fulfilment date, else the order date
                             * @example 2026-11-27
                             */
                            trigger_date: string | null;
                            /**
                             * @description When it is (or was) due; null for one skipped before it had a time
                             * @example 2026-12-04T09:00:00.000Z
                             */
                            due_at: string | null;
                            /** @description What the customer is asked to review, highest price first, at most 5 */
                            products: {
                                /** @description As the order has it */
                                sku: string;
                                /** @description The order's price for it, decimal with a dot */
                                price?: string;
                                /** @description ISO 4217 */
                                currency?: string;
                            }[];
                            /** Format: date-time */
                            created_at: string;
                            /** Format: date-time */
                            updated_at: string;
                            /**
                             * @description When it became due, or was skipped at its due time
                             * @example 2026-12-04T09:00:01.250Z
                             */
                            released_at: string | null;
                            /** @description What the mailer last reported of it; null until it reports */
                            delivery: {
                                status: "sent" | "bounced" | "complained";
                                /** Format: date-time */
                                reported_at: string;
                            } | null;
                        } | null;
                    };
                };
            };
            /** @description `invalid_trkref`: Invalid TRKREF supplied. `bad_request`: The request is malformed. `invalid_json`: Request body is not valid JSON. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthorized`: Unauthorized. */
            401: {
                headers: {
                    /** @description The authentication scheme to use: HTTP Basic with the API key id and its secret. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `not_found`: Not found. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `request_timeout`: The request did not arrive in time. */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `order_not_processed`: The order's first submission is not processed yet; retry after the time given. */
            409: {
                headers: {
                    /** @description Seconds to wait before retrying the same request. */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `payload_too_large`: Request body is larger than the endpoint's limit in bytes. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unsupported_media_type`: Send JSON with Content-Type: application/json. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `invalid_cancellation`: The cancellation is invalid; invalid_params names each wrong member. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limited`: This API key has made too many requests; slow down and retry after the time given. `authentication_throttled`: Too many failed authentications from this client; retry after the time given. */
            429: {
                headers: {
                    /** @description What is left in the API key's bucket for this request, named `reads` (GET) or `submissions` (POST), and the seconds until it is full again (IETF httpapi RateLimit header fields draft). Sent on every authenticated answer while the key is limited; not with `429 authentication_throttled`, which is answered before the key is known. */
                    RateLimit?: string;
                    /** @description The bucket's limit, named as in `RateLimit`: the burst size as the quota and the seconds it takes to refill as the window. Reads and submissions are limited apart, so polling never uses up submissions. */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds to wait before retrying the same request. */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal_error`: Internal server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `store_unavailable`: The order could not be stored now; retry later. */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying the same request. */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listInvitations: {
        parameters: {
            query?: {
                /** @description Only invitations in this status: scheduled, due, skipped, cancelled */
                status?: "scheduled" | "due" | "skipped" | "cancelled";
                /** @description Only the invitation of this order */
                order_ref?: string;
                /** @description Only invitations due strictly before this instant: ISO 8601 with a UTC offset (in a URL, write + as %2B) */
                due_before?: string;
                /**
                 * @description Invitations per page, 1 to 100 (20 unless given); more is refused with 400
                 * @example 20
                 */
                limit?: number;
                /** @description The next of the previous page, as received; send the same filters as that request (limit may change), or the cursor is refused with 400 */
                cursor?: string;
            };
            header?: never;
            path: {
                /**
                 * @description The organisation: upper-case letters and digits in groups joined by single hyphens or underscores, at most 64 characters (400 invalid_trkref otherwise)
                 * @example DEMO
                 */
                trkref: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of the organisation's invitations, in the order they were created */
            200: {
                headers: {
                    /** @description What is left in the API key's bucket for this request, named `reads` (GET) or `submissions` (POST), and the seconds until it is full again (IETF httpapi RateLimit header fields draft). Sent on every authenticated answer while the key is limited; not with `429 authentication_throttled`, which is answered before the key is known. */
                    RateLimit?: string;
                    /** @description The bucket's limit, named as in `RateLimit`: the burst size as the quota and the seconds it takes to refill as the window. Reads and submissions are limited apart, so polling never uses up submissions. */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": [
                     *         {
                     *           "id": "01a2209f-3c4d-7e5f-8a6b-7c8d9e0f1a2b",
                     *           "order_ref": "ORD-2021-000123",
                     *           "status": "scheduled",
                     *           "reason": null,
                     *           "trigger_date": "2026-11-27",
                     *           "due_at": "2026-12-04T09:00:00.000Z",
                     *           "products": [
                     *             {
                     *               "sku": "TSHIRT-BLUE-M",
                     *               "price": "55.99",
                     *               "currency": "GBP"
                     *             },
                     *             {
                     *               "sku": "MUG-001",
                     *               "price": "12.5",
                     *               "currency": "GBP"
                     *             }
                     *           ],
                     *           "created_at": "2026-11-28T04:53:50.848Z",
                     *           "updated_at": "2026-11-28T04:53:50.848Z",
                     *           "released_at": null,
                     *           "delivery": null
                     *         }
                     *       ],
                     *       "next": "eyJ2IjoxLCJsIjoiZXhhbXBsZSIsInAiOlsiMDFhMjIwOWYtM2M0ZC03ZTVmLThhNmItN2M4ZDllMGYxYTJiIl19"
                     *     }
                     */
                    "application/json": {
                        /** @description The page's invitations, oldest first */
                        data: {
                            /**
                             * Format: uuid
                             * @description The invitation's id (UUID v7: creation order)
                             */
                            id: string;
                            /** @description The order it invites the customer to review */
                            order_ref: string;
                            /** @description scheduled (waiting for due_at), due (handed to the mailer), skipped (not sent: see reason) or cancelled */
                            status: "scheduled" | "due" | "skipped" | "cancelled";
                            /** @description Why it was skipped (too_old, suppressed, cancelled, capped, erased, no_products) or cancelled (its order's reason: cancelled, refunded, returned; requested: the invitation alone); null otherwise */
                            reason: "too_old" | "suppressed" | "cancelled" | "capped" | "erased" | "no_products" | "refunded" | "returned" | "requested" | null;
                            /**
                             * @description The date its delay counts from: the fulfilment date, else the order date
                             * @example 2026-11-27
                             */
                            trigger_date: string | null;
                            /**
                             * @description When it is (or was) due; null for one skipped before it had a time
                             * @example 2026-12-04T09:00:00.000Z
                             */
                            due_at: string | null;
                            /** @description What the customer is asked to review, highest price first, at most 5 */
                            products: {
                                /** @description As the order has it */
                                sku: string;
                                /** @description The order's price for it, decimal with a dot */
                                price?: string;
                                /** @description ISO 4217 */
                                currency?: string;
                            }[];
                            /** Format: date-time */
                            created_at: string;
                            /** Format: date-time */
                            updated_at: string;
                            /**
                             * @description When it became due, or was skipped at its due time
                             * @example 2026-12-04T09:00:01.250Z
                             */
                            released_at: string | null;
                            /** @description What the mailer last reported of it; null until it reports */
                            delivery: {
                                status: "sent" | "bounced" | "complained";
                                /** Format: date-time */
                                reported_at: string;
                            } | null;
                        }[];
                        /** @description The cursor of the next page (send it as cursor); null on the last page */
                        next: string | null;
                    };
                };
            };
            /** @description `invalid_trkref`: Invalid TRKREF supplied. `bad_request`: The request is malformed. `invalid_query`: One or more query parameters are wrong; invalid_params names each. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthorized`: Unauthorized. */
            401: {
                headers: {
                    /** @description The authentication scheme to use: HTTP Basic with the API key id and its secret. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `not_found`: Not found. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limited`: This API key has made too many requests; slow down and retry after the time given. `authentication_throttled`: Too many failed authentications from this client; retry after the time given. */
            429: {
                headers: {
                    /** @description What is left in the API key's bucket for this request, named `reads` (GET) or `submissions` (POST), and the seconds until it is full again (IETF httpapi RateLimit header fields draft). Sent on every authenticated answer while the key is limited; not with `429 authentication_throttled`, which is answered before the key is known. */
                    RateLimit?: string;
                    /** @description The bucket's limit, named as in `RateLimit`: the burst size as the quota and the seconds it takes to refill as the window. Reads and submissions are limited apart, so polling never uses up submissions. */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds to wait before retrying the same request. */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal_error`: Internal server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getInvitation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The organisation: upper-case letters and digits in groups joined by single hyphens or underscores, at most 64 characters (400 invalid_trkref otherwise)
                 * @example DEMO
                 */
                trkref: string;
                /**
                 * @description The invitation's id, from the listing or an invitation event
                 * @example 01a2209f-3c4d-7e5f-8a6b-7c8d9e0f1a2b
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A review invitation of one of the organisation's orders */
            200: {
                headers: {
                    /** @description What is left in the API key's bucket for this request, named `reads` (GET) or `submissions` (POST), and the seconds until it is full again (IETF httpapi RateLimit header fields draft). Sent on every authenticated answer while the key is limited; not with `429 authentication_throttled`, which is answered before the key is known. */
                    RateLimit?: string;
                    /** @description The bucket's limit, named as in `RateLimit`: the burst size as the quota and the seconds it takes to refill as the window. Reads and submissions are limited apart, so polling never uses up submissions. */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "01a2209f-3c4d-7e5f-8a6b-7c8d9e0f1a2b",
                     *       "order_ref": "ORD-2021-000123",
                     *       "status": "scheduled",
                     *       "reason": null,
                     *       "trigger_date": "2026-11-27",
                     *       "due_at": "2026-12-04T09:00:00.000Z",
                     *       "products": [
                     *         {
                     *           "sku": "TSHIRT-BLUE-M",
                     *           "price": "55.99",
                     *           "currency": "GBP"
                     *         },
                     *         {
                     *           "sku": "MUG-001",
                     *           "price": "12.5",
                     *           "currency": "GBP"
                     *         }
                     *       ],
                     *       "created_at": "2026-11-28T04:53:50.848Z",
                     *       "updated_at": "2026-11-28T04:53:50.848Z",
                     *       "released_at": null,
                     *       "delivery": null
                     *     }
                     */
                    "application/json": {
                        /**
                         * Format: uuid
                         * @description The invitation's id (UUID v7: creation order)
                         */
                        id: string;
                        /** @description The order it invites the customer to review */
                        order_ref: string;
                        /** @description scheduled (waiting for due_at), due (handed to the mailer), skipped (not sent: see reason) or cancelled */
                        status: "scheduled" | "due" | "skipped" | "cancelled";
                        /** @description Why it was skipped (too_old, suppressed, cancelled, capped, erased, no_products) or cancelled (its order's reason: cancelled, refunded, returned; requested: the invitation alone); null otherwise */
                        reason: "too_old" | "suppressed" | "cancelled" | "capped" | "erased" | "no_products" | "refunded" | "returned" | "requested" | null;
                        /**
                         * @description The date its delay counts from: the fulfilment date, else the order date
                         * @example 2026-11-27
                         */
                        trigger_date: string | null;
                        /**
                         * @description When it is (or was) due; null for one skipped before it had a time
                         * @example 2026-12-04T09:00:00.000Z
                         */
                        due_at: string | null;
                        /** @description What the customer is asked to review, highest price first, at most 5 */
                        products: {
                            /** @description As the order has it */
                            sku: string;
                            /** @description The order's price for it, decimal with a dot */
                            price?: string;
                            /** @description ISO 4217 */
                            currency?: string;
                        }[];
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                        /**
                         * @description When it became due, or was skipped at its due time
                         * @example 2026-12-04T09:00:01.250Z
                         */
                        released_at: string | null;
                        /** @description What the mailer last reported of it; null until it reports */
                        delivery: {
                            status: "sent" | "bounced" | "complained";
                            /** Format: date-time */
                            reported_at: string;
                        } | null;
                    };
                };
            };
            /** @description `invalid_trkref`: Invalid TRKREF supplied. `bad_request`: The request is malformed. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthorized`: Unauthorized. */
            401: {
                headers: {
                    /** @description The authentication scheme to use: HTTP Basic with the API key id and its secret. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `not_found`: Not found. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limited`: This API key has made too many requests; slow down and retry after the time given. `authentication_throttled`: Too many failed authentications from this client; retry after the time given. */
            429: {
                headers: {
                    /** @description What is left in the API key's bucket for this request, named `reads` (GET) or `submissions` (POST), and the seconds until it is full again (IETF httpapi RateLimit header fields draft). Sent on every authenticated answer while the key is limited; not with `429 authentication_throttled`, which is answered before the key is known. */
                    RateLimit?: string;
                    /** @description The bucket's limit, named as in `RateLimit`: the burst size as the quota and the seconds it takes to refill as the window. Reads and submissions are limited apart, so polling never uses up submissions. */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds to wait before retrying the same request. */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal_error`: Internal server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    cancelInvitation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The organisation: upper-case letters and digits in groups joined by single hyphens or underscores, at most 64 characters (400 invalid_trkref otherwise)
                 * @example DEMO
                 */
                trkref: string;
                /**
                 * @description The invitation's id, from the listing or an invitation event
                 * @example 01a2209f-3c4d-7e5f-8a6b-7c8d9e0f1a2b
                 */
                id: string;
            };
            cookie?: never;
        };
        /** @description No members: send no body, or {} */
        requestBody: {
            content: {
                /** @example {} */
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description The invitation, cancelled: it will not be sent */
            200: {
                headers: {
                    /** @description What is left in the API key's bucket for this request, named `reads` (GET) or `submissions` (POST), and the seconds until it is full again (IETF httpapi RateLimit header fields draft). Sent on every authenticated answer while the key is limited; not with `429 authentication_throttled`, which is answered before the key is known. */
                    RateLimit?: string;
                    /** @description The bucket's limit, named as in `RateLimit`: the burst size as the quota and the seconds it takes to refill as the window. Reads and submissions are limited apart, so polling never uses up submissions. */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "01a2209f-3c4d-7e5f-8a6b-7c8d9e0f1a2b",
                     *       "order_ref": "ORD-2021-000123",
                     *       "status": "cancelled",
                     *       "reason": "requested",
                     *       "trigger_date": "2026-11-27",
                     *       "due_at": "2026-12-04T09:00:00.000Z",
                     *       "products": [
                     *         {
                     *           "sku": "TSHIRT-BLUE-M",
                     *           "price": "55.99",
                     *           "currency": "GBP"
                     *         },
                     *         {
                     *           "sku": "MUG-001",
                     *           "price": "12.5",
                     *           "currency": "GBP"
                     *         }
                     *       ],
                     *       "created_at": "2026-11-28T04:53:50.848Z",
                     *       "updated_at": "2026-11-29T10:12:00.000Z",
                     *       "released_at": null,
                     *       "delivery": null
                     *     }
                     */
                    "application/json": {
                        /**
                         * Format: uuid
                         * @description The invitation's id (UUID v7: creation order)
                         */
                        id: string;
                        /** @description The order it invites the customer to review */
                        order_ref: string;
                        /** @description scheduled (waiting for due_at), due (handed to the mailer), skipped (not sent: see reason) or cancelled */
                        status: "scheduled" | "due" | "skipped" | "cancelled";
                        /** @description Why it was skipped (too_old, suppressed, cancelled, capped, erased, no_products) or cancelled (its order's reason: cancelled, refunded, returned; requested: the invitation alone); null otherwise */
                        reason: "too_old" | "suppressed" | "cancelled" | "capped" | "erased" | "no_products" | "refunded" | "returned" | "requested" | null;
                        /**
                         * @description The date its delay counts from: the fulfilment date, else the order date
                         * @example 2026-11-27
                         */
                        trigger_date: string | null;
                        /**
                         * @description When it is (or was) due; null for one skipped before it had a time
                         * @example 2026-12-04T09:00:00.000Z
                         */
                        due_at: string | null;
                        /** @description What the customer is asked to review, highest price first, at most 5 */
                        products: {
                            /** @description As the order has it */
                            sku: string;
                            /** @description The order's price for it, decimal with a dot */
                            price?: string;
                            /** @description ISO 4217 */
                            currency?: string;
                        }[];
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                        /**
                         * @description When it became due, or was skipped at its due time
                         * @example 2026-12-04T09:00:01.250Z
                         */
                        released_at: string | null;
                        /** @description What the mailer last reported of it; null until it reports */
                        delivery: {
                            status: "sent" | "bounced" | "complained";
                            /** Format: date-time */
                            reported_at: string;
                        } | null;
                    };
                };
            };
            /** @description `invalid_trkref`: Invalid TRKREF supplied. `bad_request`: The request is malformed. `invalid_json`: Request body is not valid JSON. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthorized`: Unauthorized. */
            401: {
                headers: {
                    /** @description The authentication scheme to use: HTTP Basic with the API key id and its secret. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `not_found`: Not found. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `request_timeout`: The request did not arrive in time. */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `invitation_not_cancellable`: The invitation is due or skipped already: too late to cancel it. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `payload_too_large`: Request body is larger than the endpoint's limit in bytes. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unsupported_media_type`: Send JSON with Content-Type: application/json. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `invalid_cancellation`: The cancellation is invalid; invalid_params names each wrong member. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limited`: This API key has made too many requests; slow down and retry after the time given. `authentication_throttled`: Too many failed authentications from this client; retry after the time given. */
            429: {
                headers: {
                    /** @description What is left in the API key's bucket for this request, named `reads` (GET) or `submissions` (POST), and the seconds until it is full again (IETF httpapi RateLimit header fields draft). Sent on every authenticated answer while the key is limited; not with `429 authentication_throttled`, which is answered before the key is known. */
                    RateLimit?: string;
                    /** @description The bucket's limit, named as in `RateLimit`: the burst size as the quota and the seconds it takes to refill as the window. Reads and submissions are limited apart, so polling never uses up submissions. */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds to wait before retrying the same request. */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal_error`: Internal server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `store_unavailable`: The order could not be stored now; retry later. */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying the same request. */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    reportInvitationDelivery: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The invitation's id, from the listing or an invitation event
                 * @example 01a2209f-3c4d-7e5f-8a6b-7c8d9e0f1a2b
                 */
                id: string;
            };
            cookie?: never;
        };
        /** @description What the mailer did */
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "status": "bounced"
                 *     }
                 */
                "application/json": {
                    /**
                     * @description sent, or bounced or complained: the customer is then suppressed
                     * @example sent
                     */
                    status: "sent" | "bounced" | "complained";
                };
            };
        };
        responses: {
            /** @description The invitation with its delivery */
            200: {
                headers: {
                    /** @description What is left in the API key's bucket for this request, named `reads` (GET) or `submissions` (POST), and the seconds until it is full again (IETF httpapi RateLimit header fields draft). Sent on every authenticated answer while the key is limited; not with `429 authentication_throttled`, which is answered before the key is known. */
                    RateLimit?: string;
                    /** @description The bucket's limit, named as in `RateLimit`: the burst size as the quota and the seconds it takes to refill as the window. Reads and submissions are limited apart, so polling never uses up submissions. */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "invitation": {
                     *         "id": "01a2209f-3c4d-7e5f-8a6b-7c8d9e0f1a2b",
                     *         "order_ref": "ORD-2021-000123",
                     *         "status": "due",
                     *         "reason": null,
                     *         "trigger_date": "2026-11-27",
                     *         "due_at": "2026-12-04T09:00:00.000Z",
                     *         "products": [
                     *           {
                     *             "sku": "TSHIRT-BLUE-M",
                     *             "price": "55.99",
                     *             "currency": "GBP"
                     *           },
                     *           {
                     *             "sku": "MUG-001",
                     *             "price": "12.5",
                     *             "currency": "GBP"
                     *           }
                     *         ],
                     *         "created_at": "2026-11-28T04:53:50.848Z",
                     *         "updated_at": "2026-12-04T09:05:12.000Z",
                     *         "released_at": "2026-12-04T09:00:01.250Z",
                     *         "delivery": {
                     *           "status": "sent",
                     *           "reported_at": "2026-12-04T09:05:12.000Z"
                     *         }
                     *       },
                     *       "suppressed": false
                     *     }
                     */
                    "application/json": {
                        /**
                         * @description A review invitation of one of the organisation's orders
                         * @example {
                         *       "id": "01a2209f-3c4d-7e5f-8a6b-7c8d9e0f1a2b",
                         *       "order_ref": "ORD-2021-000123",
                         *       "status": "scheduled",
                         *       "reason": null,
                         *       "trigger_date": "2026-11-27",
                         *       "due_at": "2026-12-04T09:00:00.000Z",
                         *       "products": [
                         *         {
                         *           "sku": "TSHIRT-BLUE-M",
                         *           "price": "55.99",
                         *           "currency": "GBP"
                         *         },
                         *         {
                         *           "sku": "MUG-001",
                         *           "price": "12.5",
                         *           "currency": "GBP"
                         *         }
                         *       ],
                         *       "created_at": "2026-11-28T04:53:50.848Z",
                         *       "updated_at": "2026-11-28T04:53:50.848Z",
                         *       "released_at": null,
                         *       "delivery": null
                         *     }
                         */
                        invitation: {
                            /**
                             * Format: uuid
                             * @description The invitation's id (UUID v7: creation order)
                             */
                            id: string;
                            /** @description The order it invites the customer to review */
                            order_ref: string;
                            /** @description scheduled (waiting for due_at), due (handed to the mailer), skipped (not sent: see reason) or cancelled */
                            status: "scheduled" | "due" | "skipped" | "cancelled";
                            /** @description Why it was skipped (too_old, suppressed, cancelled, capped, erased, no_products) or cancelled (its order's reason: cancelled, refunded, returned; requested: the invitation alone); null otherwise */
                            reason: "too_old" | "suppressed" | "cancelled" | "capped" | "erased" | "no_products" | "refunded" | "returned" | "requested" | null;
                            /**
                             * @description The date its delay counts from: the fulfilment date, else the order date
                             * @example 2026-11-27
                             */
                            trigger_date: string | null;
                            /**
                             * @description When it is (or was) due; null for one skipped before it had a time
                             * @example 2026-12-04T09:00:00.000Z
                             */
                            due_at: string | null;
                            /** @description What the customer is asked to review, highest price first, at most 5 */
                            products: {
                                /** @description As the order has it */
                                sku: string;
                                /** @description The order's price for it, decimal with a dot */
                                price?: string;
                                /** @description ISO 4217 */
                                currency?: string;
                            }[];
                            /** Format: date-time */
                            created_at: string;
                            /** Format: date-time */
                            updated_at: string;
                            /**
                             * @description When it became due, or was skipped at its due time
                             * @example 2026-12-04T09:00:01.250Z
                             */
                            released_at: string | null;
                            /** @description What the mailer last reported of it; null until it reports */
                            delivery: {
                                status: "sent" | "bounced" | "complained";
                                /** Format: date-time */
                                reported_at: string;
                            } | null;
                        };
                        /** @description The report put the customer on the organisation's suppression list (a bounce or complaint) */
                        suppressed: boolean;
                    };
                };
            };
            /** @description `bad_request`: The request is malformed. `invalid_json`: Request body is not valid JSON. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthorized`: Unauthorized. */
            401: {
                headers: {
                    /** @description The authentication scheme to use: HTTP Basic with the API key id and its secret. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `not_found`: Not found. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `request_timeout`: The request did not arrive in time. */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `invitation_not_due`: The invitation is not due: nothing was sent to report on. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `payload_too_large`: Request body is larger than the endpoint's limit in bytes. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unsupported_media_type`: Send JSON with Content-Type: application/json. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `invalid_delivery_report`: The delivery report is invalid; invalid_params names each wrong member. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limited`: This API key has made too many requests; slow down and retry after the time given. `authentication_throttled`: Too many failed authentications from this client; retry after the time given. */
            429: {
                headers: {
                    /** @description What is left in the API key's bucket for this request, named `reads` (GET) or `submissions` (POST), and the seconds until it is full again (IETF httpapi RateLimit header fields draft). Sent on every authenticated answer while the key is limited; not with `429 authentication_throttled`, which is answered before the key is known. */
                    RateLimit?: string;
                    /** @description The bucket's limit, named as in `RateLimit`: the burst size as the quota and the seconds it takes to refill as the window. Reads and submissions are limited apart, so polling never uses up submissions. */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds to wait before retrying the same request. */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal_error`: Internal server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `store_unavailable`: The order could not be stored now; retry later. */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying the same request. */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
}
