import { lookup as dnsLookup } from "node:dns/promises";
import { isIP } from "node:net";
import ipaddr from "ipaddr.js";

/** Resolves a host name to every address it has (injectable for tests). */
export type Lookup = (hostname: string) => Promise<{ address: string; family: number }[]>;
const systemLookup: Lookup = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

export type Destination =
  | { ok: true; addresses: { address: string; family: 4 | 6 }[] }
  | { ok: false; reason: string; unresolved?: boolean };

/**
 * Only ordinary public unicast addresses may receive webhooks: not loopback, private, link-local
 * (cloud metadata lives there), unique-local, carrier-grade NAT, multicast, reserved or
 * unspecified, in IPv4 or IPv6, including IPv4-mapped IPv6 (::ffff:127.0.0.1).
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  return ipaddr.process(address).range() === "unicast";
}

const BLOCKED_NAMES = [/^localhost$/i, /\.localhost$/i, /^metadata\.google\.internal$/i];

/**
 * Checks where a webhook URL would connect. Used when a webhook is saved and again at connect
 * time, where the caller connects to the returned addresses (never resolving the name again),
 * so DNS cannot swap in a private address after the check.
 */
export async function checkDestination(url: string | URL, options: { allowPrivate: boolean; lookup?: Lookup }): Promise<Destination> {
  const parsed = typeof url === "string" ? new URL(url) : url;
  // URL keeps IPv6 literals in brackets; numeric IPv4 forms (2130706433, 0x7f.1) are already normalised.
  const host = parsed.hostname.replace(/^\[(.*)\]$/, "$1");
  if (isIP(host)) {
    const family = isIP(host) as 4 | 6;
    if (options.allowPrivate || isPublicAddress(host)) return { ok: true, addresses: [{ address: host, family }] };
    return { ok: false, reason: `${host} is a private, loopback or reserved address` };
  }
  if (!options.allowPrivate && BLOCKED_NAMES.some((name) => name.test(host))) {
    return { ok: false, reason: `${host} is a local host name` };
  }
  let resolved: { address: string; family: number }[];
  try {
    resolved = await (options.lookup ?? systemLookup)(host);
  } catch {
    return { ok: false, reason: `${host} could not be resolved`, unresolved: true };
  }
  if (resolved.length === 0) return { ok: false, reason: `${host} could not be resolved`, unresolved: true };
  const addresses = resolved.map((r) => ({ address: r.address, family: (r.family === 6 ? 6 : 4) as 4 | 6 }));
  if (!options.allowPrivate) {
    const blocked = addresses.find((a) => !isPublicAddress(a.address));
    if (blocked) return { ok: false, reason: `${host} resolves to ${blocked.address}, a private, loopback or reserved address` };
  }
  return { ok: true, addresses };
}
