import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";

/** Most endpoints' agents kept at once: beyond it the one used longest ago is closed. */
const MAX_AGENTS = 256;
/** An endpoint not sent anything for this long has its agent (and its sockets) closed. */
const IDLE_AGENT_MS = 60_000;
/** How long a connection is kept open between attempts, unless the receiver says less (`Keep-Alive`). */
const FREE_SOCKET_MS = 30_000;
/** How often idle agents are looked for, at most. */
const SWEEP_EVERY_MS = 10_000;

interface PooledAgent {
  agent: http.Agent;
  inFlight: number;
  lastUsed: number;
}

/**
 * A keep-alive agent per endpoint, so that the attempts to one receiver reuse its connections (a TLS
 * handshake per event would cost more than the event) without one endpoint's sockets serving another's.
 * Bounded in count; agents idle for a while are closed with their sockets.
 */
export function createAgentPool(options: { lookup?: LookupFunction; clock?: () => number }) {
  const clock = options.clock ?? (() => performance.now());
  const agents = new Map<string, PooledAgent>();
  let sweptAt = clock();

  const close = (key: string, pooled: PooledAgent) => {
    pooled.agent.destroy();
    agents.delete(key);
  };

  function sweep(now: number): void {
    if (now - sweptAt < SWEEP_EVERY_MS && agents.size < MAX_AGENTS) return;
    sweptAt = now;
    for (const [key, pooled] of agents) {
      if (pooled.inFlight === 0 && now - pooled.lastUsed >= IDLE_AGENT_MS) close(key, pooled);
    }
    // Least recently used first (the map is kept in order of use); those in flight are kept.
    for (const [key, pooled] of agents) {
      if (agents.size < MAX_AGENTS) break;
      if (pooled.inFlight === 0) close(key, pooled);
    }
  }

  function create(secure: boolean): http.Agent {
    const agentOptions = {
      keepAlive: true,
      timeout: FREE_SOCKET_MS,
      scheduling: "lifo" as const,
      ...(options.lookup && { lookup: options.lookup }),
    };
    return secure ? new https.Agent(agentOptions) : new http.Agent(agentOptions);
  }

  return {
    /** The agent for `endpointId` at `url`'s origin, held until `release()` is called. */
    acquire(endpointId: string, url: URL): { agent: http.Agent; release: () => void } {
      const now = clock();
      sweep(now);
      const key = `${endpointId} ${url.origin}`;
      const pooled = agents.get(key) ?? {
        agent: create(url.protocol === "https:"),
        inFlight: 0,
        lastUsed: now,
      };
      agents.delete(key);
      agents.set(key, pooled);
      pooled.inFlight++;
      let released = false;
      return {
        agent: pooled.agent,
        release() {
          if (released) return;
          released = true;
          pooled.inFlight--;
          pooled.lastUsed = clock();
        },
      };
    },
    /** Closes every agent and its connections. */
    close(): void {
      for (const [key, pooled] of agents) close(key, pooled);
    },
    get size(): number {
      return agents.size;
    },
  };
}

export type AgentPool = ReturnType<typeof createAgentPool>;
