import ipaddr from "ipaddr.js";
import { env } from "@/lib/config/env";

/**
 * The address of the client behind a request, for rate limits and logs. The server appends the
 * address of the socket peer to `X-Forwarded-For` (see instrumentation.ts), so the last entry is
 * who connected to us; with `TRUSTED_PROXY_HOPS` proxies in front, each of them appended the
 * address it saw, and the client is that many entries further left. Entries left of that were
 * written by the client and are never believed.
 */
export function clientAddress(headers: Headers, trustedHops = env().TRUSTED_PROXY_HOPS): string | null {
  const chain = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (chain.length === 0) return null;
  const entry = chain[Math.max(0, chain.length - 1 - trustedHops)]!;
  if (!ipaddr.isValid(entry)) return null;
  const address = ipaddr.parse(entry);
  // `::ffff:203.0.113.7` is how a dual-stack socket reports an IPv4 client.
  return address.kind() === "ipv6" && (address as ipaddr.IPv6).isIPv4MappedAddress()
    ? (address as ipaddr.IPv6).toIPv4Address().toString()
    : address.toString();
}

/**
 * What a per-client limit counts: an IPv4 address as itself, an IPv6 address as its /64 (one
 * client usually holds a whole /64, and could otherwise step past a limit address by address),
 * and every request whose address is unknown as one "unknown" client, so the limit still applies.
 */
export function clientNetwork(address: string | null): string {
  if (!address || !ipaddr.isValid(address)) return "unknown";
  const parsed = ipaddr.parse(address);
  if (parsed.kind() === "ipv4") return parsed.toString();
  const parts = (parsed as ipaddr.IPv6).parts;
  return `${new ipaddr.IPv6([...parts.slice(0, 4), 0, 0, 0, 0]).toString()}/64`;
}
