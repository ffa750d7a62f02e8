import { randomUUID } from "node:crypto";
import type { FastifyBaseLogger } from "fastify";
import type { Config } from "../config.js";
import { createGroupCommitter } from "../storage/group-commit.js";
import { createStoreOutageLog, type EpisodeMessages } from "../storage/store-outage-log.js";
import type {
  ClaimedDelivery,
  WebhookAttemptRecord,
  WebhookAttemptResult,
  WebhookDisabledReason,
  WebhookStore,
} from "../storage/webhook-store.js";
import { toEventPayload } from "./event-payload.js";
import { createWakeablePause } from "./wakeable-pause.js";
import { decideAttempt } from "./webhook-schedule.js";
import { createWebhookSender, type WebhookSender } from "./webhook-sender.js";
import { secretsSigningAt } from "./webhook-signature.js";
import { createSlots, type Slots } from "./webhook-slots.js";

/** Deliveries held per slot at most (claimed, waiting for a slot of their endpoint), for a fast receiver. */
const HOLD_FACTOR = 64;
const MAX_REMEMBERED_ENDPOINTS = 1000;

/** What the deliverer counts, when the process has metrics (the worker has none). */
export interface WebhookDeliveryMetrics {
  countAttempt(result: WebhookAttemptResult): void;
  /** From the event's creation to the attempt that delivered it. */
  observeDeliveryLag(seconds: number): void;
  countEndpointDisabled(reason: WebhookDisabledReason): void;
}

/** How deliveries are made: the `WEBHOOK_*` settings. */
export interface WebhookDelivererSettings {
  allowPrivateUrls: boolean;
  timeoutMs: number;
  /** How long a claimed delivery is this deliverer's; longer than an attempt can take. */
  leaseMs: number;
  pollMs: number;
  /** Most attempts in flight at once in this process. */
  concurrency: number;
  /** Most attempts in flight at once to one endpoint. */
  endpointConcurrency: number;
}

/** The deliverer's settings, from the service's. */
export function webhookSettings(config: Config): WebhookDelivererSettings {
  return {
    allowPrivateUrls: config.webhookAllowPrivateUrls,
    timeoutMs: config.webhookTimeoutMs,
    leaseMs: config.webhookLeaseMs,
    pollMs: config.webhookPollMs,
    concurrency: config.webhookConcurrency,
    endpointConcurrency: config.webhookEndpointConcurrency,
  };
}

export interface WebhookDelivererOptions {
  store: Pick<WebhookStore, "claimWebhookDeliveries" | "recordWebhookAttempts">;
  log: Pick<FastifyBaseLogger, "info" | "warn" | "error" | "debug">;
  settings: WebhookDelivererSettings;
  metrics?: WebhookDeliveryMetrics;
  /** The queue's clock (due times, leases, the attempt log); tests pass their own. */
  now?: () => Date;
  /** For the schedule's jitter; tests pass their own. */
  random?: () => number;
  /** Longest `stop()` waits for attempts in flight (default: an attempt's timeout and 5 s). */
  stopTimeoutMs?: number;
}

const DELIVERY_OUTAGE: EpisodeMessages = {
  startLevel: "error",
  started: "webhook deliveries failing: retrying after each pause until the store works again",
  ongoing: "webhook deliveries still failing",
  ended: "webhook deliveries working again",
};

/**
 * Sends the queued webhook deliveries until stopped. It claims as many as it has free slots (never more
 * to one endpoint than `endpointConcurrency`) under a lease in its own name, sends each on its own, so
 * that a slow receiver holds only its own slots, and records each attempt with what it changes. A lease
 * that runs out (the process was killed between sending and recording) lets any deliverer send the
 * delivery again: at least once, with the same `webhook-id`.
 */
