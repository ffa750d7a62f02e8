import type { FastifyInstance } from "fastify";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { RetentionSweep } from "../processing/privacy-retention.js";
import type { WebhookDeliveryMetrics } from "../processing/webhook-deliverer.js";
import type { ReleaseReport } from "../storage/invitation-store.js";
import { ERASED_RECORD_KINDS, type ErasureCounts } from "../storage/privacy-store.js";
import type { ProcessingReport } from "../storage/processing-io.js";
import type { SubmissionStore } from "../storage/submission-store.js";
import type { BacklogCeiling } from "./backlog-ceiling.js";

/** What the metrics read from the rest of the service when they are scraped. */
export interface MetricsSources {
  store: Pick<SubmissionStore, "countPendingSubmissions" | "oldestPendingAcceptedAt">;
  /** Submissions waiting for a commit in this process. */
  pendingCommits: () => number;
  /** The ceiling on submissions waiting to be processed, and this process's estimate of them. */
  backlog: Pick<BacklogCeiling, "maxBacklog" | "estimate">;
  now: () => Date;
}

/**
 * The Prometheus metrics of one app: requests by route and status, group commits (size and duration), the
 * commit queue, the processing backlog and its ceiling. Gauges that need the database are read at scrape
 * time only.
 */
export function createMetrics(sources: MetricsSources) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "order_intake_" });
  const requests = new Counter({
    name: "order_intake_http_requests_total",
    help: "HTTP requests answered, by route, method and status",
    labelNames: ["route", "method", "status"] as const,
    registers: [registry],
  });
  const storeFailures = new Counter({
    name: "order_intake_store_failures_total",
    help: "Requests answered 503 store_unavailable because the store could not serve them",
    registers: [registry],
  });
  const processed = new Counter({
    name: "order_intake_submissions_processed_total",
    help: "Submissions this process applied to their orders, by outcome",
    labelNames: ["outcome"] as const,
    registers: [registry],
  });
  const failed = new Counter({
    name: "order_intake_submission_failures_total",
    help: "Submissions this process failed, by failure_code",
    labelNames: ["code"] as const,
    registers: [registry],
  });
  const processingDefects = new Counter({
    name: "order_intake_processing_defects_total",
    help: "Submissions this process failed because of a defect of the service (logged whole), not the merchant",
    registers: [registry],
  });
  const eventsRecorded = new Counter({
    name: "order_intake_events_total",
    help: "Events this process's processing recorded (each queued for the webhook endpoints it is for)",
    registers: [registry],
  });
  const eventsDeleted = new Counter({
    name: "order_intake_events_deleted_total",
    help: "Events this process deleted once older than EVENT_RETENTION_DAYS, with their deliveries",
    registers: [registry],
  });
  const invitationsWritten = new Counter({
    name: "order_intake_invitations_scheduled_total",
    help: "Review invitations processing created or changed (scheduled, rescheduled, updated, skipped)",
    registers: [registry],
  });
  const invitationsReleased = new Counter({
    name: "order_intake_invitations_released_total",
    help: "Review invitations checked at their due time, by what became of them (due, or skipped with a reason)",
    labelNames: ["status", "reason"] as const,
    registers: [registry],
  });
  const erasures = new Counter({
    name: "order_intake_erasures_total",
    help: "Erasure requests this process carried out",
    registers: [registry],
  });
  const erasedRecords = new Counter({
    name: "order_intake_erased_records_total",
    help: "Records this process's erasures erased, by kind (orders, order_items, submissions, pending_submissions, events, webhook_attempts, idempotency_records, suppressions)",
    labelNames: ["kind"] as const,
    registers: [registry],
  });
  const retentionRemoved = new Counter({
    name: "order_intake_retention_removed_total",
    help: "What this process's retention sweep removed, by kind (raw_documents: emptied after RAW_DOCUMENT_RETENTION_DAYS; orders: erased after ORDER_RETENTION_DAYS)",
    labelNames: ["kind"] as const,
    registers: [registry],
  });
  const webhookAttempts = new Counter({
    name: "order_intake_webhook_attempts_total",
    help: "Webhook attempts this process made, by result (succeeded, failed_status, redirect, gone, timeout, …)",
    labelNames: ["result"] as const,
    registers: [registry],
  });
  const webhookLag = new Histogram({
    name: "order_intake_webhook_delivery_lag_seconds",
    help: "Time from an event's creation to the webhook attempt that delivered it, retries included",
    buckets: [0.1, 0.5, 1, 5, 15, 60, 300, 1800, 7200, 21_600, 86_400, 259_200],
    registers: [registry],
  });
  const endpointsDisabled = new Counter({
    name: "order_intake_webhook_endpoints_disabled_total",
    help: "Webhook endpoints this process disabled, by reason (gone: answered 410; failing: 5 days of failures)",
    labelNames: ["reason"] as const,
    registers: [registry],
  });
  const webhooks: WebhookDeliveryMetrics = {
    countAttempt: (result) => webhookAttempts.inc({ result }),
    observeDeliveryLag: (seconds) => webhookLag.observe(seconds),
    countEndpointDisabled: (reason) => endpointsDisabled.inc({ reason }),
  };
  const backlogRefusals = new Counter({
    name: "order_intake_backlog_refusals_total",
    help: "Submission requests answered 503 overloaded because the backlog was at its ceiling",
    registers: [registry],
  });
  const commitSize = new Histogram({
    name: "order_intake_commit_batch_size",
    help: "Writes (requests) committed together in one transaction",
    buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256],
    registers: [registry],
  });
  const commitSeconds = new Histogram({
    name: "order_intake_commit_duration_seconds",
    help: "Time one group commit took, fsync included",
    buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1],
    registers: [registry],
  });
  new Gauge({
    name: "order_intake_commit_queue_depth",
    help: "Submissions waiting for a commit in this process",
    registers: [registry],
    collect() {
      this.set(sources.pendingCommits());
    },
  });
  new Gauge({
    name: "order_intake_submissions_pending",
    help: "Accepted submissions not processed yet (all processes)",
    registers: [registry],
    async collect() {
      this.set(await sources.store.countPendingSubmissions());
    },
  });
  new Gauge({
    name: "order_intake_backlog_ceiling",
    help: "Most submissions waiting to be processed before submissions are refused (MAX_BACKLOG); 0 is none",
    registers: [registry],
    collect() {
      this.set(sources.backlog.maxBacklog);
    },
  });
  new Gauge({
    name: "order_intake_backlog_estimate",
    help: "Submissions waiting to be processed as this process last estimated them against the ceiling",
    registers: [registry],
    collect() {
      this.set(sources.backlog.estimate);
    },
  });
  new Gauge({
    name: "order_intake_processing_lag_seconds",
    help: "Age of the oldest accepted submission not processed yet; 0 when none waits",
    registers: [registry],
    async collect() {
      const oldest = await sources.store.oldestPendingAcceptedAt();
      this.set(oldest ? Math.max(0, (sources.now().getTime() - Date.parse(oldest)) / 1000) : 0);
    },
  });
  return {
    registry,
    observeCommit(size: number, durationMs: number): void {
      commitSize.observe(size);
      commitSeconds.observe(durationMs / 1000);
    },
    countStoreFailure(): void {
      storeFailures.inc();
    },
    /** Counts what one processing batch did: outcomes by kind, failures by code, defects. */
    countProcessing(report: ProcessingReport): void {
      for (const [outcome, count] of Object.entries(report.outcomes)) {
        if (count > 0) processed.inc({ outcome }, count);
      }
      for (const { code } of report.failures) failed.inc({ code });
      if (report.defects.length > 0) processingDefects.inc(report.defects.length);
      if (report.events > 0) eventsRecorded.inc(report.events);
      if (report.invitations > 0) invitationsWritten.inc(report.invitations);
    },
    /** Counts what one due-time check did, and the events it recorded. */
    countInvitationRelease(report: ReleaseReport): void {
      if (report.due > 0) invitationsReleased.inc({ status: "due", reason: "" }, report.due);
      for (const [reason, count] of Object.entries(report.skipped)) {
        if (count) invitationsReleased.inc({ status: "skipped", reason }, count);
      }
      if (report.events > 0) eventsRecorded.inc(report.events);
    },
    countEventsDeleted(count: number): void {
      eventsDeleted.inc(count);
    },
    countErasure(counts: ErasureCounts): void {
      erasures.inc();
      for (const kind of ERASED_RECORD_KINDS) if (counts[kind] > 0) erasedRecords.inc({ kind }, counts[kind]);
    },
    countRetention(sweep: RetentionSweep): void {
      if (sweep.rawDocuments > 0) retentionRemoved.inc({ kind: "raw_documents" }, sweep.rawDocuments);
      if (sweep.orders > 0) retentionRemoved.inc({ kind: "orders" }, sweep.orders);
    },
    /** What the webhook deliverer in this process counts. */
    webhooks,
    countBacklogRefusal(): void {
      backlogRefusals.inc();
    },
    countRequest(route: string, method: string, status: number): void {
      requests.inc({ route, method, status });
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

/** Counts every answer by its route pattern (never the raw URL, whose ids would explode the label set). */
export function registerMetricsRoute(app: FastifyInstance, metrics: Metrics): void {
  app.addHook("onResponse", async (request, reply) => {
    metrics.countRequest(request.routeOptions.url ?? "unmatched", request.method, reply.statusCode);
  });
  app.get(
    "/metrics",
    {
      schema: {
        operationId: "getMetrics",
        tags: ["operations"],
        summary: "Prometheus metrics",
        description:
          "Requests by route and status, group commits, the commit queue, submissions waiting, the backlog " +
          "ceiling and its refusals, the processing lag, events recorded and deleted, and webhook attempts by result, " +
          "delivery lag and endpoints disabled, in the Prometheus text format. Needs no " +
          "credentials: keep it off the public network.",
        response: {
          200: {
            description: "The metrics in the Prometheus text exposition format",
            content: {
              "text/plain": {
                schema: { type: "string" },
                example:
                  "# HELP order_intake_submissions_pending Accepted submissions not processed yet (all processes)\n" +
                  "# TYPE order_intake_submissions_pending gauge\norder_intake_submissions_pending 0\n",
              },
            },
          },
        },
      },
    },
    async (_, reply) => {
      const body = await metrics.registry.metrics();
      return reply.type(metrics.registry.contentType).send(body);
    },
  );
}
