import { describe, expect, it } from "vitest";
import type { Agent } from "undici";
import { PinnedAgents, type CheckedAddress } from "./pinned-agents";

const at = (address: string): CheckedAddress[] => [{ address, family: 4 }];
const closed = (agent: Agent) => (agent as unknown as { closed: boolean }).closed;
const agentFor = (agents: PinnedAgents, hostname: string, addresses: CheckedAddress[]) =>
  agents.with(hostname, addresses, async (agent) => agent);

describe("PinnedAgents", () => {
  it("reuses an agent only for the same host name and the same checked addresses", async () => {
    const agents = new PinnedAgents();
    const first = await agentFor(agents, "hooks.example.com", at("203.0.113.7"));
    expect(await agentFor(agents, "HOOKS.example.com", at("203.0.113.7"))).toBe(first);
    expect(await agentFor(agents, "hooks.example.com", at("203.0.113.8"))).not.toBe(first); // DNS changed its answer
    expect(await agentFor(agents, "other.example.com", at("203.0.113.7"))).not.toBe(first);
    const pair = [
      { address: "203.0.113.7", family: 4 as const },
      { address: "2001:db8::7", family: 6 as const },
    ];
    expect(await agentFor(agents, "hooks.example.com", pair)).toBe(
      await agentFor(agents, "hooks.example.com", [...pair].reverse()),
    );
    expect(await agentFor(agents, "hooks.example.com", pair)).not.toBe(first);
    await agents.closeAll();
  });

  it("closes the least recently used agent beyond its bound", async () => {
    const agents = new PinnedAgents({ maxAgents: 2 });
    const a = await agentFor(agents, "a.example.com", at("203.0.113.1"));
    const b = await agentFor(agents, "b.example.com", at("203.0.113.2"));
    await agentFor(agents, "a.example.com", at("203.0.113.1")); // a is now the most recent
    await agentFor(agents, "c.example.com", at("203.0.113.3"));
    expect(agents.size).toBe(2);
    expect(closed(b)).toBe(true);
    expect(closed(a)).toBe(false);
    await agents.closeAll();
  });

  it("never closes an agent while a request is using it", async () => {
    const agents = new PinnedAgents({ maxAgents: 1 });
    let release = () => {};
    let held: Agent | undefined;
    const inFlight = agents.with("a.example.com", at("203.0.113.1"), async (agent) => {
      held = agent;
      await new Promise<void>((resolve) => (release = resolve));
    });
    await agentFor(agents, "b.example.com", at("203.0.113.2"));
    expect(closed(held!)).toBe(false);
    release();
    await inFlight;
    await agentFor(agents, "c.example.com", at("203.0.113.3"));
    expect(closed(held!)).toBe(true);
    expect(agents.size).toBe(1);
    await agents.closeAll();
  });

  it("closes agents left unused for the idle time", async () => {
    let now = 0;
    const agents = new PinnedAgents({ idleMs: 60_000, now: () => now });
    const idle = await agentFor(agents, "a.example.com", at("203.0.113.1"));
    now = 60_001;
    const fresh = await agentFor(agents, "b.example.com", at("203.0.113.2"));
    expect(closed(idle)).toBe(true);
    expect(closed(fresh)).toBe(false);
    expect(agents.size).toBe(1);
    await agents.closeAll();
  });
});