export function createWebhookDeliverer(options: WebhookDelivererOptions) {
  const { store, log, settings } = options;
  const now = options.now ?? (() => new Date());
  /** The lease owner: one per deliverer, so that a restarted process never takes its predecessor's leases for its own. */
  const owner = `${process.pid}-${randomUUID()}`;
  const sender: WebhookSender = createWebhookSender(settings);
  // The attempts that end while a record is being written are written together in the next one: one
  // commit (one fsync on SQLite) for many attempts, where one each would cap deliveries at the disk's rate.
  const recorder = createGroupCommitter<WebhookAttemptRecord>({
    commit: (records) => store.recordWebhookAttempts(records),
    maxPending: Number.MAX_SAFE_INTEGER,
  });
  /** Every claimed delivery's task, from its claim until its attempt is recorded (or left to its lease). */
  const held = new Set<Promise<void>>();
  const sending = createSlots(settings.concurrency);
  /** Per endpoint: its slots, its deliveries held, and how long its attempts have been taking. */
  const endpoints = new Map<string, { slots: Slots; held: number }>();
  const latencies = new Map<string, number>();
  /**
   * The attempts in flight to one endpoint may each decide to disable it: the first tells the operator,
   * the others (claimed before it told) are silent. Claims are numbered; an endpoint's entry holds the
   * number of the last claim made before the telling, and goes once nothing of the endpoint is held.
   */
  const disableToldAfterClaim = new Map<string, number>();
  let claims = 0;
  const outage = createStoreOutageLog(log, () => performance.now(), DELIVERY_OUTAGE);
  let running = false;
  let loop: Promise<void> | undefined;

  /** The idle pause; an attempt that ends or a processing report wakes it, unless the store just failed. */
  const idle = createWakeablePause();
  const wake = idle.wake;

  const holdLimit = settings.concurrency * HOLD_FACTOR;
  /**
   * How many of an endpoint's deliveries to hold at once: as many as its slots can send well within a
   * lease at the pace its attempts have been taking, between its bound and HOLD_FACTOR times it. A fast
   * receiver is sent many per claim (one commit for all of them); a slow one only what it can take.
   */
  function depthOf(endpointId: string): number {
    const latency = latencies.get(endpointId);
    if (latency === undefined) return settings.endpointConcurrency * HOLD_FACTOR;
    const rounds = Math.floor(settings.leaseMs / 2 / Math.max(latency, 1));
    return settings.endpointConcurrency * Math.min(HOLD_FACTOR, Math.max(1, rounds));
  }

  /**
   * How many to claim now, and which endpoints to leave: those holding at least their depth. One claim
   * may bring that many deliveries of any one endpoint, so it is no more than the least room an endpoint
   * taken has left (a new one's depth is the largest). Nothing is claimed for less than half of that
   * room unless nothing is held: claims come in groups, each one commit (one fsync on SQLite) for many
   * deliveries, rather than one per attempt that ends.
   */
  function claimLimit(): { limit: number; excludeEndpoints: string[] } {
    const excludeEndpoints: string[] = [];
    let limit = Math.min(holdLimit - held.size, settings.endpointConcurrency * HOLD_FACTOR);
    let wanted = limit;
    for (const [endpointId, endpoint] of endpoints) {
      const depth = depthOf(endpointId);
      if (endpoint.held >= depth / 2) excludeEndpoints.push(endpointId);
      else {
        limit = Math.min(limit, depth - endpoint.held);
        wanted = Math.min(wanted, depth);
      }
    }
    const enough = held.size === 0 || limit >= wanted / 2;
    return { limit: enough ? limit : 0, excludeEndpoints };
  }

  /** Claims what is due and starts sending it; says how many it claimed, or undefined if the store failed. */
  async function claimAndStart(): Promise<number | undefined> {
    const { limit, excludeEndpoints } = claimLimit();
    if (limit <= 0) return 0;
    const claimedAt = now();
    const leaseUntil = claimedAt.getTime() + settings.leaseMs;
    const claim = ++claims;
    let claimed: ClaimedDelivery[];
    try {
      claimed = await store.claimWebhookDeliveries({
        owner,
        now: claimedAt.toISOString(),
        leaseUntil: new Date(leaseUntil).toISOString(),
        limit,
        excludeEndpoints,
      });
      outage.succeeded();
    } catch (error) {
      outage.failed(error);
      return undefined;
    }
    for (const delivery of claimed) start(delivery, claim, leaseUntil);
    return claimed.length;
  }

  function start(delivery: ClaimedDelivery, claim: number, leaseUntil: number): void {
    const endpointId = delivery.endpoint.id;
    const endpoint = endpoints.get(endpointId) ?? {
      slots: createSlots(settings.endpointConcurrency),
      held: 0,
    };
    endpoints.set(endpointId, endpoint);
    endpoint.held += 1;
    const task = deliver(delivery, claim, leaseUntil, endpoint.slots).finally(() => {
      held.delete(task);
      endpoint.held -= 1;
      if (endpoint.held === 0) {
        endpoints.delete(endpointId);
        disableToldAfterClaim.delete(endpointId);
      }
      wake();
    });
    held.add(task);
  }

  async function deliver(delivery: ClaimedDelivery, claim: number, leaseUntil: number, slots: Slots) {
    const sent = await sendHeld(delivery, leaseUntil, slots);
    if (!sent) return;
    try {
      const record = decideAttempt({ claimed: delivery, sent, now: now(), owner, random: options.random });
      await recorder.submit(record);
      outage.succeeded();
      report(delivery, record, claim);
    } catch (error) {
      // Recorded later, by whoever claims it once the lease has run out: it is sent again meanwhile.
      outage.failed(error);
    }
  }

  /**
   * Sends a held delivery once a slot of its endpoint and one of the process are free: the endpoint's
   * first, so that a slow endpoint's held deliveries wait on its own slots and take none of the process's
   * from other endpoints. The slots are freed as the answer arrives, not once it is recorded: the record
   * waits its turn in a commit, and the next attempt need not wait with it.
   */
  async function sendHeld(delivery: ClaimedDelivery, leaseUntil: number, slots: Slots) {
    await slots.acquire();
    await sending.acquire();
    try {
      // An attempt that might outlast the lease is not started: another deliverer could take the delivery
      // over meanwhile and send the order's next event before this one. The lease's end sends it again.
      if (now().getTime() + settings.timeoutMs >= leaseUntil) return undefined;
      const sent = await sender.send({
        endpointId: delivery.endpoint.id,
        url: delivery.endpoint.url,
        eventId: delivery.event.id,
        body: JSON.stringify(toEventPayload(delivery.event)),
        secrets: secretsSigningAt(delivery.endpoint.secrets, now()),
      });
      noteLatency(delivery.endpoint.id, sent.latencyMs);
      return sent;
    } catch (error) {
      // The sender answers every failure of the receiver as a result: this is a defect of the service.
      // The delivery is left to its lease, and sent again after it.
      log.error({ err: error, endpointId: delivery.endpoint.id }, "sending a webhook attempt failed");
      return undefined;
    } finally {
      sending.release();
      slots.release();
    }
  }

  /** A moving average of the endpoint's attempts' latency, for its depth; a bounded number remembered. */
  function noteLatency(endpointId: string, latencyMs: number): void {
    const before = latencies.get(endpointId);
    latencies.delete(endpointId);
    latencies.set(endpointId, before === undefined ? latencyMs : before * 0.8 + latencyMs * 0.2);
    if (latencies.size > MAX_REMEMBERED_ENDPOINTS) {
      const oldest = latencies.keys().next().value;
      if (oldest !== undefined) latencies.delete(oldest);
    }
  }

  /** Counts the attempt, and tells the operator once of an endpoint this deliverer disabled. */
  function report(delivery: ClaimedDelivery, record: WebhookAttemptRecord, claim: number): void {
    try {
      options.metrics?.countAttempt(record.attempt.result);
      if (record.delivery.status === "succeeded") {
        const lag = (Date.parse(record.delivery.completedAt) - Date.parse(delivery.event.createdAt)) / 1000;
        options.metrics?.observeDeliveryLag(Math.max(0, lag));
      }
      const { disable } = record;
      const endpointId = delivery.endpoint.id;
      if (disable && claim > (disableToldAfterClaim.get(endpointId) ?? 0)) {
        disableToldAfterClaim.set(endpointId, claims);
        log.warn(
          { endpointId, reason: disable.reason, failingSince: record.failingSince },
          disable.reason === "gone"
            ? "webhook endpoint disabled: its receiver answered 410 Gone"
            : "webhook endpoint disabled: every attempt has failed for 5 days",
        );
        options.metrics?.countEndpointDisabled(disable.reason);
      }
    } catch (error) {
      log.error({ err: error }, "reporting a webhook attempt failed");
    }
  }

  async function runLoop(): Promise<void> {
    while (running) {
      idle.woken = false;
      const started = await claimAndStart();
      if (!running) break;
      const full = claimLimit().limit === 0;
      const storeFailed = started === undefined;
      // More may be due: claim again at once, unless the held deliveries fill the room (an attempt that
      // ends wakes it). A store that failed is given its pause, wakes or not.
      const again = !storeFailed && ((started > 0 && !full) || idle.woken);
      if (again) await new Promise((resolve) => setImmediate(resolve));
      else await idle.pause(settings.pollMs, !storeFailed);
    }
  }

  return {
    /** The id its leases are held under. */
    owner,
    start(): void {
      if (running) return;
      running = true;
      loop = runLoop();
    },
    /** Cuts the idle sleep short: events were recorded, and their deliveries are due now. */
    wake(): void {
      setImmediate(wake);
    },
    /** Stops claiming, waits (a bounded time) for the attempts in flight to be recorded, closes connections. */
    async stop(): Promise<void> {
      running = false;
      idle.end();
      await loop;
      await waitFor([...held], options.stopTimeoutMs ?? settings.timeoutMs + 5000);
      sender.close();
    },
    /**
     * For tests, instead of `start()`: claims what is due and waits for those attempts to be recorded,
     * again until nothing more is due (an order's next event is due once its earlier one is delivered).
     * Says how many attempts it made.
     */
    async deliverDue(maxRounds = 1000): Promise<number> {
      let attempts = 0;
      for (let round = 0; round < maxRounds; round++) {
        const started = (await claimAndStart()) ?? 0;
        await Promise.all([...held]);
        if (started === 0) break;
        attempts += started;
      }
      return attempts;
    },
  };
}

export type WebhookDeliverer = ReturnType<typeof createWebhookDeliverer>;

async function waitFor(tasks: Promise<void>[], ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  await Promise.race([Promise.all(tasks), bound]);
  clearTimeout(timer);
}
