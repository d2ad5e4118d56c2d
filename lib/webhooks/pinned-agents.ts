import type { LookupFunction } from "node:net";
import { Agent } from "undici";

export type CheckedAddress = { address: string; family: 4 | 6 };

type Entry = { agent: Agent; inFlight: number; lastUsed: number };

/**
 * Keep-alive agents, each pinned to one host name and the exact addresses checkDestination
 * approved for it. The key holds both, so a kept-alive connection is only reused for the same
 * checked answer: when DNS answers differently, the next attempt gets another agent and a new
 * connection to the newly checked address. Bounded: beyond `maxAgents`, and after `idleMs`
 * unused, agents with nothing in flight are closed (their sockets already close sooner, after
 * `keepAliveMs` idle).
 */
export class PinnedAgents {
  private readonly entries = new Map<string, Entry>();
  private readonly maxAgents: number;
  private readonly idleMs: number;
  private readonly keepAliveMs: number;
  private readonly now: () => number;

  constructor(options: { maxAgents?: number; idleMs?: number; keepAliveMs?: number; now?: () => number } = {}) {
    this.maxAgents = options.maxAgents ?? 64;
    this.idleMs = options.idleMs ?? 60_000;
    this.keepAliveMs = options.keepAliveMs ?? 4_000;
    this.now = options.now ?? Date.now;
  }

  /** Runs `send` with the agent for this host and these addresses; it is not closed while in use. */
  async with<T>(hostname: string, addresses: CheckedAddress[], send: (agent: Agent) => Promise<T>): Promise<T> {
    const key = `${hostname.toLowerCase()} ${addresses
      .map((a) => a.address)
      .sort()
      .join(",")}`;
    const entry = this.entries.get(key) ?? {
      agent: newAgent(hostname, addresses, this.keepAliveMs),
      inFlight: 0,
      lastUsed: 0,
    };
    entry.inFlight += 1;
    this.touch(key, entry);
    this.closeUnneeded();
    try {
      return await send(entry.agent);
    } finally {
      entry.inFlight -= 1;
      if (this.entries.get(key) === entry) this.touch(key, entry);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  /** Closes every agent, letting requests in flight finish (tests, shutdown). */
  async closeAll(): Promise<void> {
    const agents = [...this.entries.values()].map((e) => e.agent);
    this.entries.clear();
    await Promise.all(agents.map((agent) => agent.close().catch(() => {})));
  }

  /** Marks the entry used now; the map's order stays least recently used first. */
  private touch(key: string, entry: Entry): void {
    entry.lastUsed = this.now();
    this.entries.delete(key);
    this.entries.set(key, entry);
  }

  private closeUnneeded(): void {
    const idleSince = this.now() - this.idleMs;
    let excess = this.entries.size - this.maxAgents;
    for (const [key, entry] of this.entries) {
      if (entry.inFlight > 0) continue;
      if (excess <= 0 && entry.lastUsed > idleSince) break; // the rest were used more recently still
      this.entries.delete(key);
      excess -= 1;
      void entry.agent.close().catch(() => {});
    }
  }
}

function newAgent(hostname: string, addresses: CheckedAddress[], keepAliveMs: number): Agent {
  return new Agent({ keepAliveTimeout: keepAliveMs, connect: { lookup: pinnedLookup(hostname, addresses) } });
}

/** A dns.lookup stand-in that only ever answers with the addresses checkDestination approved. */
function pinnedLookup(hostname: string, addresses: CheckedAddress[]): LookupFunction {
  return (name, lookupOptions, callback) => {
    const family = lookupOptions.family === 4 || lookupOptions.family === 6 ? lookupOptions.family : null;
    const matches =
      name.toLowerCase() === hostname.toLowerCase()
        ? addresses.filter((a) => family === null || a.family === family)
        : [];
    const first = matches[0];
    if (!first) {
      const error = Object.assign(new Error(`getaddrinfo ENOTFOUND ${name}`), { code: "ENOTFOUND", hostname: name });
      callback(error, lookupOptions.all ? [] : "", 0);
    } else if (lookupOptions.all) {
      callback(
        null,
        matches.map((a) => ({ address: a.address, family: a.family })),
      );
    } else {
      callback(null, first.address, first.family);
    }
  };
}
