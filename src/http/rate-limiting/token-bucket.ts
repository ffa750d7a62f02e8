/**
 * A token bucket: it holds at most `burst` tokens, refills at `ratePerSecond`, and a request may go ahead
 * while a token is left. The same arithmetic runs in memory and, as a Lua script, inside Redis; this is the
 * reference both follow.
 */
export interface BucketPolicy {
  ratePerSecond: number;
  burst: number;
}

export interface BucketState {
  tokens: number;
  updatedAtMs: number;
}

/**
 * What a draw asks: go ahead only if `need` tokens are there, and then take `cost` of them. A draw that
 * needs nothing (recording a failure) may leave the bucket in debt, down to minus its size, so that a
 * wave of concurrent requests that all passed a check pays for itself with a longer wait.
 */
export interface BucketDraw {
  cost: number;
  need: number;
}

export interface BucketVerdict {
  allowed: boolean;
  /** Whole tokens left after the draw. */
  remaining: number;
  /** Until enough tokens for the draw are back; 0 when it was allowed. */
  retryAfterMs: number;
  /** Until the bucket is full again. */
  fullInMs: number;
}

/** Refills the bucket for the time passed, then draws from it. An unknown bucket starts full. */
export function drawFromBucket(
  state: BucketState | undefined,
  policy: BucketPolicy,
  nowMs: number,
  draw: BucketDraw,
): { state: BucketState; verdict: BucketVerdict } {
  const tokens = refilled(state, policy, nowMs);
  // A draw that needs nothing goes ahead even from a bucket in debt.
  const allowed = draw.need <= 0 || tokens >= draw.need;
  const after = allowed ? Math.max(-policy.burst, tokens - draw.cost) : tokens;
  return {
    state: { tokens: after, updatedAtMs: nowMs },
    verdict: verdictFor(allowed, after, policy, draw),
  };
}

function refilled(state: BucketState | undefined, policy: BucketPolicy, nowMs: number): number {
  if (!state) return policy.burst;
  // A clock that stepped back refills nothing rather than emptying the bucket.
  const elapsedMs = Math.max(0, nowMs - state.updatedAtMs);
  return Math.min(policy.burst, state.tokens + (elapsedMs * policy.ratePerSecond) / 1000);
}

/** The verdict for a bucket left with `tokens` after a draw; Redis's script returns the same two facts. */
export function verdictFor(
  allowed: boolean,
  tokens: number,
  policy: BucketPolicy,
  draw: BucketDraw,
): BucketVerdict {
  return {
    allowed,
    remaining: Math.max(0, Math.floor(tokens)),
    retryAfterMs: allowed ? 0 : msToRefill(draw.need - tokens, policy),
    fullInMs: msToRefill(policy.burst - tokens, policy),
  };
}

function msToRefill(missing: number, policy: BucketPolicy): number {
  return Math.ceil((Math.max(0, missing) * 1000) / policy.ratePerSecond);
}
